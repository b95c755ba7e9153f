package quote

import (
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/doc"
)

// Attribution by the layout of lines rather than by a verb: a quotation
// signed on its line or the next ("“…” — Maria Lopez, 34, Phoenix", a pull
// quote's "… / Dean Baker, CEPR.\""), headed by a line with a name ("Maria
// Lopez" / “…”), a digest's "- Carl Bialik: “…”", a headline that opens
// with its speaker; and by set phrases around a quotation: "Here’s NP:",
// "as NP put it,", "in NP’s words,", "That quote from NP".

// signature finds a speaker signed after a quotation that opens its line
// at token o and whose last token is e (its closing mark, or its last
// word when closed is false), the way lists of voices, pull quotes and
// letters sign them:
//
//   - on the same line, after a dash or in brackets: “…” — Maria Lopez,
//     34, Phoenix / “…,” — Rosa Delgado / “…” (Carlos, 45); or a
//     person's name alone: “…” Jorge Ramirez, 52, Miami;
//   - on the next line, after a dash: “…” / — Sanders. / -Michelle Marks,
//     Philadelphia.;
//   - on the next line, which a closing mark that pairs with nothing there
//     ends (a pull quote): "… / Dean Baker, Center for Economic and
//     Policy Research.";
//   - on the next line, a person's name alone, when no name line heads
//     the quotation or has headed one before in the document, and the
//     series of quotations and names ends with a name (see
//     seriesEndsSigned): “…” / Rosa Delgado, 33, nurse.
//
// The signature must fill the rest of its line, or end with a full stop
// before the next quotation: a name or description, then at most an
// apposition (age, place, title).
func (x *analysis) signature(o, e int, closed bool) mention {
	i := e + 1
	if o > 0 && x.tokText(o-1) == "\"" && !x.has(o-1, fMark) && !x.lineBreak(o-1, o) {
		o-- // a stray mark before it: "“…”
	}
	if i >= len(x.toks) || o > 0 && !x.lineBreak(o-1, o) && x.tokText(o-1) != ">" {
		return mention{} // (the quotation must open its line, or follow markup: <tweet …>“…” — Name (@handle) …)
	}
	if !x.lineBreak(e, i) {
		if !closed {
			return mention{}
		}
		if x.tokText(i) == "," {
			i++
		}
		if i >= len(x.toks) || x.lineBreak(i-1, i) {
			return mention{}
		}
		end := x.signatureEnd(i)
		switch t := x.tokText(i); {
		case isDash(t):
			return x.signedBy(i+1, end, false)
		case t == "(":
			return x.signedBy(i+1, end, true)
		}
		return x.nameLine(i, end)
	}
	end := x.lineEnd(i)
	if isDash(x.tokText(i)) {
		return x.signedBy(i+1, end, false)
	}
	if end-1 > i && isCloser(x.tokText(end-1)) && !x.has(end-1, fMark) {
		return x.signedBy(i, end-1, false)
	}
	if end < len(x.toks) && x.lineBreak(end-1, end) && !x.opensQuote(end) && (o == 0 || x.toks[o-1].Sentence != x.sigSent) {
		return mention{} // a name line before text: a heading, or a byline (but the last of a series of signed voices)
	}
	if m := x.nameLine(i, end); m.ok() && !x.leadIn(o).ok() && !x.leadIns && x.seriesEndsSigned(end) {
		return m
	}
	return mention{}
}

// nameLine returns the name of a line [i, end) that holds nothing but a
// person's name and an apposition without a verb ("Rosa Delgado, 33,
// nurse"), or no mention.
func (x *analysis) nameLine(i, end int) mention {
	if m := x.signedBy(i, end, false); m.kind == nameMention && x.personLike(m, end) && x.verbless(m.b, end) {
		return m
	}
	return mention{}
}

