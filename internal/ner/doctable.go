package ner

// docEntry is what a document says about one lowercased word.
type docEntry struct {
	key  uint64
	cs   [3]uint16 // occurrences as lower, Title, UPPER where case is informative (mid-sentence, not a headline)
	cues uint8     // what surrounds its capitalised occurrences: cueTitle, cueOrg
}

// docTable is an open-addressing hash table from word hash to docEntry,
// reused from document to document. Its entries are 16 bytes, so that
// clearing it for each document writes little: the clearing runs at the
// speed of memory, and the random reads of its entries then hit the
// caches. The first-pass labels of a word's capitalised occurrences are
// kept beside the table (hist), only for those words.
type docTable struct {
	ents []docEntry
	hist [][numLabels]uint16 // beside ents: valid for the words of tagger.caps (setHistory)
	mask uint64
}

func (d *docTable) reset(n int) {
	size := 64
	for size < 2*n {
		size *= 2
	}
	if cap(d.ents) >= size {
		d.ents, d.hist = d.ents[:size], d.hist[:size]
		clear(d.ents)
	} else {
		d.ents, d.hist = make([]docEntry, size), make([][numLabels]uint16, size)
	}
	d.mask = uint64(size - 1)
}

// index returns the slot of key (never 0), inserting it when absent.
func (d *docTable) index(key uint64) int32 {
	i := mix(key) & d.mask
	for {
		e := &d.ents[i]
		if e.key == key {
			return int32(i)
		}
		if e.key == 0 {
			e.key = key
			return int32(i)
		}
		i = (i + 1) & d.mask
	}
}

// gazetteer maps a hashed sequence of lowercased words to the entity types
// it was seen as (bits 0–3: PER, ORG, LOC, MISC) and whether it is the
// prefix of a longer entry (gazMore). It is built in m (add), then moved
// into t (index), which mark reads.
type gazetteer struct {
	m map[uint64]uint8
	t u8Table
}

// index moves g.m into g.t.
func (g *gazetteer) index() {
	g.t = newU8Table(g.m)
	g.m = nil
}

// u8Table is a read-only open-addressing table from uint64 keys to
// non-zero uint8 values, quicker to build and to probe than a map.
type u8Table struct {
	keys []uint64 // 0 marks a free slot
	vals []uint8
	mask uint64
	zero uint8 // the value of key 0
	n    int   // entries
}

func newU8Table(m map[uint64]uint8) u8Table {
	t := makeU8Table(len(m))
	for k, v := range m {
		t.put(k, v)
	}
	return t
}

// makeU8Table returns an empty table with room for n entries.
func makeU8Table(n int) u8Table {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return u8Table{keys: make([]uint64, size), vals: make([]uint8, size), mask: uint64(size - 1)}
}

// put adds k, which must be absent, with the value v (not 0); the table
// must have room (makeU8Table).
func (t *u8Table) put(k uint64, v uint8) {
	t.n++
	if k == 0 {
		t.zero = v
		return
	}
	i := mix(k) & t.mask
	for t.keys[i] != 0 {
		i = (i + 1) & t.mask
	}
	t.keys[i], t.vals[i] = k, v
}

// get returns the value of k, 0 when absent.
func (t *u8Table) get(k uint64) uint8 {
	if k == 0 || len(t.keys) == 0 {
		return t.zero
	}
	for i := mix(k) & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case k:
			return t.vals[i]
		case 0:
			return 0
		}
	}
}

const (
	gazMore   = 1 << 4
	gazKnown  = 1 << 7 // in tokInfo.gaz
	gazMaxLen = 6
	gazSeed   = 0x5bd1e9955bd1e995
)

func gazNext(h, word uint64) uint64 { return mix(h ^ word*mulB) }

func (g *gazetteer) add(words []tokInfo, typ int) {
	if len(words) == 0 || len(words) > gazMaxLen {
		return
	}
	if g.m == nil {
		g.m = map[uint64]uint8{}
	}
	h := uint64(gazSeed)
	for i := range words {
		h = gazNext(h, words[i].hl)
		if i < len(words)-1 {
			g.m[h] |= gazMore
		} else {
			g.m[h] |= 1 << typ
		}
	}
}

// mark sets out[i] for the tokens of one sentence: bits 0–3 for the types of
// every entry that covers token i, bits 4–7 for those that start at i. The
// value of a word alone is taken from its token when the word cache put it
// there (tokInfo.gaz), which spares most tokens a probe of g.
func (g *gazetteer) mark(toks []tokInfo, out []uint8) {
	clear(out)
	if len(g.t.keys) == 0 {
		return
	}
	for i := range toks {
		if !toks[i].capitalised() && toks[i].cls != clsDigit {
			continue
		}
		h := gazNext(gazSeed, toks[i].hl)
		v := toks[i].gaz &^ gazKnown
		if toks[i].gaz&gazKnown == 0 {
			v = g.t.get(h)
		}
		for j := i; v != 0; { // never 0 for an entry
			if t := v & 15; t != 0 {
				out[i] |= t << 4
				for k := i; k <= j; k++ {
					out[k] |= t
				}
			}
			if v&gazMore == 0 {
				break
			}
			if j++; j == len(toks) || j-i == gazMaxLen {
				break
			}
			h = gazNext(h, toks[j].hl)
			v = g.t.get(h)
		}
	}
}
