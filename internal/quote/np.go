package quote

import "strings"

// Finding the speaker's mention next to a cue, from the tokens alone. The
// mention is then mapped to an entity by its offsets (see resolve).

// mentionKind says what kind of phrase a speaker mention is.
type mentionKind uint8

const (
	noMention   mentionKind = iota
	nameMention             // Mr Trump, Vladimir Putin, The White House
	pronounMention
	descMention // the president, a spokesman for the campaign
)

// mention is a speaker mention found in the tokens: token indices [a, b).
type mention struct {
	a, b int
	kind mentionKind
	// ante, anteEnd are the tokens of the antecedent of a relative
	// pronoun ("Sanders" for "who"), or 0, 0.
	ante, anteEnd int
}

func (m mention) ok() bool { return m.kind != noMention }

// has reports whether token i has any of the flags f.
func (x *analysis) has(i int, f flags) bool { return x.info[i].f&f != 0 }

// isWord reports whether token i is a word outside quotation marks.
func (x *analysis) isWord(i int) bool { return x.info[i].f&(fWord|fInQuote) == fWord }

// tokText returns the text of token i.
func (x *analysis) tokText(i int) string { return x.words[i] }

// contraction reports whether token i is a contracted auxiliary outside
// quotation marks: "’s" in "He’s predicting", "'ve", "'ll".
func (x *analysis) contraction(i int) bool {
	return x.info[i].f&(fSkip|fInQuote|fMark) == fSkip && i > 0 && x.has(i-1, fPronoun)
}

// isPossessive reports whether token i is "'s" or "’s" or a lone apostrophe.
func (x *analysis) isPossessive(i int) bool {
	switch x.tokText(i) {
	case "'s", "’s", "'S", "’S", "'", "’":
		return true
	}
	return false
}

// nameLeft extends a name that ends at token i (inclusive) leftwards
// within [lo, i] and returns its first token.
func (x *analysis) nameLeft(lo, i int) int {
	a := i
	for j := i - 1; j >= max(lo, i-12); j-- {
		switch {
		case x.info[j].f&fInQuote != 0:
			return a
		case x.has(j, fCap) && !x.has(j, fStop|fSkip|fPronoun) && x.info[j].cue == noCue:
			a = j
		case x.has(j, fTitle):
			a = j
		case x.has(j, fDet) && x.tokText(j) == "The":
			return j
		case x.tokText(j) == "of" && j > lo && x.has(j-1, fCap) && x.has(a, fCap):
			// Secretary of State Hillary Clinton
		case isParticle(x.tokText(j)) && j > lo && x.has(j-1, fCap):
		default:
			return a
		}
	}
	return a
}

func isParticle(w string) bool {
	switch w {
	case "de", "van", "von", "bin", "al", "da", "di", "la", "le", "du", "der", "del", "ibn":
		return true
	}
	return false
}

