package geo

import "hash/maphash"

// nameIndex maps folded names to place ids. It is an open-addressing hash
// table over one string of keys, built once: about half the cost of a Go map
// of the same keys to build (no allocation per key, one probe sequence per
// insert, and key bytes are compared only when the stored hashes agree).
type nameIndex struct {
	seed  maphash.Seed
	text  string     // all keys, end to end
	slots []int32    // len is a power of two; 0 empty, else 1 + index into keys
	keys  []indexKey // distinct keys in insertion order
}

type indexKey struct {
	start, end int32 // the key is text[start:end]
	hash       uint32
	v          int32 // one place id (≥ 0), or -(1 + index into gazetteer.lists)
}

func newNameIndex(text string, n int) *nameIndex {
	size := 1024
	for size < n*2 {
		size *= 2
	}
	return &nameIndex{
		seed:  maphash.MakeSeed(),
		text:  text,
		slots: make([]int32, size),
		keys:  make([]indexKey, 0, n),
	}
}

// find returns the entry for k, or nil and the slot where k would go.
func (x *nameIndex) find(k string) (*indexKey, int) {
	h := maphash.String(x.seed, k)
	tag := uint32(h >> 32)
	mask := len(x.slots) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		s := x.slots[i]
		if s == 0 {
			return nil, i
		}
		e := &x.keys[s-1]
		if e.hash == tag && x.text[e.start:e.end] == k {
			return e, i
		}
	}
}

// get returns the value stored under k.
func (x *nameIndex) get(k string) (int32, bool) {
	if x == nil {
		return 0, false
	}
	e, _ := x.find(k)
	if e == nil {
		return 0, false
	}
	return e.v, true
}

// add stores v under text[start:end], which must not be in the index yet
// and must have been found missing at slot.
func (x *nameIndex) add(start, end int32, slot int, v int32) {
	k := x.text[start:end]
	x.keys = append(x.keys, indexKey{start, end, uint32(maphash.String(x.seed, k) >> 32), v})
	x.slots[slot] = int32(len(x.keys))
}
