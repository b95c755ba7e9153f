package wordtab

import (
	"strings"
	"testing"
	"unsafe"
)

// aligned returns a copy of b at an 8-byte aligned address, plus off
// bytes of padding in front.
func aligned(b []byte, off int) string {
	buf := make([]uint64, (len(b)+off+7)/8+1)
	mem := unsafe.Slice((*byte)(unsafe.Pointer(&buf[0])), 8*len(buf))
	copy(mem[off:], b)
	return unsafe.String(&mem[off], len(b))
}

func TestBinary(t *testing.T) {
	words := strings.Fields(`a an the said told meeting meet met Anchorage
		international internationally counterterrorism x xx xxxxxxxx xxxxxxxxx
		xxxxxxxxxxxxxxxx xxxxxxxxxxxxxxxxx na\u00efve caf\u00e9`)
	var tab Table
	for i, w := range words {
		tab.Set(w, int32(i))
	}
	b, err := tab.AppendBinary([]byte("hdr"))
	if err != nil {
		t.Fatal(err)
	}
	b = append(b[3:], "after"...)
	for _, off := range []int{0, 4, 1} { // in place, then decoded
		data := aligned(b, off)
		got, rest, err := View(data)
		if err != nil {
			t.Fatal(err)
		}
		if rest != "after" {
			t.Errorf("offset %d: rest %q", off, rest)
		}
		if got.shared != (off == 0) {
			t.Errorf("offset %d: shared %v", off, got.shared)
		}
		if got.Len() != len(words) {
			t.Errorf("offset %d: Len %d", off, got.Len())
		}
		for i, w := range append(words, "th", "thee", "xxxxxxx", "internationalist") {
			v, ok := got.Get(w)
			if want := i < len(words); ok != want || ok && v != int32(i) {
				t.Errorf("offset %d: Get(%q) = %d, %v", off, w, v, ok)
			}
		}
		before := strings.Clone(data)
		got.Set("the", 100)
		got.Set("counterrevolutionary", 101)
		if data != before {
			t.Fatalf("offset %d: Set changed the data viewed", off)
		}
		if v, _ := got.Get("the"); v != 100 {
			t.Errorf("offset %d: after Set, the = %d", off, v)
		}
		if v, _ := got.Get("counterrevolutionary"); v != 101 {
			t.Errorf("offset %d: after Set, counterrevolutionary = %d", off, v)
		}
		if v, _ := got.Get("counterterrorism"); v != 11 {
			t.Errorf("offset %d: after Set, counterterrorism = %d", off, v)
		}
	}
	for _, bad := range []string{"", "short", string(b[:len(b)/2])} {
		if _, _, err := View(bad); err == nil {
			t.Errorf("View of %d bytes: no error", len(bad))
		}
	}
	var empty Table
	e, _ := empty.AppendBinary(nil)
	if got, rest, err := View(string(e)); err != nil || got.Len() != 0 || rest != "" {
		t.Errorf("empty table: %v, %q, %v", got.Len(), rest, err)
	}
}
