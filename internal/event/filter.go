package event

// filter is a one-hash Bloom filter of 65,536 bits (8 KB) over words, in
// front of a map: most words of a text are in no dictionary, and a filter
// that stays in cache turns them away for a few instructions a byte, where
// the map would hash and probe. A word the filter lets through is looked up
// as before, so answers are those of the map.
type filter [1024]uint64

// hash is FNV-1a, 32 bits.
func hash(w string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		h ^= uint32(w[i])
		h *= 16777619
	}
	return h
}

func (f *filter) add(w string) {
	h := hash(w) & 0xffff
	f[h>>6] |= 1 << (h & 63)
}

// mayHave reports whether w may have been added; false means it was not.
func (f *filter) mayHave(w string) bool {
	h := hash(w) & 0xffff
	return f[h>>6]&(1<<(h&63)) != 0
}
