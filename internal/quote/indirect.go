package quote

import (
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/doc"
)

// indirect finds reported speech without quotation marks, sentence by
// sentence: "X said (that) CLAUSE", "X told reporters that CLAUSE",
// ", adding that CLAUSE", "according to X, CLAUSE", "CLAUSE, according to
// X" and "CLAUSE, X said". The content is the reported clause.
func (x *analysis) indirect() {
	k := 0 // x.reports[k:] are in this sentence or after
	for si := range x.d.Sentences {
		lo, hi := x.sentFirst[si], x.sentFirst[si+1]
		x.headline(si, lo, hi)
		x.framed(lo, hi)
		for k < len(x.reports) && x.reports[k] < lo {
			k++
		}
		// Only the tokens tagged tReport (a cue, or "according") can start a
		// report.
		for ; k < len(x.reports) && x.reports[k] < hi; k++ {
			c := x.reports[k]
			if x.info[c].cue == noCue && !x.has(c, fSaid) {
				// Most words: only "according to" can start a report here.
				if t := x.s[x.toks[c].Start]; t != 'a' && t != 'A' || x.has(c, fInQuote|fMark) || !x.isAccordingTo(c, hi) {
					continue
				}
			}
			if x.has(c, fInQuote|fMark) {
				continue
			}
			if x.isAccordingTo(c, hi) {
				x.accordingTo(lo, hi, c)
				continue
			}
			cl := x.info[c].cue
			if (cl != noCue || x.has(c, fSaid)) && c > lo && !x.has(c, fCap) && x.nominal(lo, hi, c) {
				continue
			}
			if !x.isCue(c) && !x.infinitive(c) && !x.gerundAfterPrep(c) || x.has(c, fCap) && c != lo && !(cl == askCue && c == lo) {
				continue
			}
			if (cl == askCue || cl == tellCue || cl == sayCue) && x.objectTo(lo, hi, c) {
				continue
			}
			if cl == askCue {
				x.askedAbout(lo, hi, c)
				continue
			}
			if cl == seemCue {
				x.seeming(lo, hi, c)
				continue
			}
			inf := !x.isCue(c) // "to endorse Trump": only an object or a clause after it
			if !inf && (x.parenthetical(lo, hi, c) || (cl == sayCue || cl == tellCue || cl == writeCue) && x.asReported(lo, hi, c)) {
				continue
			}
			if start := x.clauseAfter(c, hi, cl); start >= 0 && x.emitIndirect(lo, hi, c, start, x.clauseEnd(start, hi),
				cl == sayCue || cl == tellCue || cl == writeCue || x.tokText(start-1) == "that") {
				continue
			}
			if (cl == sayCue || cl == thinkCue || cl == writeCue || cl == tellCue) && !inf && x.fronted(lo, hi, c) {
				continue
			}
			if cl == sayCue && c+1 < hi && (c+2 == hi || !x.isWord(c+2) || x.has(c+2, fStop)) {
				switch x.tokText(c + 1) {
				case "yes", "no", "so":
					// "75 percent of Democrats said yes", "after half said so"
					x.emitOne(lo, hi, c)
					continue
				}
			}
			if (cl == sayCue || cl == thinkCue) && c+2 < hi && x.tokText(c+1) == "to" && x.isWord(c+2) && !x.has(c+2, fCap|fDet|fPronoun|fStop|fPrep) &&
				!strings.HasPrefix(x.tokText(c), "continu") && // "continues to trail Clinton": no report
				x.emitIndirect(lo, hi, c, c+1, x.clauseEnd(c+1, hi), false) {
				continue // "vowed to ban Muslims", "agreed to pay", "hopes to win"
			}
			if c+2 < hi && x.isWord(c+2) && (x.topicPrep(cl, x.tokText(c), x.tokText(c+1)) || x.respondsTo(c, hi)) {
				// "spoke about the economy", "called for a ban", "warned against …".
				e := x.objectEnd(c+2, hi)
				if m := x.rightNP(c+2, e); (m.kind == nameMention || m.kind == pronounMention) && m.b < e && x.has(m.b, fPrep|fStop) {
					e = m.b // "would vote for Clinton for president" (but "speak to NATO allies")
				}
				x.emitIndirect(lo, hi, c, c+1, e, false)
				continue
			}
			if cl == sayCue && reportsObject(x.tokText(c)) && c+1 < hi && x.isWord(c+1) && !x.has(c+1, fSkip|fStop|fPrep) && !inf {
				// The object of a verb that reports a fact: "Twitter reported
				// disappointingly flat user growth", "announced plans to …".
				x.emitIndirect(lo, hi, c, c+1, x.objectEnd(c+1, hi), false)
				continue
			}
			if cl == callCue || cl == stanceCue || cl == thinkCue || cl == writeCue && c+1 < hi && x.has(c+1, fDet) && !x.has(c+1, fPronoun) && !x.markAfter(c, hi) {
				// The object: "endorsed Hillary Clinton", "wants to win",
				// "tweeted her thanks to the president".
				t := x.tokText(c)
				participle := len(t) > 3 && t[len(t)-3:] == "ing" && !x.progressive(c)
				if start := c + 1; start < hi && x.isWord(start) && (!x.has(start, fSkip) || isReflexive(x.tokText(start))) && x.tokText(start) != "by" && (!participle || c > lo && (x.tokText(c-1) == "," || x.has(c-1, fPrep))) {
					// (not a passive's agent: "who is wanted by the international criminal court")
					end := x.objectEnd(start, hi)
					if cl == stanceCue {
						// "endorsed Cruz last week": the one endorsed.
						if m := x.rightNP(start, end); m.kind == nameMention || m.kind == pronounMention && x.tokText(start) != "I" {
							end = m.b
						}
					}
					// The object is reported whoever the holders are, found or
					// not ("about 6 in 10 white men supported Sanders", "about a
					// third of Democratic voters or less want a switch …").
					x.emitIndirect(lo, hi, c, start, end, true)
				} else if participle && cl == stanceCue && start < hi && c > lo {
					x.heldBy(lo, hi, c)
				}
			}
		}
	}
}

