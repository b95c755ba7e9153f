// Package quote finds quotations in a document and attributes them to
// their speakers: direct quotations (a quoted sentence or more), partial
// ones (a quoted fragment inside the writer's sentence) and indirect ones
// (reported speech: "he suggested that …", "according to …").
//
// Quotation marks are paired over the whole text, paragraph by paragraph;
// a cue (a reporting verb or phrase from cues.txt) next to the quotation
// points to the speaker's mention ("Mr Trump", "he", "the president",
// "a spokesman"), which is mapped to an entity by its offsets: the
// entity whose Mentions or References overlap it.
package quote

import (
	"cmp"
	"context"
	"slices"
	"sort"
	"sync"

	"github.com/newsgraph/newsgraph/doc"
)

// Stage fills Document.Quotes. It needs sentences, tokens and entities; a
// document without entities still gets its quotations, with speaker
// offsets and names but no speaker ids.
type Stage struct{}

var _ doc.Stage = Stage{}

// Name implements doc.Stage.
func (Stage) Name() string { return "quote" }

// Requires implements doc.Stage.
func (Stage) Requires() []doc.Layer {
	return []doc.Layer{doc.LayerSentences, doc.LayerTokens, doc.LayerEntities}
}

// Provides implements doc.Stage.
func (Stage) Provides() []doc.Layer { return []doc.Layer{doc.LayerQuotes} }

// Run implements doc.Stage.
func (Stage) Run(_ context.Context, d *doc.Document) error {
	x := pool.Get().(*analysis)
	x.reset(d)
	x.indirect()
	x.sortIndirect()
	x.direct()
	x.transcript()
	x.dropCovered()
	x.dropCaptions()
	slices.SortStableFunc(x.out, func(a, b doc.Quote) int { return cmp.Compare(a.Start, b.Start) })
	d.Quotes = append(d.Quotes[:0], x.out...)
	x.d = nil
	pool.Put(x)
	return nil
}

var pool = sync.Pool{New: func() any { return new(analysis) }}

// winfo is what is known of one token: its lexicon entry.
type winfo = entry

// analysis is the scratch state of one Run, reused across documents.
type analysis struct {
	d         *doc.Document
	s         string
	toks      []doc.Token
	info      []winfo
	words     []string // words[i] is the text of token i ("" if its span is out of range)
	pend      []int    // scratch for lookup
	reports   []int    // the tokens tagged tReport, in order
	sentFirst []int    // sentence i has tokens [sentFirst[i], sentFirst[i+1])
	qs        []quoted // quoted stretches, in text order
	refs      []ref    // entity mentions and references, by start
	refBuf    []ref    // the same, unsorted
	refKeys   []uint64 // for sorting refBuf: start<<32 | index
	out       []doc.Quote
	nIndirect int    // x.out[:nIndirect] are the indirect quotations
	speech    []bool // whether x.out[i] (indirect) reports speech rather than a stance
	sigSent   int    // the sentence of the last signature found (see signature), or -1
	leadIns   bool   // a line with a name has headed a quotation (see leadIn)
}

