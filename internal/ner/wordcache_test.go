package ner

import "testing"

// TestHashStringDistinct checks that the words of news texts, and strings
// of every length up to 24 that differ in one byte, get distinct hashes.
func TestHashStringDistinct(t *testing.T) {
	seen := map[uint64]string{}
	check := func(w string) {
		h := hashString(w, memoSeed)
		if o, ok := seen[h]; ok && o != w {
			t.Fatalf("%q and %q share hash %x", o, w, h)
		}
		seen[h] = w
	}
	for n := 0; n <= 24; n++ {
		b := make([]byte, n)
		check(string(b))
		for i := range b {
			for _, c := range []byte{1, 'a', 0x80} {
				b[i] = c
				check(string(b))
				b[i] = 0
			}
		}
	}
	for _, d := range newsDocs(t, 40) {
		for _, s := range d {
			for _, w := range s {
				check(w)
			}
		}
	}
}
