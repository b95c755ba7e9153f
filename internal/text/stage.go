package text

import (
	"context"
	"slices"
	"sync"

	"github.com/newsgraph/newsgraph/doc"
)

// Stage splits the blocks of a document into sentences and tokens. Related
// links and syndication credits get neither; a caption's sentences stop
// where its credit starts.
type Stage struct{}

// Name implements doc.Stage.
func (Stage) Name() string { return "text" }

// Requires implements doc.Stage.
func (Stage) Requires() []doc.Layer { return []doc.Layer{doc.LayerBlocks} }

// Provides implements doc.Stage.
func (Stage) Provides() []doc.Layer { return []doc.Layer{doc.LayerSentences, doc.LayerTokens} }

// scratch holds the token spans and sentence ranges of one block, reused
// from document to document.
type scratch struct {
	spans  []doc.Span
	ranges []Range
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// Run implements doc.Stage.
func (Stage) Run(_ context.Context, d *doc.Document) error {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	spans, ranges := sc.spans, sc.ranges
	defer func() { sc.spans, sc.ranges = spans, ranges }()
	// News runs at about five bytes a token and 130 a sentence (PolNeAR:
	// 84 for one text in twenty): one allocation each at most (none when
	// the old layers' memory is large enough, after doc.Document.Reset)
	// instead of a chain of doublings.
	d.Sentences = slices.Grow(d.Sentences[:0], len(d.Text)/64+8)
	d.Tokens = slices.Grow(d.Tokens[:0], len(d.Text)/5+16)
	for bi, b := range d.Blocks {
		region := b.Span
		switch b.Kind {
		case doc.RelatedLink, doc.Syndication:
			continue
		case doc.Caption:
			if b.Credit != nil {
				region.End = b.Credit.Start
			}
		}
		spans = Tokenize(spans[:0], d.Text, region.Start, region.End)
		ranges = Sentences(ranges[:0], d.Text, spans)
		for _, r := range ranges {
			si := len(d.Sentences)
			d.Sentences = append(d.Sentences, doc.Sentence{
				Span:  doc.Span{Start: spans[r.First].Start, End: spans[r.Last-1].End},
				Block: bi,
			})
			n := len(d.Tokens)
			d.Tokens = slices.Grow(d.Tokens, r.Last-r.First)[:n+r.Last-r.First]
			toks := d.Tokens[n:] // sized once for the sentence: no check of room per token
			for k, t := range spans[r.First:r.Last] {
				toks[k] = doc.Token{Span: t, Sentence: si}
			}
		}
	}
	return nil
}
