package api

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/open"
)

// TestLoad is the load test, run only when NEWSGRAPH_LOAD_DB names a
// corpus: NEWSGRAPH_LOAD_CLIENTS clients (default 50) send a mix of
// searches and quote queries to a server on loopback for
// NEWSGRAPH_LOAD_DURATION (default 30s), then the latencies are reported
// (and written to load.json among the artifacts). NEWSGRAPH_LOAD_CACHE=0
// turns the server's answer cache off. It fails on any error,
// never on time: how fast is a figure to read, not a unit test.
//
//	NEWSGRAPH_LOAD_DB=corpus.db go test -run TestLoad -v ./internal/api
func TestLoad(t *testing.T) {
	dsn := os.Getenv("NEWSGRAPH_LOAD_DB")
	if dsn == "" {
		t.Skip("set NEWSGRAPH_LOAD_DB to a corpus database to run the load test")
	}
	clients := envInt("NEWSGRAPH_LOAD_CLIENTS", 50)
	dur, err := time.ParseDuration(cmp(os.Getenv("NEWSGRAPH_LOAD_DURATION"), "30s"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := open.Open(ctx, dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Query terms: the most quoted speakers and the most mentioned names.
	var speakers, words []string
	for e, err := range st.Entities(ctx, store.EntityQuery{Type: "PERSON", Limit: 100}) {
		if err != nil {
			t.Fatal(err)
		}
		speakers = append(speakers, e.Name)
	}
	for e, err := range st.Entities(ctx, store.EntityQuery{Limit: 200}) {
		if err != nil {
			t.Fatal(err)
		}
		words = append(words, e.Name)
	}
	words = append(words, "president", "election", "campaign", "tax", "health", "police", "vote", "debate", "economy",
		"immigration", "Russia", "emails", "poll", "Congress", `"health care"`, "campaign AND poll", "elect*")
	if len(speakers) == 0 {
		t.Fatal("the corpus has no people")
	}

	// NEWSGRAPH_LOAD_CACHE sets the answer cache: a duration, or 0 for none.
	var ttl time.Duration
	if v := os.Getenv("NEWSGRAPH_LOAD_CACHE"); v != "" {
		if ttl, err = time.ParseDuration(v); err != nil {
			t.Fatal(err)
		}
		if ttl == 0 {
			ttl = -1
		}
	}
	srv := httptest.NewServer(New(Options{Store: st, Log: slog.New(slog.NewJSONHandler(io.Discard, nil)), CacheTTL: ttl}))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}, Timeout: 30 * time.Second}

	type sample struct {
		kind, target string
		d            time.Duration
		err          error
	}
	var mu sync.Mutex
	var samples []sample
	cpu0 := cpuTime()
	deadline := time.Now().Add(dur)
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(c), 7))
			var mine []sample
			for time.Now().Before(deadline) {
				kind, target := loadRequest(rng, speakers, words)
				start := time.Now()
				err := fetch(client, srv.URL+target)
				mine = append(mine, sample{kind, target, time.Since(start), err})
			}
			mu.Lock()
			samples = append(samples, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	cpu := cpuTime() - cpu0

	report := map[string]any{"documents": stats.Documents, "quotes": stats.Quotes, "clients": clients, "seconds": dur.Seconds(),
		"cache": os.Getenv("NEWSGRAPH_LOAD_CACHE"),
		// CPU time of this process (server and clients) per request: the
		// cost that does not depend on what else the machine is doing.
		"cpu_ms_per_request": float64(cpu.Microseconds()) / 1000 / float64(max(len(samples), 1))}
	var errs []string
	for _, kind := range []string{"all", "search", "quotes"} {
		var ds []time.Duration
		for _, s := range samples {
			if kind == "all" || s.kind == kind {
				ds = append(ds, s.d)
			}
			if kind == "all" && s.err != nil && len(errs) < 10 {
				errs = append(errs, s.err.Error())
			}
		}
		slices.Sort(ds)
		if len(ds) == 0 {
			continue
		}
		q := func(p float64) float64 {
			return float64(ds[min(len(ds)-1, int(p*float64(len(ds))))].Microseconds()) / 1000
		}
		report[kind] = map[string]any{"requests": len(ds), "per_second": float64(len(ds)) / dur.Seconds(),
			"p50_ms": q(0.50), "p90_ms": q(0.90), "p99_ms": q(0.99), "max_ms": float64(ds[len(ds)-1].Microseconds()) / 1000}
	}
	slices.SortFunc(samples, func(a, b sample) int { return int(b.d - a.d) })
	var slowest []string
	for _, s := range samples[:min(8, len(samples))] {
		slowest = append(slowest, fmt.Sprintf("%.0f ms %s", float64(s.d.Microseconds())/1000, s.target))
	}
	report["slowest"] = slowest
	nErr := 0
	for _, s := range samples {
		if s.err != nil {
			nErr++
		}
	}
	report["errors"] = nErr
	js, _ := json.MarshalIndent(report, "", "  ")
	t.Logf("load test on %d documents, %d clients, %v:\n%s", stats.Documents, clients, dur, js)
	os.WriteFile(filepath.Join(artifacts(t), "load.json"), js, 0o644)
	if nErr > 0 {
		t.Errorf("%d of %d requests failed, e.g. %v", nErr, len(samples), errs)
	}
}

// loadRequest picks a request: half searches (some filtered by date, some
// the second page), half quote queries (by speaker or by subject).
func loadRequest(rng *rand.Rand, speakers, words []string) (kind, target string) {
	w := words[rng.IntN(len(words))]
	switch n := rng.IntN(10); {
	case n < 3:
		return "search", "/api/search?" + url.Values{"q": {w}}.Encode()
	case n < 4:
		return "search", "/api/search?" + url.Values{"q": {w}, "from": {"2016-06-01"}, "to": {"2016-12-31"}}.Encode()
	case n < 5:
		return "search", "/api/search?" + url.Values{"q": {w}, "cursor": {nextCursor(0, 20, true)}}.Encode()
	case n < 8:
		return "quotes", "/api/quotes?" + url.Values{"speaker": {speakers[rng.IntN(len(speakers))]}}.Encode()
	default:
		return "quotes", "/api/quotes?" + url.Values{"about": {w}}.Encode()
	}
}

// fetch GETs target and reads the whole answer; a status other than 200 is an error.
func fetch(c *http.Client, target string) error {
	res, err := c.Get(target)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", target, res.Status)
	}
	return nil
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

func cmp(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
