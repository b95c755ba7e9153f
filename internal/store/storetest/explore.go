package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/newsgraph/newsgraph/internal/store"
)

// RunExplorer runs the conformance suite of the store.Explorer methods and
// of the query fields the web interface uses (offsets, outlet and date
// filters on searches, exact speaker and actor names, story by id).
// newStore returns an empty store that implements store.Explorer.
func RunExplorer(t *testing.T, newStore func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(*testing.T, store.Store)
	}{
		{"SearchFilters", testSearchFilters},
		{"Offsets", testOffsets},
		{"ExactNames", testExactNames},
		{"SpeakersAfterPut", testSpeakersAfterPut},
		{"StoryByID", testStoryByID},
		{"Entity", testEntity},
		{"Graph", testGraph},
		{"Outlets", testOutlets},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t)
			defer s.Close()
			if _, ok := s.(store.Explorer); !ok {
				t.Fatalf("%T is not a store.Explorer", s)
			}
			tc.fn(t, s)
		})
	}
}

func testSearchFilters(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, Corpus()...)
	hits := collect(t, s.SearchDocs(ctx, store.DocQuery{Match: "taxes", Source: "wire daily"}))
	if len(hits) != 1 || hits[0].ID != "bbbb0002" {
		t.Errorf("taxes in Wire Daily = %+v", hits)
	}
	hits = collect(t, s.SearchDocs(ctx, store.DocQuery{Match: "taxes OR snow", Window: store.Window{To: *day("2016-02-01")}}))
	if len(hits) != 1 || hits[0].ID != "dddd0004" {
		t.Errorf("taxes or snow before February = %+v", hits)
	}
	hits = collect(t, s.SearchDocs(ctx, store.DocQuery{Match: "taxes", Window: store.Window{From: *day("2016-03-02")}}))
	if len(hits) != 1 || hits[0].ID != "bbbb0002" {
		t.Errorf("taxes from 2016-03-02 = %+v", hits)
	}
	hits = collect(t, s.SearchDocs(ctx, store.DocQuery{Match: "taxes", Source: "' OR 1=1 --"}))
	if len(hits) != 0 {
		t.Errorf("injected outlet matched %+v", hits)
	}
}

func testOffsets(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, Corpus()...)
	all := collect(t, s.SearchDocs(ctx, store.DocQuery{Match: "taxes"}))
	page := collect(t, s.SearchDocs(ctx, store.DocQuery{Match: "taxes", Limit: 2, Offset: 1}))
	if len(all) != 3 || len(page) != 2 || page[0].ID != all[1].ID || page[1].ID != all[2].ID {
		t.Errorf("search page 2 = %+v of %+v", page, all)
	}
	qs := collect(t, s.Quotes(ctx, store.QuoteQuery{}))
	qp := collect(t, s.Quotes(ctx, store.QuoteQuery{Offset: 3, Limit: 5}))
	if len(qs) != 4 || len(qp) != 1 || qp[0].DocID != qs[3].DocID {
		t.Errorf("quotes from offset 3 = %+v of %+v", qp, qs)
	}
	es := collect(t, s.Entities(ctx, store.EntityQuery{}))
	ep := collect(t, s.Entities(ctx, store.EntityQuery{Offset: 1, Limit: 1}))
	if len(ep) != 1 || ep[0] != es[1] {
		t.Errorf("entities from offset 1 = %+v of %+v", ep, es)
	}
	evs := collect(t, s.Events(ctx, store.EventQuery{}))
	evp := collect(t, s.Events(ctx, store.EventQuery{Offset: 2}))
	if len(evs) != 3 || len(evp) != 1 || evp[0].DocID != evs[2].DocID {
		t.Errorf("events from offset 2 = %+v of %+v", evp, evs)
	}
}

func testExactNames(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, Corpus()...)
	if qs := collect(t, s.Quotes(ctx, store.QuoteQuery{SpeakerName: "maria lopez"})); len(qs) != 3 {
		t.Errorf("quotes by exactly maria lopez: %d, want 3", len(qs))
	}
	if qs := collect(t, s.Quotes(ctx, store.QuoteQuery{SpeakerName: "Lopez"})); len(qs) != 0 {
		t.Errorf("quotes by exactly Lopez: %+v", qs)
	}
	if evs := collect(t, s.Events(ctx, store.EventQuery{ActorName: "tom reed"})); len(evs) != 2 {
		t.Errorf("events of exactly tom reed: %d, want 2", len(evs))
	}
	evs := collect(t, s.Events(ctx, store.EventQuery{ActorName: "Tom Reed", Role: "target"}))
	if len(evs) != 1 || evs[0].DocID != "aaaa0001" {
		t.Errorf("events targeting Tom Reed: %+v", evs)
	}
	evs = collect(t, s.Events(ctx, store.EventQuery{Actor: "reed", Role: "source"}))
	if len(evs) != 1 || evs[0].DocID != "cccc0003" {
		t.Errorf("events by Reed: %+v", evs)
	}
}