// leftNP finds the noun phrase that ends at token i within [lo, i]: a
// pronoun, a name, or a description that starts with a determiner or a
// possessive ("Trump's spokesman") or is a bare plural from the people
// list ("officials").
func (x *analysis) leftNP(lo, i int) mention {
	if i < lo || !x.isWord(i) || x.has(i, fStop|fSkip) {
		return mention{}
	}
	if x.info[i].cue != noCue && !x.has(i, fCap) && !(i > lo && (isArticle(x.tokText(i-1)) || x.has(i-1, fPrep))) {
		return mention{} // a verb, unless an article or a preposition makes it a noun: "The email said", "the secretary of state said"
	}
	if x.has(i, fPronoun) {
		if x.tokText(i) == "who" {
			return mention{}
		}
		return mention{a: i, b: i + 1, kind: pronounMention}
	}
	if x.has(i, fCap) && !x.has(i, fDet) {
		a := x.nameLeft(lo, i)
		// "Trump campaign spokesman" is a description with a name in it.
		return mention{a: a, b: i + 1, kind: nameMention}
	}
	// A description: walk left to its determiner.
	for j := i; j >= lo && j > i-9; j-- {
		f := x.info[j].f
		switch {
		case f&fInQuote != 0:
			return mention{}
		case f&fDet != 0:
			m := mention{a: j, b: i + 1, kind: descMention}
			// "a spokesman for the campaign": continue over the preposition.
			if j-2 >= lo && x.has(j-1, fPrep) && x.isWord(j-2) && !x.has(j-2, fStop|fSkip|fPronoun|fPrep) && x.info[j-2].cue == noCue {
				// (a name takes an affiliation, "Lewis of the James Martin
				// Center", not a circumstance: "Trump in an interview")
				if outer := x.leftNP(lo, j-2); outer.kind == descMention || outer.kind == nameMention && !isHearerPrep(x.tokText(j-1)) {
					return mention{a: outer.a, b: i + 1, kind: outer.kind}
				}
			}
			return m
		case x.isPossessive(j) && j > lo && x.has(j-1, fCap):
			return mention{a: x.nameLeft(lo, j-1), b: i + 1, kind: descMention}
		case x.isPossessive(j) && j > lo && j < i && x.isWord(j-1) && !x.has(j-1, fStop|fPronoun):
			// "the paper's editorial board": walk on to its determiner.
		case x.tokText(j) == "/" && j > lo && x.has(j-1, fCap) && x.has(j+1, fCap):
			// A Wall Street Journal/NBC News poll
		case f&fWord == 0:
			if x.has(i, fPeople) || x.has(i, fTitle) && j == i-1 && x.tokText(j) == "," {
				return mention{a: j + 1, b: i + 1, kind: descMention} // "…, analyst says."
			}
			return mention{}
		case f&(fStop|fSkip|fPronoun) != 0 || x.info[j].cue != noCue && x.info[j].cue < stanceCue && j != i && !(j > lo && isArticle(x.tokText(j-1))):
			// A topic or stance word may be a noun inside: "one Trump campaign source".
			if x.has(i, fPeople) {
				return mention{a: j + 1, b: i + 1, kind: descMention}
			}
			return mention{}
		}
		if j == lo && x.has(i, fPeople) {
			return mention{a: j, b: i + 1, kind: descMention}
		}
	}
	return mention{}
}

// rightNP finds the noun phrase that starts at token i within [i, hi): a
// pronoun, or a run of words up to the next punctuation, conjunction or
// verb that starts with a determiner or holds a capitalised word or a
// people noun ("former South Carolina Gov. Jim Hodges", "a spokesman for
// the campaign", "officials").
func (x *analysis) rightNP(i, hi int) mention {
	if i >= hi || !x.isWord(i) {
		return mention{}
	}
	f := x.info[i].f
	if f&fPronoun != 0 {
		if t := x.tokText(i); t == "who" || t == "it" || t == "It" {
			return mention{}
		}
		return mention{a: i, b: i + 1, kind: pronounMention}
	}
	if f&(fStop|fSkip|fPrep) != 0 || x.info[i].cue != noCue && f&fCap == 0 {
		return mention{}
	}
	b, caps, people := i, 0, false
	for j := i; j < hi && j < i+10; j++ {
		fj := x.info[j].f
		if j > i && x.isPossessive(j) && x.has(j-1, fCap) {
			b = j + 1 // Hillary Clinton’s right-hand woman
			continue
		}
		if j > i && (fj&(fStop|fSkip|fPronoun) != 0 || x.info[j].cue != noCue && fj&fCap == 0 && x.verbal(j)) && !(j == i+1 && f&fDet != 0 && isDay(x.tokText(j))) && !(f&fDet != 0 && x.ordinal(j, hi)) {
			break // (but a day after a determiner is a modifier: "a Wednesday editorial", and so is an ordinal: "the former first lady")
		}
		if j > i && fj&(fDet|fCap) == fDet && x.info[j-1].f&fPrep == 0 && x.isWord(j-1) {
			break // a second determiner starts another phrase: "told the AP his firm worked …"
		}
		if j > i && isPastTense(x.tokText(j)) && (x.has(j-1, fPeople) || x.isWord(j-1) && !x.has(j-1, fCap) && strings.HasSuffix(x.tokText(j-1), "s")) {
			break // the verb after a plural: "200 protesters congregated"
		}
		if j >= i+2 && f&fDet != 0 && isPastTense(x.tokText(j)) && (caps == 0 && j+1 < hi && x.isWord(j+1) || x.has(j-1, fCap)) {
			break // the verb after the head: "the justice sounded off on Trump", "an angry Hollande retaliated"
		}
		if !x.isWord(j) && !x.isPossessive(j) {
			break
		}
		if fj&fPrep != 0 {
			// "a spokesman for the campaign": only after a head noun.
			if j+1 >= hi || !x.isWord(j+1) || x.has(j+1, fStop|fSkip|fPronoun) {
				break
			}
		}
		if fj&fCap != 0 {
			caps++
		} else if caps > 0 && f&fCap != 0 && fj&(fWord|fPeople|fTitle) == fWord && !isParticle(x.tokText(j)) && !(fj&fPrep != 0 && (j+1 < hi && x.has(j+1, fCap) || f&fDet != 0 && j == i+1 && x.tokText(j) == "of")) {
			break // the name ended: "Mr Putin cast …", but "Russian officials"
		}
		if fj&fPeople != 0 {
			people = true
		}
		b = j + 1
	}
	switch {
	case b == i:
		return mention{}
	case f&fCap != 0 && f&fDet == 0 && x.has(b-1, fCap):
		return mention{a: i, b: b, kind: nameMention}
	case f&fCap != 0 && f&fDet == 0:
		return mention{a: i, b: b, kind: descMention} // Russian officials
	case f&fDet != 0 && b > i+1, caps > 0, people:
		return mention{a: i, b: b, kind: descMention}
	case b == i+1 && isLoneDet(x.tokText(i)):
		return mention{a: i, b: b, kind: descMention} // tweeted another
	}
	return mention{}
}