// heldBy handles a stance participle after its holder: "a group backing
// Bush", "hedge fund executives supporting her campaign". The content is
// the name or pronoun after it, the holder the noun phrase before.
func (x *analysis) heldBy(lo, hi, c int) {
	h := x.leftNP(lo, c-1)
	if !h.ok() || h.kind == pronounMention {
		return
	}
	m := x.rightNP(c+1, hi)
	if m.kind != nameMention && m.kind != pronounMention || x.tokText(c+1) == "I" {
		return
	}
	span := doc.Span{Start: x.toks[m.a].Start, End: x.toks[m.b-1].End}
	t := x.toks[c]
	q := doc.Quote{Text: x.s[span.Start:span.End], Kind: doc.Indirect, Span: span, Cue: x.s[t.Start:t.End], CueStart: t.Start, CueEnd: t.End}
	x.speaker(&q, h)
	x.out = append(x.out, q)
	x.speech = append(x.speech, false)
}

// clauseAfter returns the first token of the clause that the cue at c
// reports, or -1: the word after "that" within a few tokens ("said on
// Friday that …"), or for speech and belief verbs the next word when it
// can start a clause ("said he would …").
func (x *analysis) clauseAfter(c, hi int, cl cueClass) int {
	i := c + 1
	if (cl == sayCue || cl == writeCue) && i+1 < hi && x.tokText(i) == "to" {
		// "wrote to Sanders’ Senate office that …", "said to reporters that …"
		if m := x.rightNP(i+1, hi); m.ok() && m.kind != pronounMention || i+2 < hi && isObjectPronoun(x.tokText(i+1)) {
			if m.ok() {
				i = m.b
			} else {
				i += 2
			}
			for j := i; j < hi && j < i+6; j++ {
				if x.tokText(j) == "that" && j+1 < hi && x.isWord(j+1) {
					return j + 1
				}
				if !x.isWord(j) && !x.isPossessive(j) && x.tokText(j) != "," {
					break
				}
			}
		}
		return -1
	}
	if cl == tellCue {
		if isObjectPronoun(x.tokText(i)) && i+1 < hi && x.isWord(i+1) {
			i++ // told me he’s had a relatively tragedy-free life
		}
		if i > c+1 {
			// the hearer is a pronoun
		} else if m := x.rightNP(i, hi); m.ok() {
			i = m.b
		} else if !x.isWord(i) || x.has(i, fStop|fSkip|fPrep|fCap) {
			return -1
		} // else a bare hearer, found by the "that" below: "told reporters that"
	}
	reach := 10 // "said in an interview with The Associated Press last week that"
	if cl == tellCue {
		reach = 12 // "told The Post and Courier newspaper of Charleston on Saturday that"
	}
	for j := i; j < hi && j < i+reach; j++ {
		t := x.tokText(j)
		if t == "that" {
			if j+1 < hi && x.isWord(j+1) {
				return j + 1
			}
			return -1
		}
		if x.has(j, fInQuote|fMark) || !x.isWord(j) && t != "," && !x.isPossessive(j) || x.info[j].cue != noCue || t == "to" && (j == i || cl != sayCue) || t == "and" && cl != tellCue {
			break
		}
	}
	if cl != sayCue && cl != thinkCue && cl != tellCue || i >= hi {
		return -1
	}
	i = x.skipTime(i, hi) // "said Tuesday his actions are …", "said last week he …"
	if i >= hi {
		return -1
	}
	if j := c - 1; j-1 >= 0 && x.isWord(i) && !x.has(i, fCap|fDet|fPronoun|fPrep|fStop) {
		// "which he said were about evenly split", "that executives said could …"
		if m := x.leftNP(0, j); m.ok() && m.a > 0 {
			switch x.tokText(m.a - 1) {
			case "which", "that", "who":
				return i
			}
		}
	}
	f := x.info[i].f
	t := x.tokText(i)
	switch {
	case f&fInQuote != 0 || f&fWord == 0:
		return -1
	case f&fPronoun != 0 && t != "who" && t != "you":
		return i
	case t == "there" || t == "There":
		return i
	case cl == sayCue && (t == "if" || t == "when" || t == "while" || t == "because" || t == "although" || t == "much" || t == "most" || t == "all"):
		return i // said if he were president …
	case f&fDet != 0 && t != "that" && t != "this" && t != "one" && t != "no" && cl != thinkCue:
		return i
	case f&fCap != 0 && f&(fStop|fSkip|fPrep) == 0 && cl != thinkCue:
		return i
	case cl == sayCue && f&(fStop|fSkip|fPrep|fPronoun) == 0 && x.info[i].cue == noCue && i+1 < hi && x.isWord(i+1) && (!x.has(i+1, fStop|fPrep) || x.tokText(i+1) == "of"):
		return i // said presumptive nominee Donald Trump was …, said none of the …
	case (cl == sayCue || cl == thinkCue) && f&(fCap|fStop|fSkip|fPrep|fPronoun) == 0 && len(t) >= 5 && t[len(t)-3:] == "ing" && i+1 < hi && x.isWord(i+1):
		return i // says running for president is tough
	}
	return -1
}

