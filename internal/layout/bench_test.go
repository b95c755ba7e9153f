package layout

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/newsgraph/newsgraph/doc"
)

// BenchmarkStage finds the blocks of 200 PolNeAR news texts and reports
// articles/s.
func BenchmarkStage(b *testing.B) {
	files, _ := filepath.Glob("../../../shared/data/polnear/train/text/*.txt")
	if len(files) == 0 {
		b.Skip("PolNeAR texts absent (../shared/data/polnear/train/text)")
	}
	sort.Strings(files)
	var docs []doc.Document
	size := 0
	for _, f := range files[:min(200, len(files))] {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
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