// subjectOf finds the speaker of the cue at token c in the sentence
// [lo, hi): before the cue ("Mr Trump said", "Smith, a spokesman, said"),
// after it ("said Mr Putin"), or the subject of the sentence when the cue
// is coordinated or a participle ("and said", ", adding that").
func (x *analysis) subjectOf(lo, hi, c int) mention {
	if x.tokText(c) == "according" || x.tokText(c) == "According" {
		if c+1 < hi && x.tokText(c+1) == "to" {
			return x.rightNP(c+2, hi)
		}
		return mention{}
	}
	if m := x.passiveAgent(c, hi); m.ok() {
		return m
	}
	if (x.tokText(c) == "asked" || x.tokText(c) == "told") && c > lo && isBePast(x.tokText(c-1)) {
		return mention{} // "Trump was asked, “…”": the question is not his
	}
	// Inverted: the cue right after a closing mark (“…,” said Mr Putin)
	// or at the start of the sentence (Said Mr Trump: …).
	j := x.adverbialsBefore(c-1, lo)
	for k := j + 1; k < c; k++ {
		if t := x.tokText(k); t == "not" || t == "n't" || t == "never" || t == "n’t" {
			return mention{} // did not respond: no one spoke
		}
	}
	cue := x.tokText(c)
	participle := len(cue) > 3 && cue[len(cue)-3:] == "ing" && !x.progressive(c)
	if participle {
		if m := x.withSubject(lo, c); m.ok() {
			return m
		}
	}
	inverted := j < lo || x.has(j, fMark) || (x.tokText(j) == "," || x.tokText(j) == ":") && j > lo && x.has(j-1, fMark)
	if inverted && !participle && x.info[c].cue != tellCue {
		if m := x.rightNP(c+1, hi); m.ok() && (j < lo || !x.fragmentClose(j, lo) || m.kind != pronounMention && !(m.b < hi && x.has(m.b, fSkip))) {
			// (but "Humphrey, who calls Trump a “sociopath,” said he …": the
			// quoted fragment is no quotation the cue attributes)
			return m
		}
	}
	if !inverted && !participle && x.tokText(j) == "," && x.info[c].cue != tellCue {
		// "…, said Grant Green, a national security expert." at the end.
		// (or a name before a colon: "In other words, explained CBS
		// moderator Nancy Cordes: “…”")
		if m := x.rightNP(c+1, hi); m.ok() && m.kind != pronounMention && (x.endsClause(m.b, hi) || m.kind == nameMention && x.tokText(m.b) == ":") {
			return m
		}
	}
	if j < lo {
		if participle {
			// "Acknowledging that Trump “says a lot of stupid stuff,” though,
			// Allen did suggest …": the subject of the clause after it.
			if m := x.sentenceSubject(lo, hi); m.ok() && m.a > c {
				return m
			}
		}
		if participle && x.d.Sentences[x.toks[c].Sentence].Span.Start > 0 {
			// "Adding, “…”": the subject of the sentence before.
			if si := x.toks[c].Sentence; si > 0 && x.d.Sentences[si-1].Block == x.d.Sentences[si].Block {
				return x.sentenceSubject(x.sentFirst[si-1], x.sentFirst[si])
			}
		}
		return mention{}
	}
	if m := x.leftNP(lo, j); m.ok() {
		if participle && m.a > lo && x.tokText(m.a-1) != "," && (m.kind == descMention || x.has(m.a-1, fPrep) && x.tokText(m.a-1) != "of") {
			// "issued a statement saying": the statement is an object;
			// "responded to Vargas’ question on Facebook writing": so is a
			// name after a preposition (but "think of Carson privately
			// saying" is Carson's).
			if s := x.sentenceSubject(lo, m.a); s.ok() {
				return s
			}
		}
		return x.phraseHead(lo, m)
	}
	switch t := x.tokText(j); {
	case participle:
	case t == "," || t == ")" || t == "—" || t == "–" || t == "--":
		if t == "," && j-1 > lo && x.tokText(j-1) == ")" {
			// "Gov. John Kasich (R-OH), said": the name before the parenthesis.
			p := j - 2
			for p > lo && p > j-10 && x.tokText(p) != "(" {
				p--
			}
			if x.tokText(p) == "(" {
				if m := x.leftNP(lo, p-1); m.kind == nameMention {
					return m
				}
			}
		}
		// An appositive or relative clause: "Smith, a spokesman, said",
		// "Smith, who leads the group, said", "Nunes (R-Calif.) said".
		var first mention
		for k := j - 1; k >= lo && k > j-40; k-- {
			if x.has(k, fInQuote|fMark) && !x.inInsert(k, lo) || x.tokText(k) == ";" {
				break
			}
			if x.has(k, fInQuote|fMark) {
				continue // "Humphrey, who calls Trump a “sociopath,” said …"
			}
			tk := x.tokText(k)
			if !(tk == t && t != ")" || tk == "(" && t == ")" || tk == "," && t == ")") {
				continue
			}
			e := k - 1
			if e >= lo && x.tokText(e) == ")" {
				for e > lo && x.tokText(e) != "(" {
					e--
				}
				e--
			}
			m := x.leftNP(lo, e)
			if n := x.rightNP(k+1, j); n.kind == nameMention && (n.b == j || x.tokText(n.b) == "(" && x.tokText(j-1) == ")") && m.kind != nameMention {
				return n // "Carson’s business manager, Armstrong Williams, stated"
			}
			if m.kind == pronounMention && !first.ok() && j-k <= 4 && x.tokText(m.a) != "who" && !x.hasVerbCue(k+1, j) {
				return m // "and he, once again, pledged …"
			}
			if m.kind == nameMention || m.ok() && x.tokText(k+1) == "who" || m.kind == descMention && m.a == lo {
				// (or a description that opens the sentence: "An Israeli
				// official, speaking on the condition of anonymity, said")
				// The head of the chain: "Dean Johnson, a salesman from
				// Sumter, South Carolina, says", "Clinton, during a meeting
				// in Columbus, Ohio, said".
				if m.a == lo {
					return m
				}
				if !first.ok() || first.a-1 >= lo && x.tokText(first.a-1) == "," && x.tokText(m.a-1) != "," {
					first = m
				}
			}
		}
		if first.ok() {
			return first
		}
	case t == "who" || t == "which" || t == "that" && (isPastTense(x.tokText(c)) || x.tokText(c) == "said" || x.tokText(c) == "wrote"):
		// "Sanders, who says …", "critics who say …", "the caption which
		// reads …": the cue attaches to the relative pronoun, which stands
		// for the noun phrase before it.
		e := j - 1
		if e >= lo && x.tokText(e) == "," {
			e--
		}
		if m := x.leftNP(lo, e); m.ok() && m.kind != pronounMention {
			return mention{a: j, b: j + 1, kind: pronounMention, ante: m.a, anteEnd: m.b}
		}
	}
	// A coordinated cue or a participle: the subject of the sentence.
	return x.sentenceSubject(lo, c)
}

