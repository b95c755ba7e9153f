package geo

import (
	"bytes"
	"flag"
	"os"
	"reflect"
	"testing"
)

var updateIndex = flag.Bool("update-index", false, "rewrite gazetteer.idx from gazetteer.tsv.gz and demonyms.tsv")

// parsedTSV parses gazetteer.tsv.gz and demonyms.tsv as the index was made.
func parsedTSV(t testing.TB) *gazetteer {
	gz, err := os.ReadFile("gazetteer.tsv.gz")
	if err != nil {
		t.Fatal(err)
	}
	g, err := parse(gz, parseDemonyms(demonymsTSV))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestIndexFile checks that gazetteer.idx is what parse makes of
// gazetteer.tsv.gz and demonyms.tsv; with -update-index (go generate) it
// rewrites it.
func TestIndexFile(t *testing.T) {
	want, err := encodeIndex(parsedTSV(t))
	if err != nil {
		t.Fatal(err)
	}
	if *updateIndex {
		if err := os.WriteFile("gazetteer.idx", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal([]byte(gazetteerIdx), want) {
		t.Fatal("gazetteer.idx is stale: run go generate in internal/geo")
	}
}

// TestIndexMatchesParse checks that the gazetteer read from gazetteer.idx
// is the one parse makes: the same places, weights, lists, tables, and the
// same value under every name.
func TestIndexMatchesParse(t *testing.T) {
	p := parsedTSV(t)
	g, err := decodeIndex(gazetteerIdx)
	if err != nil {
		t.Fatal(err)
	}
	for id := range g.places {
		g.place(int32(id)) // decode them all
	}
	if !reflect.DeepEqual(g.places, p.places) {
		t.Error("places differ")
	}
	for id := range p.weight {
		if w := g.weightOf(int32(id)); w != p.weight[id] {
			t.Errorf("place %d: weight %d, parse gives %d", id, w, p.weight[id])
			break
		}
	}
	if !reflect.DeepEqual(g.lists, p.lists) {
		t.Error("lists differ")
	}
	if !reflect.DeepEqual(g.self, p.self) {
		t.Error("self differs")
	}
	for _, c := range []struct {
		name string
		a, b any
	}{{"acr", g.acr, p.acr}, {"country", g.country, p.country}, {"iso3", g.iso3, p.iso3}, {"iso2", g.iso2, p.iso2}, {"neighbours", g.neighbours, p.neighbours}} {
		if !reflect.DeepEqual(c.a, c.b) {
			t.Errorf("%s differs", c.name)
		}
	}
	for _, e := range p.names.keys {
		k := p.names.text[e.start:e.end]
		if !reflect.DeepEqual(g.ids(k), p.ids(k)) {
			t.Errorf("%q: ids %v, parse has %v", k, g.ids(k), p.ids(k))
		}
	}
	if n := int(g.file.u32(len(indexMagic) + 4*hdrKeys)); n != len(p.names.keys) {
		t.Errorf("%d names in the index, parse has %d", n, len(p.names.keys))
	}
	for _, k := range []string{"", "x", "no such place", "zzzzzzzzzzzzzzzzzzzzzzzzz"} {
		if ids := g.ids(k); len(ids) != 0 {
			t.Errorf("%q: ids %v", k, ids)
		}
	}
}

func TestIndexCorrupt(t *testing.T) {
	for _, data := range []string{"", "not an index", gazetteerIdx[:len(indexMagic)+4*hdrFields], gazetteerIdx[:len(gazetteerIdx)/2]} {
		if _, err := decodeIndex(data); err == nil {
			t.Errorf("decodeIndex of %d bytes: no error", len(data))
		}
	}
}

// BenchmarkParseTSV measures parsing and indexing gazetteer.tsv.gz, as
// the gazetteer was loaded before gazetteer.idx.
func BenchmarkParseTSV(b *testing.B) {
	gz, err := os.ReadFile("gazetteer.tsv.gz")
	if err != nil {
		b.Fatal(err)
	}
	d := demonyms()
	b.ReportAllocs()
	start, n := cpuTime(), 0
	for b.Loop() {
		if _, err := parse(gz, d); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(n), "cpu-ms/op")
	}
}