func testStoryByID(t *testing.T, s store.Store) {
	ctx := context.Background()
	for _, d := range Corpus() {
		put(t, s, d)
	}
	all, err := s.Stories(ctx, store.StoryQuery{MinDocs: 1})
	if err != nil || len(all) == 0 {
		t.Fatalf("stories: %v %+v", err, all)
	}
	for _, want := range all {
		got, err := s.Stories(ctx, store.StoryQuery{ID: want.ID})
		if err != nil || len(got) != 1 || got[0].ID != want.ID || len(got[0].Articles) != len(want.Articles) {
			t.Errorf("story %s = %+v, %v; want %+v", want.ID, got, err, want)
		}
	}
	if got, err := s.Stories(ctx, store.StoryQuery{ID: "no such story"}); err != nil || len(got) != 0 {
		t.Errorf("missing story = %+v, %v", got, err)
	}
}

func testEntity(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, Corpus()...)
	x := s.(store.Explorer)
	e, err := x.Entity(ctx, store.EntityDocsQuery{EntityKey: store.EntityKey{Name: "Maria Lopez", Type: "PERSON"}, Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if e.Documents != 3 || e.Mentions != 7 || e.Country != "USA" || len(e.Docs) != 2 || len(e.Aliases) == 0 {
		t.Errorf("Maria Lopez = %+v", e)
	}
	if e.Docs[0].Published == nil || e.Docs[0].Title == "" || e.Docs[0].Mentions == 0 {
		t.Errorf("first article = %+v", e.Docs[0])
	}
	rest, err := x.Entity(ctx, store.EntityDocsQuery{EntityKey: store.EntityKey{Name: "Maria Lopez", Type: "PERSON"}, Offset: 2})
	if err != nil || len(rest.Docs) != 1 || rest.Docs[0].ID == e.Docs[0].ID || rest.Docs[0].ID == e.Docs[1].ID {
		t.Errorf("second page = %+v, %v", rest.Docs, err)
	}
	for _, k := range []store.EntityKey{{Name: "Maria Lopez", Type: "ORG"}, {Name: "maria lopez", Type: "PERSON"}, {Name: "%", Type: "PERSON"}} {
		if _, err := x.Entity(ctx, store.EntityDocsQuery{EntityKey: k}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Entity(%+v) error = %v, want ErrNotFound", k, err)
		}
	}
}

func testGraph(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, Corpus()...)
	x := s.(store.Explorer)
	g, err := x.Graph(ctx, store.GraphQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Nodes) != 2 || len(g.Edges) != 2 {
		t.Fatalf("graph = %+v, want 2 nodes, 2 edges (Lopez→Reed, Reed→Lopez)", g)
	}
	ids := map[string]bool{}
	for _, n := range g.Nodes {
		ids[n.ID] = true
		if n.Weight != 2 || n.Type != "PERSON" {
			t.Errorf("node %+v, want weight 2", n)
		}
	}
	for _, e := range g.Edges {
		if !ids[e.Source] || !ids[e.Target] || e.Type != "CONSULT" || e.Weight != 1 {
			t.Errorf("edge %+v", e)
		}
	}
	if g, err := x.Graph(ctx, store.GraphQuery{Type: "ACCUSE"}); err != nil || len(g.Edges) != 0 || len(g.Nodes) != 0 {
		t.Errorf("ACCUSE graph = %+v, %v", g, err)
	}
	if g, err := x.Graph(ctx, store.GraphQuery{Actor: "lopez", Limit: 1}); err != nil || len(g.Edges) != 1 {
		t.Errorf("Lopez graph, limit 1 = %+v, %v", g, err)
	}
	if g, err := x.Graph(ctx, store.GraphQuery{Window: store.Window{To: *day("2016-02-01")}}); err != nil || len(g.Edges) != 0 {
		t.Errorf("graph before February = %+v, %v", g, err)
	}
}

func testOutlets(t *testing.T, s store.Store) {
	ctx := context.Background()
	x := s.(store.Explorer)
	if os, err := x.Outlets(ctx, 0); err != nil || len(os) != 0 {
		t.Errorf("outlets of an empty store = %+v, %v", os, err)
	}
	put(t, s, Corpus()...)
	os, err := x.Outlets(ctx, 0)
	if err != nil || len(os) != 4 || os[0].Articles != 1 {
		t.Errorf("outlets = %+v, %v", os, err)
	}
	if os, _ := x.Outlets(ctx, 2); len(os) != 2 {
		t.Errorf("limit 2 gave %d", len(os))
	}
}

// testSpeakersAfterPut checks that quotes stored after a query by speaker
// show in the next one (a backend may cache speaker names).
func testSpeakersAfterPut(t *testing.T, s store.Store) {
	ctx := context.Background()
	docs := Corpus()
	if qs := collect(t, s.Quotes(ctx, store.QuoteQuery{Speaker: "lopez"})); len(qs) != 0 {
		t.Errorf("quotes by Lopez in an empty store: %+v", qs)
	}
	put(t, s, docs[0])
	if qs := collect(t, s.Quotes(ctx, store.QuoteQuery{Speaker: "lopez"})); len(qs) != 1 {
		t.Errorf("quotes by Lopez after one article: %d, want 1", len(qs))
	}
	put(t, s, docs[1:]...)
	if qs := collect(t, s.Quotes(ctx, store.QuoteQuery{Speaker: "LOPEZ", Limit: 2})); len(qs) != 2 {
		t.Errorf("quotes by Lopez after four articles, limit 2: %d", len(qs))
	}
	if qs := collect(t, s.Quotes(ctx, store.QuoteQuery{Speaker: "ez", Offset: 2})); len(qs) != 1 {
		t.Errorf("quotes by *ez* from offset 2: %d, want 1", len(qs))
	}
}
