package event

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"
	"unsafe"

	"github.com/newsgraph/newsgraph/internal/wordtab"
)

// dict.idx is the default dictionary as a Dict holds it, written by
// encodeIndex from what parseDict makes of verbs.txt, cameo.txt and
// agents.txt (TestIndexFile, go generate). readIndex uses its word table
// and lexicon entries where they lie in the embedded string, decodes the
// heads and the agent phrases (small), and leaves the patterns of a head
// in the file until a text first uses one of its forms (Dict.patterns):
// most heads of cameo.txt are never met.
//
// Layout: the 8-byte magic, then header fields (little-endian uint32, in
// the order of the hdr constants), then the sections they locate, each
// starting on an 8-byte boundary. A string is a number: string i is the
// bytes [strOff[i], strOff[i+1]) of the file. Records are little-endian
// uint32s:
//
//	table      the word table (wordtab.Table.AppendBinary): word -> entry
//	entries    the lexEntry of each entry: head, ids[0:3], agents, sets, idBits
//	groupOff   groups+1: the specs of group g are groupSpecs[groupOff[g]:groupOff[g+1]]
//	groupSpecs spec numbers
//	specOff    specs+1: the patterns of spec k are patterns specOff[k] to specOff[k+1]-1
//	patterns   per pattern: Type, Mode, src (strings), line, rank, file,
//	           Noun (0 or 1), and its Rest: elems elemStart to elemEnd-1
//	elems      per Elem: Gap (0 or 1), its Words: words wordStart to wordEnd-1
//	words      strings
//	lists      per agent list (Dict.agents): its phrases phraseStart to phraseEnd-1
//	phrases    per agent phrase: sector (string), its words: words wordStart to wordEnd-1
//	marks1     256 uint32: Dict.marks1
//	strOff     strings+1 offsets into the file
//	text       the bytes of the strings
const indexMagic = "ngevidx1"

// Header fields, in file order.
const (
	hdrPatterns = iota // Dict.n
	hdrHeads
	hdrWithIDs
	hdrMust
	hdrEntries
	hdrGroups
	hdrSpecs
	hdrLists
	hdrPhrases
	hdrStrings
	hdrTableAt
	hdrEntriesAt
	hdrGroupOffAt
	hdrGroupSpecsAt
	hdrSpecOffAt
	hdrPatternsAt
	hdrElemsAt
	hdrWordsAt
	hdrListsAt
	hdrPhrasesAt
	hdrMarksAt
	hdrStrOffAt
	hdrTextAt
	hdrFields
)

// Record sizes in uint32s.
const (
	entryFields   = 7
	patternFields = 9
	elemFields    = 3
	listFields    = 2
	phraseFields  = 3
)

// indexFile is a dict.idx, read in place.
type indexFile struct {
	data string
	w    []uint32 // data as little-endian uint32s (words32)
	// the offsets of the sections that Dict.patterns reads
	patsAt, elemsAt, wordsAt, strOffAt, specOffAt int
}

// u32 returns the little-endian uint32 at data[i:], i a multiple of 4.
func (f *indexFile) u32(i int) uint32 { return f.w[i>>2] }

// words32 returns data as little-endian uint32s, a last partial one
// dropped: data itself on a little-endian machine when it is 4-byte
// aligned, else a decoded copy.
func words32(data string) []uint32 {
	n := len(data) / 4
	if n == 0 {
		return nil
	}
	p := unsafe.Pointer(unsafe.StringData(data))
	if binary.NativeEndian.Uint16([]byte{1, 0}) == 1 && uintptr(p)%4 == 0 {
		return unsafe.Slice((*uint32)(p), n)
	}
	w := make([]uint32, n)
	for i := range w {
		w[i] = binary.LittleEndian.Uint32([]byte(data[4*i : 4*i+4]))
	}
	return w
}