// secondPredicate reports whether the words from token k, after "and"
// or "but", start a predicate or a clause of their own: an auxiliary ("but
// did note"), a participle ("and congratulating the Republicans") or a
// speaker and a cue ("and Clinton said").
func (x *analysis) secondPredicate(k, hi int) bool {
	if !x.isWord(k) || x.has(k, fCap) {
		c, _ := x.npThenCue(k, hi)
		return c >= 0
	}
	t := x.tokText(k)
	switch t {
	case "did", "does", "do", "has", "have", "had", "will", "would", "could", "should", "can", "may", "might", "is", "was", "are", "were":
		return true
	}
	if len(t) > 5 && strings.HasSuffix(t, "ing") && !x.has(k, fStop|fDet|fPrep) {
		return true
	}
	if x.info[k].cue != noCue && (strings.HasSuffix(t, "s") || isPastTense(t)) && k+1 < hi && x.isWord(k+1) {
		return true // "he respects Clinton and calls her …"
	}
	c, _ := x.npThenCue(k, hi)
	return c >= 0 && x.info[c].cue < stanceCue
}

// objectEnd returns the token after the object of a cue that starts at
// token i: the clause end, or an adverbial that follows the object ("has
// hammered [Bush] throughout the campaign", "I support [him] because …",
// "Police reported [no arrests] late Monday").
func (x *analysis) objectEnd(i, hi int) int {
	e := x.clauseEnd(i, hi)
	for j := i + 1; j < e; j++ {
		if x.has(j, fInQuote|fMark) || !x.isWord(j) {
			continue
		}
		switch t := x.tokText(j); t {
		case "because", "when", "while", "after", "before", "since", "although", "though", "throughout", "until", "unless", "whereas", "despite", "during", "through":
			return j
		default:
			if isTimeWord(t) && t != "there" && t != "here" || (t == "late" || t == "early" || t == "last" || t == "this") && j+1 < e && isTimeNoun(x.tokText(j+1)) {
				if p := x.tokText(j - 1); (p == "on" || p == "in" || p == "by") && j-1 > i {
					return j - 1 // "offer condolences on Monday"
				}
				return j
			}
		}
	}
	return e
}

// skipTime returns the first token from i that is not part of a time
// adverbial standing between a cue and its clause: "Tuesday", "on
// Friday", "last week", "this morning", "again".
func (x *analysis) skipTime(i, hi int) int {
	for i+1 < hi && x.isWord(i) {
		switch t := x.tokText(i); {
		case isTimeWord(t) && t != "there" && t != "here" && t != "however" && t != "though":
			i++
		case (t == "on" || t == "last" || t == "this" || t == "late" || t == "early") && x.isWord(i+1) && isTimeNoun(x.tokText(i+1)):
			i += 2
		default:
			return i
		}
	}
	return i
}

// isTimeNoun reports whether w names a day or a stretch of time after
// "on", "last" or "this".
func isTimeNoun(w string) bool {
	switch w {
	case "week", "month", "year", "night", "morning", "afternoon", "evening", "weekend", "spring", "summer", "fall", "winter":
		return true
	}
	return isDay(w)
}

// clauseEnd returns the token after the reported clause that starts at
// token i: the end of the sentence less its final punctuation, or a
// semicolon, or ", adding …", ", according to …", ", he said".
func (x *analysis) clauseEnd(i, hi int) int {
	hi = min(hi, i+maxClause)
	for j := i; j < hi; j++ {
		if x.has(j, fInQuote) {
			continue
		}
		if x.has(j, fMark) && j > i && x.tokText(j-1) == "," && x.has(j-1, fInQuote) {
			return j + 1 // the pact is “disastrous,” left early
		}
		switch t := x.tokText(j); t {
		case ";", "—", "–", "-", "--", "(":
			if j > i {
				return j
			}
		case ",":
			if j+1 < hi {
				n := x.tokText(j + 1)
				cue := x.info[j+1].cue
				if cue != noCue && len(n) > 3 && n[len(n)-3:] == "ing" || x.isAccordingTo(j+1, hi) {
					return j // ", adding …", ", according to …"
				}
				if !(x.has(j+1, fCap) && j+2 < hi && (x.tokText(j+2) == "," || x.tokText(j+2) == "and" || x.tokText(j+2) == "or")) {
					return j // not a list of names: "Pennsylvania, Maryland and Delaware"
				}
			}
		case "and", "but":
			// A second predicate: "he first heard gunfire and suspected …".
			if j+1 < hi && j > i && (x.isCue(j+1) || isPastTense(x.tokText(j+1))) {
				return j
			}
			if j+1 < hi && j > i && x.secondPredicate(j+1, hi) {
				return j
			}
		}
	}
	e := hi
	for e > i && !x.isWord(e-1) && !x.has(e-1, fInQuote|fMark) {
		e--
	}
	for e > i && x.has(e-1, fMark) && x.tokText(e-1) != "”" && x.tokText(e-1) != "\"" {
		e--
	}
	return e
}

