package quote

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/doc"
)

// attribution is what was found for one quotation: its cue token and its
// speaker's mention (either may be missing).
type attribution struct {
	cue int // token index, -1 when none
	m   mention
}

// direct turns the quoted stretches of text into direct and partial
// quotations, attributed to their speakers. Quoted words that are names,
// titles or signs rather than speech are left out.
func (x *analysis) direct() {
	x.nIndirect = len(x.out)
	last := -1 // index in x.out of the last quotation, for continuations
	lastSent := -10
	nextInd := 0           // the indirect quotations before the current one are x.out[:nextInd]
	pieces, runLen := 0, 0 // paragraphs of a running quotation emitted so far
	x.sigSent = -1
	runCarried := false // the first paragraph of the running quotation carried the speaker before on
	for k := range x.qs {
		q := &x.qs[k]
		cs, ce := trimContent(x.s, q.openEnd, q.close)
		if cs >= ce {
			continue
		}
		oa, ob := x.tokenRange(q.open, q.openEnd)
		ca := x.tokenAfter(cs)
		if oa == ob || ca >= len(x.toks) {
			continue // the mark is in no sentence: a related link, a credit
		}
		si, lo, hi := x.sentenceOf(oa)
		endTok := oa
		if a, b := x.tokenRange(q.close, q.closeEnd); q.closed && a < b {
			endTok = b - 1
		} else if _, cb := x.tokenRange(cs, ce); cb > 0 {
			endTok = cb - 1
		}
		sj, lo2, hi2 := x.sentenceOf(endTok)
		if x.notSpeech(q, oa, lo) {
			continue
		}
		at := attribution{cue: -1}
		inherited := false
		report := -1 // the indirect quotation around this one, when inherited from it
		if q.cont && last >= 0 && x.out[last].SpeakerStart != nil {
			inherited = true
			if q.closed {
				// “…,” Grayson said: a cue of its own names the speaker here.
				if a := x.cueAfter(endTok, lo2, hi2, true); a.m.ok() {
					at, inherited = a, false
				}
			}
			if m := x.signature(oa, endTok, q.closed); inherited && m.ok() {
				at.m, inherited = m, false // “…” / — Sanders.
				x.sigSent = x.toks[m.a].Sentence
			}
		}
		whole := oa == lo || x.tokText(oa-1) == "," || x.tokText(oa-1) == ":" || si != sj
		if !inherited && q.closed {
			at = x.cueAfter(endTok, lo2, hi2, whole)
			if at.m.ok() && oa > lo && x.tokText(oa-1) == "," {
				if b := x.cueBefore(oa, lo, hi); b.m.ok() && x.adjacent(b.cue, oa) {
					at = b // he warned, “…,” Trump told NBC: the first cue
				}
			}
			if at.cue == endTok+1 && oa > lo && isArticle(x.tokText(oa-1)) {
				at = attribution{cue: -1} // the “disheartened” state of the campaign: a noun
			}
		}
		if !inherited && (!at.m.ok() || !whole && at.cue >= 0 && at.cue < endTok+3) {
			// Inside reported speech: He said the base “went into collect mode”.
			// Before a cue after it when the quotation is a fragment: "After
			// Scalia said that students might do better at “less advanced
			// schools,” Trump said: …" is Scalia's.
			// The outermost report that starts before it in its sentence:
			// "De Blasio said his remarks were “propaganda”" is De Blasio's.
			sentStart := x.toks[lo].Start
			for i := sort.Search(x.nIndirect, func(i int) bool { return x.out[i].Start > cs }) - 1; i >= 0 && x.out[i].Start >= sentStart; i-- {
				if ind := &x.out[i]; x.speech[i] && ind.SpeakerStart != nil && ind.Contains(doc.Span{Start: cs, End: ce}) {
					inherited, last, report = true, i, i
				}
			}
		}
		if !inherited && !at.m.ok() && si != sj {
			// A quotation of several sentences whose last one goes on as a
			// report: “… They don't have a choice” but to take the lead in
			// advertising, says Evan Tracey.
			tail := x.toks[lo2].Start
			for i := sort.Search(x.nIndirect, func(i int) bool { return x.out[i].Start >= tail }); i < x.nIndirect && x.out[i].Start < ce; i++ {
				if ind := &x.out[i]; x.speech[i] && ind.SpeakerStart != nil && ind.Start <= x.toks[lo2].End && ind.End >= ce && !isFrameCue(ind.Cue) {
					inherited, last, report = true, i, i
					break
				}
			}
		}
		if !inherited && !at.m.ok() {
			// “…” / — Maria Lopez, 34, Phoenix
			if m := x.signature(oa, endTok, q.closed); m.ok() {
				at.m = m
				x.sigSent = x.toks[m.a].Sentence
			}
		}
		if !inherited && !at.m.ok() && oa-2 > lo && x.tokText(oa-1) == ":" {
			// A digest's item: "Pollsters agree - Carl Bialik: “…”"
			if m := x.dashedSource(lo, oa-1); m.ok() {
				at = attribution{cue: -1, m: m}
			}
		}
		if !inherited && !at.m.ok() && oa == lo {
			// Maria Lopez / “…”
			if m := x.leadIn(oa); m.ok() {
				at.m = m
			}
		}
		if !inherited && !at.m.ok() {
			if b := x.cueBefore(oa, lo, hi); b.m.ok() || at.cue < 0 {
				at = b
			}
		}
		if !inherited && at.cue < 0 && !at.m.ok() && oa > lo && x.tokText(oa-1) == ":" {
			// "… doesn't surprise pollster Daron Shaw: “…”", "She then
			// addressed the supporters again: “…”"
			e := oa - 2
			if e > lo && x.tokText(e) == ")" {
				// "Rep. Trey Gowdy (R-S.C.): “…”"
				for e > lo && e > oa-10 && x.tokText(e) != "(" {
					e--
				}
				e--
			}
			if m := x.hereIs(lo, oa-1); m.ok() {
				at.m = m // "Here’s Clinton in December 1992: “…”"
			} else if oa-1 > lo && x.handle(lo, oa-1) == oa-1 {
				at.m = mention{a: lo, b: oa - 1, kind: nameMention} // "@maria_lopez: “…”"
			} else if m := x.signedBy(lo, e+1, false); m.kind == nameMention && m.b <= e && x.tokText(m.b) == "," {
				at.m = m // "Maria Lopez, 34, Phoenix: “…”": the name before its apposition
			} else if m := x.leftNP(lo, e); m.kind == nameMention && (m.a == lo || !isHearerPrep(x.tokText(m.a-1))) || m.ok() && m.a > lo && isSourcePrep(x.tokText(m.a-1)) {
				at.m = m // (but not a hearer: "McConnell delivered a blunt message to Trump: “…”"; "More from Jones: “…”" is his)
			} else if m := x.sentenceSubject(lo, oa); m.ok() && !x.negated(m.b, oa) {
				at.m = m // but "Trump and Putin did not respond to shouted questions including: “…”"
			}
		}
		if !inherited && at.cue < 0 && oa == lo && si > 0 {
			// Introduced by the sentence before: "Smith said:" / "Hannity interjected:".
			plo, phi := x.sentFirst[si-1], x.sentFirst[si]
			if phi > plo && x.tokText(phi-1) == ":" {
				at = x.cueBefore(phi-1, plo, phi)
				if !at.m.ok() {
					at.m = x.hereIs(plo, phi-1)
				}
				if !at.m.ok() {
					at.m = x.sentenceSubject(plo, phi)
				}
			} else if c := x.bareCue(plo, phi); c >= 0 && x.d.Sentences[si-1].Block == x.d.Sentences[si].Block {
				// "Sam Lau, the party's spokesman, said in a statement. “…”":
				// a cue that reports nothing in its own sentence.
				if m := x.subjectOf(plo, phi, c); m.ok() {
					at = attribution{cue: c, m: m}
				}
			}
		}
		if !inherited && !at.m.ok() && oa-2 >= lo && x.isPossessive(oa-1) && x.has(oa-2, fCap) {
			// Mitt Romney’s “47 percent” comment
			at.m = x.leftNP(lo, oa-2)
		}
		for nextInd < x.nIndirect && x.out[nextInd].Start < q.open {
			nextInd++
		}
		if report >= 0 {
			last = report // not the report inside it: Carter said some critics were predicting “…”
		} else if k := x.outerReport(nextInd - 1); k >= 0 && (last < 0 || x.out[k].Start > x.out[last].Start) {
			// A statement reported since the last quotation: “Khan says she … ” “She called me …”
			if a := x.tokenAfter(x.out[k].Start); a < len(x.toks) {
				last, lastSent = k, x.toks[a].Sentence
			}
		}
		carried := false // the speaker of the quotation before goes on
		if !inherited && at.cue < 0 && !at.m.ok() && last >= 0 && oa == lo && si-lastSent <= 2 {
			inherited, carried = true, true // the same speaker goes on: “…,” he said. “…”
			if si-1 > lastSent && si-1 != x.sigSent {
				// A sentence about someone since: “…,” Trump added. He then
				// had a question for the crowd. “Who’s going to pay for it?”
				if m := x.sentenceSubject(x.sentFirst[si-1], x.sentFirst[si]); m.ok() {
					inherited, carried, at.m = false, false, m
				} else if x.heading(si - 1) {
					inherited, carried = false, false // a new item of a list: “…” / REGIONAL WORRIES. / “…”
				}
			}
		}
		words := countWords(x.s[cs:ce], 5)
		colon := oa > lo && x.tokText(oa-1) == ":"
		sentenceLike := words >= 5 || startsUpper(x.s[cs:ce]) && endsTerminal(x.s[cs:ce])
		if at.cue < 0 && !inherited && !colon && !sentenceLike {
			continue // a scare quote, a title, a sign
		}
		if !inherited && at.cue < 0 && !at.m.ok() && q.closed && sj+1 < len(x.d.Sentences) && hi2 == endTok+1 && x.d.Sentences[sj+1].Block == x.d.Sentences[sj].Block {
			// Named by the sentence after: "“I'd rather have a sister in a
			// whorehouse than a brother in the FBI.” That quote from
			// Alabama Securities Commissioner Thomas Krebs …"
			at.m = x.quoteFrom(hi2, x.sentFirst[sj+2])
		}
		if !inherited && at.cue < 0 && !at.m.ok() && oa == lo && si > 0 && si-1 != x.sigSent && x.d.Blocks[x.d.Sentences[si-1].Block].Kind == doc.Body && !x.creditLine(x.sentFirst[si-1], x.sentFirst[si]) {
			// A quotation that stands as a sentence after one about someone,
			// in the same paragraph or the one before: "The judge then turned
			// to me. “Mr. D’Souza?”"
			at.m = x.sentenceSubject(x.sentFirst[si-1], x.sentFirst[si])
			if at.m.kind == nameMention && x.heading(si-1) && !x.personLike(at.m, x.sentFirst[si]) {
				at.m = mention{} // a heading names a place or a topic: Austin, Texas / “…”
			}
			if at.m.kind == descMention && !x.has(at.m.b-1, fPeople|fTitle) && x.entityAt(doc.Span{Start: x.toks[at.m.a].Start, End: x.toks[at.m.b-1].End}, descMention) < 0 {
				at.m = mention{} // a thing: "For Carlos Mendez, the choice is simple. “…”"
			}
		}
		if !inherited && at.cue < 0 && !at.m.ok() && oa-1 > lo && x.tokText(oa-1) == "," {
			// "As the Rainmakers sang back in the 1980s, “…”", "in Forbes’
			// words, “…”"
			at.m = x.asPutIt(lo, oa-1)
		}
		if !inherited && at.cue < 0 && !at.m.ok() && oa > lo && x.titleLine(si) {
			// A headline that opens with its speaker's name: "John
			// Leguizamo On How U.S. History Makes Latinos Feel “Invisible.”"
			at.m = x.personAt(lo)
		}
		if !inherited && at.cue < 0 && !at.m.ok() && oa > lo {
			// No cue: the subject of the clause the quotation is in ("The ad
			// targets a “corrupt political system”"), unless it did not speak.
			if m := x.sentenceSubject(lo, oa); !x.negated(m.b, oa) {
				at.m = m
			}
			if !at.m.ok() && last >= 0 && lastSent == si-1 && x.out[last].SpeakerStart != nil && x.d.Sentences[si-1].Block == x.d.Sentences[si].Block {
				// Nobody in its sentence, and the one before reports
				// someone's words: "Jahangir said she was angered by the
				// media. Doing so ”appeared to be an attempt at poisoning
				// the California election.”"
				inherited = true
			}
		}
		out := doc.Quote{Text: x.s[cs:ce], Kind: doc.Partial, Span: doc.Span{Start: cs, End: ce}}
		if si != sj || oa == lo || colon || oa > lo && x.tokText(oa-1) == "," || q.cont {
			if startsUpper(x.s[cs:ce]) || q.cont || si != sj {
				out.Kind = doc.Direct
			}
		}
		if out.Kind == doc.Partial && startsUpper(x.s[cs:ce]) && at.cue >= 0 && oa-1 == at.cue {
			out.Kind = doc.Direct // Mr Trump said “We …”
		}
		switch {
		case inherited:
			inherit(&out, &x.out[last])
		case at.cue < 0:
			x.speaker(&out, at.m)
		default:
			c := x.toks[at.cue]
			out.Cue, out.CueStart, out.CueEnd = x.s[c.Start:c.End], c.Start, c.End
			if x.tokText(at.cue) == "according" || x.tokText(at.cue) == "According" {
				out.CueEnd = x.toks[at.cue+1].End
				out.Cue = x.s[out.CueStart:out.CueEnd]
			}
			x.speaker(&out, at.m)
		}
		x.out = append(x.out, out)
		if q.cont && !inherited && out.SpeakerStart != nil {
			// “First paragraph … / “Second one,” she said: the speaker is
			// named at the end, for every paragraph of the quotation (and
			// over the one the first paragraph carried on from before).
			for p := len(x.out) - 2; p >= x.nIndirect && pieces > 0; p-- {
				if x.out[p].SpeakerStart == nil || runCarried && !sameSpeaker(&x.out[p], &out) {
					inherit(&x.out[p], &out)
				}
				pieces--
			}
		}
		if !q.cont {
			runCarried = carried
		}
		pieces = 0
		if q.runsOn {
			pieces = runLen + 1
		}
		runLen = pieces
		last = len(x.out) - 1
		lastSent = sj
	}
}

