package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"sync"
)

// Model is a trained tagger. It is safe for concurrent use.
type Model struct {
	bits  uint
	scale float32 // weight = q * scale
	w     weights // weight = q * scale
	trans [numLabels + 1][numLabels]float32
	vt    vtrans // trans with impossible moves at -Inf, laid out for viterbi
	gaz   gazetteer
	tc    map[uint64]uint8 // truecasing: lowercased word hash -> fold
	pool  taggerPool
}

// taggerPool keeps a Model's taggers between documents. Unlike a
// sync.Pool it never drops them, so their word caches last.
type taggerPool struct {
	mu   sync.Mutex
	free []*tagger
}

// newModel quantises float weights (rows of numLabels) into a Model.
func newModel(bits uint, w []float32, trans *[numLabels + 1][numLabels]float32, g gazetteer, tc map[uint64]uint8) *Model {
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

//go:generate go run ./gen -train ../../../shared/data/conll2003/train.conll -dev ../../../shared/data/conll2003/dev.conll -seed 1 -o model.bin.gz

//go:embed model.bin.gz
var modelFile []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
)

// Default returns the model embedded in the binary (model.bin.gz, trained
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
	t.prepare(sents, &m.gaz, m.tc, m.bits)
	t.decode(m)
	copy(labels, t.pred)
	m.putTagger(t)
}

// The weights file, gzip-compressed: "NGNER1", then little-endian uint32
// bits, float32 scale, the transition table as float32s, the gazetteer and
// the truecasing table (each a uint32 count, then uint64 key + uint8 value
// each, keys ascending), and
// the non-zero weight rows (uint32 count, then for each the uvarint row
// delta and numLabels zigzag varints q, the weight being q*scale).
const fileMagic = "NGNER2"

// ErrBadModel is returned by Load for a file that is not a weights file or
// is truncated.
var ErrBadModel = errors.New("ner: bad model file")

// Save writes the model in the weights-file format.
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(fileMagic)
	binary.Write(bw, binary.LittleEndian, uint32(m.bits))
	binary.Write(bw, binary.LittleEndian, m.scale)
	binary.Write(bw, binary.LittleEndian, &m.trans)
	writeTable(bw, m.gaz.m)
	writeTable(bw, m.tc)
	rows := 1 << m.bits
	nonzero := func(r int) bool { return m.w.slot(uint32(r)) != 0 }
	binary.Write(bw, binary.LittleEndian, uint32(m.w.stored()))
	var buf [binary.MaxVarintLen64]byte
	last := 0
	for r := 0; r < rows; r++ {
		if !nonzero(r) {
			continue
		}
		bw.Write(buf[:binary.PutUvarint(buf[:], uint64(r-last))])
		last = r
		for _, v := range m.w.row(uint32(r)) {
			bw.Write(buf[:binary.PutVarint(buf[:], int64(v))])
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Load reads a weights file written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
	}
	br := bufio.NewReader(zr)
	bad := func(what string, err error) (*Model, error) {
		return nil, fmt.Errorf("%w: %s: %v", ErrBadModel, what, err)
	}
	magic := make([]byte, len(fileMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != fileMagic {
		return bad("magic", err)
	}
	var bits uint32
	m := &Model{}
	if err := binary.Read(br, binary.LittleEndian, &bits); err != nil || bits < 8 || bits > 26 {
		return bad("bits", err)
	}
	if err := binary.Read(br, binary.LittleEndian, &m.scale); err != nil || !(m.scale > 0) {
		return bad("scale", err)
	}
	if err := binary.Read(br, binary.LittleEndian, &m.trans); err != nil {
		return bad("transitions", err)
	}
	if m.gaz.m, err = readTable(br); err != nil {
		return bad("gazetteer", err)
	}
	if m.tc, err = readTable(br); err != nil {
		return bad("truecasing table", err)
	}
	m.bits = uint(bits)
	rows := 1 << bits
	q := make([]int16, rows*numLabels)
	var nz uint32
	if err := binary.Read(br, binary.LittleEndian, &nz); err != nil {
		return bad("rows", err)
	}
	row := 0
	for i := uint32(0); i < nz; i++ {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return bad("rows", err)
		}
		row += int(d)
		if row >= rows {
			return bad("rows", errors.New("row out of range"))
		}
		for y := 0; y < numLabels; y++ {
			v, err := binary.ReadVarint(br)
			if err != nil || v < math.MinInt16 || v > math.MaxInt16 {
				return bad("rows", err)
			}
			q[row*numLabels+y] = int16(v)
		}
	}
	m.w = packWeights(q, numLabels)
	masked := maskTrans(&m.trans)
	m.vt = newVTrans(&masked)
	return m, nil
}

func writeTable(w *bufio.Writer, t map[uint64]uint8) {
	keys := make([]uint64, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	binary.Write(w, binary.LittleEndian, uint32(len(keys)))
	for _, k := range keys {
		binary.Write(w, binary.LittleEndian, k)
		w.WriteByte(t[k])
	}
}

func readTable(r *bufio.Reader) (map[uint64]uint8, error) {
	var n uint32
	if err := binary.Read(r, binary.LittleEndian, &n); err != nil {
		return nil, err
	}
	if n > 1<<24 {
		return nil, errors.New("table too large")
	}
	t := make(map[uint64]uint8, n)
	for i := uint32(0); i < n; i++ {
		var k uint64
		if err := binary.Read(r, binary.LittleEndian, &k); err != nil {
			return nil, err
		}
		v, err := r.ReadByte()
		if err != nil {
			return nil, err
		}
		t[k] = v
	}
	return t, nil
}
