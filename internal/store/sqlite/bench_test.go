package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph"
	"github.com/newsgraph/newsgraph/internal/polnear"
	"github.com/newsgraph/newsgraph/internal/store"
)

// BenchmarkPut measures the writer alone: the PolNeAR train texts, analysed
// beforehand, stored in batches of putBatch into a new database per
// iteration.
// Besides wall time it reports the process CPU time (user and system) per
// document, which a busy machine does not inflate.
func BenchmarkPut(b *testing.B) {
	var recs []*store.Record
	for _, data := range polnear.Texts(b, 1<<30, "train") {
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
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(context.Background(), filepath.Join(b.TempDir(), "b.db"), nil)
		if err != nil {
			b.Fatal(err)
		}
		c0 := cpuTime()
		b.StartTimer()
		for j := 0; j < len(recs); j += putBatch {
			if _, err := s.Put(context.Background(), store.Batch{Records: recs[j:min(j+putBatch, len(recs))]}); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		cpu += cpuTime() - c0
		s.Close()
	}
	b.ReportMetric(float64(len(recs)*b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(len(recs)*b.N), "cpu-µs/doc")
}

// cpuTime returns the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// putBatch is the number of documents per Put in BenchmarkPut: 256 (the
// ingest default) unless PUT_BATCH says otherwise.
var putBatch = func() int {
	if n, err := strconv.Atoi(os.Getenv("PUT_BATCH")); err == nil {
		return n
	}
	return 256
}()