// emitIndirect adds the indirect quotation whose cue is token c and whose
// content is tokens [a, b), when a speaker is found or anon allows none
// ("Nearly half said they …").
func (x *analysis) emitIndirect(lo, hi, c, a, b int, anon bool) bool {
	if b-a < 2 && (b-a < 1 || x.info[c].cue != stanceCue && x.info[c].cue != callCue || !x.has(a, fCap|fPronoun)) {
		return false // but "endorsed Cruz", "supported her"
	}
	return x.emitContent(lo, hi, c, a, b, anon)
}

// emitOne adds the one-word answer after the cue at c: "said yes".
func (x *analysis) emitOne(lo, hi, c int) bool {
	return x.emitContent(lo, hi, c, c+1, c+2, false)
}

// emitContent is emitIndirect without the length check.
func (x *analysis) emitContent(lo, hi, c, a, b int, anon bool) bool {
	m := x.subjectOf(lo, hi, c)
	if !m.ok() && !anon {
		return false
	}
	if m.a < b && a < m.b {
		return false // the speaker is not what was said: “…,” said Mr Putin.
	}
	span := doc.Span{Start: x.toks[a].Start, End: x.toks[b-1].End}
	q := doc.Quote{Text: x.s[span.Start:span.End], Kind: doc.Indirect, Span: span}
	t := x.toks[c]
	q.Cue, q.CueStart, q.CueEnd = x.s[t.Start:t.End], t.Start, t.End
	if x.isAccordingTo(c, hi) {
		q.CueEnd = x.toks[c+1].End
		q.Cue = x.s[q.CueStart:q.CueEnd]
	}
	x.speaker(&q, m)
	x.out = append(x.out, q)
	switch x.info[c].cue {
	case sayCue, tellCue, writeCue, noCue: // noCue: according to
		x.speech = append(x.speech, true)
	default:
		x.speech = append(x.speech, false)
	}
	return true
}

// dropCovered removes the indirect quotations that are half or more
// inside a direct or partial one: the quotation marks say more.
func (x *analysis) dropCovered() {
	n := x.nIndirect
	keep := 0 // x.out[:keep] are kept
	for i := range x.out {
		if s := x.out[i].Span; i < n && (x.coveredByQuote(s, n) || !x.speech[i] && x.holdsQuote(s, n)) {
			continue
		}
		if keep < i {
			x.out[keep] = x.out[i]
		}
		keep++
	}
	x.out = x.out[:keep]
}

// overlapping returns the index of the first of the direct or partial
// quotations x.out[from:] that ends after s starts. They are in text order
// and do not overlap one another, so their ends are in order too.
func (x *analysis) overlapping(s doc.Span, from int) int {
	return from + sort.Search(len(x.out)-from, func(i int) bool { return x.out[from+i].End > s.Start })
}

// coveredByQuote reports whether half or more of s lies inside one of the
// direct or partial quotations x.out[from:].
func (x *analysis) coveredByQuote(s doc.Span, from int) bool {
	for i := x.overlapping(s, from); i < len(x.out) && x.out[i].Start < s.End; i++ {
		q := &x.out[i]
		if !q.Overlaps(s) {
			continue
		}
		lo, hi := max(q.Start, s.Start), min(q.End, s.End)
		if 2*(hi-lo) >= s.Len() {
			return true
		}
	}
	return false
}

// accordingTo handles "according to X, CLAUSE" and "CLAUSE, according to X".
func (x *analysis) accordingTo(lo, hi, c int) {
	if c > lo && x.tokText(c-1) == "," {
		a := x.clauseStart(lo, c-1)
		// An insert: "Fundraising, according to the campaign, has surged",
		// "But, according to the poll, 46 percent … remain undecided": the
		// longer side of the clause.
		for j := c + 2; j+1 < hi && j < c+25; j++ {
			if t := x.tokText(j); t == "," && x.isWord(j+1) {
				if e := x.clauseEnd(j+1, hi); e-(j+1) > c-1-a {
					x.emitIndirect(lo, hi, c, j+1, e, true)
					return
				}
				break
			} else if t == "." || t == ";" || x.has(j, fMark) {
				break
			}
		}
		x.emitIndirect(lo, hi, c, a, c-1, true)
		return
	}
	if c-2 >= lo && x.tokText(c-2) != "," && (x.tokText(c-1) == "’s" || x.tokText(c-1) == "'s") {
		switch x.tokText(c - 2) {
		case "That", "This", "It", "that", "this", "it":
			// "That’s according to early results of exit polls"
			x.emitContent(lo, hi, c, c-2, c-1, true)
			return
		}
	}
	if c-3 > lo && x.isWord(c-1) && !x.has(c-1, fStop|fPrep|fSkip) {
		// Without a comma: "Clinton leads Sanders by 271 delegates according to a count by AP".
		x.emitIndirect(lo, hi, c, x.clauseStart(lo, c), c, true)
		return
	}
	for j := c + 2; j < hi && j < c+25; j++ { // "According to early results of exit polls conducted for …,"
		if x.tokText(j) == "," {
			x.emitIndirect(lo, hi, c, j+1, x.clauseEnd(j+1, hi), true)
			return
		}
	}
}