// sameSpeaker reports whether quotations p and q have the same speaker
// entity.
func sameSpeaker(p, q *doc.Quote) bool {
	return p.Speaker != nil && q.Speaker != nil && *p.Speaker == *q.Speaker
}

// outerReport returns the indirect quotation x.out[k] that reports speech
// with a speaker, or the outermost report around it with a speaker ("Carter
// said that for decades some critics had been predicting …": Carter's, not
// the critics'); or -1. A frame ("in the polls") reports no speech for the
// quotations after it.
func (x *analysis) outerReport(k int) int {
	if k < 0 || !x.speech[k] || x.out[k].SpeakerStart == nil || isFrameCue(x.out[k].Cue) {
		return -1
	}
	for k > 0 && x.speech[k-1] && x.out[k-1].SpeakerStart != nil && x.out[k-1].Contains(x.out[k].Span) && !isFrameCue(x.out[k-1].Cue) {
		k--
	}
	return k
}

// isFrameCue reports whether cue is the preposition of a frame (see framed).
func isFrameCue(cue string) bool { return cue == "in" || cue == "In" || cue == "for" || cue == "For" }

// cueAfter looks for a cue just after a closing mark at token e, within
// the sentence [lo, hi): “…,” Mr Trump said / “…,” said Mr Putin. When
// the quotation ends a sentence with "?" or "!", the cue may open the next
// one: “…?” Clinton asks. When the quotation stands as a sentence of its
// own (whole: it opens a sentence or follows a comma or colon), a verb
// outside the lexicon will do as well (see anyVerbAfter).
func (x *analysis) cueAfter(e, lo, hi int, whole bool) attribution {
	a := x.cueAfterLexicon(e, lo, hi)
	if a.cue < 0 && whole && e+1 < hi {
		// “…,” the Florida senator and Republican presidential candidate
		// said: a longer description than the noun phrase rules take.
		first := e + 1
		if x.tokText(first) == "," {
			first++
		}
		if c, m := x.phraseThenCue(first, hi); c >= 0 {
			return attribution{cue: c, m: m}
		}
	}
	if a.cue < 0 && whole && e+1 < hi && e > lo {
		if t := x.tokText(e - 1); t == "," || t == "?" || t == "!" {
			// “…,” Hannity pressed. / “…!” beamed Donald Hartley: after a
			// quotation that ends with a comma, a question or an
			// exclamation, a speaker and any verb are the attribution.
			first := e + 1
			if x.tokText(first) == "," {
				first++
			}
			return x.anyVerbAfter(first, hi)
		}
	}
	return a
}