// phraseHead returns the noun phrase that a prepositional phrase ending
// with mention m attaches to, when the phrase stands between a subject and
// its verb: "Trump in an interview with CNN said" (Trump, not CNN), "The
// poll in Iowa found" (the poll). A chain of "of" is one description: "The
// head of the FBI said".
func (x *analysis) phraseHead(lo int, m mention) mention {
	for n := 0; n < 4 && m.kind != pronounMention; n++ {
		p := m.a - 1
		if p > lo && isArticle(x.tokText(p)) {
			p-- // the NP was a name after its article: "with the AP"
		}
		if p <= lo || !x.has(p, fPrep) && x.tokText(p) != "during" {
			return m
		}
		h := x.leftNP(lo, p-1)
		if t := x.tokText(p - 1); !h.ok() && p-2 >= lo && len(t) > 4 && t[len(t)-3:] == "ing" && x.tokText(p) != "of" {
			h = x.leftNP(lo, p-2) // a participle before it: "Another source speaking to Fox News said"
		}
		if !h.ok() || h.kind == pronounMention && x.tokText(p) == "of" {
			return m
		}
		if x.tokText(p) == "of" {
			h.b, h.kind = m.b, descMention
		}
		m = h
	}
	return m
}

// passiveAgent returns the agent of the cue at token c when it is a
// passive participle with "by": "The judge was described by Trump as “a
// hater”" (Trump's words, not the judge's).
func (x *analysis) passiveAgent(c, hi int) mention {
	if c+2 >= hi || !isPastTense(x.tokText(c)) && x.tokText(c) != "told" && x.tokText(c) != "Asked" {
		return mention{}
	}
	// "was asked by", or reduced: "Asked by Thrush if …, Sharpton …",
	// "when asked by reporters"
	reduced := c == 0 || x.toks[c-1].Sentence != x.toks[c].Sentence || x.tokText(c-1) == "," || x.tokText(c-1) == "when" || x.tokText(c-1) == "When"
	if !reduced && !isBePast(x.tokText(c-1)) || x.tokText(c+1) != "by" {
		return mention{}
	}
	if m := x.rightNP(c+2, hi); m.kind == nameMention || m.kind == descMention {
		return m
	}
	return mention{}
}

