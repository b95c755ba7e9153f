package event

import (
	"slices"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/doc"
)

// TestIndexOrder checks the index of every form (by its entry number):
// all the patterns of the heads it is a form of, in the order of
// Pattern.order, each once; that the forms are entries 1 to d.heads; and
// that no entry after d.withIDs has an id.
func TestIndexOrder(t *testing.T) {
	d, err := loadDict()
	if err != nil {
		t.Fatal(err)
	}
	for form, e := range d.entries {
		if (e.head != nil) != (form >= 1 && form <= int(d.heads)) {
			t.Fatalf("%d: head %v, but the heads are entries 1 to %d", form, e.head != nil, d.heads)
		}
		if form > int(d.withIDs) && e.ids != empty.ids {
			t.Fatalf("%d: ids %v after entry %d", form, e.ids, d.withIDs)
		}
		if e.head == nil {
			continue
		}
		hi := d.index(e.head)
		n := 0
		for _, k := range e.head.specs {
			n += len(d.specs[k].pats)
		}
		if len(hi.all) != n {
			t.Fatalf("%d: %d patterns, want %d", form, len(hi.all), n)
		}
		for i := 1; i < len(hi.all); i++ {
			if hi.all[i-1].order() >= hi.all[i].order() {
				t.Fatalf("%d: %s before %s", form, hi.all[i-1].Line(), hi.all[i].Line())
			}
		}
		if !slices.IsSorted(hi.first) {
			t.Fatalf("%d: first ids not sorted", form)
		}
	}
}

// TestConcurrentRuns codes documents in parallel, as the pipeline does,
// so that the race detector sees the indexes built on first use.
func TestConcurrentRuns(t *testing.T) {
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := build(t, "Vladimir Putin met Donald Trump in Anchorage on Friday. Russian forces shelled Kharkiv.",
				putin, trump, ent{"Anchorage", doc.Loc, "USA"}, ent{"Russian", doc.NORP, "RUS"}, ent{"Kharkiv", doc.Loc, "UKR"})
			run(t, d)
			if len(d.Events) != 2 {
				t.Errorf("events %+v", d.Events)
			}
		}()
	}
	wg.Wait()
}

// BenchmarkLoad measures parsing the embedded dictionaries, the start-up
// cost of the stage.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loadDict(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadAgents measures parsing agents.txt.
func BenchmarkLoadAgents(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		loadAgents()
	}
}