// anyVerbAfter matches a speaker and a verb that is not in the cue lexicon
// at token i, right after a quotation: "Hannity pressed", "an angry
// Hollande retaliated", "Trump went on", or inverted, "beamed Donald
// Hartley". It returns the verb as the cue, or no attribution.
func (x *analysis) anyVerbAfter(i, hi int) attribution {
	if i >= hi {
		return attribution{cue: -1}
	}
	if m := x.rightNP(i, hi); m.ok() && m.kind != descMention || m.kind == descMention && x.has(i, fDet) {
		k := m.b
		for k < hi && x.has(k, fSkip) && x.isWord(k) {
			k++
		}
		if k < hi && x.verbLike(k) && (k+1 >= hi || !x.isWord(k+1) || !x.has(k+1, fDet|fCap)) {
			return attribution{cue: k, m: m}
		}
		return attribution{cue: -1}
	}
	if x.verbLike(i) && isPastTense(x.tokText(i)) {
		// (or a description with its determiner: “Who knows?” shrugged one aide.)
		if m := x.rightNP(i+1, hi); (m.kind == nameMention || m.kind == descMention && x.has(m.a, fDet)) && x.endsClause(m.b, hi) {
			return attribution{cue: i, m: m}
		}
	}
	return attribution{cue: -1}
}

