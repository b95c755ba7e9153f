package ner

// docEntry is what a document says about one lowercased word.
type docEntry struct {
	key  uint64
	cs   [3]uint16         // occurrences as lower, Title, UPPER where case is informative (mid-sentence, not a headline)
	cues uint8             // what surrounds its capitalised occurrences: cueTitle, cueOrg
	hist [numLabels]uint16 // first-pass labels of its capitalised occurrences (O only where case is informative)
}

// docTable is an open-addressing hash table from word hash to docEntry,
// reused from document to document.
type docTable struct {
	ents []docEntry
	mask uint64
}

func (d *docTable) reset(n int) {
	size := 64
	for size < 2*n {
		size *= 2
	}
	if cap(d.ents) >= size {
		d.ents = d.ents[:size]
		clear(d.ents)
	} else {
		d.ents = make([]docEntry, size)
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
// prefix of a longer entry (gazMore).
type gazetteer struct {
	m map[uint64]uint8
}

const (
	gazMore   = 1 << 4
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
// every entry that covers token i, bits 4–7 for those that start at i.
func (g *gazetteer) mark(toks []tokInfo, out []uint8) {
	clear(out)
	if len(g.m) == 0 {
		return
	}
	for i := range toks {
		if !toks[i].capitalised() && toks[i].cls != clsDigit {
			continue
		}
		h := uint64(gazSeed)
		for j := i; j < len(toks) && j-i < gazMaxLen; j++ {
			h = gazNext(h, toks[j].hl)
			v, ok := g.m[h]
			if !ok {
				break
			}
			if t := v & 15; t != 0 {
				out[i] |= t << 4
				for k := i; k <= j; k++ {
					out[k] |= t
				}
			}
			if v&gazMore == 0 {
				break
			}
		}
	}
}
