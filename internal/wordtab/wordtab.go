// Package wordtab maps words to numbers quickly. A Table is an
// open-addressing hash table whose keys of up to eight bytes (most words)
// are kept and compared as one machine word, so a lookup usually reads one
// 16-byte slot and no string memory. The analysis stages look up every
// token of every article in their lexicons; Go's maps of strings spend
// most of that time reaching the keys' bytes.
package wordtab

// Table maps strings to int32 values. The zero Table is empty and ready to
// use. A Table is safe for concurrent lookups once no more keys are set.
type Table struct {
	slots []slot
	// The bytes after the first eight of the key in slots[i] are
	// rest[tails[i]:][:size-9]; the table holds no pointers for the
	// garbage collector to scan but these two.
	tails []uint32
	rest  []byte
	n     int
	// shared marks slots, tails and rest that View maps onto read-only
	// data: slot copies them before it changes anything.
	shared bool
}

type slot struct {
	head uint64 // the key's first eight bytes, little-endian, zero-padded
	size uint32 // len(key)+1; 0 marks a free slot
	val  int32
}

// Len returns the number of keys.
func (t *Table) Len() int { return t.n }

// Get returns the value of key s. Keys of up to eight bytes, most words,
// take a path without the tails and without calls but one.
func (t *Table) Get(s string) (int32, bool) {
	if len(s) > 8 || len(s) == 0 {
		sl, _ := t.find(s)
		return sl.val, sl.size != 0
	}
	return t.GetPacked(Pack(s), len(s))
}

// GetPacked returns the value of the key of n bytes, 1 to 8, whose Pack
// is head: Get for a caller that packs its words more cheaply itself. It
// is small enough for the compiler to inline.
func (t *Table) GetPacked(head uint64, n int) (int32, bool) {
	slots, i := t.slots, mix(head, n)
	for len(slots) > 0 {
		sl := &slots[i&uint64(len(slots)-1)]
		if sl.head == head && sl.size == uint32(n+1) {
			return sl.val, true
		}
		if sl.size == 0 {
			break
		}
		i++
	}
	return 0, false
}

// Set sets the value of key s.
func (t *Table) Set(s string, v int32) { t.slot(s).val = v }

// Intern returns the value of key s and true; if s has none, it sets it
// to v and returns v and false: a Get and a Set in one probe.
func (t *Table) Intern(s string, v int32) (int32, bool) {
	n := t.n
	sl := t.slot(s)
	if t.n == n {
		return sl.val, true
	}
	sl.val = v
	return v, false
}

// slot returns the slot of key s, adding s with value 0 if it is absent.
func (t *Table) slot(s string) *slot {
	if t.shared {
		t.rehash(len(t.slots)) // copies slots and tails; rest has no spare capacity
		t.shared = false
	}
	if 2*(t.n+1) > len(t.slots) {
		t.rehash(max(16, 2*len(t.slots)))
	}
	sl, i := t.find(s)
	if sl.size != 0 {
		return sl
	}
	*sl = slot{head: Pack(s), size: uint32(len(s) + 1)}
	if len(s) > 8 {
		t.tails[i] = uint32(len(t.rest))
		t.rest = append(t.rest, s[8:]...)
	}
	t.n++
	return sl
}

// noSlot is the free slot find returns for an empty table; it is never
// written (Set grows the table first).
var noSlot slot

// find returns the slot that holds key s and its index, or else the free
// slot where s would go (a free one outside the table if it is empty).
func (t *Table) find(s string) (*slot, uint64) {
	if len(t.slots) == 0 {
		return &noSlot, 0
	}
	head := Pack(s)
	h := mix(head, len(s))
	if len(s) > 8 {
		h = mixTail(h, s[8:])
	}
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.size == 0 || sl.head == head && int(sl.size) == len(s)+1 && (len(s) <= 8 || string(t.rest[t.tails[i]:][:len(s)-8]) == s[8:]) {
			return sl, i
		}
	}
}

// Grow makes room for n more keys, so that setting them rehashes no
// key.
func (t *Table) Grow(n int) {
	size := max(16, len(t.slots))
	for 2*(t.n+n) > size {
		size *= 2
	}
	if size > len(t.slots) {
		t.rehash(size)
	}
}

// rehash moves every key to a table of size slots, a power of two.
func (t *Table) rehash(size int) {
	old, oldTails := t.slots, t.tails
	t.slots, t.tails = make([]slot, size), make([]uint32, size)
	mask := uint64(size - 1)
	for j, sl := range old {
		if sl.size == 0 {
			continue
		}
		n := int(sl.size - 1)
		h := mix(sl.head, n)
		if n > 8 {
			h = mixTail(h, string(t.rest[oldTails[j]:][:n-8]))
		}
		i := h & mask
		for t.slots[i].size != 0 {
			i = (i + 1) & mask
		}
		t.slots[i], t.tails[i] = sl, oldTails[j]
	}
}

// Pack returns the first eight bytes of s as a little-endian number,
// zero-padded: the number a Table compares keys by, and a quick way to
// compare short words. A short key is read as two overlapping loads of
// four or two bytes, whose shared bytes are equal and OR alike: no loop.
func Pack(s string) uint64 {
	switch n := len(s); {
	case n >= 8:
		return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	case n >= 4:
		return load4(s) | load4(s[n-4:])<<(8*(n-4))
	case n >= 2:
		return load2(s) | load2(s[n-2:])<<(8*(n-2))
	case n == 1:
		return uint64(s[0])
	}
	return 0
}

// load4 returns the first four bytes of s, little-endian.
func load4(s string) uint64 {
	_ = s[3]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24
}

// load2 returns the first two bytes of s, little-endian.
func load2(s string) uint64 {
	_ = s[1]
	return uint64(s[0]) | uint64(s[1])<<8
}

func mix(head uint64, n int) uint64 {
	h := (head ^ uint64(n)*0x9E3779B97F4A7C15) * 0xff51afd7ed558ccd
	return h ^ h>>29
}

func mixTail(h uint64, tail string) uint64 {
	for len(tail) > 0 {
		h = (h ^ Pack(tail)) * 0xc4ceb9fe1a85ec53
		h ^= h >> 31
		tail = tail[min(8, len(tail)):]
	}
	return h
}
