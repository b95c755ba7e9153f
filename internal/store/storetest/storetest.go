// Package storetest is the conformance suite every store.Store backend
// passes: call Run from the backend's tests with a function that returns a
// new, empty store.
package storetest

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/store"
)

// Run runs the conformance suite; newStore returns an empty store that the
// suite closes.
func Run(t *testing.T, newStore func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(*testing.T, store.Store)
	}{
		{"PutIdempotent", testPutIdempotent},
		{"DocRoundTrip", testDocRoundTrip},
		{"SearchDocs", testSearchDocs},
		{"Quotes", testQuotes},
		{"Quotations", testQuotations},
		{"Entities", testEntities},
		{"Events", testEvents},
		{"Stories", testStories},
		{"Errors", testErrors},
		{"Stats", testStats},
		{"EmptyStore", testEmpty},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t)
			defer s.Close()
			tc.fn(t, s)
		})
	}
}

func day(s string) *time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return &t
}

// The sample texts are made up in the style of the PolNeAR corpus.
const (
	summitText = `Senator Maria Lopez met Governor Tom Reed in Springfield on Tuesday to discuss the state budget. ` +
		`"We will not raise taxes on working families," Lopez said after the meeting. ` +
		`Reed told reporters that the talks had been productive and that a deal could come before the end of the month, ` +
		`although several members of his own party have said they oppose any new spending on the highway programme.`
	// A syndicated copy: re-punctuated quote, one word changed, a line added.
	summitCopy = `Senator Maria Lopez met Governor Tom Reed in Springfield on Tuesday to discuss the state budget. ` +
		`"We will not raise taxes on working families" Lopez said after the meeting. ` +
		`Reed told reporters that the talks had been productive and that a deal could come before the end of the month, ` +
		`although several members of his own party have said they oppose any new spending on the highway program. ` +
		`This story was distributed by the Associated Press.`
	// A different article about the same meeting (same actors, day, place).
	summitOther = `Budget negotiations in the state capital took a step forward this week. Lopez, who chairs the finance ` +
		`committee, said only that she would not raise taxes on working families, repeating a pledge from her campaign. ` +
		`Critics in the assembly questioned whether the governor could deliver the votes he needs for the spending plan.`
	stormText = `A winter storm closed schools across the northern counties on Friday as forecasters warned of more snow. ` +
		`Officials at the transportation department urged drivers to stay home while crews cleared the main roads, ` +
		`and the utility company reported that thousands of homes had lost power overnight in the coastal towns.`
)

func ptr[T any](v T) *T { return &v }

// quote builds a quote of d at the first occurrence of text.
func quote(d *doc.Document, text, speaker, name string) doc.Quote {
	i := strings.Index(d.Text, text)
	if i < 0 {
		panic("quote not in text: " + text)
	}
	q := doc.Quote{Text: text, Kind: doc.Direct, Span: doc.Span{Start: i, End: i + len(text)}, Cue: "said", SpeakerName: name}
	if speaker != "" {
		q.Speaker = ptr(speaker)
	}
	return q
}

func entity(d *doc.Document, id, name string, typ doc.EntityType, country string, surfaces ...string) doc.Entity {
	e := doc.Entity{ID: id, Name: name, Type: typ, Country: country}
	for _, s := range surfaces {
		off := 0
		for {
			i := strings.Index(d.Text[off:], s)
			if i < 0 {
				break
			}
			e.Mentions = append(e.Mentions, doc.Mention{Span: doc.Span{Start: off + i, End: off + i + len(s)}, Text: s, Kind: doc.NameMention})
			off += i + len(s)
		}
	}
	return e
}

func newDoc(id, text, title, source, url string, pub *time.Time) *doc.Document {
	d := &doc.Document{ID: id, Text: text, Title: title, Source: source, URL: url, Published: pub}
	d.Fill()
	return d
}