// field returns field j of record i of the section at off, records of n
// fields.
func (f *indexFile) field(off, n, i, j int) int { return int(f.u32(off + 4*(n*i+j))) }

// str returns string i.
func (f *indexFile) str(i int) string {
	return f.data[f.u32(f.strOffAt+4*i):f.u32(f.strOffAt+4*i+4)]
}

// wordList returns the strings words a to b-1 of the words section,
// carved out of *slab.
func (f *indexFile) wordList(slab *[]string, a, b int) []string {
	ws := carve(slab, b-a)
	for i := range ws {
		ws[i] = f.str(int(f.u32(f.wordsAt + 4*(a+i))))
	}
	return ws
}

// readIndex reads a dict.idx.
func readIndex(data string) (d *Dict, err error) {
	defer func() {
		if r := recover(); r != nil { // an offset out of range
			d, err = nil, fmt.Errorf("event: bad dictionary index: %v", r)
		}
	}()
	if len(data) < len(indexMagic)+4*hdrFields || data[:len(indexMagic)] != indexMagic {
		return nil, errors.New("event: not a dictionary index")
	}
	f := &indexFile{data: data, w: words32(data)}
	hdr := func(i int) int { return int(f.u32(len(indexMagic) + 4*i)) }
	f.patsAt, f.elemsAt, f.wordsAt, f.strOffAt, f.specOffAt = hdr(hdrPatternsAt), hdr(hdrElemsAt), hdr(hdrWordsAt), hdr(hdrStrOffAt), hdr(hdrSpecOffAt)
	if hdr(hdrTextAt) > len(data) || f.u32(f.strOffAt+4*hdr(hdrStrings)) > uint32(len(data)) {
		return nil, errors.New("event: dictionary index truncated")
	}
	d = &Dict{n: hdr(hdrPatterns), heads: int32(hdr(hdrHeads)), withIDs: int32(hdr(hdrWithIDs)), must: int32(hdr(hdrMust)), file: f}
	if d.words, _, err = wordtab.View(data[hdr(hdrTableAt):]); err != nil {
		return nil, err
	}
	d.entries = viewEntries(data[hdr(hdrEntriesAt):], hdr(hdrEntries))

	groups, at, specsAt := hdr(hdrGroups), hdr(hdrGroupOffAt), hdr(hdrGroupSpecsAt)
	d.groups = make([]heads, groups)
	specs := make([]int32, f.u32(at+4*groups))
	for i := range specs {
		specs[i] = int32(f.u32(specsAt + 4*i))
	}
	for g := range d.groups {
		d.groups[g].specs = specs[f.u32(at+4*g):f.u32(at+4*g+4)]
	}
	d.specs = make([]headSpec, hdr(hdrSpecs))
	d.decoded = make([]sync.Once, len(d.specs))

	// The phrases, each decoded once: the lists of a plural first word
	// and of its singular are the same phrases.
	lists, phrases := hdr(hdrListsAt), hdr(hdrPhrasesAt)
	all := make([]agent, hdr(hdrPhrases))
	var ws []string
	for j := range all {
		x := func(m int) int { return f.field(phrases, phraseFields, j, m) }
		all[j] = agent{sector: f.str(x(0)), words: f.wordList(&ws, x(1), x(2))}
	}
	d.agents = make([]agentList, hdr(hdrLists))
	for i := range d.agents {
		d.agents[i] = newAgentList(all[f.field(lists, listFields, i, 0):f.field(lists, listFields, i, 1)])
	}
	for i := range d.marks1 {
		d.marks1[i] = f.u32(hdr(hdrMarksAt) + 4*i)
	}
	return d, nil
}

