// Package tone scores the sentiment of a document and of each of its
// sentences with VADER (Hutto and Gilbert, 2014), through the maintained Go
// port github.com/jonreiter/govader: its lexicon, booster words, negations
// and compound score, in [-1, 1].
//
// govader's PolarityScores is too slow for the pipeline's budget (about
// 25 µs a sentence: it re-splits every sentence with regular expressions and
// builds strings for every idiom check), so the stage takes govader's
// lexicon (copied to lexicon.tsv by ./gen, which saves parsing govader's
// gzipped lexicon and emoji table at start-up), booster words, negations
// and idioms and applies the same steps to the words of the text stage's
// tokens (vader.go). The scores agree with
// PolarityScores on ordinary sentences (tested); they can differ where
// VADER's space-splitting sees a different word than the tokenizer (a word
// inside curly quotes, say, which VADER does not strip).
package tone

import (
	"context"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/jonreiter/govader"

	"github.com/newsgraph/newsgraph/doc"
)

//go:generate go run ./gen
//go:generate go test -run ^TestTableFile$ -update-table .

// scorer reads lexicon.idx on first use. It panics if the embedded file
// is damaged, which TestTableFile guards against.
var scorer = sync.OnceValue(func() *vader {
	t, err := readTable(tableFile)
	if err != nil {
		panic(err)
	}
	c := govader.NewTermConstants()
	return &vader{words: t, special: c.SpecialCaseIdioms, booster: c.BoosterDict}
})

// Load reads the VADER tables now rather than on first use.
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
	scores := slices.Grow(d.Tone.Sentences[:0], len(d.Sentences))[:len(d.Sentences)] // the old scores' memory, after doc.Document.Reset
	scr := scratchPool.Get().(*scratch)
	defer scratchPool.Put(scr)
	// The words of every sentence first, then their lexicon facts in one
	// pass over them all (lexTable.look), then the scores: the lookups of
	// a whole document wait for memory together, not a sentence's at a
	// time between the scans and the rules.
	words, ends := scr.words[:0], slices.Grow(scr.ends[:0], len(d.Sentences))
	defer func() { scr.words, scr.ends = words[:0], ends[:0] }()
	ti := 0
	for _, s := range d.Sentences {
		words, ti = sentenceWords(words, d.Text, d.Tokens, ti, s.Span)
		ends = append(ends, len(words))
	}
	scr.slots = sc.words.look(d.Text, words, scr.slots[:0])
	start := 0
	for si, s := range d.Sentences {
		scores[si] = sc.compound(words[start:ends[si]], d.Text, d.Slice(s.Span))
		start = ends[si]
	}
	d.Tone = doc.Tone{Score: mean(d, scores), Sentences: scores}
	return nil
}

// scratch holds the buffers of one Run, reused between documents.
type scratch struct {
	words []word  // the words of every sentence, in order
	ends  []int   // ends[si]: the end in words of sentence si's words
	slots []probe // lexTable.look's
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// sentenceWords appends to words the VADER words of the sentence at s,
// without their lexicon facts, from its tokens toks[ti:], and returns them
// and the index of the first token after the sentence. "n't" and "'s" join
// the word before them, as VADER splits on spaces only, and punctuation
// marks are dropped (tokens with no ASCII letter or digit and no byte
// outside ASCII). One pass over a token's bytes finds what the rules need
// to know about its letters and the hash of its lower-case form.
func sentenceWords(words []word, text string, toks []doc.Token, ti int, s doc.Span) ([]word, int) {
	for ; ti < len(toks) && toks[ti].Start < s.End; ti++ {
		t := &toks[ti]
		if t.Start < s.Start {
			continue
		}
		n := len(words)
		if t.Start < t.End && mayBeClitic(text[t.Start]) && n > 0 && words[n-1].end == t.Start && isClitic(text[t.Start:t.End]) {
			prev := &words[n-1]
			var f wordFlags
			prev.hash, f = scanWord(text, t.Start, t.End, prev.hash)
			prev.flags |= f
			prev.end = t.End
			continue
		}
		h, f := scanWord(text, t.Start, t.End, fnvOffset)
		if n == cap(words) {
			words = slices.Grow(words, 1)
		}
		// Filled in place (no word built on the stack and copied), and
		// kept only if it is a word: punctuation is dropped without a
		// branch, which the processor could not predict.
		w := &words[:n+1][n]
		w.start, w.end, w.hash, w.flags = t.Start, t.End, h, f
		words = words[:n+int(f&hasLetter)/int(hasLetter)]
	}
	return words, ti
}

// mayBeClitic reports whether a token that starts with byte c may be a
// clitic: a cheap test that most tokens fail, before the others.
func mayBeClitic(c byte) bool { return c|0x20 == 'n' || c == '\'' || c == "’"[0] }

// isClitic reports whether t is "n't", "'s" or "’s", in any ASCII case.
func isClitic(t string) bool {
	switch len(t) {
	case 2:
		return t[0] == '\'' && t[1]|0x20 == 's'
	case 3:
		return t[0]|0x20 == 'n' && t[1] == '\'' && t[2]|0x20 == 't'
	case 4:
		return t[:3] == "’" && t[3]|0x20 == 's'
	}
	return false
}

// scanWord returns the hash of text[start:end] in lower case, continuing
// from hash h (fnvOffset for a new word), and the flags of its bytes. The
// "n't" of a word cannot straddle the join of a clitic, so it is looked
// for in these bytes only.
func scanWord(text string, start, end int, h uint32) (uint32, wordFlags) {
	var f uint16
	w := text[start:end]
	for i := 0; i < len(w); i++ {
		b := byteInfo[w[i]]
		f |= b
		h = (h ^ uint32(b&0xFF)) * fnvPrime
	}
	flags := wordFlags(f >> 8)
	if flags&hasApos != 0 && hasNTAt(w) {
		flags |= hasNT
	}
	return h, flags
}

// hasNTAt reports whether w holds "n't" in any ASCII case.
func hasNTAt(w string) bool {
	for i := 1; i+1 < len(w); i++ {
		if w[i] == '\'' && w[i-1]|0x20 == 'n' && w[i+1]|0x20 == 't' {
			return true
		}
	}
	return false
}

// byteInfo is, for each byte, the byte in lower case (ASCII letters
// lowered) and, above it, the word flags it sets: one load a byte.
var byteInfo = func() (t [256]uint16) {
	for c := 0; c < 256; c++ {
		var f wordFlags
		l := byte(c)
		switch {
		case 'a' <= c && c <= 'z':
			f = hasLetter | hasLower
		case 'A' <= c && c <= 'Z':
			f = hasLetter | hasUpper
			l = byte(c) + 'a' - 'A'
		case '0' <= c && c <= '9', c >= utf8.RuneSelf:
			f = hasLetter
		case c == '\'':
			f = hasApos
		}
		t[c] = uint16(f)<<8 | uint16(l)
	}
	return t
}()

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
