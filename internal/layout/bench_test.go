package layout

import (
	"testing"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/polnear"
)

// BenchmarkStage finds the blocks of 200 PolNeAR news texts and reports
// articles/s.
func BenchmarkStage(b *testing.B) {
	var docs []doc.Document
	size := 0
	for _, data := range polnear.Texts(b, 200, "train") {
		docs = append(docs, doc.Document{Text: string(data)})
		size += len(data)
	}
	b.SetBytes(int64(size / len(docs)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if err := (Stage{}).Run(b.Context(), &docs[i%len(docs)]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
