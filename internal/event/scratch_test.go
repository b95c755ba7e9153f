package event

import (
	"reflect"
	"testing"

	"github.com/newsgraph/newsgraph/doc"
)

// TestReuse checks that a coder reused from the pool carries nothing over
// from the documents before: a document coded after others gets the
// events and group entities it gets coded first, and the ids of the group
// entities of a meeting's parties are found (consultMode).
func TestReuse(t *testing.T) {
	texts := []struct {
		in   string
		ents []ent
	}{
		{"Protesters clashed with riot police in Minsk. Later the protesters marched again.",
			[]ent{{"Minsk", doc.Loc, "BLR"}}},
		{"Ukrainian officials met Russian negotiators in Istanbul on Friday. The talks between the officials and the negotiators will resume.",
			[]ent{{"Istanbul", doc.Loc, "TUR"}, {"Ukrainian", doc.NORP, "UKR"}, {"Russian", doc.NORP, "RUS"}}},
		{"Vladimir Putin met Donald Trump in Anchorage on Friday.", []ent{putin, trump, {"Anchorage", doc.Loc, "USA"}}},
	}
	first := make([]*doc.Document, len(texts))
	for i, x := range texts {
		first[i] = build(t, x.in, x.ents...)
		run(t, first[i])
	}
	for round := range 2 {
		for i := len(texts) - 1; i >= 0; i-- {
			d := build(t, texts[i].in, texts[i].ents...)
			run(t, d)
			if !reflect.DeepEqual(d.Events, first[i].Events) || !reflect.DeepEqual(d.Entities, first[i].Entities) {
				t.Errorf("round %d, %q:\nevents %+v\nentities %+v\nfirst coded: events %+v\nentities %+v",
					round, texts[i].in, d.Events, d.Entities, first[i].Events, first[i].Entities)
			}
		}
	}
	if len(first[1].Entities) <= 3 || len(first[1].Events) == 0 {
		t.Errorf("no group entities or events in %q: %+v", texts[1].in, first[1])
	}
}