// parenthetical handles "X, officials said, CLAUSE" and "The goal, he
// said, is …": the content is what follows the parenthesis.
func (x *analysis) parenthetical(lo, hi, c int) bool {
	j := c - 1
	for j > lo && x.has(j, fSkip) && x.isWord(j) {
		j--
	}
	m := x.leftNP(lo, j)
	if !m.ok() || m.a-1 <= lo || x.tokText(m.a-1) != "," {
		return false
	}
	k := c + 1
	for k < hi && k < c+5 && x.isWord(k) && !x.has(k, fStop) && x.info[k].cue == noCue {
		k++
	}
	if k+1 >= hi || x.tokText(k) != "," || !x.isWord(k+1) {
		return false
	}
	return x.emitIndirect(lo, hi, c, k+1, x.clauseEnd(k+1, hi), false)
}

// fronted handles "CLAUSE, X said." and "CLAUSE, said X.": the cue at c
// closes the sentence and the clause before the comma is the content.
func (x *analysis) fronted(lo, hi, c int) bool {
	m := x.subjectOf(lo, hi, c)
	if !m.ok() {
		return false
	}
	comma, tail := -1, c
	if m.a > c { // inverted: ", said X"
		if c-1 > lo && x.tokText(c-1) == "," {
			comma = c - 1
		}
		tail = m.b - 1
	} else {
		j := m.a - 1
		if j > lo && x.has(j, fDet) && x.has(m.a, fCap) {
			j-- // "…, the Guardian reported."
		}
		if j > lo && x.tokText(j) == "," {
			comma = j
		}
	}
	if comma < 0 {
		return false
	}
	if x.info[c].cue == tellCue {
		if h := x.rightNP(tail+1, hi); h.ok() {
			tail = h.b - 1 // "…, a spokesman told The Wall Street Journal."
		}
	}
	// Only adverbials may follow: "…, he said on Friday.", or an
	// apposition: "…, said Wilcox, an Orlando Republican who …".
	for j := tail + 1; j < hi; j++ {
		if x.tokText(j) == "," && j == tail+1 {
			if j+1 < hi && x.has(j+1, fMark) {
				return false // "…, Gov. John Kasich (R-OH), said, “…”": it introduces a quotation
			}
			break
		}
		if isDash(x.tokText(j)) && j > tail+1 {
			break // "…, the Congressional Budget Office reported on Tuesday -- a development that …"
		}
		if x.tokText(j) == "that" || x.isCue(j) && x.info[j].cue < stanceCue && x.verbal(j) || x.has(j, fMark|fInQuote) {
			return false
		}
		if j == tail+1 && x.info[c].cue != tellCue && x.isWord(j) && x.has(j, fDet) && !x.has(j, fSkip) && x.tokText(j) != "this" {
			return false // an object: "For the first time, a poll shows upstart Sen. Bernie Sanders leading"
		}
		if j == tail+1 && m.a < c && x.isWord(j) && !x.has(j, fPrep|fStop|fSkip|fDet|fPronoun) && !isTimeWord(x.tokText(j)) && x.info[c].cue != tellCue {
			return false // an object: "In his disclosures, Trump reports investments in Ford", "For instance, a poll showed Rubio in third"
		}
	}
	return x.emitIndirect(lo, hi, c, x.clauseStart(lo, comma), comma, false)
}

// clauseStart returns the first token of the content that ends at token
// e: the start of the sentence, after an opening mark or a leading
// conjunction.
func (x *analysis) clauseStart(lo, e int) int {
	i := lo
	for k := e - 1; k > lo; k-- {
		if t := x.tokText(k); t == ";" || t == ":" {
			i = k + 1 // "…; it don’t matter, said the lawyer."
			break
		}
	}
	for i < e && (x.has(i, fMark) || !x.has(i, fWord)) {
		i++
	}
	return i
}

// isPastTense reports whether w looks like a lower-case verb in -ed.
func isPastTense(w string) bool {
	return len(w) > 4 && w[len(w)-2:] == "ed" && w[0] >= 'a' && w[0] <= 'z'
}

// markAfter reports whether a quotation mark follows token c in the
// sentence [.., hi): what was written is quoted ("posted an image with
// the caption: “Make Kneeling Great Again”").
func (x *analysis) markAfter(c, hi int) bool {
	for j := c + 1; j < hi; j++ {
		if x.has(j, fMark) {
			return true
		}
	}
	return false
}

// gerundAfterPrep reports whether the cue at token c is a gerund of a
// judging or stance verb after a preposition, with an object: "focused on
// criticizing her", "for supporting the ban".
func (x *analysis) gerundAfterPrep(c int) bool {
	if cl := x.info[c].cue; cl != callCue && cl != stanceCue || c == 0 || !x.has(c-1, fPrep) || c+1 >= len(x.toks) {
		return false
	}
	t := x.tokText(c)
	// The object opens with a determiner, a name or a pronoun: not "a
	// trend of declining deficits".
	return len(t) > 5 && strings.HasSuffix(t, "ing") && x.isWord(c+1) && !x.has(c+1, fStop|fPrep|fSkip) &&
		(x.has(c+1, fDet|fCap) || isObjectPronoun(x.tokText(c+1)))
}

