package ner

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"slices"
	"sync"
	"unsafe"
)

// Model is a trained tagger. It is safe for concurrent use.
type Model struct {
	bits  uint
	scale float32 // weight = q * scale
	w     weights // weight = q * scale
	trans [numLabels + 1][numLabels]float32
	vt    vtrans // trans with impossible moves at -Inf, laid out for viterbi
	gaz   gazetteer
	tc    u8Table // truecasing: lowercased word hash -> fold
	pool  taggerPool
}

// taggerPool keeps a Model's taggers between documents. Unlike a
// sync.Pool it never drops them, so their word caches last.
type taggerPool struct {
	mu   sync.Mutex
	free []*tagger
}

// newModel quantises float weights (rows of numLabels) into a Model.
func newModel(bits uint, w []float32, trans *[numLabels + 1][numLabels]float32, g gazetteer, tc u8Table) *Model {
	var maxAbs float64
	for _, v := range w {
		maxAbs = math.Max(maxAbs, math.Abs(float64(v)))
	}
	scale := float32(maxAbs / 32000)
	if scale == 0 {
		scale = 1
	}
	m := &Model{bits: bits, scale: scale, trans: *trans, gaz: g, tc: tc}
	q := make([]int16, (1<<bits)*numLabels)
	for i, v := range w {
		q[i] = int16(math.Round(float64(v / scale)))
	}
	m.w = packWeights(q, numLabels)
	masked := maskTrans(&m.trans)
	m.vt = newVTrans(&masked)
	return m
}

//go:generate go run ./gen -train ../../../shared/data/conll2003/train.conll -dev ../../../shared/data/conll2003/dev.conll -seed 1 -o model.bin

//go:embed model.bin
var embeddedModel string

var (
	defaultOnce  sync.Once
	defaultModel *Model
)

// Default returns the model embedded in the binary (model.bin, trained on
// the CoNLL-2003 English train split), read in place on first use. It
// panics if the embedded file is corrupt, which a test guards against.
func Default() *Model {
	defaultOnce.Do(func() {
		m, err := viewModel(embeddedModel, false)
		if err != nil {
			panic("ner: embedded model: " + err.Error())
		}
		defaultModel = m
	})
	return defaultModel
}

func (m *Model) getTagger() *tagger {
	p := &m.pool
	p.mu.Lock()
	defer p.mu.Unlock()
	if n := len(p.free); n > 0 {
		t := p.free[n-1]
		p.free = p.free[:n-1]
		return t
	}
	return &tagger{infer: true, skipFar: true}
}

func (m *Model) putTagger(t *tagger) {
	m.pool.mu.Lock()
	m.pool.free = append(m.pool.free, t)
	m.pool.mu.Unlock()
}

// TagDocument tags every sentence of one document (each a slice of tokens)
// and returns one label per token. Tagging a whole document at once lets the
// model use how each word is written and tagged elsewhere in it.
func (m *Model) TagDocument(sents [][]string) [][]Label {
	out := make([][]Label, len(sents))
	n := 0
	for _, s := range sents {
		n += len(s)
	}
	flat := make([]Label, n)
	m.tagInto(sents, flat)
	for i, s := range sents {
		out[i], flat = flat[:len(s):len(s)], flat[len(s):]
	}
	return out
}

// TagDocumentInto is TagDocument writing into labels, which must hold one
// label per token of the document, sentence after sentence. It allocates
// nothing once warm.
func (m *Model) TagDocumentInto(sents [][]string, labels []Label) {
	m.tagInto(sents, labels)
}

// Tag tags a single sentence as a document of its own.
func (m *Model) Tag(tokens []string) []Label {
	return m.TagDocument([][]string{tokens})[0]
}

// maxChunk bounds the tokens tagged as one document. The features of every
// token of a document are held at once (about 300 bytes a token), so a
// longer document — a 50 MB single line, say — is tagged in pieces of whole
// sentences, and a sentence longer than maxChunk in pieces of maxChunk
// tokens. News articles are far shorter and are tagged whole.
const maxChunk = 20000

func (m *Model) tagInto(sents [][]string, labels []Label) {
	for len(sents) > 0 {
		if len(sents[0]) > maxChunk {
			long := sents[0]
			for len(long) > 0 {
				k := min(len(long), maxChunk)
				m.tagChunk([][]string{long[:k]}, labels[:k])
				long, labels = long[k:], labels[k:]
			}
			sents = sents[1:]
			continue
		}
		n, k := 0, 0
		for k < len(sents) && len(sents[k]) <= maxChunk && n+len(sents[k]) <= maxChunk {
			n += len(sents[k])
			k++
		}
		m.tagChunk(sents[:k], labels[:n])
		sents, labels = sents[k:], labels[n:]
	}
}