// reset prepares x for d.
func (x *analysis) reset(d *doc.Document) {
	x.d, x.s, x.toks = d, d.Text, d.Tokens
	x.out = x.out[:0]
	x.speech = x.speech[:0]
	lex := lexicon()
	x.info = grow(x.info, len(x.toks))
	if cap(x.words) < len(x.toks) {
		x.words = make([]string, len(x.toks))
	}
	x.words = x.words[:len(x.toks)]
	x.pend = lookup(lex, x.info, x.words, x.pend, x.s, x.toks, len(d.Sentences))
	toks, info, words := x.toks, x.info[:len(x.toks)], x.words
	nSent := len(d.Sentences)
	x.sentFirst = slices.Grow(x.sentFirst[:0], nSent+1)[:nSent+1]
	first := x.sentFirst
	m := 0 // first[:m] are set: first[si] is the first token in sentence si or after
	for i := range toks {
		for ; m <= toks[i].Sentence && m < nSent; m++ {
			first[m] = i
		}
	}
	for ; m <= nSent; m++ {
		first[m] = len(toks)
	}
	if cap(x.reports) < len(toks) {
		x.reports = make([]int, len(toks))
	}
	reports, nr := x.reports[:len(toks)], 0 // reports[:nr] are the tokens tagged tReport so far
	for i := range toks {
		e := &info[i]
		if e.tags&(tContext|tReport) == 0 {
			continue // most words
		}
		// The rest looks at the token before, in the same sentence.
		if e.tags&tContext != 0 && i > 0 && (e.f&(fCap|fSkip) == fCap|fSkip || e.tags&tParticle != 0) && toks[i].Sentence == toks[i-1].Sentence {
			if e.f&(fCap|fSkip) == fCap|fSkip {
				e.f &^= fSkip // Will, May: names, not verbs, inside a sentence
			}
			if e.tags&tParticle != 0 && info[i-1].cue == noCue && phrasal(words[i-1], words[i]) &&
				(words[i] != "it" || i+1 < len(toks) && isPunct(words[i+1])) {
				info[i-1].cue = sayCue // shot back, cried out, chimed in
				if info[i-1].tags&tReport == 0 {
					info[i-1].tags |= tReport
					reports[nr], nr = i-1, nr+1
				}
				e.cue = noCue
			}
		}
		if e.tags&tReport != 0 {
			reports[nr], nr = i, nr+1
		}
	}
	x.reports = reports[:nr]
	x.qs = findQuoteds(x.qs[:0], x.s)
	for _, q := range x.qs {
		a, b := x.tokenRange(q.open, q.closeEnd)
		for i := a; i < b; i++ {
			t := x.toks[i]
			if t.Start >= q.openEnd && t.End <= q.close {
				x.info[i].f |= fInQuote
			} else if t.Start < q.openEnd || t.Start >= q.close && q.closed {
				x.info[i].f |= fMark
			}
		}
	}
	x.indexEntities()
}

func grow(b []winfo, n int) []winfo {
	if cap(b) < n {
		return make([]winfo, n)
	}
	return b[:n]
}

// tokenRange returns the indices [a, b) of the tokens that overlap the
// byte range [start, end).
func (x *analysis) tokenRange(start, end int) (int, int) {
	a := x.tokenAfter(start)
	b := a
	for b < len(x.toks) && x.toks[b].Start < end {
		b++
	}
	return a, b
}

// tokenAfter returns the index of the first token that ends after byte
// offset off, or len(x.toks): the first of tokenRange(off, end).
func (x *analysis) tokenAfter(off int) int {
	return sort.Search(len(x.toks), func(i int) bool { return x.toks[i].End > off })
}

// sentenceOf returns the index of the sentence whose tokens include token
// i, and its token range.
func (x *analysis) sentenceOf(i int) (si, lo, hi int) {
	si = x.toks[i].Sentence
	return si, x.sentFirst[si], x.sentFirst[si+1]
}

// dropCaptions drops quotations found in photo captions: a caption
// describes a picture ("a platform announcing their summit"), it does not
// report what anyone said.
func (x *analysis) dropCaptions() {
	var caps []doc.Span
	for _, b := range x.d.Blocks {
		if b.Kind == doc.Caption {
			caps = append(caps, b.Span)
		}
	}
	if len(caps) == 0 {
		return
	}
	out := x.out[:0]
	for _, q := range x.out {
		if !inCaption(caps, q.Span) {
			out = append(out, q)
		}
	}
	x.out = out
}

// inCaption reports whether s lies in one of the caption spans caps.
func inCaption(caps []doc.Span, s doc.Span) bool {
	for _, c := range caps {
		if c.Contains(s) {
			return true
		}
	}
	return false
}