// isObjectPronoun reports whether w is a personal pronoun in the object
// case, a hearer: "told me", "wrote to them".
func isObjectPronoun(w string) bool {
	return w == "me" || w == "him" || w == "her" || w == "us" || w == "them"
}

// inSupportOf handles "in support of X" after a verb phrase: the content is
// X (a name, a pronoun or a short phrase), the holder the subject of the
// sentence, when one is found.
func (x *analysis) inSupportOf(lo, hi, c int) bool {
	a := c + 2
	if a >= hi || !x.isWord(a) || x.has(a, fStop|fSkip) {
		return false
	}
	b := x.objectEnd(a, hi)
	if m := x.rightNP(a, b); m.kind == nameMention || m.kind == pronounMention {
		b = m.b
	}
	span := doc.Span{Start: x.toks[a].Start, End: x.toks[b-1].End}
	t := x.toks[c]
	q := doc.Quote{Text: x.s[span.Start:span.End], Kind: doc.Indirect, Span: span, Cue: x.s[t.Start:t.End], CueStart: t.Start, CueEnd: t.End}
	if m := x.sentenceSubject(lo, c-1); m.ok() && m.b <= c-1 {
		x.speaker(&q, m)
	}
	x.out = append(x.out, q)
	x.speech = append(x.speech, false)
	return true
}

// isReflexive reports whether w is a reflexive pronoun, the object of
// "calls himself a democratic socialist".
func isReflexive(w string) bool {
	return w == "himself" || w == "herself" || w == "themselves" || w == "itself" || w == "myself" || w == "ourselves"
}

// reportsObject reports whether the verb of speech w also takes a plain
// object: "reported flat growth", "announced his candidacy", "denied the
// claim".
func reportsObject(w string) bool {
	switch w {
	case "report", "reports", "reported", "announce", "announces", "announced", "reveal", "reveals", "revealed",
		"disclose", "discloses", "disclosed", "confirm", "confirms", "confirmed", "deny", "denies", "denied",
		"acknowledge", "acknowledges", "acknowledged", "admit", "admits", "admitted", "predict", "predicts", "predicted",
		"recall", "recalls", "recalled", "unveil", "unveils", "unveiled":
		return true
	}
	return false
}

// topicPrep reports whether the preposition w after a cue of class cl
// introduces what the cue is about: any of them after "spoke", "talked",
// "focused"; only "about" and "against" after other verbs ("said on
// Friday" is a date), and "for" after "called".
func (x *analysis) topicPrep(cl cueClass, v, w string) bool {
	switch {
	case cl == tellCue:
		return false
	case w == "about" || w == "against":
		return true
	case cl == topicCue && x.goes(v):
		return w == "after" // "went after Rubio", not "went to college"
	case cl == topicCue && (strings.HasPrefix(v, "spoke") || strings.HasPrefix(v, "speak")):
		return w == "on" || w == "of" // "spoke on immigration", not "spoke at the convention", "spoke for 45 minutes"
	case cl == topicCue:
		return w == "on" || w == "for" || w == "to" || w == "of" || w == "over" || w == "at"
	case cl == callCue || cl == stanceCue:
		return w == "for" || w == "of" || w == "to"
	}
	return false
}

// goes reports whether v is a form of "go".
func (x *analysis) goes(v string) bool {
	return v == "go" || v == "goes" || v == "went" || v == "going" || v == "gone"
}

// respondsTo reports whether tokens c, c+1 are a form of "respond" and "to":
// "did not immediately respond to a request for comment".
func (x *analysis) respondsTo(c, hi int) bool {
	return c+2 < hi && strings.HasPrefix(x.tokText(c), "respond") && x.tokText(c+1) == "to" && x.isWord(c+2)
}

// holdsQuote reports whether s contains one of the quotations x.out[from:].
func (x *analysis) holdsQuote(s doc.Span, from int) bool {
	for i := x.overlapping(s, from); i < len(x.out) && x.out[i].Start < s.End; i++ {
		if s.Contains(x.out[i].Span) {
			return true
		}
	}
	return false
}

// askedAbout handles reported questions: "asked Trump about his
// statements", "asked whether she would back him", "was asked to leave".
func (x *analysis) askedAbout(lo, hi, c int) {
	i := c + 1
	if m := x.rightNP(i, hi); m.ok() && m.b < hi && !x.has(i, fStop|fPrep) {
		i = m.b // the one asked
	}
	if i+1 >= hi || !x.isWord(i+1) {
		return
	}
	switch x.tokText(i) {
	case "about", "whether", "if", "what", "which", "who", "whom", "whose", "why", "how", "when", "where", "to", "for":
		x.emitIndirect(lo, hi, c, i, x.clauseEnd(i, hi), true)
		return
	}
	// "questioned his sincerity", "Mr. Christie questioned his depth and
	// experience": the object of a verb of doubt.
	if t := x.tokText(c); strings.HasPrefix(t, "question") && t != "questions" || t == "Questioned" {
		if a := c + 1; x.isWord(a) && !x.has(a, fStop|fPrep|fSkip) {
			x.emitIndirect(lo, hi, c, a, x.objectEnd(a, hi), true)
		}
	}
}

