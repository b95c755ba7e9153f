package ner

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"slices"
	"sync"

	"github.com/klauspost/compress/zstd"
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

//go:generate go run ./gen -train ../../../shared/data/conll2003/train.conll -dev ../../../shared/data/conll2003/dev.conll -seed 1 -o model.bin.zst

//go:embed model.bin.zst
var modelFile []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
)

// Default returns the model embedded in the binary (model.bin.zst, trained
// on the CoNLL-2003 English train split), decoded on first use. It panics
// if the embedded file is corrupt, which a test guards against.
func Default() *Model {
	defaultOnce.Do(func() {
		m, err := Load(bytes.NewReader(modelFile))
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

// The weights file, zstd-compressed, holds the model as it lies in
// memory, so that loading is one decompression and a few copies:
// "NGNER3"; little-endian uint32 bits, float32 scale and the transition
// table as float32s; the gazetteer and the truecasing table (each a uint32
// count n, n uint64 keys ascending, n uint8 values); the packed weights
// (weights): a uint32 count of rank words, their uint64 bits, their uint32
// bases, a uint32 count of row slots and the slots.
const fileMagic = "NGNER3"

// ErrBadModel is returned by Load for a file that is not a weights file or
// is truncated.
var ErrBadModel = errors.New("ner: bad model file")

// Save writes the model in the weights-file format.
func (m *Model) Save(w io.Writer) error {
	var b []byte
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
	b = binary.LittleEndian.AppendUint32(b, uint32(len(m.w.index)))
	for _, rw := range m.w.index {
		b = binary.LittleEndian.AppendUint64(b, rw.bits)
	}
	for _, rw := range m.w.index {
		b = binary.LittleEndian.AppendUint32(b, rw.base)
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(m.w.rows)/rowBytes))
	b = append(b, m.w.rows...)
	zw, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBestCompression), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return err
	}
	defer zw.Close()
	_, err = w.Write(zw.EncodeAll(b, nil)) // one frame, which records its size
	return err
}

// Load reads a weights file written by Save.
func Load(r io.Reader) (*Model, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	zr, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(64<<20))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	var h zstd.Header
	var dst []byte
	if h.Decode(data) == nil && h.HasFCS && h.FrameContentSize < 64<<20 {
		dst = make([]byte, 0, h.FrameContentSize)
	}
	b, err := zr.DecodeAll(data, dst)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
	}
	m, err := decodeModel(&reader{b: b})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
	}
	return m, nil
}

// decodeModel reads the decompressed weights file.
func decodeModel(r *reader) (*Model, error) {
	if string(r.next(len(fileMagic))) != fileMagic {
		return nil, errors.New("not a weights file")
	}
	m := &Model{bits: uint(r.uint32())}
	if m.bits < 8 || m.bits > 26 {
		return nil, fmt.Errorf("bits %d", m.bits)
	}
	m.scale = math.Float32frombits(r.uint32())
	if !(m.scale > 0) {
		return nil, fmt.Errorf("scale %v", m.scale)
	}
	for p := range m.trans {
		for y := range m.trans[p] {
			m.trans[p][y] = math.Float32frombits(r.uint32())
		}
	}
	m.gaz.t = r.table()
	m.tc = r.table()
	n := int(r.uint32())
	if n != (1<<m.bits+63)/64 {
		return nil, fmt.Errorf("%d rank words for %d bits", n, m.bits)
	}
	m.w.index = make([]rankWord, n)
	for i := range m.w.index {
		m.w.index[i].bits = r.uint64()
	}
	slots := uint32(1)
	for i := range m.w.index {
		rw := &m.w.index[i]
		rw.base = r.uint32()
		if rw.base != slots {
			return nil, errors.New("rank words out of step")
		}
		slots += uint32(bits.OnesCount64(rw.bits))
	}
	if r.uint32() != slots {
		return nil, errors.New("row count")
	}
	m.w.rows = r.next(int(slots) * rowBytes)
	if r.err != nil {
		return nil, r.err
	}
	if len(r.b) > 0 {
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

// reader reads the decompressed weights file; past its end it gives zeros
// and sets err.
type reader struct {
	b   []byte
	err error
}

func (r *reader) next(n int) []byte {
	if n < 0 || n > len(r.b) {
		r.err = io.ErrUnexpectedEOF
		r.b = nil
		return make([]byte, max(n, 0))
	}
	out := r.b[:n:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) uint32() uint32 { return binary.LittleEndian.Uint32(r.next(4)) }
func (r *reader) uint64() uint64 { return binary.LittleEndian.Uint64(r.next(8)) }

// table reads a table written by appendTable.
func (r *reader) table() u8Table {
	n := int(r.uint32())
	if n > len(r.b)/9 {
		r.err = io.ErrUnexpectedEOF
		return u8Table{}
	}
	keys := r.next(8 * n)
	vals := r.next(n)
	t := makeU8Table(n)
	for i := range n {
		if vals[i] == 0 {
			r.err = errors.New("zero in a table")
			return u8Table{}
		}
		t.put(binary.LittleEndian.Uint64(keys[8*i:]), vals[i])
	}
	return t
}

// appendTable appends t: its size, its keys ascending, their values.
func appendTable(b []byte, t *u8Table) []byte {
	keys := make([]uint64, 0, t.n)
	if t.zero != 0 {
		keys = append(keys, 0)
	}
	for _, k := range t.keys {
		if k != 0 {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(keys)))
	for _, k := range keys {
		b = binary.LittleEndian.AppendUint64(b, k)
	}
	for _, k := range keys {
		b = append(b, t.get(k))
	}
	return b
}