// phraseThenCue matches a speaker's phrase and a verb of speech at token
// i, right after a quotation: a phrase that opens with a determiner or a
// capitalised word and runs over words, commas, "and" and prepositions,
// but no verb, pronoun or clause ("the bespectacled, 71-year-old diplomat
// said", "Jeffrey Lewis of the James Martin Center for Nonproliferation
// Studies wrote"). It returns the cue and the phrase, or -1.
func (x *analysis) phraseThenCue(i, hi int) (int, mention) {
	if i >= hi || !x.isWord(i) || !x.has(i, fDet|fCap) || x.has(i, fPronoun|fStop|fSkip) || x.info[i].cue != noCue {
		return -1, mention{}
	}
	end := i // the phrase is [i, end)
	for j := i; j < hi && j < i+maxPhrase; j++ {
		t := x.tokText(j)
		switch {
		case x.isCue(j) && !x.has(j, fCap) && j > i && end == j:
			switch x.info[j].cue {
			case sayCue, tellCue, askCue, writeCue:
				kind := descMention
				if x.has(j-1, fCap) {
					kind = nameMention
				}
				return j, mention{a: i, b: j, kind: kind}
			}
			return -1, mention{}
		case x.has(j, fMark|fInQuote|fPronoun|fSkip):
			return -1, mention{}
		case t == ",":
			if j+1 >= hi || !x.isWord(j+1) {
				return -1, mention{}
			}
			continue
		case t == "and" || t == "-" || x.isPossessive(j) || x.has(j, fPrep|fDet):
			continue
		case !x.isWord(j) || x.has(j, fStop) || x.info[j].cue >= sayCue && x.info[j].cue <= writeCue && !x.has(j, fCap):
			return -1, mention{} // (a word of a topic or stance is a noun here: "close to the campaign")
		}
		end = j + 1
	}
	return -1, mention{}
}