// seriesEndsSigned reports whether the quotations and name lines that
// alternate from the line at token j on end with a name line (or the
// text ends): then the names sign the quotations before them. A series
// that ends with a quotation is one of names that head the quotations
// after them; a list's first line cannot tell the two apart, its last one
// can.
func (x *analysis) seriesEndsSigned(j int) bool {
	for n := 0; n < 100; n++ {
		if j >= len(x.toks) {
			return true // the name line ends the text
		}
		if !x.opensQuote(j) {
			return true // a name line, then text
		}
		q := x.lineEnd(j) // the quotation's line
		if !isCloser(x.tokText(q-1)) && x.tokText(q-1) != "." {
			return true // its line goes on after it: “…” Jorge Ramirez, 52, Miami
		}
		if q >= len(x.toks) {
			return false // a quotation ends the text
		}
		e := x.lineEnd(q)
		if !x.nameLine(q, e).ok() {
			return false // the series ends with a quotation
		}
		j = e
	}
	return false
}

// signatureEnd returns the end of a signature that starts at token i on
// the line of a quotation: the end of the line, or the token after a
// full stop that the next quotation follows (“…” —Daniel Ortiz, 19,
// Denver. “…”).
func (x *analysis) signatureEnd(i int) int {
	end := x.lineEnd(i)
	for k := i + 1; k+1 < end && k < i+maxSignature; k++ {
		if x.tokText(k) == "." && x.opensQuote(k+1) {
			return k + 1
		}
	}
	return end
}

// opensQuote reports whether token i is an opening quotation mark.
func (x *analysis) opensQuote(i int) bool {
	return x.has(i, fMark) && i+1 < len(x.toks) && x.has(i+1, fInQuote)
}

// personLike reports whether the name mention m, followed by an
// apposition up to token end, names a person: the entities say so, or
// the apposition gives an age ("Jorge Ramirez, 52, Miami").
func (x *analysis) personLike(m mention, end int) bool {
	if e := x.entityAt(doc.Span{Start: x.toks[m.a].Start, End: x.toks[m.b-1].End}, m.kind); e >= 0 && x.d.Entities[e].Type == doc.Person {
		return true
	}
	for k := m.b; k+1 < end; k++ {
		if t := x.tokText(k + 1); x.tokText(k) == "," && t != "" && t[0] >= '1' && t[0] <= '9' && len(t) <= 3 {
			return true
		}
	}
	return false
}

// verbless reports whether tokens [a, b), the apposition after a name
// with no dash before it, hold no verb or clause ("52, Miami", "33,
// nurse"; not "however, disagrees", "45, said he …").
func (x *analysis) verbless(a, b int) bool {
	for k := a; k < b; k++ {
		if !x.isWord(k) || x.has(k, fCap) {
			continue
		}
		if t := x.tokText(k); x.info[k].cue != noCue || x.has(k, fSkip|fPronoun) || x.has(k, fStop) && t != "and" || isBeVerb(t) || isPastTense(t) {
			return false
		}
	}
	return true
}

// isBeVerb reports whether w is a form of "be", "have" or a modal.
func isBeVerb(w string) bool {
	switch w {
	case "is", "was", "are", "were", "has", "had", "have", "will", "would", "could", "should", "may", "might", "must", "can", "does", "did":
		return true
	}
	return false
}

// hereIs finds the speaker that a sentence [lo, c) presents, before the
// colon at token c that introduces the quotation: "Here’s Clinton in
// December 1992:", "Here is Trump on Tuesday:".
func (x *analysis) hereIs(lo, c int) mention {
	if lo+2 >= c || x.tokText(lo) != "Here" {
		return mention{}
	}
	if t := x.tokText(lo + 1); t != "’s" && t != "'s" && t != "is" {
		return mention{}
	}
	m := x.rightNP(lo+2, c)
	if m.kind != nameMention && m.kind != descMention {
		return mention{}
	}
	return m
}