// Bounds, in tokens, that keep the stage linear on pathological input (a
// "sentence" of 10,000 words): a reported clause, the reach of a cue back
// from a quotation, the reach of a subject search.
const (
	maxClause  = 150
	maxCueBack = 80
	maxSubject = 60
)

// sortIndirect orders the indirect quotations x.out[:x.nIndirect] (and
// x.speech with them) by start.
func (x *analysis) sortIndirect() {
	n := len(x.out)
	if sort.SliceIsSorted(x.out[:n], func(i, j int) bool { return x.out[i].Start < x.out[j].Start }) {
		return
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return x.out[idx[i]].Start < x.out[idx[j]].Start })
	out := make([]doc.Quote, n)
	speech := make([]bool, n)
	for i, k := range idx {
		out[i], speech[i] = x.out[k], x.speech[k]
	}
	copy(x.out, out)
	copy(x.speech, speech)
}

// seeming handles the writer's reports of appearances: "the Trump team
// appeared paralyzed", "Enthusiasm for Clinton appears to have plummeted",
// "It appears, though, that …". The content is the clause with its
// subject (or what follows "that"), with no speaker.
func (x *analysis) seeming(lo, hi, c int) {
	n := c + 1
	for n < hi && n < c+4 && (x.tokText(n) == "," || x.has(n, fSkip)) {
		n++ // appears, though, that …; seemed equally unperturbed
	}
	if n >= hi || !x.isWord(n) {
		return
	}
	if t := x.tokText(n); t == "that" {
		if n+1 < hi && x.isWord(n+1) {
			x.emitAnon(c, n+1, x.clauseEnd(n+1, hi))
		}
		return
	} else if t != "to" && x.has(n, fStop|fPrep|fDet|fCap|fPronoun) || x.info[n].cue != noCue {
		return // appeared on Fox News, appeared before the committee
	}
	if c > lo {
		switch x.tokText(c - 1) {
		case "it", "It", "has", "have", "had", "to", "which", "that", "who":
			return // it seems to me; has appeared at rallies; a record that seems …
		}
	}
	a := c
	for a > lo && c-a < maxSubject {
		t := x.tokText(a - 1)
		if t == "," || t == ";" || t == ":" || t == "—" || t == "(" || x.has(a-1, fMark) {
			break
		}
		a--
	}
	for a < c && !x.isWord(a) {
		a++
	}
	if a == c || x.tokText(a) == "which" || x.tokText(a) == "who" {
		return
	}
	// PolNeAR leaves the cue out of the content ("the Trump team" +
	// "paralyzed"): the longer part stands for it.
	e := x.clauseEnd(c+1, hi)
	if x.toks[c-1].End-x.toks[a].Start > x.toks[e-1].End-x.toks[c+1].Start {
		x.emitAnon(c, a, c)
	} else {
		x.emitAnon(c, c+1, e)
	}
}

// emitAnon adds an indirect quotation without a speaker: cue token c,
// content tokens [a, b).
func (x *analysis) emitAnon(c, a, b int) {
	if b-a < 2 {
		return
	}
	span := doc.Span{Start: x.toks[a].Start, End: x.toks[b-1].End}
	t := x.toks[c]
	x.out = append(x.out, doc.Quote{Text: x.s[span.Start:span.End], Kind: doc.Indirect, Span: span,
		Cue: x.s[t.Start:t.End], CueStart: t.Start, CueEnd: t.End})
	x.speech = append(x.speech, false)
}

// headline handles the headline convention "Graham: Trump’s Rhetoric
// Destroying GOP’s Chance" and "Poll: Sanders Leads": a paragraph of one
// sentence that opens with a short name and a colon. The name is the
// speaker, what follows the content.
func (x *analysis) headline(si, lo, hi int) {
	b := x.d.Sentences[si].Block
	if si > 0 && x.d.Sentences[si-1].Block == b || si+1 < len(x.d.Sentences) && x.d.Sentences[si+1].Block == b {
		return
	}
	colon := -1
	for i := lo; i < hi && i < lo+7; i++ {
		if x.tokText(i) == ":" {
			colon = i
			break
		}
		if !x.isWord(i) && !x.isPossessive(i) && x.tokText(i) != "." {
			return
		}
	}
	if colon <= lo || !x.has(lo, fCap) || hi-colon < 4 || !x.has(colon+1, fCap) || x.has(colon+1, fMark) {
		return
	}
	e := x.clauseEnd(colon+1, hi)
	if e-colon-1 < 3 {
		return
	}
	m := mention{a: lo, b: colon, kind: descMention}
	if x.has(colon-1, fCap) {
		m.kind = nameMention
	}
	span := doc.Span{Start: x.toks[colon+1].Start, End: x.toks[e-1].End}
	q := doc.Quote{Text: x.s[span.Start:span.End], Kind: doc.Indirect, Span: span}
	t := x.toks[colon]
	q.Cue, q.CueStart, q.CueEnd = x.s[t.Start:t.End], t.Start, t.End
	x.speaker(&q, m)
	x.out = append(x.out, q)
	x.speech = append(x.speech, true)
}

