// Package tone scores the sentiment of a document and of each of its
// sentences with VADER (Hutto and Gilbert, 2014), through the maintained Go
// port github.com/jonreiter/govader: its lexicon, booster words, negations
// and compound score, in [-1, 1].
//
// govader's PolarityScores is too slow for the pipeline's budget (about
// 25 µs a sentence: it re-splits every sentence with regular expressions and
// builds strings for every idiom check), so the stage takes govader's
// lexicon, booster words, negations and idioms and applies the same steps
// to the words of the text stage's tokens (vader.go). The scores agree with
// PolarityScores on ordinary sentences (tested); they can differ where
// VADER's space-splitting sees a different word than the tokenizer (a word
// inside curly quotes, say, which VADER does not strip).
package tone

import (
	"context"
	"strings"
	"sync"

	"github.com/jonreiter/govader"

	"github.com/newsgraph/newsgraph/doc"
)

var analyzer = sync.OnceValue(govader.NewSentimentIntensityAnalyzer)

var scorer = sync.OnceValue(func() *vader { return newScorer(analyzer()) })

// Load builds the VADER lexicon now rather than on first use (a few
// milliseconds).
func Load() { scorer() }

// Stage fills Document.Tone: a compound score for every sentence (parallel
// to Document.Sentences) and for the document, the mean over the sentences
// of body blocks (of all sentences when there are no body blocks), so that
// captions and titles do not dominate an article's tone.
type Stage struct{}

// Name implements doc.Stage.
func (Stage) Name() string { return "tone" }

// Requires implements doc.Stage.
func (Stage) Requires() []doc.Layer { return []doc.Layer{doc.LayerSentences, doc.LayerTokens} }

// Provides implements doc.Stage.
func (Stage) Provides() []doc.Layer { return []doc.Layer{doc.LayerTone} }

// Run implements doc.Stage.
func (Stage) Run(_ context.Context, d *doc.Document) error {
	sc := scorer()
	scores := make([]float64, len(d.Sentences))
	scr := scratchPool.Get().(*scratch)
	defer scratchPool.Put(scr)
	words, buf := scr.words[:0], scr.buf[:0]
	defer func() {
		clear(words[:cap(words)]) // no hold on this document's text from the pool
		scr.words, scr.buf = words[:0], buf[:0]
	}()
	low := lowerASCII(d.Text)
	ti := 0
	for si, s := range d.Sentences {
		words = words[:0]
		for ; ti < len(d.Tokens) && d.Tokens[ti].Start < s.End; ti++ {
			t := d.Tokens[ti]
			if t.Start < s.Start {
				continue
			}
			words = appendWord(words, d.Text, low, t.Span)
		}
		for i := range words {
			sc.look(&words[i])
		}
		scores[si] = sc.compound(words, d.Slice(s.Span), &buf)
	}
	d.Tone = doc.Tone{Score: mean(d, scores), Sentences: scores}
	return nil
}

// scratch holds the buffers of one Run, reused between documents.
type scratch struct {
	words []word
	buf   []float64
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// appendWord adds the token at sp to the VADER words: "n't" and "'s" join
// the word before them, as VADER splits on spaces only, and punctuation
// marks are dropped. low is text with ASCII letters in lower case.
func appendWord(words []word, text, low string, sp doc.Span) []word {
	w := text[sp.Start:sp.End]
	letters := false
	for j := 0; j < len(w); j++ {
		c := w[j]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= 0x80 && !strings.HasPrefix(w[j:], "’") {
			letters = true
			break
		}
	}
	if !letters {
		return words
	}
	if n := len(words); n > 0 && words[n-1].end == sp.Start {
		switch low[sp.Start:sp.End] {
		case "n't", "'s", "’s":
			prev := &words[n-1]
			start := sp.Start - len(prev.w)
			prev.w, prev.lower, prev.end = text[start:sp.End], low[start:sp.End], sp.End
			return words
		}
	}
	return append(words, word{w: w, lower: low[sp.Start:sp.End], end: sp.End})
}

// lowerASCII returns s with the ASCII capitals in lower case: the same
// length, so that spans into s are spans into the result.
func lowerASCII(s string) string {
	// One allocation, not zeroed, and one copy: the runs between capitals
	// are written whole (b := []byte(s) … string(b) copied twice).
	var sb strings.Builder
	sb.Grow(len(s))
	last := 0
	for i := 0; i < len(s); i++ {
		if ch := s[i]; 'A' <= ch && ch <= 'Z' {
			sb.WriteString(s[last:i])
			sb.WriteByte(ch + 'a' - 'A')
			last = i + 1
		}
	}
	sb.WriteString(s[last:])
	return sb.String()
}

func mean(d *doc.Document, scores []float64) float64 {
	var sum float64
	n := 0
	for i, s := range d.Sentences {
		if s.Block < len(d.Blocks) && d.Blocks[s.Block].Kind != doc.Body {
			continue
		}
		sum += scores[i]
		n++
	}
	if n == 0 {
		for _, v := range scores {
			sum += v
		}
		n = len(scores)
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}