// Corpus returns the sample documents: three about one budget meeting
// (two syndicated copies and a different write-up) and one unrelated.
func Corpus() []*doc.Document {
	a := newDoc("aaaa0001", summitText, "Lopez and Reed meet on budget", "Springfield Herald", "https://herald.example/budget", day("2016-03-01"))
	a.Entities = []doc.Entity{
		entity(a, "e1", "Maria Lopez", doc.Person, "USA", "Maria Lopez", "Lopez"),
		entity(a, "e2", "Tom Reed", doc.Person, "USA", "Tom Reed", "Reed"),
		entity(a, "e3", "Springfield", doc.Loc, "USA", "Springfield"),
	}
	a.Quotes = []doc.Quote{quote(a, "We will not raise taxes on working families,", "e1", "Maria Lopez")}
	a.Events = []doc.Event{{Type: "CONSULT", Mode: "meet", Status: doc.Occurred, Source: []string{"e1"}, Target: []string{"e2"},
		Location: "Springfield", Date: "2016-03-01", Evidence: "Senator Maria Lopez met Governor Tom Reed in Springfield on Tuesday"}}
	a.Places = []doc.Place{{Name: "Springfield", Admin1: "Illinois", Country: "USA", Lat: 39.8, Lon: -89.6, Entity: "e3"}}

	b := newDoc("bbbb0002", summitCopy, "Lopez, Reed hold budget talks", "Wire Daily", "https://wire.example/lopez", day("2016-03-02"))
	b.Entities = []doc.Entity{
		entity(b, "e1", "Maria Lopez", doc.Person, "USA", "Maria Lopez", "Lopez"),
		entity(b, "e2", "Tom Reed", doc.Person, "USA", "Tom Reed", "Reed"),
	}
	b.Quotes = []doc.Quote{quote(b, "We will not raise taxes on working families", "e1", "Maria Lopez")}

	c := newDoc("cccc0003", summitOther, "Budget talks inch forward", "Capitol Review", "https://review.example/talks", day("2016-03-01"))
	c.Entities = []doc.Entity{
		entity(c, "e1", "Maria Lopez", doc.Person, "USA", "Lopez"),
		entity(c, "e2", "Tom Reed", doc.Person, "USA"),
	}
	c.Quotes = []doc.Quote{{Text: "she would not raise taxes on working families", Kind: doc.Partial,
		Span:    doc.Span{Start: strings.Index(summitOther, "she would"), End: strings.Index(summitOther, "she would") + len("she would not raise taxes on working families")},
		Speaker: ptr("e1"), SpeakerName: "Maria Lopez", Cue: "said"}}
	c.Events = []doc.Event{{Type: "CONSULT", Status: doc.Occurred, Source: []string{"e2"}, Target: []string{"e1"},
		Location: "Springfield", Date: "2016-03-01", Evidence: "Budget negotiations in the state capital took a step forward this week."}}

	d := newDoc("dddd0004", stormText, "Storm closes schools", "Northern Post", "https://post.example/storm", day("2016-01-15"))
	d.Entities = []doc.Entity{entity(d, "e1", "Transportation Department", doc.Org, "USA", "transportation department")}
	d.Quotes = []doc.Quote{{Text: "stay home", Kind: doc.Partial, Span: doc.Span{Start: strings.Index(stormText, "stay home"), End: strings.Index(stormText, "stay home") + 9}, SpeakerName: ""}}
	d.Events = []doc.Event{{Type: "REQUEST", Status: doc.Occurred, Source: []string{"e1"}, Date: "2016-01-15", Evidence: "Officials at the transportation department urged drivers to stay home"}}
	return []*doc.Document{a, b, c, d}
}

// Records prepares docs for Put.
func Records(t testing.TB, docs ...*doc.Document) []*store.Record {
	t.Helper()
	var out []*store.Record
	for _, d := range docs {
		r, err := store.Prepare(d)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func put(t *testing.T, s store.Store, docs ...*doc.Document) store.PutResult {
	t.Helper()
	res, err := s.Put(context.Background(), store.Batch{Records: Records(t, docs...)})
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	return res
}

func collect[T any](t *testing.T, seq func(func(T, error) bool)) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		if err != nil {
			t.Fatalf("query: %v", err)
		}
		out = append(out, v)
	}
	return out
}