// viewEntries returns the n lexicon entries at the start of data: data
// itself on a little-endian machine when it is 4-byte aligned, else a
// decoded copy.
func viewEntries(data string, n int) []lexEntry {
	data = data[:n*4*entryFields]
	if n == 0 {
		return nil
	}
	p := unsafe.StringData(data)
	if unsafe.Sizeof(lexEntry{}) == 4*entryFields && binary.NativeEndian.Uint16([]byte{1, 0}) == 1 && uintptr(unsafe.Pointer(p))%4 == 0 {
		return unsafe.Slice((*lexEntry)(unsafe.Pointer(p)), n)
	}
	f := indexFile{data: data, w: words32(data)}
	es := make([]lexEntry, n)
	for i := range es {
		x := func(j int) int32 { return int32(f.field(0, entryFields, i, j)) }
		es[i] = lexEntry{head: x(0), ids: [3]int32{x(1), x(2), x(3)}, agents: x(4), sets: uint32(x(5)), idBits: uint32(x(6))}
	}
	return es
}

// patterns decodes the patterns of spec k, for Dict.patterns.
func (f *indexFile) patterns(d *Dict, k int32) []*Pattern {
	a, b := int(f.u32(f.specOffAt+4*int(k))), int(f.u32(f.specOffAt+4*int(k)+4))
	pats := make([]Pattern, b-a)
	out := make([]*Pattern, b-a)
	// Slabs of the exact sizes: the patterns of a head keep them alive.
	nElems, nWords, nFirst := 0, 0, 0
	for i := range pats {
		e0, e1 := f.field(f.patsAt, patternFields, a+i, 7), f.field(f.patsAt, patternFields, a+i, 8)
		nElems += e1 - e0
		for j := e0; j < e1; j++ {
			n := f.field(f.elemsAt, elemFields, j, 2) - f.field(f.elemsAt, elemFields, j, 1)
			nWords += n
			if j == e0 {
				nFirst += n
			}
		}
	}
	elems, words, ids := make([]Elem, 0, nElems), make([]string, 0, nWords), make([]int32, 0, nFirst)
	for i := range pats {
		x := func(j int) int { return f.field(f.patsAt, patternFields, a+i, j) }
		p := &pats[i]
		*p = Pattern{Type: f.str(x(0)), Mode: f.str(x(1)), src: f.str(x(2)), ln: int32(x(3)), rank: int32(x(4)), file: int32(x(5)), Noun: x(6) != 0}
		if e0, e1 := x(7), x(8); e1 > e0 {
			p.Rest = carve(&elems, e1-e0)
			for j := range p.Rest {
				y := func(m int) int { return f.field(f.elemsAt, elemFields, e0+j, m) }
				p.Rest[j] = newElem(f.wordList(&words, y(1), y(2)), y(0) != 0)
			}
			p.first = carve(&ids, len(p.Rest[0].Words))[:0]
			for _, w := range p.Rest[0].Words {
				if id := d.entries[d.find(w)].ids[0]; !slices.Contains(p.first, id) {
					p.first = append(p.first, id)
				}
			}
		}
		out[i] = p
	}
	return out
}

