package event

import (
	"hash/maphash"
	"math/bits"
)

// wordTable maps words to int32 values; it is read-only once built. A
// lookup hashes the word once, tests one bit of a small filter (8 KB,
// which stays in cache: many words of a text are in no pattern)
// and only then probes an open-addressing array of slots, the words'
// bytes kept in one string. Nothing in it holds a pointer for the
// garbage collector but the two backing arrays.
type wordTable struct {
	seed   maphash.Seed
	filter [1 << 10]uint64 // bit h%65536 set for every stored word's hash h
	slots  []wordSlot      // len is a power of two, at least twice the words
	keys   string          // the words, one after another
	mask   uint64
}

// wordSlot is one slot of a wordTable; n == 0 marks it empty.
type wordSlot struct {
	tag uint32 // the high half of the word's hash
	off uint32 // the word is keys[off : off+n]
	n   uint32
	val int32
}

// newWordTable returns a table mapping words[i] to vals[i]. Words must be
// distinct; the empty word is left out.
func newWordTable(words []string, vals []int32) *wordTable {
	size := 1 << bits.Len(uint(2*len(words)))
	t := &wordTable{seed: maphash.MakeSeed(), slots: make([]wordSlot, size), mask: uint64(size - 1)}
	n := 0
	for _, w := range words {
		n += len(w)
	}
	keys := make([]byte, 0, n)
	for k, w := range words {
		if w == "" {
			continue
		}
		h := maphash.String(t.seed, w)
		t.filter[h>>6&(1<<10-1)] |= 1 << (h & 63)
		i := h & t.mask
		for t.slots[i].n != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i] = wordSlot{tag: uint32(h >> 32), off: uint32(len(keys)), n: uint32(len(w)), val: vals[k]}
		keys = append(keys, w...)
	}
	t.keys = string(keys)
	return t
}

// get returns the value of w and whether w is in the table.
func (t *wordTable) get(w string) (int32, bool) {
	if w == "" {
		return 0, false
	}
	h := maphash.String(t.seed, w)
	if t.filter[h>>6&(1<<10-1)]&(1<<(h&63)) == 0 {
		return 0, false
	}
	tag := uint32(h >> 32)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.n == 0 {
			return 0, false
		}
		if s.tag == tag && int(s.n) == len(w) && t.keys[s.off:s.off+s.n] == w {
			return s.val, true
		}
	}
}
