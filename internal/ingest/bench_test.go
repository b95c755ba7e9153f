package ingest

import (
	"context"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/polnear"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// BenchmarkIngest runs the whole ingest (read, analyse, prepare, store) of
// the PolNeAR train texts into a new SQLite database per iteration. Besides
// wall time it reports the process CPU time (user and system) per article,
// which a busy machine does not inflate.
func BenchmarkIngest(b *testing.B) {
	dir, ok := polnear.Path("train")
	if !ok {
		b.Skip("PolNeAR texts not found")
	}
	var cpu time.Duration
	n := 0
	for b.Loop() {
		s, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "b.db"), nil)
		if err != nil {
			b.Fatal(err)
		}
		c0 := cpuTime()
		sum, err := Run(context.Background(), []string{dir}, Options{Store: s})
		cpu += cpuTime() - c0
		if err != nil {
			b.Fatal(err)
		}
		n += sum.Ingested + sum.Duplicates + sum.Failed
		s.Close()
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(n), "cpu-µs/article")
}

// cpuTime returns the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