// maxPhrase is the longest speaker's phrase phraseThenCue takes, in tokens.
const maxPhrase = 16

// verbLike reports whether token i could be a verb: a lower-case word of
// no closed class.
func (x *analysis) verbLike(i int) bool {
	t := x.tokText(i)
	return x.isWord(i) && !x.has(i, fCap|fStop|fPrep|fDet|fPronoun|fPeople|fTitle|fSkip) && len(t) > 2 && t[0] >= 'a' && t[0] <= 'z'
}

// cueAfterLexicon is cueAfter with the cues of the lexicon only (and any
// verb opening the next sentence after “…?”).
func (x *analysis) cueAfterLexicon(e, lo, hi int) attribution {
	p := e - 1
	if p > lo && (x.tokText(p) == "’" || x.tokText(p) == "'") {
		p-- // a nested quotation closes too: …need?’” Weaver said.
	}
	if e+1 == hi && hi < len(x.toks) && p >= 0 && (x.tokText(p) == "?" || x.tokText(p) == "!" || x.tokText(p) == ".") {
		si := x.toks[hi].Sentence
		if x.d.Sentences[si].Block == x.d.Sentences[x.toks[e].Sentence].Block {
			nlo, nhi := hi, x.sentFirst[si+1]
			// Only a speaker and a verb of speech: “…?” Clinton asks. After a
			// full stop, only when that is the whole sentence: “….” Trump said.
			if c, m := x.npThenCue(nlo, nhi); c >= 0 && (x.info[c].cue == sayCue || x.info[c].cue == askCue || x.info[c].cue == writeCue || x.info[c].cue == tellCue) &&
				(x.tokText(p) != "." || nhi-c <= 5) {
				return attribution{cue: c, m: m}
			}
			if x.tokText(p) == "." {
				return attribution{cue: -1}
			}
			if m := x.rightNP(nlo+1, nhi); x.info[nlo].cue == sayCue || x.info[nlo].cue == askCue {
				if m.ok() {
					return attribution{cue: nlo, m: m} // “…?” asked Smith.
				}
			}
			return x.anyVerbAfter(nlo, nhi)
		}
	}
	first := e + 1
	if first < hi && x.tokText(first) == "," {
		first++
	}
	if first+2 < hi && x.tokText(first) == "as" {
		// “…,” as Cruz said on Glenn Beck’s radio program.
		if c, m := x.npThenCue(first+1, hi); c >= 0 && (x.info[c].cue < thinkCue || x.info[c].cue == writeCue) {
			return attribution{cue: c, m: m}
		}
	}
	limit := e + 8
	prep := false
	for i := first; i < hi && i <= limit; i++ {
		if i == first && isStrayMark(x.tokText(i)) {
			first++ // 6’2”,” Rubio said: the inch mark closed the quotation
			continue
		}
		if x.has(i, fMark|fInQuote|fStop) && !isTimeWord(x.tokText(i)) {
			break
		}
		if x.has(i, fPrep) {
			if i == first || i+1 >= hi || !x.isWord(i+1) || x.has(i+1, fStop|fPrep) {
				break
			}
			prep = true // “…,” a voice-over in the ad states: the cue must take the whole phrase
			continue
		}
		if x.isCue(i) && x.info[i].cue < stanceCue && !x.nounCue(i) && !(x.has(i, fCap) && i+1 < hi && x.isCue(i+1)) && !(i > first && x.isPossessive(i-1) && !x.contraction(i-1)) || x.isAccordingTo(i, hi) {
			// (a capitalised cue word before a cue is a name: “…,” Read said;
			// a cue word after a possessive a noun: “…,” Trump’s campaign
			// manager, Kellyanne Conway, said)
			m := x.subjectOf(lo, hi, i)
			if i == first {
				return attribution{cue: i, m: m} // “…,” said Smith / “…,” adding
			}
			if m.ok() && (m.a > i && !prep || m.a == first || m.kind == nameMention && m.a > first && !prep && x.allWords(first, m.a)) {
				return attribution{cue: i, m: m}
			}
			return attribution{cue: -1}
		}
		switch x.tokText(i) {
		case "(":
			// “…,” Rep. Earl Blumenauer (D-Ore.) said.
			for i < hi && x.tokText(i) != ")" {
				i++
			}
			limit += 6
			continue
		case ",":
			// “…,” Trump, the GOP frontrunner, said.
			if c, m := x.npThenCue(first, hi); c >= 0 {
				return attribution{cue: c, m: m}
			}
		}
		if !x.isWord(i) && x.tokText(i) != "." && !x.isPossessive(i) {
			break
		}
	}
	return attribution{cue: -1}
}

