package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/storetest"
)

// eventCorpus returns documents with many events among a few actors whose
// names differ in case, some events without a date, some documents
// without a publication date, and days shared by several documents.
func eventCorpus() []*doc.Document {
	names := []string{"Ann Smith", "ANN SMITH", "Bob Jones", "Carl Ng", "Dora 100% Ng"}
	var docs []*doc.Document
	for i := range 60 {
		var pub *time.Time
		if i%7 != 3 {
			t := time.Date(2016, 3, 1+i%9, 12, 0, 0, 0, time.FixedZone("EST", -5*3600))
			pub = &t
		}
		text := fmt.Sprintf("Article %d about a meeting.", i)
		d := &doc.Document{ID: fmt.Sprintf("doc%04d", i), Text: text, Title: fmt.Sprintf("Title %d", i), Source: "Outlet", Published: pub}
		d.Fill()
		for k, n := range names {
			if (i+k)%3 != 0 {
				d.Entities = append(d.Entities, doc.Entity{ID: fmt.Sprintf("e%d", k), Name: n, Type: doc.Person, Country: "USA",
					Mentions: []doc.Mention{{Span: doc.Span{Start: 0, End: 7}, Text: "Article", Kind: doc.NameMention}}})
			}
		}
		for j := range 12 {
			ev := doc.Event{Type: []string{"CONSULT", "ACCUSE", "AID"}[j%3], Status: doc.Occurred, Evidence: "e"}
			if (i+j)%4 != 0 {
				ev.Date = fmt.Sprintf("2016-02-%02d", 1+(i*j)%20)
			}
			for _, e := range d.Entities {
				switch (i + j + len(e.ID)*int(e.ID[1])) % 3 {
				case 0:
					ev.Source = append(ev.Source, e.ID)
				case 1:
					ev.Target = append(ev.Target, e.ID)
				}
			}
			d.Events = append(d.Events, ev)
		}
		docs = append(docs, d)
	}
	return docs
}

// wantEvents filters and orders the events of docs (stored in this order)
// as Events must, returning "docid/idx" keys.
func wantEvents(docs []*doc.Document, q store.EventQuery) []string {
	type row struct {
		day string
		ord int
		idx int
		key string
	}
	var rows []row
	for o, d := range docs {
		name := map[string]string{}
		for _, e := range d.Entities {
			name[e.ID] = e.Name
		}
		for i, ev := range d.Events {
			match := func(ok func(string) bool) bool {
				for _, side := range []struct {
					role string
					ids  []string
				}{{"source", ev.Source}, {"target", ev.Target}} {
					if q.Role != "" && q.Role != side.role {
						continue
					}
					for _, id := range side.ids {
						if ok(name[id]) {
							return true
						}
					}
				}
				return false
			}
			if q.Actor != "" && !match(func(n string) bool { return strings.Contains(strings.ToLower(n), strings.ToLower(q.Actor)) }) {
				continue
			}
			if q.ActorName != "" && !match(func(n string) bool { return strings.EqualFold(n, q.ActorName) }) {
				continue
			}
			if q.Type != "" && !strings.EqualFold(ev.Type, q.Type) {
				continue
			}
			day := ev.Date
			if day == "" && d.Published != nil {
				day = d.Published.UTC().Format("2006-01-02")
			}
			if !q.Window.From.IsZero() && (day == "" || day < q.Window.From.Format("2006-01-02")) {
				continue
			}
			rows = append(rows, row{day, o, i, fmt.Sprintf("%s/%d", d.ID, i)})
		}
	}
	slices.SortStableFunc(rows, func(a, b row) int {
		switch {
		case a.day != b.day && (a.day == "" || b.day == ""):
			return strings.Compare(b.day, a.day) // the empty day last
		case a.day != b.day:
			return strings.Compare(b.day, a.day)
		case a.ord != b.ord:
			return a.ord - b.ord
		}
		return a.idx - b.idx
	})
	var out []string
	for i, r := range rows {
		if i >= q.Offset && (q.Limit <= 0 || len(out) < q.Limit) {
			out = append(out, r.key)
		}
	}
	return out
}

func gotEvents(t *testing.T, s *Store, q store.EventQuery) []string {
	t.Helper()
	var out []string
	for h, err := range s.Events(context.Background(), q) {
		if err != nil {
			t.Fatalf("Events(%+v): %v", q, err)
		}
		out = append(out, fmt.Sprintf("%s/%d", h.DocID, h.Index))
	}
	return out
}

var eventQueries = []store.EventQuery{
	{},
	{Limit: 20},
	{Actor: "smith", Limit: 20},
	{Actor: "smith"},
	{Actor: "ann smith", Role: "target", Limit: 7, Offset: 5},
	{Actor: "JONES", Type: "accuse"},
	{Actor: "100%"},
	{Actor: "0%"},
	{Actor: "nobody"},
	{ActorName: "ann smith", Limit: 30},
	{ActorName: "Carl Ng", Role: "source"},
	{ActorName: "Carl Ng", Actor: "smith"},
	{ActorName: "Carl"},
	{Actor: "ng", Window: store.Window{From: time.Date(2016, 3, 2, 0, 0, 0, 0, time.UTC)}, Limit: 40},
}

// TestEventsPlans runs the same actor queries through either plan (the
// actor-name index and a sort, or a walk down the day index) and checks
// both against the events filtered and ordered here.
func TestEventsPlans(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "e.db"))
	defer s.Close()
	docs := eventCorpus()
	for i := 0; i < len(docs); i += 25 {
		if _, err := s.Put(ctx, store.Batch{Records: storetest.Records(t, docs[i:min(i+25, len(docs))]...)}); err != nil {
			t.Fatal(err)
		}
	}
	defer func(f float64, names int, wf float64, mw int) {
		walkFactor, manyActors, windowFactor, minWindow = f, names, wf, mw
	}(walkFactor, manyActors, windowFactor, minWindow)
	for _, plan := range []struct {
		name      string
		factor    float64
		names     int
		window    float64
		minWindow int
	}{
		{"sort", 1e30, 1 << 30, windowFactor, minWindow},
		{"walk", 0, 0, windowFactor, minWindow},
		{"walk, then sort by name", 0, 1 << 30, 0, 1},
		{"walk, then sort all", 0, 0, 0, 1},
		{"walk, window of 40", 0, 1 << 30, 0, 40},
		{"default", walkFactor, manyActors, windowFactor, minWindow},
	} {
		walkFactor, manyActors, windowFactor, minWindow = plan.factor, plan.names, plan.window, plan.minWindow
		for _, q := range eventQueries {
			want, got := wantEvents(docs, q), gotEvents(t, s, q)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s plan, %+v:\n got %v\nwant %v", plan.name, q, got, want)
			}
		}
	}
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM actors").Scan(&n); err != nil || n != 4 {
		t.Errorf("actors: %d names, %v; want 4 (Ann Smith in either case once)", n, err)
	}
}