// tagChunk tags sents as one document.
func (m *Model) tagChunk(sents [][]string, labels []Label) {
	t := m.getTagger()
	t.prepareQ(sents, m)
	t.decode(m)
	copy(labels, t.pred)
	m.putTagger(t)
}

// The weights file holds the model as it lies in memory on a
// little-endian machine, so that the model embedded in the binary is used
// where it lies (viewModel): nothing is decompressed, decoded or copied,
// and only the pages that tagging reads are ever loaded (file-backed
// pages, shared by every process). Little-endian, each section starting
// on an 8-byte boundary of the file:
//
//	header     fileMagic; uint32 bits; float32 scale; the transition table
//	           as float32s
//	gazetteer  then the truecasing table, each a u8Table: uint32 keys,
//	           uint32 slots (a power of two), uint8 value of key 0; the
//	           slots' uint64 keys (0: free); their uint8 values. The keys
//	           are put in ascending order, so that a model has one file.
//	weights    uint32 rank words, uint32 row slots; per rank word its
//	           uint64 bits, uint32 base and a zero uint32; the row slots
//	           (weights.rows).
const fileMagic = "NGNER4\x00\x00"

// ErrBadModel is returned by Load for a file that is not a weights file or
// is truncated.
var ErrBadModel = errors.New("ner: bad model file")

// Save writes the model in the weights-file format.
func (m *Model) Save(w io.Writer) error {
	_, err := w.Write(m.appendFile(nil))
	return err
}

// appendFile appends the weights file of m to b, which must be empty or a
// whole number of 8-byte words long.
func (m *Model) appendFile(b []byte) []byte {
	b = append(b, fileMagic...)
	b = binary.LittleEndian.AppendUint32(b, uint32(m.bits))
	b = binary.LittleEndian.AppendUint32(b, math.Float32bits(m.scale))
	for _, row := range m.trans {
		for _, v := range row {
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
		}
	}
	b = appendTable(b, &m.gaz.t)
	b = appendTable(b, &m.tc)
	b = pad8(b)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(m.w.index)))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(m.w.rows)/rowBytes))
	for _, rw := range m.w.index {
		b = binary.LittleEndian.AppendUint64(b, rw.bits)
		b = binary.LittleEndian.AppendUint32(b, rw.base)
		b = binary.LittleEndian.AppendUint32(b, 0)
	}
	return append(b, m.w.rows...)
}

// pad8 appends zeros to b up to a multiple of 8 bytes.
func pad8(b []byte) []byte {
	for len(b)%8 != 0 {
		b = append(b, 0)
	}
	return b
}

// appendTable appends t in the weights-file form: the table that holds
// t's keys put in ascending order.
func appendTable(b []byte, t *u8Table) []byte {
	keys := make([]uint64, 0, t.n)
	for _, k := range t.keys {
		if k != 0 {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	c := makeU8Table(t.n)
	if t.zero != 0 {
		c.put(0, t.zero)
	}
	for _, k := range keys {
		c.put(k, t.get(k))
	}
	b = pad8(b)
	b = binary.LittleEndian.AppendUint32(b, uint32(c.n))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(c.keys)))
	b = append(b, c.zero, 0, 0, 0, 0, 0, 0, 0)
	for _, k := range c.keys {
		b = binary.LittleEndian.AppendUint64(b, k)
	}
	return append(b, c.vals...)
}

// Load reads a weights file written by Save.
func Load(r io.Reader) (*Model, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return viewModel(string(data), true)
}

// viewModel returns the model of the weights file data, which it uses in
// place on a little-endian machine when data is 8-byte aligned (else it
// decodes a copy): data must stay unchanged. It checks the whole file,
// but for the tables' slots only with check: a table without a free slot
// would make lookups loop.
func viewModel(data string, check bool) (*Model, error) {
	f := &modelFile{data: data}
	m, err := f.model(check)
	if err == nil && f.err != nil {
		err = f.err
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
	}
	return m, nil
}

// modelFile reads a weights file; past its end it gives zeros and sets
// err.
type modelFile struct {
	data string
	at   int
	err  error
}

func (f *modelFile) next(n int) string {
	if n < 0 || n > len(f.data)-f.at {
		f.err = io.ErrUnexpectedEOF
		f.at = len(f.data)
		return string(make([]byte, max(n, 0)))
	}
	f.at += n
	return f.data[f.at-n : f.at]
}

func (f *modelFile) uint32() uint32 { return binary.LittleEndian.Uint32([]byte(f.next(4))) }

