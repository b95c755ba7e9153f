package quote

import (
	"sort"
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
	x.sigSent, x.leadIns = -1, false
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
				x.leadIns = true
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
		if !inherited && at.cue < 0 && !at.m.ok() && oa == lo && si > 0 {
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
		if !inherited && at.cue < 0 && !at.m.ok() && oa > lo {
			// "his call for “a total and complete ban”", "her assertion
			// during the debate that “…”": the owner of a noun of speech.
			at.m = x.saidBy(lo, oa)
			if !at.m.ok() {
				at.m = x.relativeSubject(lo, oa)
			}
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
