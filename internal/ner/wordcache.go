package ner

import "hash/maphash"

// wordCache keeps, for each word a tagger has met, the sums of the
// quantised weights of the features that depend on that word alone: its
// own word's features when it stands in running text, and those it gives
// the tokens one and two places to either side. They are most of a token's
// features, and news repeats its words, so a token's emission scores cost
// a few additions of cached sums and a dozen reads of the weight table
// instead of some forty. The sums are integers, so the scores are exactly
// those of adding every feature's weights.
type wordCache struct {
	m    *Model // the weights the sums are of
	keys []uint64
	slot []int32 // entry in sums of keys[i]
	sums []wordSums
	fs   []uint32 // scratch: one group of features
	off  []uint32 // scratch: their rows

	// The sums of the features of each context code met (appendCoded).
	codeKeys []uint64 // code+1; 0 marks a free slot
	codeSums [][numLabels]int32
	codes    int
}

// codeSlots is the size of the table of context codes, which starts again
// when half full.
const codeSlots = 1 << 13

// wordSums are the cached sums of one word.
type wordSums struct {
	self    [numLabels]int32 // appendWord, mid-sentence in a normal sentence; valid when hasSelf
	hasSelf bool
	near    [4][numLabels]int32 // what it gives the tokens at +1 (appendLeft1), -1, +2 and -2
}

// wordCacheMax bounds the words kept; a cache that is full starts again.
const wordCacheMax = 1 << 16

// use readies the cache for tagging n tokens with m, emptying it when it
// holds sums of other weights or has no room for n more words.
func (c *wordCache) use(m *Model, n int) {
	if c.m == m && len(c.sums)+n+2 <= wordCacheMax {
		return
	}
	c.m = m
	c.sums = c.sums[:0]
	c.codeKeys, c.codes = nil, 0
	if len(c.keys) == 0 {
		c.keys = make([]uint64, 1<<12)
		c.slot = make([]int32, 1<<12)
	}
	clear(c.keys)
}

// entry returns the entry of tk's word, adding it when absent; with self,
// the entry's self sums are valid too.
func (c *wordCache) entry(tk *tokInfo, self bool) int32 {
	mask := uint64(len(c.keys) - 1)
	i := mix(tk.hw) & mask
	for c.keys[i] != 0 && c.keys[i] != tk.hw {
		i = (i + 1) & mask
	}
	if c.keys[i] == 0 {
		if 2*(len(c.sums)+1) > len(c.keys) {
			c.grow()
			return c.entry(tk, self)
		}
		c.keys[i] = tk.hw
		c.slot[i] = int32(len(c.sums))
		c.sums = append(c.sums, wordSums{})
		e := &c.sums[len(c.sums)-1]
		sh := 64 - c.m.bits
		e.near[0] = c.sum(appendLeft1(c.fs[:0], tk, sh))
		e.near[1] = c.sum(appendRight1(c.fs[:0], tk, sh))
		e.near[2] = c.sum(appendLeft2(c.fs[:0], tk, sh))
		e.near[3] = c.sum(appendRight2(c.fs[:0], tk, sh))
	}
	k := c.slot[i]
	if e := &c.sums[k]; self && !e.hasSelf {
		e.self = c.sum(appendWord(c.fs[:0], tk, modeNormal, false, 64-c.m.bits))
		e.hasSelf = true
	}
	return k
}

// context returns the sums of the features of context code k.
func (c *wordCache) context(k ctxCode) *[numLabels]int32 {
	if c.codeKeys == nil || c.codes >= codeSlots/2 {
		c.codeKeys = make([]uint64, codeSlots)
		c.codeSums = make([][numLabels]int32, codeSlots)
		c.codes = 0
	}
	key := uint64(k) + 1
	i := mix(key) & (codeSlots - 1)
	for c.codeKeys[i] != key {
		if c.codeKeys[i] == 0 {
			c.codeKeys[i] = key
			c.codeSums[i] = c.sum(appendCoded(c.fs[:0], k, 64-c.m.bits))
			c.codes++
			break
		}
		i = (i + 1) & (codeSlots - 1)
	}
	return &c.codeSums[i]
}

// sum returns the summed weights of the rows fs, keeping fs as scratch.
func (c *wordCache) sum(fs []uint32) [numLabels]int32 {
	c.fs = fs
	c.off = grow(c.off, len(fs))
	c.m.w.offsets(c.off, fs)
	return sumRows(c.m.w.rows, c.off)
}

// grow doubles the hash table.
func (c *wordCache) grow() {
	keys, slot := c.keys, c.slot
	c.keys = make([]uint64, 2*len(keys))
	c.slot = make([]int32, 2*len(keys))
	mask := uint64(len(c.keys) - 1)
	for j, k := range keys {
		if k == 0 {
			continue
		}
		i := mix(k) & mask
		for c.keys[i] != 0 {
			i = (i + 1) & mask
		}
		c.keys[i], c.slot[i] = k, slot[j]
	}
}

// wordMemo remembers the analysis of each token a tagger has read, in an
// open-addressing table keyed by a 64-bit hash of the token: two tokens
// with one hash, about one chance in 10^10 with the memo full, would share
// an analysis.
type wordMemo struct {
	keys []uint64 // hash of the token, never 0; 0 marks a free slot
	idx  []int32  // index in toks of keys[i]
	toks []tokInfo
}

var memoSeed = maphash.MakeSeed()

// analysis fills tk with the analysis of w, remembered or made now.
func (m *wordMemo) analysis(tk *tokInfo, w string) {
	if len(m.keys) == 0 || len(m.toks) >= wordCacheMax {
		m.keys = make([]uint64, 4*wordCacheMax)
		m.idx = make([]int32, 4*wordCacheMax)
		m.toks = m.toks[:0]
	}
	h := maphash.String(memoSeed, w) | 1
	mask := uint64(len(m.keys) - 1)
	i := h & mask
	for m.keys[i] != 0 {
		if m.keys[i] == h {
			*tk = m.toks[m.idx[i]]
			return
		}
		i = (i + 1) & mask
	}
	tk.analyse(w)
	m.keys[i], m.idx[i] = h, int32(len(m.toks))
	m.toks = append(m.toks, *tk)
}