func testPutIdempotent(t *testing.T, s store.Store) {
	ctx := context.Background()
	docs := Corpus()
	if res := put(t, s, docs[0], docs[1], docs[0]); res.Added != 2 || res.Duplicates != 1 {
		t.Errorf("first Put = %+v, want 2 added, 1 duplicate", res)
	}
	if res := put(t, s, docs...); res.Added != 2 || res.Duplicates != 2 {
		t.Errorf("second Put = %+v, want 2 added, 2 duplicates", res)
	}
	if res := put(t, s, docs...); res.Added != 0 || res.Duplicates != 4 {
		t.Errorf("third Put = %+v, want 0 added, 4 duplicates", res)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 4 || st.Quotes != 4 || st.Events != 3 {
		t.Errorf("Stats after repeated Puts = %+v, want 4 documents, 4 quotes, 3 events", st)
	}
	for _, d := range docs {
		if ok, err := s.Has(ctx, d.ID); !ok || err != nil {
			t.Errorf("Has(%s) = %v, %v", d.ID, ok, err)
		}
	}
	if ok, err := s.Has(ctx, "nope"); ok || err != nil {
		t.Errorf("Has(nope) = %v, %v", ok, err)
	}
	// A cancelled Put writes nothing.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	extra := newDoc("eeee0005", "Another text entirely, short.", "", "", "", nil)
	if _, err := s.Put(cctx, store.Batch{Records: Records(t, extra)}); err == nil {
		t.Error("Put with a cancelled context succeeded")
	}
	if ok, _ := s.Has(ctx, extra.ID); ok {
		t.Error("cancelled Put stored its document")
	}
}

func testDocRoundTrip(t *testing.T, s store.Store) {
	ctx := context.Background()
	docs := Corpus()
	put(t, s, docs...)
	got, err := s.Doc(ctx, docs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	want := docs[0]
	if got.Text != want.Text || got.Title != want.Title || got.URL != want.URL || !got.Published.Equal(*want.Published) {
		t.Errorf("Doc = %q %q %q %v", got.Title, got.URL, got.Text[:20], got.Published)
	}
	if len(got.Entities) != 3 || len(got.Quotes) != 1 || len(got.Events) != 1 || len(got.Places) != 1 {
		t.Errorf("Doc layers: %d entities, %d quotes, %d events, %d places", len(got.Entities), len(got.Quotes), len(got.Events), len(got.Places))
	}
	if q := got.Quotes[0]; got.Slice(q.Span) != q.Text {
		t.Errorf("quote span %v gives %q, want %q", q.Span, got.Slice(q.Span), q.Text)
	}
	if _, err := s.Doc(ctx, "missing"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Doc(missing) error = %v, want ErrNotFound", err)
	}
	var ids []string
	for d, err := range s.Docs(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, d.ID)
	}
	if !slices.Equal(ids, []string{"aaaa0001", "bbbb0002", "cccc0003", "dddd0004"}) {
		t.Errorf("Docs yielded %v, want ingest order", ids)
	}
	for range s.Docs(ctx) {
		break // an early break must release the query
	}
}

func testSearchDocs(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, Corpus()...)
	hits := collect(t, s.SearchDocs(ctx, store.DocQuery{Match: "snow"}))
	if len(hits) != 1 || hits[0].ID != "dddd0004" || !strings.Contains(hits[0].Snippet, "[snow]") {
		t.Errorf("search snow = %+v", hits)
	}
	hits = collect(t, s.SearchDocs(ctx, store.DocQuery{Match: `"working families"`}))
	if len(hits) != 3 || hits[0].Title == "" || hits[0].Published == nil {
		t.Errorf(`search "working families" = %+v, want 3 hits with title and date`, hits)
	}
	hits = collect(t, s.SearchDocs(ctx, store.DocQuery{Match: "budget", Limit: 1}))
	if len(hits) != 1 {
		t.Errorf("limit 1 gave %d hits", len(hits))
	}
	for _, err := range s.SearchDocs(ctx, store.DocQuery{Match: `"unbalanced`}) {
		if !errors.Is(err, store.ErrBadQuery) {
			t.Errorf("bad FTS query error = %v, want ErrBadQuery", err)
		}
	}
}