// align skips the padding up to the next multiple of 8 bytes.
func (f *modelFile) align() { f.next(-f.at & 7) }

// inPlace reports whether the n bytes at the current offset can be used
// as they lie for values of 8 bytes or fewer: the machine is
// little-endian and they are 8-byte aligned in memory.
func (f *modelFile) inPlace(n int) bool {
	return n > 0 && f.at+n <= len(f.data) && binary.NativeEndian.Uint16([]byte{1, 0}) == 1 &&
		uintptr(unsafe.Pointer(unsafe.StringData(f.data[f.at:])))%8 == 0
}

// bytes returns the next n bytes as a slice that must not be changed.
func (f *modelFile) bytes(n int) []byte {
	s := f.next(n)
	if n == 0 {
		return nil
	}
	return unsafe.Slice(unsafe.StringData(s), n)
}

// uint64s returns the next n little-endian uint64s.
func (f *modelFile) uint64s(n int) []uint64 {
	if f.inPlace(8 * n) {
		return unsafe.Slice((*uint64)(unsafe.Pointer(unsafe.StringData(f.next(8*n)))), n)
	}
	s := f.next(8 * n)
	out := make([]uint64, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint64([]byte(s[8*i:]))
	}
	return out
}

// table reads a table written by appendTable.
func (f *modelFile) table(check bool) u8Table {
	f.align()
	n, size := int(f.uint32()), int(f.uint32())
	zero := f.next(8)[0]
	if size < 16 || size&(size-1) != 0 || n >= size || n > len(f.data)/9 {
		f.err = fmt.Errorf("table of %d keys in %d slots", n, size)
		return u8Table{}
	}
	t := u8Table{keys: f.uint64s(size), vals: f.bytes(size), mask: uint64(size - 1), zero: zero, n: n}
	if check && f.err == nil {
		keys := 0
		for i, k := range t.keys {
			if k != 0 {
				keys++
				if t.vals[i] == 0 {
					f.err = errors.New("zero in a table")
				}
			}
		}
		if zero != 0 {
			keys++
		}
		if keys != n {
			f.err = fmt.Errorf("table of %d keys holds %d", n, keys)
		}
	}
	return t
}

// model reads the weights file.
func (f *modelFile) model(check bool) (*Model, error) {
	if f.next(len(fileMagic)) != fileMagic {
		return nil, errors.New("not a weights file")
	}
	m := &Model{bits: uint(f.uint32())}
	if m.bits < 8 || m.bits > 26 {
		return nil, fmt.Errorf("bits %d", m.bits)
	}
	m.scale = math.Float32frombits(f.uint32())
	if !(m.scale > 0) {
		return nil, fmt.Errorf("scale %v", m.scale)
	}
	for p := range m.trans {
		for y := range m.trans[p] {
			m.trans[p][y] = math.Float32frombits(f.uint32())
		}
	}
	m.gaz.t = f.table(check)
	m.tc = f.table(check)
	f.align()
	n, slots := int(f.uint32()), f.uint32()
	if n != (1<<m.bits+63)/64 {
		return nil, fmt.Errorf("%d rank words for %d bits", n, m.bits)
	}
	m.w.index = f.rankWords(n)
	next := uint32(1)
	for i := range m.w.index {
		rw := &m.w.index[i]
		if rw.base != next {
			return nil, errors.New("rank words out of step")
		}
		next += uint32(bits.OnesCount64(rw.bits))
	}
	if next != slots {
		return nil, errors.New("row count")
	}
	m.w.rows = f.bytes(int(slots) * rowBytes)
	if f.err != nil {
		return nil, f.err
	}
	if f.at < len(f.data) {
		return nil, errors.New("trailing bytes")
	}
	for y := range numLabels {
		if binary.LittleEndian.Uint16(m.w.rows[2*y:]) != bias {
			return nil, errors.New("row 0 is not zero")
		}
	}
	masked := maskTrans(&m.trans)
	m.vt = newVTrans(&masked)
	return m, nil
}

// rankWords reads n rank words, each 16 bytes: bits, base and a zero
// uint32, as a rankWord lies in memory.
func (f *modelFile) rankWords(n int) []rankWord {
	if unsafe.Sizeof(rankWord{}) == 16 && f.inPlace(16*n) {
		return unsafe.Slice((*rankWord)(unsafe.Pointer(unsafe.StringData(f.next(16*n)))), n)
	}
	s := f.next(16 * n)
	out := make([]rankWord, n)
	for i := range out {
		out[i] = rankWord{bits: binary.LittleEndian.Uint64([]byte(s[16*i:])), base: binary.LittleEndian.Uint32([]byte(s[16*i+8:]))}
	}
	return out
}
