package ner

import (
	"math/rand/v2"
	"unsafe"
)

// wordCache keeps, for each word a tagger has met, the sums of the
// quantised weights of the features that depend on that word alone: its
// own word's features, for up to two ways it is met (in running text, at
// the start of a sentence, in a headline), and those it gives the tokens
// one and two places to either side. They are most of a token's
// features, and news repeats its words, so a token's emission scores cost
// a few additions of cached sums and a dozen reads of the weight table
// instead of some forty. The sums are integers, so the scores are exactly
// those of adding every feature's weights.
type wordCache struct {
	m    *Model    // the weights the sums are of
	byHW idTable   // tokInfo.hw -> entry
	memo memoTable // hash of a token as written -> entry (see words)
	// The entries, in parallel arrays, apart from what every token
	// reads (memo), so that the words met often stay in the caches.
	toks []tokInfo  // the word's analysis (see entry), read to make its sums
	aff  []affixes  // its affixes, read only to make self sums
	sums []wordSums // read for the tokens viterbi scores and their neighbours
	// Scratch for words: the hashes of a document's tokens, their slots
	// in memo, the first occurrences of those not there and their
	// affixes, and their other occurrences.
	hs    []uint64
	at    []int32
	miss  []int32
	maff  []affixes
	again []int32
	fs    []uint32 // scratch: one group of features
	off   []uint32 // scratch: their rows

	// The sums of the features of each context and history code met
	// (appendCoded, appendHist).
	codeKeys []uint64 // see code; 0 marks a free slot
	codeSums []lanes
	codes    int
}

// codeSlots is the size of the table of context codes, which starts again
// when half full.
const codeSlots = 1 << 13

// wordSums are the cached sums of one word.
type wordSums struct {
	selfKey [2]uint8 // 0: that self is not valid
	self    [2]lanes // appendWord, for the ways selfKey says (selfSlot)
	// What it gives the tokens at +1 (appendLeft1), -1, +2 and -2; all
	// valid or none, when a lane is 0 (rebias keeps the lanes of a sum
	// above 0).
	near [4]lanes
}

// wordCacheMax bounds the words kept; a cache that is full starts again.
const wordCacheMax = 1 << 16

// wordArrays are the arrays of a word cache, allocated at once (26 MB of
// address space): one step up of the heap rather than four, which the
// garbage collector's pacing can answer with one more cycle than the
// run needs.
type wordArrays struct {
	toks [wordCacheMax]tokInfo
	aff  [wordCacheMax]affixes
	sums [wordCacheMax]wordSums
	memo [memoSlots]memoSlot
}

// use readies the cache for tagging n tokens with m, emptying it when it
// holds sums of other weights or has no room for n more words.
func (c *wordCache) use(m *Model, n int) {
	if c.m == m && len(c.toks)+2*n+2 <= wordCacheMax && c.memo.n+2*n <= wordCacheMax {
		return
	}
	c.m = m
	if c.toks == nil {
		// Room for every word at once: the cache never copies its
		// entries to grow, and pages are touched only as they fill.
		a := new(wordArrays)
		c.toks, c.aff, c.sums, c.memo.slots = a.toks[:0], a.aff[:0], a.sums[:0], a.memo[:]
	}
	c.toks, c.aff, c.sums = c.toks[:0], c.aff[:0], c.sums[:0]
	c.byHW.reset()
	c.memo.reset()
	c.codeKeys, c.codes = nil, 0
}

// memoSeed makes the hashes of word differ from process to process, as
// those of hash/maphash do, so that no text can be made to collide.
var memoSeed = rand.Uint64()

// hashString returns a 64-bit hash of s. It mixes s eight bytes at a time
// with mix, a bijection, and its length: cheaper for words of a few bytes
// than hash/maphash, which calls through to the runtime.
func hashString(s string, seed uint64) uint64 {
	n := len(s)
	p := unsafe.Pointer(unsafe.StringData(s))
	h := seed
	switch {
	case n > 8:
		for ; n > 8; n -= 8 {
			h = mix(h ^ *(*uint64)(p))
			p = unsafe.Add(p, 8)
		}
		h = mix(h ^ *(*uint64)(unsafe.Add(p, n-8))) // the last 8 bytes, overlapping
	case n == 8:
		h = mix(h ^ *(*uint64)(p))
	case n >= 4:
		h = mix(h ^ (uint64(*(*uint32)(p)) | uint64(*(*uint32)(unsafe.Add(p, n-4)))<<32))
	case n > 0:
		b := unsafe.Slice((*byte)(p), n)
		h = mix(h ^ (uint64(b[0])<<16 | uint64(b[n>>1])<<8 | uint64(b[n-1])))
	}
	return mix(h ^ uint64(len(s)))
}