// dashedSource finds the source named between a dash and the colon at
// token c, as a digest of other outlets' words names it: "Pollsters agree
// - Carl Bialik: “…”", "RED STATES OUTNUMBER BLUE STATES - Jeffrey M.
// Jones: “…”" (but not "More from Jones", "From the report").
func (x *analysis) dashedSource(lo, c int) mention {
	d := c - 1
	for d > lo && d > c-10 && !isDash(x.tokText(d)) {
		d--
	}
	if d <= lo || !isDash(x.tokText(d)) || x.lineBreak(d, d+1) {
		return mention{}
	}
	for k := d + 1; k < c; k++ {
		if x.has(k, fPrep) {
			return mention{} // "More from Jones:" is for the colon's rules
		}
	}
	m := x.signedBy(d+1, c, false)
	if m.kind != nameMention || m.b != c {
		return mention{}
	}
	return m
}

// leadIn finds the speaker of a quotation that opens its line at token o
// in the line before, when that line holds nothing but a person's name,
// perhaps numbered, with an age in brackets or an apposition: a list of
// voices headed by their names ("Maria Lopez", "1. Jorge Ramirez", "Ana
// Torres (27)"), perhaps over two lines (a name, then a place). The name
// must be a person's (see personLike): a heading such as "REGIONAL
// WORRIES." names nobody.
func (x *analysis) leadIn(o int) mention {
	if o == 0 || !x.lineBreak(o-1, o) {
		return mention{}
	}
	end := o
	for range 3 {
		a := x.lineStart(end - 1)
		if x.toks[a].Sentence == x.sigSent {
			return mention{} // the signature of the quotation before
		}
		if x.creditLine(a, end) {
			end = a // a photo's credit between: Maria Lopez / Getty Images. / “…”
			if a == 0 {
				return mention{}
			}
			continue
		}
		if t := x.tokText(a); a+2 < end && t != "" && t[0] >= '0' && t[0] <= '9' && (x.tokText(a+1) == "." || x.tokText(a+1) == ")") {
			a += 2 // a numbered list
		}
		if m := x.signedBy(a, end, false); m.kind == nameMention && x.personLike(m, end) && x.verbless(m.b, end) {
			return m
		}
		if si := x.toks[a].Sentence; x.sentFirst[si] == a && x.titleLine(si) {
			return x.personAt(a) // "Ana Torres On Why She Votes" / “…”
		}
		if a == 0 || !x.heading(x.toks[a].Sentence) && !(end-a <= 6 && x.verbless(a, end)) {
			return mention{}
		}
		end = a // the name and the place or trade on two lines: Sofia Reyes, 23 / Austin, Texas / “…”
	}
	return mention{}
}

// creditLine reports whether the line [a, b) is a photo's credit, short and
// naming an agency or a photo: "Getty.", "John Moore via Getty Images.",
// "AP Photo/Evan Vucci."
func (x *analysis) creditLine(a, b int) bool {
	if b-a > 10 {
		return false
	}
	for k := a; k < b; k++ {
		switch x.tokText(k) {
		case "Getty", "Images", "Photo", "Photos", "AP", "AFP", "Reuters", "EPA", "Courtesy", "via":
			return true
		}
	}
	return false
}

// heading reports whether sentence si is a line of its own whose words
// all start with a capital, as a heading's do ("REGIONAL WORRIES.", "The
// Case For Trade"); a single word must be in capitals ("Pause." is a
// sentence).
func (x *analysis) heading(si int) bool {
	lo, hi := x.sentFirst[si], x.sentFirst[si+1]
	if hi <= lo || hi-lo > 12 || lo > 0 && !x.lineBreak(lo-1, lo) || hi < len(x.toks) && !x.lineBreak(hi-1, hi) {
		return false
	}
	words, caps := 0, true
	for i := lo; i < hi; i++ {
		if x.has(i, fWord) {
			if !x.has(i, fCap) {
				return false
			}
			words++
			caps = caps && upperWord(x.tokText(i))
		}
	}
	return words >= 2 || caps // (but not "Pause.")
}