// encodeIndex returns d, a dictionary made by parseDict, as a dict.idx.
func encodeIndex(d *Dict) ([]byte, error) {
	if d.file != nil {
		return nil, errors.New("event: the dictionary is read from an index")
	}
	hdr := make([]uint32, hdrFields)
	hdr[hdrPatterns], hdr[hdrHeads], hdr[hdrWithIDs], hdr[hdrMust] = uint32(d.n), uint32(d.heads), uint32(d.withIDs), uint32(d.must)
	hdr[hdrEntries], hdr[hdrGroups], hdr[hdrSpecs], hdr[hdrLists] = uint32(len(d.entries)), uint32(len(d.groups)), uint32(len(d.specs)), uint32(len(d.agents))

	// Every string once, numbered in order of first use.
	strs := map[string]uint32{}
	var order []string
	str := func(s string) uint32 {
		i, ok := strs[s]
		if !ok {
			i = uint32(len(order))
			strs[s] = i
			order = append(order, s)
		}
		return i
	}
	var words []uint32
	wordList := func(ws []string) (uint32, uint32) {
		a := len(words)
		for _, w := range ws {
			words = append(words, str(w))
		}
		return uint32(a), uint32(len(words))
	}
	var groupOff, groupSpecs []uint32
	for g := range d.groups {
		groupOff = append(groupOff, uint32(len(groupSpecs)))
		for _, k := range d.groups[g].specs {
			groupSpecs = append(groupSpecs, uint32(k))
		}
	}
	groupOff = append(groupOff, uint32(len(groupSpecs)))
	var specOff, pats, elems []uint32
	for _, sp := range d.specs {
		specOff = append(specOff, uint32(len(pats)/patternFields))
		for _, p := range sp.pats {
			noun := uint32(0)
			if p.Noun {
				noun = 1
			}
			pats = append(pats, str(p.Type), str(p.Mode), str(p.src), uint32(p.ln), uint32(p.rank), uint32(p.file), noun,
				uint32(len(elems)/elemFields), uint32(len(elems)/elemFields+len(p.Rest)))
			for _, e := range p.Rest {
				gap := uint32(0)
				if e.Gap {
					gap = 1
				}
				a, b := wordList(e.Words)
				elems = append(elems, gap, a, b)
			}
		}
	}
	specOff = append(specOff, uint32(len(pats)/patternFields))
	// The phrases of each list, once for the lists that share them.
	type key struct {
		first *agent
		n     int
	}
	seen := map[key]uint32{}
	var lists, phrases []uint32
	for _, l := range d.agents {
		k := key{&l.phrases[0], len(l.phrases)}
		a, ok := seen[k]
		if !ok {
			a = uint32(len(phrases) / phraseFields)
			seen[k] = a
			for _, ag := range l.phrases {
				w0, w1 := wordList(ag.words)
				phrases = append(phrases, str(ag.sector), w0, w1)
			}
		}
		lists = append(lists, a, a+uint32(len(l.phrases)))
	}
	hdr[hdrPhrases] = uint32(len(phrases) / phraseFields)
	hdr[hdrStrings] = uint32(len(order))

	b := make([]byte, len(indexMagic)+4*hdrFields, 1<<20)
	copy(b, indexMagic)
	section := func(field int) {
		for len(b)%8 != 0 {
			b = append(b, 0)
		}
		hdr[field] = uint32(len(b))
	}
	put := func(xs ...uint32) {
		for _, x := range xs {
			b = binary.LittleEndian.AppendUint32(b, x)
		}
	}
	section(hdrTableAt)
	b, err := d.words.AppendBinary(b)
	if err != nil {
		return nil, err
	}
	section(hdrEntriesAt)
	for _, e := range d.entries {
		put(uint32(e.head), uint32(e.ids[0]), uint32(e.ids[1]), uint32(e.ids[2]), uint32(e.agents), e.sets, e.idBits)
	}
	section(hdrGroupOffAt)
	put(groupOff...)
	section(hdrGroupSpecsAt)
	put(groupSpecs...)
	section(hdrSpecOffAt)
	put(specOff...)
	section(hdrPatternsAt)
	put(pats...)
	section(hdrElemsAt)
	put(elems...)
	section(hdrWordsAt)
	put(words...)
	section(hdrListsAt)
	put(lists...)
	section(hdrPhrasesAt)
	put(phrases...)
	section(hdrMarksAt)
	put(d.marks1[:]...)
	section(hdrStrOffAt)
	textAt := len(b) + 4*(len(order)+1)
	n := 0
	for _, s := range order {
		put(uint32(textAt + n))
		n += len(s)
	}
	put(uint32(textAt + n))
	hdr[hdrTextAt] = uint32(len(b))
	for _, s := range order {
		b = append(b, s...)
	}
	for i, x := range hdr {
		binary.LittleEndian.PutUint32(b[len(indexMagic)+4*i:], x)
	}
	return b, nil
}