// cueBefore looks for a cue before the opening mark at token o, within
// the sentence [lo, hi): Mr Trump said: “…” / he called it “…”. The
// outermost cue with a speaker wins: in "Smith said he felt “…”" the
// quotation is Smith's report.
func (x *analysis) cueBefore(o, lo, hi int) attribution {
	best := attribution{cue: -1}
	for i := o - 1; i >= max(lo, o-maxCueBack); i-- {
		if x.has(i, fInQuote) {
			continue
		}
		if x.isCue(i) && x.info[i].cue < stanceCue && (!x.has(i, fCap) || i == lo) && !x.nounCue(i) || x.isAccordingTo(i, hi) {
			m := x.subjectOf(lo, hi, i)
			if best.cue < 0 || m.ok() && (!best.m.ok() || best.m.a > i && x.dominates(i, best.m.a)) {
				best = attribution{cue: i, m: m}
			}
			if m.ok() && x.adjacent(i, o) && x.info[i].cue != thinkCue {
				return best // he replied, “…” / Smith told reporters: “…”
			}
		}
	}
	return best
}

// negated reports whether the verb group that starts at token a (before
// token b) is negated: "did not respond", "never answered", "didn't".
func (x *analysis) negated(a, b int) bool {
	for i := a; i < b && i < a+4; i++ {
		switch x.tokText(i) {
		case "not", "n't", "n’t", "never":
			return true
		}
		if !x.has(i, fSkip) {
			return false
		}
	}
	return false
}

// bareCue returns the verb of speech that ends the sentence [lo, hi)
// with only a place, a time or a medium after it ("said in a statement.",
// "told reporters on Tuesday."), or -1.
func (x *analysis) bareCue(lo, hi int) int {
	if hi-lo < 3 || x.tokText(hi-1) != "." {
		return -1
	}
	for c := hi - 2; c >= lo && c >= hi-10; c-- {
		if x.has(c, fInQuote|fMark) || x.tokText(c) == "that" || x.tokText(c) == "," {
			return -1
		}
		if cl := x.info[c].cue; (cl == sayCue || cl == writeCue || cl == tellCue) && x.isCue(c) {
			if n := c + 1; n < hi-1 && !x.has(n, fPrep) && !isTimeWord(x.tokText(n)) && cl != tellCue {
				return -1 // "said the talks went well."
			}
			return c
		}
	}
	return -1
}

// dominates reports whether the cue at token c governs the clause whose
// subject starts at token a: no comma or colon stands between them
// ("Smith said he felt “…”", not "Since Smith announced it, he has said “…”").
func (x *analysis) dominates(c, a int) bool {
	for i := c + 1; i < a; i++ {
		if t := x.tokText(i); t == "," || t == ":" || t == ";" {
			return false
		}
	}
	return true
}

