package wordtab

import (
	"fmt"
	"strings"
	"testing"
)

func TestTable(t *testing.T) {
	words := strings.Fields(`a an the said told meeting meet met Anchorage
		international internationally counterterrorism x xx xxxxxxxx xxxxxxxxx
		xxxxxxxxxxxxxxxx xxxxxxxxxxxxxxxxx na\u00efve caf\u00e9 ""`)
	var tab Table
	for i, w := range words {
		tab.Set(w, int32(i))
	}
	tab.Set("the", 100) // a second Set replaces the value
	if tab.Len() != len(words) {
		t.Fatalf("Len = %d, want %d", tab.Len(), len(words))
	}
	for i, w := range words {
		want := int32(i)
		if w == "the" {
			want = 100
		}
		if v, ok := tab.Get(w); !ok || v != want {
			t.Errorf("Get(%q) = %d, %v; want %d", w, v, ok, want)
		}
	}
	for _, w := range []string{"", "th", "thee", "Said", "xxxxxxx", "xxxxxxxxxx", "international ", "meetin", "\x00"} {
		if v, ok := tab.Get(w); ok {
			t.Errorf("Get(%q) = %d, want absent", w, v)
		}
	}
	for _, w := range append(words, "th", "thee", "xxxxxxx", "\x00") {
		if n := len(w); n >= 1 && n <= 8 {
			v, ok := tab.GetPacked(Pack(w), n)
			if wv, wok := tab.Get(w); v != wv || ok != wok {
				t.Errorf("GetPacked(Pack(%q), %d) = %d, %v; Get gives %d, %v", w, n, v, ok, wv, wok)
			}
		}
	}
}

func TestIntern(t *testing.T) {
	var tab Table
	for i, w := range []string{"meet", "counterterrorism", "meet", "", "counterterrorism"} {
		v, ok := tab.Intern(w, int32(i))
		want, wantOK := int32(i), false
		switch w {
		case "meet":
			want, wantOK = 0, i > 0
		case "counterterrorism":
			want, wantOK = 1, i > 1
		}
		if v != want || ok != wantOK {
			t.Errorf("Intern(%q, %d) = %d, %v; want %d, %v", w, i, v, ok, want, wantOK)
		}
	}
	if tab.Len() != 3 {
		t.Errorf("Len = %d, want 3", tab.Len())
	}
}

func TestEmpty(t *testing.T) {
	var tab Table
	if _, ok := tab.Get("word"); ok {
		t.Error("the zero Table has a key")
	}
	if _, ok := tab.GetPacked(Pack("word"), 4); ok {
		t.Error("the zero Table has a packed key")
	}
}

// TestZeroBytes checks that keys differing only in trailing NUL bytes,
// which Pack alike, stay apart.
func TestZeroBytes(t *testing.T) {
	var tab Table
	keys := []string{"ab", "ab\x00", "ab\x00\x00", "abcdefgh\x00", "abcdefgh"}
	for i, k := range keys {
		tab.Set(k, int32(i))
	}
	for i, k := range keys {
		if v, ok := tab.Get(k); !ok || v != int32(i) {
			t.Errorf("Get(%q) = %d, %v; want %d", k, v, ok, i)
		}
	}
}

func TestMany(t *testing.T) {
	var tab Table
	for i := range 100000 {
		tab.Set(fmt.Sprint("w", i, "x"), int32(i))
	}
	for i := range 100000 {
		if v, ok := tab.Get(fmt.Sprint("w", i, "x")); !ok || v != int32(i) {
			t.Fatalf("w%dx: %d, %v", i, v, ok)
		}
	}
	if _, ok := tab.Get("w100000x"); ok {
		t.Error("absent key found")
	}
}

// TestGrow checks that after Grow(n) setting n keys moves no key: the
// slots stay where they are.
func TestGrow(t *testing.T) {
	var tab Table
	tab.Set("first", 0)
	tab.Grow(1000)
	slots := &tab.slots[0]
	for i := range 1000 {
		tab.Set(fmt.Sprint("w", i), int32(i))
	}
	if &tab.slots[0] != slots {
		t.Error("Set rehashed after Grow")
	}
	for i := range 1000 {
		if v, ok := tab.Get(fmt.Sprint("w", i)); !ok || v != int32(i) {
			t.Fatalf("w%d: %d, %v", i, v, ok)
		}
	}
	if v, ok := tab.Get("first"); !ok || v != 0 {
		t.Errorf("first: %d, %v", v, ok)
	}
}

func FuzzTable(f *testing.F) {
	f.Add("said", "told")
	f.Add("international", "internationally")
	f.Fuzz(func(t *testing.T, a, b string) {
		var tab Table
		tab.Set(a, 1)
		if v, ok := tab.Get(a); !ok || v != 1 {
			t.Fatalf("Get(%q) after Set = %d, %v", a, v, ok)
		}
		_, ok := tab.Get(b)
		if ok != (a == b) {
			t.Fatalf("Get(%q) with only %q set: %v", b, a, ok)
		}
	})
}

var sink int32

func BenchmarkGet(b *testing.B) {
	words := strings.Fields("the president said on friday that the talks with his russian counterpart in anchorage were constructive and productive")
	var tab Table
	for i, w := range words[:10] {
		tab.Set(w, int32(i))
	}
	m := map[string]int32{}
	for i, w := range words[:10] {
		m[w] = int32(i)
	}
	b.Run("wordtab", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			v, _ := tab.Get(words[i%len(words)])
			sink += v
		}
	})
	b.Run("map", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			sink += m[words[i%len(words)]]
		}
	})
}