// asPutIt finds the speaker of a clause that ends with the comma at token
// c and introduces a quotation: "as NP VERB (it) …," ("as prosecutor Marc
// Trévidic put it,", "As the Rainmakers sang back in the 1980s,") or "in
// NP’s words,".
func (x *analysis) asPutIt(lo, c int) mention {
	for a := c - 1; a >= lo && a > c-16; a-- {
		t := x.tokText(a)
		if t == "," || !x.isWord(a) && !x.isPossessive(a) && t != "." {
			return mention{}
		}
		switch t {
		case "in", "In":
			if a+3 < c && x.tokText(c-1) == "words" && x.isPossessive(c-2) {
				if m := x.rightNP(a+1, c-2); m.ok() && m.kind != pronounMention && m.b == c-2 {
					return m // in Forbes’ words
				}
			}
		case "as", "As":
			if a > lo && x.tokText(a-1) != "," {
				return mention{} // "… such as"; only a clause of its own
			}
			m := x.rightNP(a+1, c)
			if m.kind == descMention {
				for k := m.b - 1; k > m.a; k-- {
					if x.has(k, fCap) {
						if k+1 < m.b && x.verbLike(k+1) {
							m.b = k + 1 // the phrase took the verb: "the Rainmakers sang"
						}
						break
					}
				}
			}
			if !m.ok() || m.kind == pronounMention && x.tokText(m.a) == "it" || m.b >= c || !x.verbLike(m.b) {
				return mention{}
			}
			if v := x.tokText(m.b); !isPastTense(v) && x.info[m.b].cue == noCue && v != "put" && v != "sang" {
				return mention{} // "as the campaign heads into Iowa,"
			}
			return m
		}
	}
	return mention{}
}

// quoteFrom finds the speaker named by a sentence [lo, hi) that opens by
// pointing back at the quotation before it: "That quote from NP", "The
// words of NP", "Those were the words of NP".
func (x *analysis) quoteFrom(lo, hi int) mention {
	i := lo
	switch x.tokText(i) {
	case "That", "This", "The", "Those", "These":
	default:
		return mention{}
	}
	i++
	if i+1 < hi && (x.tokText(i) == "was" || x.tokText(i) == "were") && x.tokText(i+1) == "the" {
		i += 2 // Those were the words of …
	}
	if i+2 >= hi {
		return mention{}
	}
	switch x.tokText(i) {
	case "quote", "line", "remark", "remarks", "comment", "comments", "words", "statement", "warning", "assessment", "message", "verdict":
	default:
		return mention{}
	}
	if p := x.tokText(i + 1); p != "from" && p != "by" && p != "of" {
		return mention{}
	}
	if m := x.rightNP(i+2, hi); m.ok() && m.kind != pronounMention {
		return m
	}
	return mention{}
}

// titleLine reports whether sentence si is a line of its own in title
// case: every word outside quotation marks capitalised but short function
// words ("Gina Rodriguez Questioned What It Means To Be “Latino Enough.”").
func (x *analysis) titleLine(si int) bool {
	lo, hi := x.sentFirst[si], x.sentFirst[si+1]
	if hi <= lo || hi-lo > 30 || lo > 0 && !x.lineBreak(lo-1, lo) || hi < len(x.toks) && !x.lineBreak(hi-1, hi) {
		return false
	}
	caps := 0
	for i := lo; i < hi; i++ {
		switch {
		case !x.isWord(i):
		case x.has(i, fCap):
			caps++
		case len(x.tokText(i)) > 3 || !x.has(i, fStop|fPrep|fDet):
			return false
		}
	}
	return caps >= 3
}

// personAt returns the mention of a person's name that starts at token i,
// as the entities give it, or no mention.
func (x *analysis) personAt(i int) mention {
	start := x.toks[i].Start
	for k := sort.Search(len(x.refs), func(k int) bool { return x.refs[k].Start >= start }); k < len(x.refs) && x.refs[k].Start == start; k++ {
		if r := x.refs[k]; r.name && x.d.Entities[r.entity].Type == doc.Person {
			j := i + 1
			for j < len(x.toks) && x.toks[j].End <= r.End {
				j++
			}
			return mention{a: i, b: j, kind: nameMention}
		}
	}
	return mention{}
}