// isBePast reports whether w is a form of "be" that makes a passive.
func isBePast(w string) bool {
	switch w {
	case "was", "were", "been", "being", "is", "are":
		return true
	}
	return false
}

// adverbialsBefore skips leftwards, from token j, the auxiliaries, adverbs
// and time phrases that stand between a subject and its verb ("Trump on
// Tuesday said", "the senator earlier this month said", "The State
// Department less than two weeks ago said"), and returns the token before
// them (lo-1 when they open the sentence [lo, …)).
func (x *analysis) adverbialsBefore(j, lo int) int {
	end := j
	for j >= lo {
		w := x.tokText(j)
		switch {
		case (x.has(j, fSkip) || isTimeWord(w)) && (x.isWord(j) || x.contraction(j)):
			j--
		case x.isWord(j) && (w == "ago" || isTimeUnit(w)):
			k := j - 1
			for k >= lo && k > j-5 && x.isWord(k) && isTimeModifier(x.tokText(k)) {
				k--
			}
			if k == j-1 && w != "ago" {
				return j // "week" alone is a noun
			}
			j = k
		case j < end && isTimePrep(w) && isTimeUnit(x.tokText(j+1)) || j < end && isTimePrep(w) && isTimeModifier(x.tokText(j+1)):
			j-- // on Tuesday, during the past week
		default:
			return j
		}
	}
	return j
}

