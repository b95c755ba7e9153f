package event

import (
	"context"
	"reflect"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/doc"
)

// reuseTexts are documents with events, group entities and a meeting of
// groups, whose mode needs the countries of group entities (consultMode).
var reuseTexts = []struct {
	in   string
	ents []ent
}{
	{"Protesters clashed with riot police in Minsk. Later the protesters marched again.",
		[]ent{{"Minsk", doc.Loc, "BLR"}}},
	{"Ukrainian officials met Russian negotiators in Istanbul on Friday. The talks between the officials and the negotiators will resume.",
		[]ent{{"Istanbul", doc.Loc, "TUR"}, {"Ukrainian", doc.NORP, "UKR"}, {"Russian", doc.NORP, "RUS"}}},
	{"Vladimir Putin met Donald Trump in Anchorage on Friday.", []ent{putin, trump, {"Anchorage", doc.Loc, "USA"}}},
}

// codeAll codes each of reuseTexts in turn.
func codeAll(t *testing.T) []*doc.Document {
	out := make([]*doc.Document, len(reuseTexts))
	for i, x := range reuseTexts {
		out[i] = build(t, x.in, x.ents...)
		run(t, out[i])
	}
	return out
}

// TestReuse checks that a coder reused from the pool carries nothing over
// from the documents before: a document coded after others gets the
// events and group entities it gets coded first.
func TestReuse(t *testing.T) {
	first := codeAll(t)
	if d := first[1]; len(d.Entities) <= 3 || len(d.Events) == 0 || d.Events[0].Mode != "third-party" {
		t.Errorf("%q: no group entities, or no meeting on third ground: %+v", reuseTexts[1].in, d)
	}
	for round := range 2 {
		for i := len(reuseTexts) - 1; i >= 0; i-- {
			d := build(t, reuseTexts[i].in, reuseTexts[i].ents...)
			run(t, d)
			if !reflect.DeepEqual(d.Events, first[i].Events) || !reflect.DeepEqual(d.Entities, first[i].Entities) {
				t.Errorf("round %d, %q:\nevents %+v\nentities %+v\nfirst coded: events %+v\nentities %+v",
					round, reuseTexts[i].in, d.Events, d.Entities, first[i].Events, first[i].Entities)
			}
		}
	}
}

// TestConcurrent codes documents in several goroutines at once, each
// taking its own scratch from the pool (run it with -race).
func TestConcurrent(t *testing.T) {
	first := codeAll(t)
	const goroutines, each = 4, 10
	docs := make([][]*doc.Document, goroutines)
	for g := range docs {
		for n := range each {
			x := reuseTexts[(g+n)%len(reuseTexts)]
			docs[g] = append(docs[g], build(t, x.in, x.ents...))
		}
	}
	var wg sync.WaitGroup
	for g := range docs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n, d := range docs[g] {
				i := (g + n) % len(reuseTexts)
				if err := (Stage{}).Run(context.Background(), d); err != nil {
					t.Error(err)
				}
				if !reflect.DeepEqual(d.Events, first[i].Events) || !reflect.DeepEqual(d.Entities, first[i].Entities) {
					t.Errorf("goroutine %d, %q: events %+v, first coded %+v", g, reuseTexts[i].in, d.Events, first[i].Events)
				}
			}
		}()
	}
	wg.Wait()
}
