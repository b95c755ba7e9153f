package text

import (
	"testing"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/polnear"
)

// newsTexts returns up to n PolNeAR training texts, or skips when the
// shared data is absent.
func newsTexts(b *testing.B, n int) []string {
	var out []string
	for _, t := range polnear.Texts(b, n, "train") {
		out = append(out, string(t))
	}
	return out
}

// BenchmarkTokenize splits 200 PolNeAR news texts into tokens; bytes/s is
// text per second.
func BenchmarkTokenize(b *testing.B) {
	texts := newsTexts(b, 200)
	size, tokens := 0, 0
	var spans []doc.Span
	for _, s := range texts {
		size += len(s)
		tokens += len(Tokenize(spans[:0], s, 0, len(s)))
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, s := range texts {
			spans = Tokenize(spans[:0], s, 0, len(s))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*tokens), "ns/token")
}

// BenchmarkSentences groups the tokens of 200 PolNeAR news texts into
// sentences.
func BenchmarkSentences(b *testing.B) {
	texts := newsTexts(b, 200)
	toks := make([][]doc.Span, len(texts))
	size := 0
	for i, s := range texts {
		toks[i] = Tokenize(nil, s, 0, len(s))
		size += len(s)
	}
	b.SetBytes(int64(size))
	var ranges []Range
	b.ResetTimer()
	for b.Loop() {
		for i, s := range texts {
			ranges = Sentences(ranges[:0], s, toks[i])
		}
	}
}

// BenchmarkStage runs the stage over 200 PolNeAR news texts, each one
// block, and reports articles/s.
func BenchmarkStage(b *testing.B) {
	texts := newsTexts(b, 200)
	docs := make([]doc.Document, len(texts))
	size := 0
	for i, s := range texts {
		docs[i] = doc.Document{Text: s, Blocks: []doc.Block{{Span: doc.Span{Start: 0, End: len(s)}}}}
		size += len(s)
	}
	b.SetBytes(int64(size / len(texts)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if err := (Stage{}).Run(b.Context(), &docs[i%len(docs)]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
