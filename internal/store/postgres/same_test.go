package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// TestSameAsSQLite stores the same analysed articles (PolNeAR texts, with
// syndicated copies made up from some of them) into both backends, in the
// same batches, and compares what every query returns. Full-text search
// ranks differently by design (bm25 against ts_rank), so its hits are
// compared as sets.
func TestSameAsSQLite(t *testing.T) {
	testURL(t)
	if testing.Short() {
		t.Skip("analyses a few hundred articles")
	}
	ctx := context.Background()
	root := repoRoot(t)
	files := articles(t, root, 200)
	tmp := t.TempDir()
	// Syndicated copies: the same text with a line added, a day later.
	for i := 0; i < len(files) && i < 60; i += 6 {
		b, err := os.ReadFile(files[i])
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(tmp, "copy-"+filepath.Base(files[i]))
		if err := os.WriteFile(name, append(b, "\n\nDistributed by the Associated Press."...), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	recs := analyzeFiles(t, files)

	sq, err := sqlite.Open(ctx, filepath.Join(tmp, "same.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer sq.Close()
	pg := openTest(t, freshSchema(t))
	defer pg.Close()
	for i := 0; i < len(recs); i += 32 {
		b := store.Batch{Records: recs[i:min(i+32, len(recs))]}
		for _, s := range []store.Store{sq, pg} {
			if _, err := s.Put(ctx, b); err != nil {
				t.Fatal(err)
			}
		}
	}

	same := func(what string, f func(s store.Store) (any, error)) {
		t.Helper()
		a, err := f(sq)
		if err != nil {
			t.Fatalf("%s on SQLite: %v", what, err)
		}
		b, err := f(pg)
		if err != nil {
			t.Fatalf("%s on PostgreSQL: %v", what, err)
		}
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			t.Errorf("%s differs:\nSQLite:     %.2000s\nPostgreSQL: %.2000s", what, ja, jb)
		}
	}
	all := func(seq func(func(any, error) bool)) (out []any, err error) {
		for v, e := range seq {
			if e != nil {
				return nil, e
			}
			out = append(out, v)
		}
		return out, nil
	}
	same("Stats", func(s store.Store) (any, error) {
		st, err := s.Stats(ctx)
		st.Schema = 0 // each backend numbers its own migrations
		return st, err
	})
	same("Stories", func(s store.Store) (any, error) { return s.Stories(ctx, store.StoryQuery{}) })
	same("Quotations by Trump", func(s store.Store) (any, error) {
		return s.Quotations(ctx, store.QuoteQuery{Speaker: "trump"})
	})
	same("all Quotations", func(s store.Store) (any, error) { return s.Quotations(ctx, store.QuoteQuery{Limit: 300}) })
	same("Quotes by Clinton", func(s store.Store) (any, error) {
		return all(func(y func(any, error) bool) {
			for h, err := range s.Quotes(ctx, store.QuoteQuery{Speaker: "Clinton"}) {
				if !y(h, err) {
					return
				}
			}
		})
	})
	same("Entities", func(s store.Store) (any, error) {
		return all(func(y func(any, error) bool) {
			for h, err := range s.Entities(ctx, store.EntityQuery{Limit: 200}) {
				if !y(h, err) {
					return
				}
			}
		})
	})
	same("Events", func(s store.Store) (any, error) {
		return all(func(y func(any, error) bool) {
			for h, err := range s.Events(ctx, store.EventQuery{Limit: 300}) {
				if !y(h, err) {
					return
				}
			}
		})
	})
	same("Events in 2016 with Obama", func(s store.Store) (any, error) {
		return all(func(y func(any, error) bool) {
			for h, err := range s.Events(ctx, store.EventQuery{Actor: "obama", Window: store.Window{From: time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)}}) {
				if !y(h, err) {
					return
				}
			}
		})
	})
	defer func(f, wf float64, mw int) { walkFactor, windowFactor, minWindow = f, wf, mw }(walkFactor, windowFactor, minWindow)
	for _, p := range []struct { // every plan of PostgreSQL's
		walk, window float64
		minWindow    int
	}{{walkFactor, windowFactor, minWindow}, {0, windowFactor, minWindow}, {1e30, windowFactor, minWindow}, {0, 0, 1}, {0, 0, 40}} {
		walkFactor, windowFactor, minWindow = p.walk, p.window, p.minWindow
		f := p
		for _, q := range []store.EventQuery{
			{Actor: "trump", Limit: 20},
			{Actor: "kaine", Limit: 20, Offset: 3},
			{ActorName: "Donald Trump", Role: "source", Limit: 50, Offset: 10},
			{ActorName: "tim kaine", Actor: "trump", Limit: 10},
			{Actor: "clinton", Type: "consult", Window: store.Window{To: time.Date(2016, 10, 1, 0, 0, 0, 0, time.UTC)}},
			{Actor: "nobody at all", Limit: 20},
		} {
			same(fmt.Sprintf("Events %+v, plan %+v", q, f), func(s store.Store) (any, error) {
				return all(func(y func(any, error) bool) {
					for h, err := range s.Events(ctx, q) {
						if !y(h, err) {
							return
						}
					}
				})
			})
		}
	}
	same("Outlets", func(s store.Store) (any, error) { return s.(store.Explorer).Outlets(ctx, 0) })
	same("Graph", func(s store.Store) (any, error) { return s.(store.Explorer).Graph(ctx, store.GraphQuery{Limit: 100}) })
	same("Entity Donald Trump", func(s store.Store) (any, error) {
		return s.(store.Explorer).Entity(ctx, store.EntityDocsQuery{EntityKey: store.EntityKey{Name: "Donald Trump", Type: "PERSON"}, Limit: 20})
	})
	same("Errors", func(s store.Store) (any, error) {
		return all(func(y func(any, error) bool) {
			for h, err := range s.Errors(ctx) {
				if !y(h, err) {
					return
				}
			}
		})
	})
	for _, q := range []string{"Iowa", `"health care"`, "immigration OR border", "Clinton NOT Sanders", "campaign*"} {
		same("search "+q, func(s store.Store) (any, error) {
			var ids []string
			for h, err := range s.SearchDocs(ctx, store.DocQuery{Match: q}) {
				if err != nil {
					return nil, err
				}
				ids = append(ids, h.ID)
			}
			sort.Strings(ids)
			return ids, nil
		})
	}
	var a, b []string
	for d, err := range sq.Docs(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		a = append(a, d.ID)
	}
	for d, err := range pg.Docs(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		b = append(b, d.ID)
	}
	if !slices.Equal(a, b) {
		t.Errorf("Docs order differs")
	}
}