// lineStart returns the first token of the line of token i.
func (x *analysis) lineStart(i int) int {
	nl := strings.LastIndexByte(x.s[:x.toks[i].Start], '\n')
	return x.tokenAfter(nl)
}

// signedBy matches a signature in tokens [a, b): a name or a description
// with a capitalised word ("Facebook user Sofia Reyes"), then nothing but
// an apposition after a comma ("34, Phoenix", "Center for Economic and
// Policy Research", "tweeting after Clinton's speech") or a Twitter
// handle in brackets, and a final full stop; in brackets (paren), up to
// the closing one.
func (x *analysis) signedBy(a, b int, paren bool) mention {
	if paren {
		c := a
		for c < b && x.tokText(c) != ")" {
			c++
		}
		if c >= b || c+1 < b && !(c+2 == b && x.tokText(c+1) == ".") {
			return mention{} // the brackets end the line
		}
		b = c
	}
	for b > a && (x.tokText(b-1) == "." || isCloser(x.tokText(b-1))) {
		b--
	}
	if b <= a || b-a > maxSignature {
		return mention{}
	}
	if h := x.handle(a, b); h > a && (h == b || x.tokText(h) == "(" || x.tokText(h) == ",") {
		return mention{a: a, b: h, kind: nameMention} // "@lalatina_22."
	}
	m := x.rightNP(a, b)
	if !m.ok() || m.kind == pronounMention || m.kind == descMention && !x.hasCap(m.a, m.b) && !x.has(m.a, fDet) {
		return mention{} // (but a description with its article will do: "— a retired teacher from Ohio")
	}
	if m.kind == descMention {
		for k := m.a + 1; k < m.b; k++ {
			if x.has(k, fPrep) && !x.hasCap(m.a, k) {
				return mention{a: m.a, b: k, kind: descMention} // the teacher, not Ohio
			}
		}
	}
	if m.b < b && x.isWord(m.b) {
		// A name after a description: "Facebook user Sofia Reyes".
		c := m.b
		for c < b && x.isWord(c) && !x.has(c, fStop|fPronoun|fSkip) && (x.has(c, fCap) || !x.verbal(c)) {
			c++
		}
		h := x.handle(c, b) // "Instagram user @rosa.d"
		if c > m.b && x.has(c-1, fCap) || h > c {
			c = max(c, h)
		} else {
			c = m.b
		}
		if c > m.b && (c == b || x.tokText(c) == "," || x.tokText(c) == "(") {
			m = mention{a: m.a, b: c, kind: nameMention}
		}
	}
	if m.b < b {
		switch x.tokText(m.b) {
		case ",", "(":
		default:
			return mention{} // a sentence: "— Here’s What We Know So Far"
		}
	}
	for k := m.b; k < b; k++ {
		if x.has(k, fInQuote|fMark) || x.tokText(k) == ":" || x.tokText(k) == ";" {
			return mention{}
		}
	}
	return m
}

// handle returns the end of a social-media handle that starts at token a
// ("@", then words, digits and underscores with no space between), or a.
func (x *analysis) handle(a, b int) int {
	if a+1 >= b || x.tokText(a) != "@" {
		return a
	}
	h := a + 1
	for h < b && x.toks[h].Start == x.toks[h-1].End && (x.has(h, fWord) || x.tokText(h) == "_" || x.tokText(h) == "." && h+1 < b && x.toks[h+1].Start == x.toks[h].End && x.has(h+1, fWord)) {
		h++
	}
	if h == a+1 {
		return a
	}
	return h
}

// maxSignature is the longest signature signedBy takes, in tokens.
const maxSignature = 16

