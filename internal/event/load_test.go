package event

import (
	"bytes"
	_ "embed"
	"flag"
	"os"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/newsgraph/newsgraph/doc"
)

// The data files of the default dictionary, which the binary holds as
// dict.idx.
var (
	//go:embed verbs.txt
	verbsData string
	//go:embed cameo.txt
	cameoData string
	//go:embed agents.txt
	agentsData string
)

// loadDict parses the data files.
func loadDict() (*Dict, error) { return parseDict(verbsData, cameoData, agentsData) }

var updateIndex = flag.Bool("update-index", false, "rewrite dict.idx from verbs.txt, cameo.txt and agents.txt")

// TestIndexFile checks that dict.idx is what parseDict makes of the data
// files; with -update-index (go generate) it rewrites it.
func TestIndexFile(t *testing.T) {
	d, err := loadDict()
	if err != nil {
		t.Fatal(err)
	}
	want, err := encodeIndex(d)
	if err != nil {
		t.Fatal(err)
	}
	if *updateIndex {
		if err := os.WriteFile("dict.idx", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal([]byte(dictIdx), want) {
		t.Fatal("dict.idx is stale: run go generate ./internal/event")
	}
	again, err := loadDict()
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := encodeIndex(again); !bytes.Equal(b, want) {
		t.Fatal("two parses encode differently")
	}
}

// inMemory returns a copy of s at an address off bytes past a multiple
// of 8.
func inMemory(s string, off int) string {
	buf := make([]uint64, (len(s)+off)/8+1)
	b := unsafe.Slice((*byte)(unsafe.Pointer(&buf[0])), 8*len(buf))[off:]
	copy(b, s)
	return unsafe.String(&b[0], len(s))
}

// TestIndexMatchesParse checks that the dictionary read from dict.idx, in
// place and decoded from a misaligned copy, is the one parseDict makes:
// the same lexicon, heads, patterns and agent phrases.
func TestIndexMatchesParse(t *testing.T) {
	p, err := loadDict()
	if err != nil {
		t.Fatal(err)
	}
	for _, off := range []int{0, 1} {
		d, err := readIndex(inMemory(dictIdx, off))
		if err != nil {
			t.Fatal(err)
		}
		if off == 0 && unsafe.SliceData(d.entries) != (*lexEntry)(unsafe.Pointer(unsafe.StringData(d.file.data[d.file.u32(len(indexMagic)+4*hdrEntriesAt):]))) {
			t.Error("the entries are not read in place")
		}
		if len(d.entries) != len(p.entries) {
			t.Fatalf("offset %d: %d entries, parse has %d", off, len(d.entries), len(p.entries))
		}
		for i := range p.entries {
			if d.entries[i] != p.entries[i] {
				t.Fatalf("offset %d: entry %d is %+v, parse has %+v", off, i, d.entries[i], p.entries[i])
			}
		}
		if d.n != p.n || d.heads != p.heads || d.withIDs != p.withIDs || d.must != p.must || d.marks1 != p.marks1 {
			t.Errorf("offset %d: counts or marks differ", off)
		}
		if !reflect.DeepEqual(d.agents, p.agents) {
			t.Errorf("offset %d: agents differ", off)
		}
		if len(d.groups) != len(p.groups) || len(d.specs) != len(p.specs) {
			t.Fatalf("offset %d: %d groups, %d specs; parse has %d, %d", off, len(d.groups), len(d.specs), len(p.groups), len(p.specs))
		}
		for g := range p.groups {
			if !slices.Equal(d.groups[g].specs, p.groups[g].specs) {
				t.Fatalf("offset %d: group %d differs", off, g)
			}
		}
		for k := range p.specs {
			got, want := d.patterns(int32(k)), p.specs[k].pats
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("offset %d: the patterns of %s differ", off, p.specs[k].spec)
			}
		}
		for i, e := range p.entries {
			if e.head >= 0 && !reflect.DeepEqual(d.index(e.head), p.index(e.head)) {
				t.Fatalf("offset %d: the index of entry %d differs", off, i)
			}
		}
		for _, w := range []string{"meet", "met", "meeting", "protesters", "rebels", "must", "the", "xyzzy", "counterterrorism", ""} {
			if d.find(w) != p.find(w) {
				t.Errorf("offset %d: find(%q) = %d, parse gives %d", off, w, d.find(w), p.find(w))
			}
		}
	}
}

// TestIndexPatternMemory checks that decoding the patterns of every head
// allocates about what they hold: each head's patterns keep their slabs
// alive, so a slab of spare room per head would add up to far more.
func TestIndexPatternMemory(t *testing.T) {
	d, err := readIndex(dictIdx)
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for k := range d.specs {
		d.patterns(int32(k))
	}
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 4<<20 {
		t.Errorf("the patterns of all %d heads took %d bytes", len(d.specs), n)
	}
}

func TestIndexCorrupt(t *testing.T) {
	for _, data := range []string{"", "not an index", dictIdx[:len(indexMagic)+4*hdrFields], dictIdx[:len(dictIdx)/2], strings.Repeat("x", 1000)} {
		if _, err := readIndex(data); err == nil {
			t.Errorf("readIndex of %d bytes: no error", len(data))
		}
	}
}

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
		if (e.head >= 0) != (form >= 1 && form <= int(d.heads)) {
			t.Fatalf("%d: head %v, but the heads are entries 1 to %d", form, e.head >= 0, d.heads)
		}
		if form > int(d.withIDs) && e.ids != empty.ids {
			t.Fatalf("%d: ids %v after entry %d", form, e.ids, d.withIDs)
		}
		if e.head < 0 {
			continue
		}
		hi := d.index(e.head)
		n := 0
		for _, k := range d.groups[e.head].specs {
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

// BenchmarkReadIndex measures reading dict.idx, the start-up cost of the
// stage.
func BenchmarkReadIndex(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := readIndex(dictIdx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad measures parsing the data files, as the dictionary was
// loaded before dict.idx.
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
		loadAgents(agentsData)
	}
}