// adverbialsAfter is adverbialsBefore rightwards: it skips from token j
// the auxiliaries, adverbs and time phrases after a subject ("Trump on
// Tuesday attacked …") and returns the first token after them.
func (x *analysis) adverbialsAfter(j, hi int) int {
	for j < hi {
		w := x.tokText(j)
		switch {
		case (x.has(j, fSkip) || isTimeWord(w)) && (x.isWord(j) || x.contraction(j)):
			j++
		case x.isWord(j) && (isTimePrep(w) || isTimeModifier(w)):
			k := j + 1
			for k < hi && k < j+5 && x.isWord(k) && isTimeModifier(x.tokText(k)) {
				k++
			}
			if k >= hi || !isTimeUnit(x.tokText(k)) {
				return j
			}
			j = k + 1
			if j < hi && x.tokText(j) == "ago" {
				j++
			}
		default:
			return j
		}
	}
	return j
}

// isTimeUnit reports whether w is a day or a unit of time, singular or
// plural, or "past" ("in the past").
func isTimeUnit(w string) bool {
	return isTimeNoun(w) || w == "day" || w == "days" || w == "hours" || w == "past" || len(w) > 4 && w[len(w)-1] == 's' && isTimeNoun(w[:len(w)-1])
}

// isTimeModifier reports whether w can open a time phrase before its unit:
// "this month", "last week", "less than two weeks", "the same day".
func isTimeModifier(w string) bool {
	switch w {
	case "this", "last", "next", "that", "early", "late", "earlier", "later", "the", "a", "an", "same", "previous",
		"past", "following", "than", "less", "about", "nearly", "almost", "some", "one", "two", "three", "four", "five":
		return true
	}
	return isQuantity(w)
}

// isTimePrep reports whether w is a preposition that opens a time phrase.
func isTimePrep(w string) bool {
	switch w {
	case "on", "during", "in", "over", "since", "until", "through", "throughout", "within", "by":
		return true
	}
	return false
}

// withSubject returns the subject of an absolute construction with "with"
// that holds the participle cue at token c: "with Donald Trump tweeting
// that it was a disaster and asking, “…”", "with many marchers chanting
// “…”"; or no mention.
func (x *analysis) withSubject(lo, c int) mention {
	for w := c - 1; w >= lo && w > c-30; w-- {
		if x.tokText(w) == ";" {
			return mention{}
		}
		if x.tokText(w) != "with" && x.tokText(w) != "With" || x.has(w, fMark|fInQuote) {
			continue
		}
		m := x.rightNP(w+1, c)
		if !m.ok() || m.kind == pronounMention && x.tokText(m.a) == "it" {
			return mention{}
		}
		if m.b+1 < c && x.tokText(m.b) == "and" {
			if m2 := x.rightNP(m.b+1, c); m2.ok() && m2.kind != pronounMention {
				m = mention{a: m.a, b: m2.b, kind: descMention} // many marchers and spectators
			}
		}
		k := m.b
		for k < c && x.has(k, fSkip) && x.isWord(k) {
			k++
		}
		if t := x.tokText(k); k <= c && len(t) > 3 && t[len(t)-3:] == "ing" && !x.has(k, fCap|fStop|fPrep) {
			return m
		}
		return mention{}
	}
	return mention{}
}

// fragmentClose reports whether the closing mark at token j ends a quoted
// fragment inside a clause ("Humphrey, who calls Trump a “sociopath,”
// said"), not a quotation that a cue after it attributes.
func (x *analysis) fragmentClose(j, lo int) bool {
	o := j - 1
	for o > lo && !x.has(o, fMark) {
		o--
	}
	if o <= lo || !x.has(o, fMark) {
		return false
	}
	p := x.tokText(o - 1)
	return x.isWord(o-1) && p != "," && p != ":"
}

