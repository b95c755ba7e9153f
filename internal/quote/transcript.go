package quote

import (
	"cmp"
	"slices"
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/doc"
)

// Transcripts: lines that open with the speaker's name and a colon,
//
//	TAPPER: Do you think Donald Trump has campaigned as a racial healer?
//	FALLIN: I think he is trying to campaign as a racial healer.
//
// Each turn is the speaker's own words, a direct quotation without marks.

// maxTurnName is the longest speaker's name of a turn, in tokens.
const maxTurnName = 5

// turn is one transcript line: the speaker's tokens [a, colon) and the
// words [colon+1, end).
type turn struct{ a, colon, end int }

// transcript adds the turns of a transcript as direct quotations. A line
// is a turn when its name is in capitals ("JAKE TAPPER", "MR. SMITH"),
// the document has two turns or more, and the speaker has another turn or
// is a person: "UPDATE:" and "CORRECTION:" lines make no transcript. A turn with quotation marks in it is left to them. Lines
// such as "Sanders: Win in a walk." are headings of a list, not turns.
func (x *analysis) transcript() {
	var turns []turn
	for si := range x.d.Sentences {
		// A turn opens a sentence and a line.
		i := x.sentFirst[si]
		if i >= x.sentFirst[si+1] || !x.has(i, fCap) || !upperWord(x.tokText(i)) || i > 0 && !x.lineBreak(i-1, i) {
			continue
		}
		if t, ok := x.turnAt(i); ok {
			turns = append(turns, t)
		}
	}
	if len(turns) < 2 {
		return
	}
	n := len(x.out)
	for _, t := range turns {
		if !x.speaksAgain(t, turns) && !x.personAt(t.a).ok() {
			continue // a label ("UPDATE:", "CORRECTION:"), not a speaker
		}
		span := doc.Span{Start: x.toks[t.colon+1].Start, End: x.toks[t.end-1].End}
		if k := x.nIndirect + sort.Search(n-x.nIndirect, func(k int) bool { return x.out[x.nIndirect+k].End > span.Start }); k < n && x.out[k].Start < span.End {
			continue // marks in it: “…”
		}
		q := doc.Quote{Text: x.s[span.Start:span.End], Kind: doc.Direct, Span: span}
		c := x.toks[t.colon]
		q.Cue, q.CueStart, q.CueEnd = x.s[c.Start:c.End], c.Start, c.End
		x.speaker(&q, mention{a: t.a, b: t.colon, kind: nameMention})
		x.out = append(x.out, q)
	}
	if len(x.out) > n {
		slices.SortStableFunc(x.out[x.nIndirect:], func(a, b doc.Quote) int { return cmp.Compare(a.Start, b.Start) })
	}
}

// speaksAgain reports whether the speaker of turn t, by the last word of
// the name ("JAKE TAPPER", "TAPPER"), has another of the turns.
func (x *analysis) speaksAgain(t turn, turns []turn) bool {
	name := x.tokText(t.colon - 1)
	for _, u := range turns {
		if u != t && x.tokText(u.colon-1) == name {
			return true
		}
	}
	return false
}

// turnAt returns the turn of the line that starts at token i, a word in
// capitals, if it is one.
func (x *analysis) turnAt(i int) (turn, bool) {
	end := x.lineEnd(i)
	if x.d.Blocks[x.d.Sentences[x.toks[i].Sentence].Block].Kind != doc.Body {
		return turn{}, false
	}
	colon := -1
	for k := i; k < end && k < i+maxTurnName+1; k++ {
		if x.tokText(k) == ":" {
			colon = k
			break
		}
	}
	if colon <= i || colon+2 >= end || !x.has(colon+1, fWord) || x.has(colon+1, fMark|fInQuote) {
		return turn{}, false
	}
	caps := true
	for k := i; k < colon; k++ {
		t := x.tokText(k)
		switch {
		case t == "." && k > i, t == "-" || t == "’" || t == "'":
		case x.has(k, fCap) && !x.has(k, fInQuote|fMark) && upperWord(t):
		default:
			caps = false
		}
	}
	if !caps || colon-i == 1 && len(x.tokText(i)) == 1 {
		return turn{}, false // (an interview's "Q:" and "A:" are the writer's and the guest's)
	}
	return turn{a: i, colon: colon, end: end}, true
}

// upperWord reports whether the letters of w are all capitals.
func upperWord(w string) bool {
	for len(w) > 0 && w[0] < utf8.RuneSelf {
		if 'a' <= w[0] && w[0] <= 'z' {
			return false
		}
		w = w[1:]
	}
	for len(w) > 0 {
		r, n := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) {
			return false
		}
		w = w[n:]
	}
	return true
}
