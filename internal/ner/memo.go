package ner

// memoTable is an open-addressing table from the hash of a token as
// written (wordCache.words) to its entry in the word cache and the entry's
// analysis but for hw, side by side in half a cache line: a token met
// before costs one probe that reads one line. Most lookups of a cold run
// are of words met a few documents before, no longer in the processor's
// caches.
type memoTable struct {
	slots []memoSlot // memoSlots of them (wordCache.use)
	n     int
}

// memoSlot is 32 bytes.
type memoSlot struct {
	key       uint64 // 0 marks a free slot
	hl, shape uint64
	codes     tokCodes // with ocls == cls
	k         uint16   // the entry: wordCacheMax is 1<<16
}

// memoSlots is the size of the table: it holds at most wordCacheMax keys
// (wordCache.use), so it is never more than half full.
const memoSlots = 2 * wordCacheMax

// find returns the index of the slot of key, -1 when absent.
func (t *memoTable) find(key uint64) int32 {
	if t.n == 0 {
		return -1
	}
	for i := mix(key) & (memoSlots - 1); ; i = (i + 1) & (memoSlots - 1) {
		switch t.slots[i].key {
		case key:
			return int32(i)
		case 0:
			return -1
		}
	}
}

// fill sets tk to the analysis in sl, with hw 0 (see wordCache.words), and
// returns the entry.
func (sl *memoSlot) fill(tk *tokInfo) int32 {
	tk.hw, tk.hl, tk.shape, tk.tokCodes = 0, sl.hl, sl.shape, sl.codes
	return int32(sl.k)
}

// add adds key, which must be absent, and returns its slot, to be set
// before any is filled from it.
func (t *memoTable) add(key uint64) int32 {
	i := mix(key) & (memoSlots - 1)
	for t.slots[i].key != 0 {
		i = (i + 1) & (memoSlots - 1)
	}
	t.slots[i].key = key
	t.n++
	return int32(i)
}

// set sets sl to entry k, whose analysis is tok.
func (sl *memoSlot) set(tok *tokInfo, k int32) {
	sl.hl, sl.shape, sl.codes, sl.k = tok.hl, tok.shape, tok.tokCodes, uint16(k)
}

func (t *memoTable) reset() {
	clear(t.slots)
	t.n = 0
}