// objectTo handles a request to someone: "asked her to call Mr. Chagoury",
// "urged voters to turn away", "told Bush to quiet down". The content is
// the one asked and what they are to do.
func (x *analysis) objectTo(lo, hi, c int) bool {
	m := x.rightNP(c+1, hi)
	if c+1 < hi {
		switch t := x.tokText(c + 1); {
		case isObjectPronoun(t):
			m = mention{a: c + 1, b: c + 2, kind: pronounMention} // "her" is also a determiner
		case !m.ok() && c+2 < hi && x.tokText(c+2) == "to" && x.isWord(c+1) && !x.has(c+1, fStop|fSkip|fPrep) && strings.HasSuffix(t, "s"):
			m = mention{a: c + 1, b: c + 2, kind: descMention} // "urges conservatives to unite"
		}
	}
	if !m.ok() || m.b+1 >= hi || x.tokText(m.b) != "to" || !x.isWord(m.b+1) || x.has(m.b+1, fCap|fDet|fPronoun|fStop|fPrep) {
		return false
	}
	return x.emitIndirect(lo, hi, c, c+1, x.clauseEnd(c+1, hi), x.info[c].cue == askCue)
}

// asReported handles "As The Washington Post reported, CLAUSE" and "As
// Clinton told the New York Daily News, CLAUSE": the content follows the
// comma that closes the as-clause.
func (x *analysis) asReported(lo, hi, c int) bool {
	first := lo
	for first < c && !x.isWord(first) {
		first++
	}
	if first+1 >= c || x.tokText(first) != "As" && x.tokText(first) != "as" {
		return false
	}
	m := x.subjectOf(lo, hi, c)
	if !m.ok() || m.a != first+1 {
		return false
	}
	for j := c + 1; j < hi && j < c+12; j++ {
		if x.has(j, fInQuote|fMark) || x.tokText(j) == "that" {
			return false
		}
		if x.tokText(j) == "," {
			return j+1 < hi && x.isWord(j+1) && x.emitIndirect(lo, hi, c, j+1, x.clauseEnd(j+1, hi), true)
		}
	}
	return false
}

// nominal handles a cue used as a noun after its holder: "his support for
// intensifying interrogation", "Trump’s attacks on Rubio", "her call for a
// ban". The holder is the possessive, the content the object of the
// preposition.
func (x *analysis) nominal(lo, hi, c int) bool {
	if c+3 < hi && x.tokText(c+1) == "that" && x.has(c+2, fMark) && x.has(c+3, fInQuote) {
		// her remark that “there’s a special place in hell …”
	} else if c+2 >= hi || !x.isWord(c+2) || x.has(c+2, fStop|fSkip) {
		return false
	}
	that := false
	if t := x.tokText(c); (t == "support" || t == "opposition") && c > lo && x.tokText(c-1) == "in" && x.tokText(c+1) == "of" {
		// "has come out in support of Cruz", "raised $58 million in support of Rubio"
		return x.inSupportOf(lo, hi, c)
	}
	switch x.tokText(c + 1) {
	case "behind", "to":
		if x.tokText(c) != "support" {
			return false // "threw her support behind Sen. Ted Cruz"
		}
	case "for", "of", "on", "against", "about":
	case "that":
		// "her remark that “there’s a special place in hell …”", "Trump’s
		// claim that Obama “founded ISIS”".
		cl := x.info[c].cue
		that = cl == sayCue || cl == thinkCue || cl == writeCue || x.has(c, fSaid)
		if !that {
			return false
		}
	default:
		return false
	}
	var m mention
	if t := x.tokText(c); t == "state" || t == "states" {
		return false // "his home state of Florida": a place, not a statement
	}
	p := c - 1
	if cl := x.info[c].cue; p-1 >= lo && x.isWord(p) && !x.has(p, fCap|fStop|fSkip|fDet|fPrep|fPronoun) && x.info[p].cue == noCue &&
		(x.has(c, fSaid) || cl == callCue || cl == stanceCue) {
		p-- // an adjective between: "his previous criticisms of Trump"
	}
	switch x.tokText(p) {
	case "his", "His", "her", "Her", "their", "Their", "its", "Its", "our", "Our", "my", "My":
		m = mention{a: p, b: p + 1, kind: pronounMention}
	default:
		if !x.isPossessive(p) || p-1 < lo {
			return false
		}
		if x.has(p-1, fCap) {
			m = mention{a: x.nameLeft(lo, p-1), b: p, kind: nameMention}
		} else if m = x.leftNP(lo, p-1); m.kind != descMention {
			return false // "the campaign's criticism of …"
		}
	}
	a := c + 2
	b := x.clauseEnd(a, hi)
	if !that {
		b = x.objectEnd(a, hi) // "… behind Sen. Ted Cruz on Wednesday"
		// The object ends before the verb of the sentence: "Trump's
		// criticism of the judge was sharp".
		for j := a + 1; j < b; j++ {
			if x.has(j, fSkip) && x.isWord(j) && !x.has(j, fInQuote) && x.has(j-1, fWord) {
				b = j
				break
			}
		}
	}
	if b-a < 1 {
		return false
	}
	span := doc.Span{Start: x.toks[a].Start, End: x.toks[b-1].End}
	t := x.toks[c]
	q := doc.Quote{Text: x.s[span.Start:span.End], Kind: doc.Indirect, Span: span, Cue: x.s[t.Start:t.End], CueStart: t.Start, CueEnd: t.End}
	x.speaker(&q, m)
	x.out = append(x.out, q)
	x.speech = append(x.speech, that)
	return true
}
