package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph"
	"github.com/newsgraph/newsgraph/internal/store"
)

// BenchmarkPut measures the writer alone: the PolNeAR train texts, analysed
// beforehand, stored in batches of 256 into a new database per iteration.
func BenchmarkPut(b *testing.B) {
	const dir = "../../../../shared/data/polnear/train/text"
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Skip("PolNeAR texts not found")
	}
	var recs []*store.Record
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		d, err := newsgraph.Analyze(context.Background(), data, newsgraph.Options{Format: newsgraph.FormatText})
		if err != nil {
			continue
		}
		r, err := store.Prepare(d)
		if err != nil {
			b.Fatal(err)
		}
		recs = append(recs, r)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(context.Background(), filepath.Join(b.TempDir(), "b.db"), nil)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for j := 0; j < len(recs); j += 256 {
			if _, err := s.Put(context.Background(), store.Batch{Records: recs[j:min(j+256, len(recs))]}); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		s.Close()
	}
	b.ReportMetric(float64(len(recs)*b.N)/b.Elapsed().Seconds(), "docs/s")
}