// inInsert reports whether the quotation mark or quoted token k lies
// inside a clause of the sentence that starts at lo, rather than opening
// the sentence (“…,” said X): a word outside the quotation comes before it.
func (x *analysis) inInsert(k, lo int) bool {
	for i := lo; i < k; i++ {
		if x.isWord(i) {
			return true
		}
	}
	return false
}

// hasVerbCue reports whether a cue word stands in tokens [a, b).
func (x *analysis) hasVerbCue(a, b int) bool {
	for i := a; i < b; i++ {
		if x.info[i].cue != noCue {
			return true
		}
	}
	return false
}

// sentenceSubject returns the subject of the sentence [lo, hi): the first
// noun phrase, at the start or after a comma, that is followed by a verb
// ("On Friday, he said", "Speaking in Ohio, Cruz warned", "While Mr Trump
// had downplayed …").
func (x *analysis) sentenceSubject(lo, hi int) mention {
	for p := hi - 1; p >= max(lo, hi-maxSubject); p-- { // the nearest clause first
		if t := x.tokText(max(p-1, 0)); p > lo && t != "," && !(p-1 <= lo+6 && isDash(t)) && !((x.tokText(p) == "he" || x.tokText(p) == "she") && isSubordinator(t)) {
			// (a dash closes a dateline: "Washington (AFP) – Democrat Hillary
			// Clinton has …"; he or she opens a clause after a conjunction:
			// "Christie acknowledged some plagiarism even as he defended
			// Melania Trump, saying …")
			continue
		}
		i := p
		for i < hi && (x.has(i, fStop|fSkip|fInQuote|fMark) || !x.has(i, fWord)) && x.tokText(i) != "," {
			i++
		}
		if i >= hi || x.has(i, fPrep) || x.tokText(i) == "," {
			continue
		}
		m := x.rightNP(i, hi)
		if !m.ok() {
			continue
		}
		j := m.b
		if j+1 < hi && x.tokText(j) == "and" && m.kind != pronounMention {
			// "Netanyahu and other right-wing Israeli leaders shunned …"
			if m2 := x.rightNP(j+1, hi); m2.ok() && m2.kind != pronounMention {
				m = mention{a: m.a, b: m2.b, kind: descMention}
				j = m2.b
			}
		}
		if j < hi && x.tokText(j) == "(" {
			for j < hi && j < m.b+8 && x.tokText(j) != ")" {
				j++
			}
			j++
		}
		j = x.adverbialsAfter(j, hi)
		if j < hi && x.isWord(j) && (x.info[j].cue != noCue || !x.has(j, fCap|fPrep|fStop)) {
			return m
		}
	}
	// A name that opens the sentence before an apposition or a participle:
	// "De Blasio, speaking on WOR710, called Trump a “blowhard” and said …",
	// "Sanders himself, who wasn’t present, has toned down …".
	if m := x.rightNP(lo, hi); m.kind == nameMention {
		k := m.b
		for k < hi && x.has(k, fSkip) && x.isWord(k) {
			k++
		}
		if k < hi && x.tokText(k) == "," {
			return m
		}
	}
	return mention{}
}

// npThenCue matches a speaker and a cue that start at token i: "Smith
// said", "Rep. Glenn Thompson, R-Pa., said", "Nunes (R-Calif.) said". It
// returns the cue token and the mention, or -1.
func (x *analysis) npThenCue(i, hi int) (int, mention) {
	m := x.rightNP(i, hi)
	if !m.ok() || m.b >= hi {
		return -1, mention{}
	}
	k := m.b
	switch x.tokText(k) {
	case "(":
		for k < hi && k < m.b+8 && x.tokText(k) != ")" {
			k++
		}
		k++
	case ",":
		// Up to two appositions: "Rep. John Lewis, D-Ga., a civil rights
		// icon, said".
		comma := k
		for n := 0; n < 2; n++ {
			who := comma+1 < hi && x.tokText(comma+1) == "who"
			next := -1
			for j := comma + 1; j < hi && j < comma+25; j++ {
				if x.tokText(j) == "," {
					next = j
					break
				}
				if x.has(j, fMark|fInQuote) && j <= comma+2 || x.isCue(j) && x.info[j].cue < stanceCue && !x.isPossessive(j-1) && !who {
					// (a quoted name inside the apposition is no quotation:
					// "Bill Eastland, wearing a cowboy hat and “Ted Cruz” pins, said")
					return -1, mention{}
				}
			}
			if next < 0 {
				return -1, mention{}
			}
			k = next + 1
			j := k
			for j < hi && x.has(j, fSkip) && x.isWord(j) {
				j++
			}
			if j < hi && x.isCue(j) {
				break
			}
			comma = next
		}
	}
	for k < hi && x.has(k, fSkip) && x.isWord(k) {
		k++
	}
	if k < hi && x.isCue(k) && !(x.isPossessive(k-1) && !x.contraction(k-1)) { // (not a noun: "Trump’s campaign manager")
		return k, m
	}
	return -1, mention{}
}