// words fills toks with the analyses of the tokens of the sentences
// sents, but for their hw, which it sets to 0, sets ks to their entries,
// which hold the hw (appendWord reads it there), and returns what it read
// ahead. Tokens are remembered by a 64-bit hash of how they are written,
// so that a token met before costs one probe and one copy: two tokens
// with one hash, about one chance in 10^10 with the memo full, would
// share an analysis. It works in passes, so that the cache misses of
// each, the most of a cold run's, overlap: it looks every token up in the
// memo; fills those it holds, and adds the others to it, to be set later,
// analysing each once; looks the new words up by hw; and only then gives
// them their entries and fills their other occurrences.
func (c *wordCache) words(toks []tokInfo, ks []int32, sents [][]string) int32 {
	c.hs, c.at = grow(c.hs, len(toks)), grow(c.at, len(toks))
	hs, at := c.hs, c.at
	j := 0
	for _, s := range sents {
		for x := range s {
			hs[j+x] = hashString(s[x], memoSeed) | 1
		}
		j += len(s)
	}
	for j, h := range hs {
		at[j] = c.memo.find(h)
	}
	miss, again, aff := c.miss[:0], c.again[:0], c.maff[:0]
	j = 0
	for _, s := range sents {
		for x := range s {
			if a := at[j+x]; a >= 0 {
				ks[j+x] = c.memo.slots[a].fill(&toks[j+x])
			} else if a = c.memo.find(hs[j+x]); a >= 0 { // new, met before in the document
				at[j+x] = a
				again = append(again, int32(j+x))
			} else {
				at[j+x] = c.memo.add(hs[j+x])
				miss = append(miss, int32(j+x))
				aff = append(aff, toks[j+x].analyse(s[x]))
			}
		}
		j += len(s)
	}
	var ahead int32
	for _, j := range miss {
		k, _ := c.byHW.get(toks[j].hw)
		ahead += k
	}
	for x, j := range miss {
		k := c.entry(&toks[j], &aff[x])
		sl := &c.memo.slots[at[j]]
		sl.set(&c.toks[k], k)
		ks[j] = sl.fill(&toks[j])
	}
	for _, j := range again {
		ks[j] = c.memo.slots[at[j]].fill(&toks[j])
	}
	c.miss, c.again, c.maff = miss, again, aff
	return ahead
}

// folded fills tk with the analysis of the token w read in the case fold
// says (tokInfo.analyseFold), with ocls set to cls (the caller sets it)
// and hw 0 (as in words), and returns its entry. Like words, it
// remembers the token and fold by a hash.
func (c *wordCache) folded(tk *tokInfo, w string, fold uint8) int32 {
	h := mix(hashString(w, memoSeed)^uint64(fold)*mulA) | 1
	if j := c.memo.find(h); j >= 0 {
		return c.memo.slots[j].fill(tk)
	}
	a := tk.analyseFold(w, fold)
	k := c.entry(tk, &a)
	sl := &c.memo.slots[c.memo.add(h)]
	sl.set(&c.toks[k], k)
	return sl.fill(tk)
}

// entry returns the entry of tk's word, with affixes a, adding it when
// absent. An entry holds the word's analysis as if written as it is: the
// analysis of a token depends only on its characters after normRune, as
// tokInfo.hw does (but for ocls, which truecasing sets).
func (c *wordCache) entry(tk *tokInfo, a *affixes) int32 {
	k, ok := c.byHW.get(tk.hw)
	if !ok {
		k = int32(len(c.toks))
		c.byHW.put(tk.hw, k)
		c.toks = append(c.toks, *tk)
		c.toks[k].ocls = tk.cls
		if tk.capitalised() || tk.cls == clsDigit { // the words gazetteer.mark looks up
			c.toks[k].gaz = gazKnown | c.m.gaz.t.get(gazNext(gazSeed, tk.hl))
		}
		c.aff = append(c.aff, *a)
		c.sums = append(c.sums, wordSums{})
	}
	return k
}

// fillNear makes the near sums of entry k valid.
func (c *wordCache) fillNear(k int32) {
	e, tk := &c.sums[k], &c.toks[k]
	sh := 64 - c.m.bits
	fs := appendLeft1(c.fs[:0], tk, sh)
	n0 := len(fs)
	fs = appendRight1(fs, tk, sh)
	n1 := len(fs)
	fs = appendLeft2(fs, tk, sh)
	n2 := len(fs)
	fs = appendRight2(fs, tk, sh)
	c.fs = fs
	c.off = grow(c.off, len(fs))
	c.m.w.offsets(c.off, fs)
	e.near[0] = rebias(sumLanes(c.m.w.rows, c.off[:n0]), n0)
	e.near[1] = rebias(sumLanes(c.m.w.rows, c.off[n0:n1]), n1-n0)
	e.near[2] = rebias(sumLanes(c.m.w.rows, c.off[n1:n2]), n2-n1)
	e.near[3] = rebias(sumLanes(c.m.w.rows, c.off[n2:]), len(fs)-n2)
}

// touchSelf reads the self keys of the entries ix of the tokens of runs,
// all at once before selfSlot does token by token, so that their cache
// misses overlap, and returns what it read.
func (c *wordCache) touchSelf(runs []run, ix []int32) uint64 {
	var x uint64
	for _, r := range runs {
		for _, k := range ix[r.from:r.to] {
			x += uint64(c.sums[k].selfKey[0])
		}
	}
	return x
}