func testQuotes(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, Corpus()...)
	qs := collect(t, s.Quotes(ctx, store.QuoteQuery{Speaker: "lopez"}))
	if len(qs) != 3 {
		t.Fatalf("quotes by lopez: %d, want 3: %+v", len(qs), qs)
	}
	for _, q := range qs {
		if q.Speaker != "Maria Lopez" || q.Title == "" || q.Published == nil || q.URL == "" || q.Source == "" {
			t.Errorf("quote without its article: %+v", q)
		}
	}
	if qs[0].Published.Before(*qs[len(qs)-1].Published) {
		t.Error("quotes not newest first")
	}
	qs = collect(t, s.Quotes(ctx, store.QuoteQuery{About: "home"}))
	if len(qs) != 1 || qs[0].DocID != "dddd0004" || qs[0].Speaker != "" {
		t.Errorf("quotes about home = %+v", qs)
	}
	qs = collect(t, s.Quotes(ctx, store.QuoteQuery{Speaker: "Lopez", Window: store.Window{From: *day("2016-03-02"), To: *day("2016-03-02")}}))
	if len(qs) != 1 || qs[0].DocID != "bbbb0002" {
		t.Errorf("quotes on 2016-03-02 = %+v", qs)
	}
	qs = collect(t, s.Quotes(ctx, store.QuoteQuery{Speaker: "50%_"}))
	if len(qs) != 0 {
		t.Errorf("LIKE wildcards not escaped: %+v", qs)
	}
}

func testQuotations(t *testing.T, s store.Store) {
	ctx := context.Background()
	docs := Corpus()
	// Store the later copy first: the first appearance is by date, not by ingest order.
	put(t, s, docs[1])
	put(t, s, docs[0], docs[2], docs[3])
	gs, err := s.Quotations(ctx, store.QuoteQuery{Speaker: "Lopez"})
	if err != nil {
		t.Fatal(err)
	}
	if len(gs) != 1 {
		t.Fatalf("Lopez quotations: %d groups, want 1: %+v", len(gs), gs)
	}
	g := gs[0]
	if g.Articles != 3 || len(g.Outlets) != 3 || len(g.Quotes) != 3 {
		t.Errorf("group carries %d articles, outlets %v", g.Articles, g.Outlets)
	}
	if g.First.Published == nil || !g.First.Published.Equal(*day("2016-03-01")) {
		t.Errorf("first appearance %+v, want 2016-03-01", g.First)
	}
	if g.Text != "she would not raise taxes on working families" && g.Text != "We will not raise taxes on working families," {
		t.Errorf("quotation text %q, want the longest version", g.Text)
	}
	all, err := s.Quotations(ctx, store.QuoteQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || all[0].Articles != 3 || all[1].Articles != 1 {
		t.Errorf("all quotations: %+v", all)
	}
	if one, _ := s.Quotations(ctx, store.QuoteQuery{Limit: 1}); len(one) != 1 {
		t.Errorf("limit 1 gave %d groups", len(one))
	}
}

func testEntities(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, Corpus()...)
	es := collect(t, s.Entities(ctx, store.EntityQuery{Type: "person"}))
	if len(es) != 2 {
		t.Fatalf("people: %+v", es)
	}
	if es[0].Name != "Maria Lopez" || es[0].Documents != 3 || es[0].Mentions != 7 || es[0].Country != "USA" {
		t.Errorf("top person = %+v, want Maria Lopez in 3 documents, 7 mentions", es[0])
	}
	es = collect(t, s.Entities(ctx, store.EntityQuery{Name: "spring"}))
	if len(es) != 1 || es[0].Type != "LOC" || es[0].Documents != 1 {
		t.Errorf("entities named spring = %+v", es)
	}
	if es := collect(t, s.Entities(ctx, store.EntityQuery{Limit: 2})); len(es) != 2 {
		t.Errorf("limit 2 gave %d", len(es))
	}
}

func testEvents(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, Corpus()...)
	evs := collect(t, s.Events(ctx, store.EventQuery{Type: "consult"}))
	if len(evs) != 2 {
		t.Fatalf("CONSULT events: %+v", evs)
	}
	e := evs[0]
	if len(e.Source) != 1 || len(e.Target) != 1 || e.Title == "" || e.Date != "2016-03-01" {
		t.Errorf("event = %+v", e)
	}
	evs = collect(t, s.Events(ctx, store.EventQuery{Actor: "reed", Country: "usa"}))
	if len(evs) != 2 {
		t.Errorf("events with Reed in USA: %d", len(evs))
	}
	for _, e := range evs {
		if e.DocID == "aaaa0001" && (e.Country != "USA" || e.Source[0].Name != "Maria Lopez" || e.Target[0].Name != "Tom Reed") {
			t.Errorf("event of aaaa0001 = %+v", e)
		}
	}
	evs = collect(t, s.Events(ctx, store.EventQuery{Window: store.Window{To: *day("2016-02-01")}}))
	if len(evs) != 1 || evs[0].Type != "REQUEST" {
		t.Errorf("events before February: %+v", evs)
	}
	if evs := collect(t, s.Events(ctx, store.EventQuery{Country: "FRA"})); len(evs) != 0 {
		t.Errorf("events in FRA: %+v", evs)
	}
}