// adjacent reports whether the cue at token c introduces the quotation
// that opens at token o: only a comma, a colon, "that" or a short noun
// phrase (the hearer, or an inverted speaker) stand between them.
func (x *analysis) adjacent(c, o int) bool {
	e := o
	for e > c+1 {
		if t := x.tokText(e - 1); t != "," && t != ":" && t != "that" {
			break
		}
		e--
	}
	if e == c+1 {
		return true
	}
	m := x.rightNP(c+1, e)
	return m.ok() && m.b == e && m.kind != pronounMention
}

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
//   - on the next line, a person's name alone, when no line names the
//     speaker before the quotation (then the names head the quotations
//     after them): “…” / Rosa Delgado, 33, nurse.
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
		if m := x.signedBy(i, end, false); m.kind == nameMention && x.personLike(m, end) && x.verbless(m.b, end) {
			return m
		}
		return mention{}
	}
	end := x.lineEnd(i)
	if isDash(x.tokText(i)) {
		return x.signedBy(i+1, end, false)
	}
	if end-1 > i && isCloser(x.tokText(end-1)) && !x.has(end-1, fMark) {
		return x.signedBy(i, end-1, false)
	}
	if end < len(x.toks) && x.lineBreak(end-1, end) && !x.opensQuote(end) {
		return mention{} // a name line before text: a heading, or a byline
	}
	if m := x.signedBy(i, end, false); m.kind == nameMention && x.personLike(m, end) && x.verbless(m.b, end) && !x.headed(o) {
		return m
	}
	return mention{}
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
		if t := x.tokText(k + 1); x.tokText(k) == "," && t[0] >= '1' && t[0] <= '9' && len(t) <= 3 {
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

// headed reports whether the line before the quotation that opens its line
// at token o introduces it: it ends with a colon, or it is a name line
// (see leadIn).
func (x *analysis) headed(o int) bool {
	return o > 0 && (x.tokText(o-1) == ":" || x.leadIn(o).ok())
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
		if t := x.tokText(a); a+2 < end && t[0] >= '0' && t[0] <= '9' && (x.tokText(a+1) == "." || x.tokText(a+1) == ")") {
			a += 2 // a numbered list
		}
		if m := x.signedBy(a, end, false); m.kind == nameMention && x.personLike(m, end) && x.verbless(m.b, end) {
			return m
		}
		if si := x.toks[a].Sentence; x.sentFirst[si] == a && x.titleLine(si) {
			return x.personAt(a) // "Ana Torres On Why She Votes" / “…”
		}
		if a == 0 || !x.heading(x.toks[a].Sentence) {
			return mention{}
		}
		end = a // the name and the place on two lines: Sofia Reyes, 23 / Austin, Texas / “…”
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

// isCue reports whether token i is a reporting verb used as a verb: not
// inside a quotation and not a noun after a determiner ("his comments",
// "the emails").
func (x *analysis) isCue(i int) bool {
	if x.info[i].cue == noCue || !x.isWord(i) {
		return false
	}
	if i > 0 && (x.has(i-1, fPrep) || isArticle(x.tokText(i-1))) {
		return false // the state, his comments, of emails
	}
	if i+1 < len(x.toks) && x.isPossessive(i+1) {
		return false // the state’s
	}
	if t := x.tokText(i); i > 0 && t[len(t)-1] == 's' && isQuantity(x.tokText(i-1)) {
		return false // 22 points behind, 13 million votes
	}

	if x.info[i].cue == callCue && i > 0 {
		// "the media attacks": a judging verb in -s wants a name or pronoun.
		if t := x.tokText(i); t[len(t)-1] == 's' && x.isWord(i-1) && !x.has(i-1, fCap|fPronoun|fStop|fSkip) {
			return false
		}
	}
	return true
}

// infinitive reports whether the cue at token i is a bare verb after "to"
// with an object after it: "the first members of Congress to endorse
// Trump", "used to support Rand Paul" (but "in addition to calls for …").
func (x *analysis) infinitive(i int) bool {
	if x.info[i].cue == noCue || !x.isWord(i) || i == 0 || x.tokText(i-1) != "to" || i+1 >= len(x.toks) || !x.isWord(i+1) || x.has(i+1, fPrep|fStop) && x.tokText(i+1) != "that" {
		return false
	}
	switch t := x.tokText(i); {
	case x.has(i, fCap), len(t) > 3 && (t[len(t)-1] == 's' || t[len(t)-2:] == "ed" || t[len(t)-3:] == "ing"):
		return false
	}
	if i >= 2 && x.info[i-2].cue == noCue && isPastTense(x.tokText(i-2)) && x.tokText(i-2) != "used" && x.tokText(i-2) != "tended" {
		return false // a purpose: "aircraft designed to oppose Russia"
	}
	return true
}

// nounCue reports whether the cue word at token i is a noun: after a
// past tense ("shouted questions") or opened by a singular determiner
// ("the 2012 Benghazi terror attack", "a snappy retort": a singular
// subject would take "retorts"). A quotation next to it is not
// attributed by it.
func (x *analysis) nounCue(i int) bool {
	if t := x.tokText(i); i > 0 && t[len(t)-1] == 's' && isPastTense(x.tokText(i-1)) {
		return true // shouted questions, prepared remarks
	}
	return x.has(i, fBase) && x.singularBefore(i)
}

// singularBefore reports whether the bare verb form at token i ends a
// noun phrase that a singular determiner opens ("a snappy retort", "the
// caustic chant"): a singular subject would take "retorts", so the word
// is the noun.
func (x *analysis) singularBefore(i int) bool {
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		if x.has(j, fInQuote|fMark) || !x.isWord(j) {
			return false
		}
		switch x.tokText(j) {
		case "a", "A", "an", "An", "the", "The", "this", "This", "his", "His", "her", "Her", "its", "Its", "another", "Another", "each", "Each", "every", "Every":
			return j < i-1 // right after the article isCue knows already
		}
		if t := x.tokText(j); x.has(j, fStop|fSkip|fPronoun|fPeople|fPrep|fDet) || x.info[j].cue != noCue || t[len(t)-1] == 's' || isPastTense(t) {
			return false
		}
	}
	return false
}

// isQuantity reports whether w is a number or a word of quantity before
// a plural noun ("22 points", "13 million votes", "percentage points").
func isQuantity(w string) bool {
	switch w {
	case "million", "billion", "thousand", "hundred", "percentage", "few", "several", "many", "more", "fewer":
		return true
	}
	return w != "" && w[0] >= '0' && w[0] <= '9'
}

// allWords reports whether tokens [a, b) are all plain words: no
// punctuation, conjunction or cue of speech ("councilmember" in “…,”
// councilmember Mark Levine said; "campaign", a topic cue, in “…,” Sanders
// campaign manager Jeff Weaver said).
func (x *analysis) allWords(a, b int) bool {
	for i := a; i < b; i++ {
		if (!x.isWord(i) || x.has(i, fStop) || x.info[i].cue != noCue && x.info[i].cue < stanceCue) && !x.isPossessive(i) {
			return false
		}
	}
	return true
}

// isAccordingTo reports whether tokens i, i+1 are "according to".
func (x *analysis) isAccordingTo(i, hi int) bool {
	t := x.tokText(i)
	return (t == "according" || t == "According") && i+1 < hi && x.tokText(i+1) == "to"
}

// notSpeech reports whether the quoted stretch q, whose opening mark is
// token o in a sentence starting at token lo, is a name, a title, a sign or
// markup rather than something said.
func (x *analysis) notSpeech(q *quoted, o, lo int) bool {
	if before(x.s, 0, q.open) == '=' {
		return true // markup: author="…"
	}
	cs, ce := q.openEnd, q.close
	if !hasLetter(x.s[cs:ce]) {
		return true
	}
	if o <= lo {
		return false
	}
	p := o - 1
	pt := x.tokText(p)
	if x.has(p, fNaming) || x.info[p].cue == callCue && p == o-1 && !x.has(p, fInQuote) && (pt == "called" || pt == "named") {
		return true // nicknamed “the Beast”, a sign that read “Alaska 2025”
	}
	if pt == "as" && p > lo && (x.tokText(p-1) == "known" || x.tokText(p-1) == "dubbed") {
		return true
	}
	if titleCase(x.s[cs:ce]) && (x.has(p, fWork) || x.isPossessive(p) || pt == "on" || pt == "in" || pt == "of" || pt == "the" || pt == "The") {
		return true // CNN’s “State of the Union”, the film “The Revenant”
	}
	return false
}

// trimContent narrows [s, e) of text to exclude surrounding white space
// and a trailing comma (“…,” he said).
func trimContent(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) && r != ',' {
			break
		}
		e -= n
	}
	return s, e
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// countWords counts the runs of letters and digits in s, up to limit.
func countWords(s string, limit int) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		var w bool
		if c := s[i]; c < utf8.RuneSelf {
			w = firstFlags[c]&fWord != 0 || c == '\'' || c == '-' // a letter or digit, an apostrophe or a hyphen
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			w = isWordRune(r) || r == '’'
			i += size
		}
		if w && !in {
			n++
			if n >= limit {
				return n
			}
		}
		in = w
	}
	return n
}

func startsUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.IsUpper(r)
		}
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func endsTerminal(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '?' || r == '!' || r == '…'
}

// titleCase reports whether every word of s of four letters or more
// starts with a capital, as in the title of a work.
func titleCase(s string) bool {
	words := 0
	start := true
	wordStart, wordLen := rune(0), 0
	check := func() bool {
		if wordLen >= 4 && !unicode.IsUpper(wordStart) {
			return false
		}
		return true
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' {
			if start {
				wordStart, wordLen, start = r, 0, false
				words++
			}
			wordLen++
			continue
		}
		if !start && !check() {
			return false
		}
		start = true
	}
	if !start && !check() {
		return false
	}
	return words > 0 && words <= 10 && startsUpper(s)
}

// isArticle reports whether w is an article or a possessive determiner,
// after which a reporting verb is a noun ("his comments").
func isArticle(w string) bool {
	switch w {
	case "the", "The", "a", "A", "an", "An", "his", "His", "her", "Her", "their", "Their", "its", "Its",
		"our", "Our", "my", "My", "your", "Your", "these", "These", "those", "Those", "this", "This":
		return true
	}
	return false
}

// isSourcePrep reports whether w introduces the source of what follows a
// colon: "From the report: “…”".
func isSourcePrep(w string) bool { return w == "from" || w == "From" || w == "via" || w == "Via" }

// isHearerPrep reports whether w is a preposition whose object is the
// hearer, the topic or the place of what is said, not its speaker.
func isHearerPrep(w string) bool {
	switch w {
	case "to", "at", "with", "against", "about", "on", "in", "for":
		return true
	}
	return false
}

// isStrayMark reports whether t is a quotation mark on its own.
func isStrayMark(t string) bool {
	switch t {
	case "”", "\"", "’", "''", "»", "″":
		return true
	}
	return false
}
