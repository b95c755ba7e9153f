package newsgraph_test

import (
	"context"
	"os"
	"testing"

	"github.com/newsgraph/newsgraph"
	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/layout"
	"github.com/newsgraph/newsgraph/internal/polnear"
	"github.com/newsgraph/newsgraph/internal/text"
)

// polnearTexts returns up to n PolNeAR texts (train and dev), or skips.
func polnearTexts(b *testing.B, n int) [][]byte {
	return polnear.Texts(b, n, "train", "dev")
}

func benchAnalyze(b *testing.B, texts [][]byte) {
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	b.SetBytes(int64(size / len(texts)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := newsgraph.Analyze(context.Background(), texts[i%len(texts)], newsgraph.Options{Format: newsgraph.FormatText}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkAnalyzeExample runs the whole pipeline on the example article.
func BenchmarkAnalyzeExample(b *testing.B) {
	data, err := os.ReadFile("examples/alaska-summit.txt")
	if err != nil {
		b.Fatal(err)
	}
	benchAnalyze(b, [][]byte{data})
}

// BenchmarkAnalyzePolNeAR runs the whole pipeline over all 924 PolNeAR
// texts, in turn: as many different words as a day of news brings, so that
// the tagger's word caches and the processor's are no warmer than on a
// stream of new articles (over 200 texts it read about 15% faster).
func BenchmarkAnalyzePolNeAR(b *testing.B) {
	benchAnalyze(b, polnearTexts(b, 1<<30))
}

// BenchmarkLayoutText runs only layout and sentence splitting on 200
// PolNeAR texts (budget: 20,000 articles/s on one core).
func BenchmarkLayoutText(b *testing.B) {
	texts := polnearTexts(b, 200)
	p, err := newsgraph.NewPipeline(layout.Stage{}, text.Stage{})
	if err != nil {
		b.Fatal(err)
	}
	docs := make([]doc.Document, len(texts))
	for i, t := range texts {
		docs[i].Text = string(t)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		d := &docs[i%len(docs)]
		if err := p.Run(context.Background(), d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkAnalyzeIntoPolNeAR is BenchmarkAnalyzePolNeAR analysing every
// text into one document, as newsgraph analyze does (newsgraph.AnalyzeInto):
// the allocations left are those that reusing a document does not save.
func BenchmarkAnalyzeIntoPolNeAR(b *testing.B) {
	texts := polnearTexts(b, 1<<30)
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	b.SetBytes(int64(size / len(texts)))
	b.ReportAllocs()
	var d doc.Document
	for i := 0; b.Loop(); i++ {
		if err := newsgraph.AnalyzeInto(context.Background(), &d, texts[i%len(texts)], newsgraph.Options{Format: newsgraph.FormatText}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
