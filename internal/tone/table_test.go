package tone

import (
	"bytes"
	_ "embed"
	"flag"
	"os"
	"reflect"
	"testing"
	"unsafe"

	"github.com/jonreiter/govader"
)

// lexicon is VADER's lexicon, copied from govader by ./gen; the binary
// holds the table made of it, lexicon.idx.
//
//go:embed lexicon.tsv
var lexicon string

var updateTable = flag.Bool("update-table", false, "rewrite lexicon.idx from lexicon.tsv and govader")

// TestTableFile checks that lexicon.idx is the table newScorer makes of
// lexicon.tsv and govader's word lists; with -update-table (go generate)
// it rewrites it.
func TestTableFile(t *testing.T) {
	want := encodeTable(&newScorer(lexicon, govader.NewTermConstants()).words)
	if *updateTable {
		if err := os.WriteFile("lexicon.idx", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal([]byte(tableFile), want) {
		t.Fatal("lexicon.idx is stale: run go generate ./internal/tone")
	}
}

// TestTableMatchesBuild checks that the table read from lexicon.idx, in
// place and decoded from a misaligned copy, gives every word the facts
// that newScorer's table gives it.
func TestTableMatchesBuild(t *testing.T) {
	c := govader.NewTermConstants()
	built := newScorer(lexicon, c).words
	buf := make([]uint64, len(tableFile)/8+2)
	mem := unsafe.Slice((*byte)(unsafe.Pointer(&buf[0])), 8*len(buf))
	copy(mem[1:], tableFile)
	for i, data := range []string{tableFile, unsafe.String(&mem[1], len(tableFile))} {
		got, err := readTable(data)
		if err != nil {
			t.Fatal(err)
		}
		if inPlace := unsafe.Pointer(unsafe.SliceData(got.entries)) == unsafe.Pointer(unsafe.StringData(tableFile[len(tableMagic)+16+8*len(got.bloom):])); inPlace != (i == 0) {
			t.Errorf("copy %d: entries in place %v", i, inPlace)
		}
		if got.n != built.n || got.bloom != built.bloom || len(got.entries) != len(built.entries) || !reflect.DeepEqual(got.long, built.long) {
			t.Fatalf("copy %d: size, filter or long words differ", i)
		}
		var words []string
		for j := range built.entries {
			if e := &built.entries[j]; e.klen != 0 {
				words = append(words, string(e.key[:e.klen]))
			}
		}
		for w := range built.long {
			words = append(words, w)
		}
		for _, w := range append(words, "xyzzy", "notaword", "") {
			if a, b := got.get(w, fnv(w)), built.get(w, fnv(w)); *a != *b {
				t.Fatalf("copy %d: %q: %+v, built %+v", i, w, *a, *b)
			}
		}
	}
	for _, bad := range []string{"", "not a table", tableFile[:len(tableFile)/2], tableFile + "x"} {
		if _, err := readTable(bad); err == nil {
			t.Errorf("readTable of %d bytes: no error", len(bad))
		}
	}
}