// endsClause reports whether token i ends the sentence [.., hi), or starts
// an apposition or an adverbial after which the sentence ends.
func (x *analysis) endsClause(i, hi int) bool {
	if i >= hi {
		return true
	}
	t := x.tokText(i)
	return t == "." || t == "," && (i+1 >= hi || x.has(i+1, fDet|fCap|fMark) || !x.has(i+1, fInQuote))
}

// verbal reports whether the cue word at token j is used as a verb: a
// verb of saying or thinking not right after a determiner ("his campaign
// manager", "the report" are nouns).
func (x *analysis) verbal(j int) bool {
	switch x.info[j].cue {
	case sayCue, tellCue, askCue, thinkCue, writeCue:
		return j == 0 || !x.has(j-1, fDet|fPrep) // but "secretary of state"
	}
	return false
}

// isTimeWord reports whether w is a day or a time adverb that may stand
// between a speaker and the cue ("Priebus later Thursday told Fox News").
func isTimeWord(w string) bool {
	switch w {
	case "today", "yesterday", "tonight", "now", "later", "earlier", "again", "here", "there",
		"however", "meanwhile", "instead", "though", "therefore", "indeed", "since":
		return true
	}
	return isDay(w)
}

// progressive reports whether the -ing cue at token c follows a form of
// "be" ("is pledging", "has been saying"): a finite verb, not a participle.
func (x *analysis) progressive(c int) bool {
	for j := c - 1; j >= 0 && j >= c-3; j-- {
		switch x.tokText(j) {
		case "is", "are", "was", "were", "been", "be", "'s", "’s", "'re", "’re", "am", "'m", "’m":
			return true
		}
		if !x.has(j, fSkip) {
			return false
		}
	}
	return false
}

// isSubordinator reports whether w is a conjunction that opens a clause
// whose subject follows it ("when he", "even as she", "but they").
func isSubordinator(w string) bool {
	switch w {
	case "when", "as", "though", "although", "while", "because", "since", "after", "before", "but", "and", "if", "until", "once", "whereas":
		return true
	}
	return false
}

// ordinal reports whether token j is "first" or "last" used as an
// adjective before a noun ("the former first lady", "the last holdout").
func (x *analysis) ordinal(j, hi int) bool {
	if t := x.tokText(j); t != "first" && t != "last" || j+1 >= hi {
		return false
	}
	return x.isWord(j+1) && x.info[j+1].cue == noCue && !x.has(j+1, fSkip|fStop|fPrep|fDet|fPronoun)
}

// isDay reports whether w is the name of a day of the week.
func isDay(w string) bool {
	switch w {
	case "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday":
		return true
	}
	return false
}

// isDash reports whether t is a dash (the horizontal bar ― is the
// quotation dash of some styles).
func isDash(t string) bool { return t == "—" || t == "–" || t == "--" || t == "-" || t == "―" }

// isLoneDet reports whether w can stand alone for a speaker.
func isLoneDet(w string) bool {
	switch w {
	case "another", "Another", "one", "One", "others", "Others", "some", "Some", "many", "Many", "both", "Both", "several", "Several":
		return true
	}
	return false
}
