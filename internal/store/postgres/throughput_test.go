package postgres

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// TestThroughput measures the store alone: the articles are analysed once,
// then written in batches of 256 (ingest's default) into SQLite by one
// writer and into PostgreSQL by 1, 2 and 4 concurrent writers, each with
// its own connection pool as separate processes would have. It reports
// articles per second and the CPU seconds spent per 1,000 articles by the
// writers and by the PostgreSQL server, which predict throughput on other
// machines better than wall time on a busy one. Set NEWSGRAPH_BENCH=1 (and
// NEWSGRAPH_TEST_POSTGRES) to run it; NEWSGRAPH_BENCH_DIR picks the folder
// of .txt articles (default: PolNeAR's training texts beside the repository).
func TestThroughput(t *testing.T) {
	if os.Getenv("NEWSGRAPH_BENCH") == "" {
		t.Skip("throughput measurement: set NEWSGRAPH_BENCH=1 and run under scripts/with-postgres.sh")
	}
	testURL(t)
	ctx := context.Background()
	dir := os.Getenv("NEWSGRAPH_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join(repoRoot(t), "..", "shared", "data", "polnear", "train", "text")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Skipf("no .txt articles in %s", dir)
	}
	sort.Strings(files)

	// Analyse once, on all cores.
	cpu0, wall0 := cpuSelf(), time.Now()
	recs := analyzeFiles(t, files)
	t.Logf("analysis: %d articles, %.0f/s wall, %.2f CPU s per 1,000", len(recs),
		float64(len(recs))/time.Since(wall0).Seconds(), (cpuSelf()-cpu0)/float64(len(recs))*1000)
	var batches [][]*store.Record
	for i := 0; i < len(recs); i += 256 {
		batches = append(batches, recs[i:min(i+256, len(recs))])
	}

	write := func(name string, stores []store.Store) {
		t.Helper()
		feed := make(chan []*store.Record)
		var wg sync.WaitGroup
		var mu sync.Mutex
		added := 0
		c0, s0, w0 := cpuSelf(), cpuPostgres(), time.Now()
		for _, s := range stores {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for b := range feed {
					res, err := s.Put(ctx, store.Batch{Records: b})
					if err != nil {
						t.Error(err)
						continue
					}
					mu.Lock()
					added += res.Added
					mu.Unlock()
				}
			}()
		}
		for _, b := range batches {
			feed <- b
		}
		close(feed)
		wg.Wait()
		wall := time.Since(w0).Seconds()
		n := float64(len(recs))
		t.Logf("%-22s %d stored, %6.0f articles/s, writer %.2f CPU s and server %.2f CPU s per 1,000",
			name, added, n/wall, (cpuSelf()-c0)/n*1000, (cpuPostgres()-s0)/n*1000)
	}

	sq, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "bench.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	write("sqlite, 1 writer", []store.Store{sq})
	sq.Close()
	for _, n := range []int{1, 2, 4} {
		dsn := freshSchema(t)
		var stores []store.Store
		for range n {
			stores = append(stores, openTest(t, dsn))
		}
		write("postgres, "+strconv.Itoa(n)+" writers", stores)
		var size int64
		pg := stores[0].(*Store)
		if err := pg.pool.QueryRow(ctx, `SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c
			WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'`).Scan(&size); err == nil && n == 1 {
			t.Logf("postgres size: %.1f MB, %.1f KB per article", float64(size)/1e6, float64(size)/1e3/float64(len(recs)))
		}
		for _, s := range stores {
			s.Close()
		}
	}
}

// analyzeFiles analyses plain-text articles on all cores and prepares them
// for Put, in the order of files.
func analyzeFiles(t testing.TB, files []string) []*store.Record {
	t.Helper()
	ctx := context.Background()
	recs := make([]*store.Record, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				data, err := os.ReadFile(files[i])
				if err != nil {
					t.Error(err)
					continue
				}
				d, err := newsgraph.Analyze(ctx, data, newsgraph.Options{Name: files[i], Format: newsgraph.FormatText})
				if err != nil {
					t.Error(err)
					continue
				}
				d.Path = files[i]
				if recs[i], err = store.Prepare(d); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	return recs
}

// cpuSelf returns the CPU seconds this process has used.
func cpuSelf() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// cpuPostgres returns the CPU seconds used so far by the PostgreSQL servers
// on this machine, from /proc: its live processes and the backends that
// have exited (counted in their postmaster's children's time).
func cpuPostgres() float64 {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	var ticks float64
	for _, p := range stats {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		s := string(b)
		open, close := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
		if open < 0 || close < open || s[open+1:close] != "postgres" {
			continue
		}
		f := strings.Fields(s[close+1:])
		if len(f) < 13 {
			continue
		}
		u, _ := strconv.ParseFloat(f[11], 64)
		k, _ := strconv.ParseFloat(f[12], 64)
		ticks += u + k
		if f[1] == "1" { // the postmaster: add the backends it has reaped
			cu, _ := strconv.ParseFloat(f[13], 64)
			ck, _ := strconv.ParseFloat(f[14], 64)
			ticks += cu + ck
		}
	}
	return ticks / 100 // USER_HZ
}
