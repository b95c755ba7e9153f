// Command querylat measures query latency on a newsgraph corpus, in process:
// full-text search, quotes by speaker, and events by part of an actor's
// name, by whole name, by type and latest first, each run over a fixed list
// of terms, and prints p50/p99 per kind as JSON.
//
//	go run ./bench/querylat -db bench/out/bench.db -n 200
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/open"
)

// Terms common in US political news, so that queries return work to do.
var (
	words    = []string{"election", "Clinton", "debate", "Congress", "immigration", "tax", "Russia", "email", "poll", "Senate"}
	speakers = []string{"Trump", "Clinton", "Obama", "Sanders", "Cruz", "Ryan", "Pence", "Kaine", "Rubio", "McConnell"}
	people   = []string{"Donald Trump", "Hillary Clinton", "Barack Obama", "Bernie Sanders", "Ted Cruz", "Paul Ryan", "Mike Pence", "Tim Kaine", "Marco Rubio", "Mitch McConnell"}
	types    = []string{"CONSULT", "ACCUSE", "AGREE", "REQUEST", "SUPPORT", "THREATEN", "ASSAULT", "PROTEST", "AID", "COERCE"}
)

func main() {
	db := flag.String("db", "newsgraph.db", "database `path` or postgres:// URL")
	n := flag.Int("n", 200, "`queries` of each kind")
	flag.Parse()
	if err := run(*db, *n); err != nil {
		fmt.Fprintln(os.Stderr, "querylat:", err)
		os.Exit(1)
	}
}

func run(db string, n int) error {
	ctx := context.Background()
	st, err := open.Open(ctx, db, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	kinds := []struct {
		name string
		run  func(i int) error
	}{
		{"search", func(i int) error {
			return drain(st.SearchDocs(ctx, store.DocQuery{Match: words[i%len(words)], Limit: 20}))
		}},
		{"quotes_by_speaker", func(i int) error {
			return drain(st.Quotes(ctx, store.QuoteQuery{Speaker: speakers[i%len(speakers)], Limit: 20}))
		}},
		{"events_by_actor", func(i int) error {
			return drain(st.Events(ctx, store.EventQuery{Actor: speakers[i%len(speakers)], Limit: 20}))
		}},
		{"events_by_actor_name", func(i int) error {
			return drain(st.Events(ctx, store.EventQuery{ActorName: people[i%len(people)], Limit: 20}))
		}},
		{"events_by_type", func(i int) error {
			return drain(st.Events(ctx, store.EventQuery{Type: types[i%len(types)], Limit: 20}))
		}},
		{"events_latest", func(i int) error {
			return drain(st.Events(ctx, store.EventQuery{Limit: 20, Offset: 20 * (i % 5)}))
		}},
	}
	out := map[string]map[string]float64{}
	for _, k := range kinds {
		lat := make([]time.Duration, 0, n)
		for i := 0; i < n; i++ {
			t0 := time.Now()
			if err := k.run(i); err != nil {
				return fmt.Errorf("%s: %w", k.name, err)
			}
			lat = append(lat, time.Since(t0))
		}
		slices.Sort(lat)
		ms := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))].Microseconds()) / 1000 }
		out[k.name] = map[string]float64{"p50_ms": ms(0.50), "p99_ms": ms(0.99)}
	}
	return json.NewEncoder(os.Stdout).Encode(out)
}

// drain consumes an iterator and returns its first error.
func drain[T any](seq func(func(T, error) bool)) error {
	for _, err := range seq {
		if err != nil {
			return err
		}
	}
	return nil
}