// hasCap reports whether one of tokens [a, b) is a capitalised word.
func (x *analysis) hasCap(a, b int) bool {
	for k := a; k < b; k++ {
		if x.has(k, fCap) {
			return true
		}
	}
	return false
}

// lineBreak reports whether a line ends between tokens i and j.
func (x *analysis) lineBreak(i, j int) bool {
	return strings.IndexByte(x.s[x.toks[i].End:x.toks[j].Start], '\n') >= 0
}

// lineEnd returns the first token after token i on another line, or
// len(x.toks).
func (x *analysis) lineEnd(i int) int {
	nl := strings.IndexByte(x.s[x.toks[i].End:], '\n')
	if nl < 0 {
		return len(x.toks)
	}
	return x.tokenAfter(x.toks[i].End + nl)
}

// isCloser reports whether t is a double quotation mark that can close.
func isCloser(t string) bool { return t == "\"" || t == "”" || t == "''" || t == "’’" }

// saidBy finds the owner of a noun of speech that introduces the
// quotation opening at token o, with at most a time, a place or a hearer
// between: "his call for “…”", "her assertion during the debate that
// “…”", "her March comment that, “…”", "FBI Director James Comey's
// conclusion that “…”".
func (x *analysis) saidBy(lo, o int) mention {
	for k := o - 1; k > lo && k >= o-10; k-- {
		if x.has(k, fInQuote|fMark) || !x.isWord(k) && x.tokText(k) != "," && !x.isPossessive(k) {
			return mention{}
		}
		if x.has(k, fCap) || !x.has(k, fSaid) && !isSpeechNoun(x.info[k].cue) {
			continue
		}
		j := k - 1 // over adjectives to the owner: "his most explosive claim"
		for j > lo && j >= k-3 && x.isWord(j) && !x.has(j, fDet|fPronoun|fStop|fPrep) && !x.isPossessive(j) {
			j--
		}
		switch t := x.tokText(j); {
		case t == "his" || t == "her" || t == "their" || t == "His" || t == "Her" || t == "Their":
			return mention{a: j, b: j + 1, kind: pronounMention}
		case j > lo && x.isPossessive(j) && x.has(j-1, fCap):
			if m := x.leftNP(lo, j-1); m.kind == nameMention {
				return m
			}
		}
		return mention{}
	}
	return mention{}
}

// isSpeechNoun reports whether a cue word of class c is also a noun for
// what was said: "call", "claim", "answer", "warning".
func isSpeechNoun(c cueClass) bool {
	return c == sayCue || c == tellCue || c == writeCue || c == callCue
}

// relativeSubject finds the subject of a relative clause that the
// quotation opening at token o is in: "Clinton, who could be celebrating
// being dubbed the “presumptive nominee”", "Clinton who is looking to
// bring “people together”". The mention is "who", standing for the noun
// phrase before it.
func (x *analysis) relativeSubject(lo, o int) mention {
	for k := o - 1; k > lo && k >= o-maxSubject; k-- {
		switch t := x.tokText(k); {
		case x.has(k, fInQuote|fMark), t == ";", t == ":", t == "(", t == ")":
			return mention{}
		case t == "who":
			if k+1 >= o || !x.isWord(k+1) && x.tokText(k+1) != "," {
				return mention{}
			}
			commas := 0
			for c := k + 1; c < o; c++ {
				if x.tokText(c) == "," {
					commas++
				}
			}
			if commas > 0 && !(commas == 2 && x.tokText(k+1) == ",") {
				return mention{} // the clause ended: "A Texas voter who supports Trump, Golvach lost …"
			}
			e := k - 1
			if e > lo && (x.tokText(e) == "," || isDash(x.tokText(e))) {
				e--
			}
			if m := x.leftNP(lo, e); m.ok() && m.kind != pronounMention {
				return mention{a: k, b: k + 1, kind: pronounMention, ante: m.a, anteEnd: m.b}
			}
			return mention{}
		}
	}
	return mention{}
}