// readyNear makes valid the near sums (wordSums.near) of the entries the
// runs read (at ids, as tagger.padEntries sets them), made on first use:
// most words of a text are lowercase words far from any name (see
// tagger.skipFar), whose neighbours are not scored. It reads them all at
// once before tagger.emitQ does run by run, so that their cache misses
// overlap, and returns what it read.
func (c *wordCache) readyNear(runs []run, ids []int32) uint64 {
	var x uint64
	for _, r := range runs {
		pad := 4 * r.sent
		for _, k := range ids[r.from+pad : r.to+pad+4] {
			e := &c.sums[k]
			if e.near[0][4] == 0 {
				c.fillNear(k)
			}
			x += e.near[1][0] + e.near[2][3] + e.near[3][4]
		}
	}
	return x
}

// selfSlot returns which self sums (1 or 2) of entry k, the entry of tk's
// word, are those of appendWord for tk in a sentence of the given mode,
// first of it or not, making them when a slot is free; 0 when both slots
// hold other ways of meeting the word. Those features depend on no more
// than the word, mode, initial and tk.ocls.
func (c *wordCache) selfSlot(k int32, tk *tokInfo, mode uint8, initial bool) uint8 {
	key := 1 + (mode | uint8(b2u(initial))<<2 | tk.ocls<<3)
	e := &c.sums[k]
	for j, ek := range e.selfKey {
		if ek == key {
			return uint8(j + 1)
		}
		if ek == 0 {
			e.self[j] = c.sum(c.appendWord(c.fs[:0], k, tk.ocls, mode, initial))
			e.selfKey[j] = key
			return uint8(j + 1)
		}
	}
	return 0
}

// appendWord appends the features appendWord gives entry k's word
// written as ocls says.
func (c *wordCache) appendWord(f []uint32, k int32, ocls, mode uint8, initial bool) []uint32 {
	w := c.toks[k]
	w.ocls = ocls
	return appendWord(f, &w, &c.aff[k], mode, initial, 64-c.m.bits)
}

// context returns the sums of the features of context code k.
func (c *wordCache) context(k ctxCode) *lanes {
	l, fresh := c.code(uint64(k) + 1)
	if fresh {
		*l = c.sum(appendCoded(c.fs[:0], k, 64-c.m.bits))
	}
	return l
}

// history returns the sums of the features of history code k.
func (c *wordCache) history(k histCode) *lanes {
	l, fresh := c.code(1<<63 | uint64(k))
	if fresh {
		*l = c.sum(appendHist(c.fs[:0], k, 64-c.m.bits))
	}
	return l
}

// code returns the slot of the sums of a code's features, fresh when it
// is new. The keys of context codes are the code plus 1, less than 1<<50,
// those of history codes have bit 63 set.
func (c *wordCache) code(key uint64) (l *lanes, fresh bool) {
	if c.codeKeys == nil || c.codes >= codeSlots/2 {
		c.codeKeys = make([]uint64, codeSlots)
		c.codeSums = make([]lanes, codeSlots)
		c.codes = 0
	}
	i := mix(key) & (codeSlots - 1)
	for c.codeKeys[i] != key {
		if c.codeKeys[i] == 0 {
			c.codeKeys[i] = key
			c.codes++
			return &c.codeSums[i], true
		}
		i = (i + 1) & (codeSlots - 1)
	}
	return &c.codeSums[i], false
}

// sum returns the summed weights of the rows fs, keeping fs as scratch.
func (c *wordCache) sum(fs []uint32) lanes {
	c.fs = fs
	c.off = grow(c.off, len(fs))
	c.m.w.offsets(c.off, fs)
	return rebias(sumLanes(c.m.w.rows, c.off), len(fs))
}

// idTable is an open-addressing table from non-zero 64-bit keys to
// int32s, key and value side by side so that a probe reads one slot.
type idTable struct {
	slots []idSlot
	n     int
}

type idSlot struct {
	key uint64 // 0 marks a free slot
	val int32
}

func (t *idTable) get(key uint64) (int32, bool) {
	if t.n == 0 {
		return 0, false
	}
	mask := uint64(len(t.slots) - 1)
	for i := mix(key) & mask; ; i = (i + 1) & mask {
		switch t.slots[i].key {
		case key:
			return t.slots[i].val, true
		case 0:
			return 0, false
		}
	}
}

// put adds key, which must be absent.
func (t *idTable) put(key uint64, v int32) {
	if 2*(t.n+1) > len(t.slots) {
		// It starts with room for 1<<15 keys, more words than a few
		// hundred articles hold: growing step by step from fewer cost
		// more in copies and allocation than the larger table.
		old := t.slots
		t.slots, t.n = make([]idSlot, max(1<<16, 2*len(old))), 0
		for _, sl := range old {
			if sl.key != 0 {
				t.put(sl.key, sl.val)
			}
		}
	}
	mask := uint64(len(t.slots) - 1)
	i := mix(key) & mask
	for t.slots[i].key != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = idSlot{key, v}
	t.n++
}

func (t *idTable) reset() {
	clear(t.slots)
	t.n = 0
}
