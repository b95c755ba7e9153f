package tone

import (
	"cmp"
	_ "embed"
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"unsafe"
)

// lexicon.idx is the table of VADER's words (vader.words) that newScorer
// makes of lexicon.tsv and govader's booster words, negations and idioms,
// as it lies in memory: written by TestTableFile (go generate), read in
// place by readTable. Building the table at start-up cost some 3 M
// instructions and faulted in its megabyte page by page; read in place,
// nothing is built, and its pages are read from the binary as lookups
// reach them. go generate rewrites it after ./gen has rewritten
// lexicon.tsv (tone.go); TestTableFile fails while it is stale.
//
// Layout, little-endian: the 8-byte magic; uint32 words in entries, entry
// slots (a power of two), long words and a zero uint32; the filter
// (filterBits/64 uint64s); the entries, 64 bytes each as an entry lies in
// memory (facts: val and boost as float64s, inLex, isBoost, negation,
// idiom and kw one byte each, three zero bytes; hash uint32; klen uint8;
// key); then each long word: uint32 length, the word, its facts (val,
// boost, five bytes of flags as in an entry).
//
//go:embed lexicon.idx
var tableFile string

const tableMagic = "ngvader1"

// entryLayout is where the fields of an entry are in the file; readTable
// uses the entries in place only when they are where the compiler puts
// them.
var entryLayout = [...]uintptr{
	unsafe.Offsetof(entry{}.val), unsafe.Offsetof(entry{}.boost), unsafe.Offsetof(entry{}.inLex),
	unsafe.Offsetof(entry{}.isBoost), unsafe.Offsetof(entry{}.negation), unsafe.Offsetof(entry{}.idiom),
	unsafe.Offsetof(entry{}.kw), unsafe.Offsetof(entry{}.hash), unsafe.Offsetof(entry{}.klen),
	unsafe.Offsetof(entry{}.key), unsafe.Sizeof(entry{}),
}

// fileLayout is the offsets of entryLayout in the file.
var fileLayout = [...]uintptr{0, 8, 16, 17, 18, 19, 20, 24, 28, 29, 64}

// appendFacts appends the facts f: val, boost, and the five flag bytes.
func appendFacts(b []byte, f *facts) []byte {
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(f.val))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(f.boost))
	return append(b, b2u(f.inLex), b2u(f.isBoost), b2u(f.negation), b2u(f.idiom), byte(f.kw))
}

func b2u(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// readFacts reads the facts that appendFacts wrote at the start of b.
func readFacts(b string) facts {
	return facts{
		val: math.Float64frombits(le64(b)), boost: math.Float64frombits(le64(b[8:])),
		inLex: b[16] != 0, isBoost: b[17] != 0, negation: b[18] != 0, idiom: b[19] != 0, kw: keyword(b[20]),
	}
}

func le64(b string) uint64 { return uint64(le32(b)) | uint64(le32(b[4:]))<<32 }

func le32(b string) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

// encodeTable returns t in the lexicon.idx form. The words are put into
// a table of the same size in sorted order, so that a table has one file
// whatever the order it was filled in.
func encodeTable(t *lexTable) []byte {
	type word struct {
		w string
		f facts
	}
	var words []word
	for i := range t.entries {
		if e := &t.entries[i]; e.klen != 0 {
			words = append(words, word{string(e.key[:e.klen]), e.facts})
		}
	}
	slices.SortFunc(words, func(a, b word) int { return cmp.Compare(a.w, b.w) })
	c := lexTable{entries: make([]entry, len(t.entries)), long: map[string]*facts{}}
	for _, w := range words {
		*c.upsert(w.w) = w.f
	}
	b := []byte(tableMagic)
	b = binary.LittleEndian.AppendUint32(b, uint32(c.n))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(c.entries)))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(t.long)))
	b = binary.LittleEndian.AppendUint32(b, 0)
	for _, x := range c.bloom {
		b = binary.LittleEndian.AppendUint64(b, x)
	}
	for i := range c.entries {
		e := &c.entries[i]
		b = appendFacts(b, &e.facts)
		b = append(b, 0, 0, 0)
		b = binary.LittleEndian.AppendUint32(b, e.hash)
		b = append(b, e.klen)
		b = append(b, e.key[:]...)
	}
	long := slices.Sorted(func(yield func(string) bool) {
		for w := range t.long {
			if !yield(w) {
				return
			}
		}
	})
	for _, w := range long {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(w)))
		b = append(b, w...)
		b = appendFacts(b, t.long[w])
	}
	return b
}

// readTable reads a lexicon.idx. On a little-endian machine, when the
// entries are 8-byte aligned in memory and laid out as in the file, the
// table uses them in place; otherwise it decodes a copy.
func readTable(data string) (t lexTable, err error) {
	defer func() {
		if r := recover(); r != nil { // an offset out of range
			t, err = lexTable{}, errors.New("tone: lexicon.idx is damaged")
		}
	}()
	const head = len(tableMagic) + 16
	if len(data) < head+8*len(t.bloom) || data[:len(tableMagic)] != tableMagic {
		return lexTable{}, errors.New("tone: lexicon.idx is not a lexicon table")
	}
	n, size, nLong := int(le32(data[8:])), int(le32(data[12:])), int(le32(data[16:]))
	if size < 1024 || size&(size-1) != 0 || 2*n > size {
		return lexTable{}, errors.New("tone: lexicon.idx: bad table size")
	}
	for i := range t.bloom {
		t.bloom[i] = le64(data[head+8*i:])
	}
	at := head + 8*len(t.bloom)
	ents := data[at : at+64*size]
	t.n = n
	p := unsafe.Pointer(unsafe.StringData(ents))
	if entryLayout == fileLayout && binary.NativeEndian.Uint16([]byte{1, 0}) == 1 && uintptr(p)%8 == 0 {
		t.entries = unsafe.Slice((*entry)(p), size)
	} else {
		t.entries = make([]entry, size)
		for i := range t.entries {
			r := ents[64*i : 64*i+64]
			e := &t.entries[i]
			e.facts = readFacts(r)
			e.hash, e.klen = le32(r[24:]), r[28]
			copy(e.key[:], r[29:])
		}
	}
	t.long = make(map[string]*facts, nLong)
	rest := data[at+64*size:]
	for range nLong {
		k := int(le32(rest))
		w := rest[4 : 4+k]
		f := readFacts(rest[4+k:])
		t.long[w] = &f
		rest = rest[4+k+21:]
	}
	if rest != "" {
		return lexTable{}, errors.New("tone: lexicon.idx: trailing bytes")
	}
	return t, nil
}