func testStories(t *testing.T, s store.Store) {
	ctx := context.Background()
	docs := Corpus()
	for _, d := range docs { // one batch each: clustering works across batches
		put(t, s, d)
	}
	sts, err := s.Stories(ctx, store.StoryQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sts) != 1 {
		t.Fatalf("stories: %+v", sts)
	}
	st := sts[0]
	var ids []string
	for _, a := range st.Articles {
		ids = append(ids, a.ID)
	}
	slices.Sort(ids)
	if !slices.Equal(ids, []string{"aaaa0001", "bbbb0002", "cccc0003"}) || len(st.Outlets) != 3 {
		t.Errorf("story articles %v outlets %v", ids, st.Outlets)
	}
	if st.First == nil || st.Last == nil || !st.First.Equal(*day("2016-03-01")) || !st.Last.Equal(*day("2016-03-02")) {
		t.Errorf("story span %v – %v", st.First, st.Last)
	}
	if sts, _ := s.Stories(ctx, store.StoryQuery{About: "snow"}); len(sts) != 0 {
		t.Errorf("stories about snow (a singleton): %+v", sts)
	}
	if sts, _ := s.Stories(ctx, store.StoryQuery{About: "snow", MinDocs: 1}); len(sts) != 1 || sts[0].Title != "Storm closes schools" {
		t.Errorf("singleton stories about snow: %+v", sts)
	}
	if sts, _ := s.Stories(ctx, store.StoryQuery{About: "taxes"}); len(sts) != 1 {
		t.Errorf("stories about taxes: %+v", sts)
	}
}

func testErrors(t *testing.T, s store.Store) {
	ctx := context.Background()
	b := store.Batch{Errors: []store.IngestError{
		{File: "a.warc.gz", Record: "record 3", Reason: "truncated"},
		{File: "b.bin", Reason: "binary data"},
	}}
	for i := 0; i < 2; i++ {
		res, err := s.Put(ctx, b)
		if err != nil || res.Errors != 2 {
			t.Fatalf("Put errors = %+v, %v", res, err)
		}
	}
	es := collect(t, s.Errors(ctx))
	if len(es) != 2 {
		t.Fatalf("errors stored: %+v", es)
	}
	for _, e := range es {
		if e.At.IsZero() || e.Reason == "" {
			t.Errorf("error %+v", e)
		}
	}
}

func testStats(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, Corpus()...)
	if _, err := s.Put(ctx, store.Batch{Errors: []store.IngestError{{File: "x", Reason: "bad"}}}); err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := store.Stats{Documents: 4, Quotes: 4, Quotations: 2, Entities: 4, Mentions: 15, Events: 3, Stories: 1, Errors: 1, Schema: st.Schema}
	if st != want || st.Schema < 1 {
		t.Errorf("Stats = %+v\nwant    %+v", st, want)
	}
}

func testEmpty(t *testing.T, s store.Store) {
	ctx := context.Background()
	st, err := s.Stats(ctx)
	if err != nil || st != (store.Stats{Schema: st.Schema}) {
		t.Errorf("empty Stats = %+v, %v", st, err)
	}
	if n := len(collect(t, s.SearchDocs(ctx, store.DocQuery{Match: "x"}))); n != 0 {
		t.Errorf("search on empty store: %d", n)
	}
	if g, err := s.Quotations(ctx, store.QuoteQuery{}); err != nil || len(g) != 0 {
		t.Errorf("quotations on empty store: %v %v", g, err)
	}
	if sts, err := s.Stories(ctx, store.StoryQuery{}); err != nil || len(sts) != 0 {
		t.Errorf("stories on empty store: %v %v", sts, err)
	}
}
