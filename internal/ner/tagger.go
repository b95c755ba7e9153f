package ner

import "math"

// params are the learnt weights: a dense table of 2^bits rows, one weight
// per label in each, and label-transition weights (row numLabels is the
// sentence start).
type params struct {
	bits  uint
	w     []float32
	trans [numLabels + 1][numLabels]float32
}

// allowed[p][y] is false for IOB2 transitions that cannot happen: I-X
// after anything but B-X or I-X.
var allowed = func() (a [numLabels + 1][numLabels]bool) {
	for p := 0; p <= numLabels; p++ {
		for y := 0; y < numLabels; y++ {
			l := Label(y)
			a[p][y] = l == O || l.IsBegin() || p < numLabels && Label(p).typeIndex() == l.typeIndex()
		}
	}
	return a
}()

// Feature templates.
const (
	tBias = iota + 1
	tWord
	tLower
	tShape
	tPre
	_
	_
	_
	tSuf
	_
	_
	_
	tLm1
	tLp1
	tLm2
	tLp2
	tSm1
	tSp1
	tSm2
	tSp2
	tS3
	tBiL
	tBiR
	tWm1
	tWp1
	tFlags
	tModeShape
	tInitWord
	tDocCase
	tGaz
	tGazCls
	tGazCtx
	tTitle
	tClsCtx
	tModeLower
	tHist
	tHistMode
	tHistMaj
)

type sentSpan struct {
	start, end int32
	mode       uint8
}

// tagger is the scratch space for one document; a Model keeps a pool.
type tagger struct {
	toks  []tokInfo
	sents []sentSpan
	ent   []int32
	gz    []uint8
	tab   docTable
	feats []uint32
	foff  []int32
	hist  []uint32
	nhist []uint8
	em    []float32
	pred  []Label
	back  []uint8
}

func grow[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n, n+n/4)
}

var (
	bosTok = tokInfo{hw: 0x1111, hl: 0x1111, shape: 0x1111, cls: clsBoundary}
	eosTok = tokInfo{hw: 0x2222, hl: 0x2222, shape: 0x2222, cls: clsBoundary}
)

// prepare analyses the document and extracts every token's base features.
func (t *tagger) prepare(sents [][]string, g *gazetteer, bits uint) {
	n := 0
	for _, s := range sents {
		n += len(s)
	}
	t.toks = grow(t.toks, n)
	t.sents = t.sents[:0]
	t.ent = grow(t.ent, n)
	t.gz = grow(t.gz, n)
	t.pred = grow(t.pred, n)
	t.foff = grow(t.foff, n+1)
	t.hist = grow(t.hist, 3*n)
	t.nhist = grow(t.nhist, n)
	t.em = grow(t.em, n*numLabels)
	t.back = grow(t.back, n*numLabels)
	t.tab.reset(n)
	i := 0
	for _, s := range sents {
		start := i
		for _, w := range s {
			t.toks[i].analyse(w)
			i++
		}
		toks := t.toks[start:i]
		mode := sentenceMode(toks)
		t.sents = append(t.sents, sentSpan{int32(start), int32(i), mode})
		g.mark(toks, t.gz[start:i])
		for j := range toks {
			k := t.tab.index(toks[j].hl)
			t.ent[start+j] = k
			if c := caseSlot(&toks[j], mode, j); c >= 0 {
				t.tab.ents[k].cs[c]++
			}
		}
	}
	t.feats = t.feats[:0]
	for _, s := range t.sents {
		for i := s.start; i < s.end; i++ {
			t.foff[i] = int32(len(t.feats))
			t.baseFeatures(int(i), s, bits)
		}
	}
	t.foff[n] = int32(len(t.feats))
}

// caseSlot says which casing count a token adds to: -1 when its case is
// not informative (sentence-initial, headline, not a word).
func caseSlot(tk *tokInfo, mode uint8, pos int) int {
	if mode != modeNormal || pos == 0 {
		return -1
	}
	switch tk.cls {
	case clsLower:
		return 0
	case clsTitle:
		return 1
	case clsUpper:
		return 2
	}
	return -1
}

func (t *tagger) tok(i int, s sentSpan) *tokInfo {
	if i < int(s.start) {
		return &bosTok
	}
	if i >= int(s.end) {
		return &eosTok
	}
	return &t.toks[i]
}

func (t *tagger) gazAt(i int, s sentSpan) uint64 {
	if i < int(s.start) || i >= int(s.end) {
		return 0x100
	}
	return uint64(t.gz[i])
}

func (t *tagger) baseFeatures(i int, s sentSpan, bits uint) {
	sh := 64 - bits
	f := t.feats
	add := func(h uint64) { f = append(f, uint32(h>>sh)) }
	w := &t.toks[i]
	m1, p1 := t.tok(i-1, s), t.tok(i+1, s)
	m2, p2 := t.tok(i-2, s), t.tok(i+2, s)
	pos := i - int(s.start)
	initial := uint64(0)
	if pos == 0 {
		initial = 1
	}
	mode := uint64(s.mode)
	cls := uint64(w.cls)

	add(fh1(tBias, 0))
	add(fh1(tWord, w.hw))
	add(fh1(tLower, w.hl))
	add(fh1(tShape, w.shape))
	for k := 0; k < int(w.naff); k++ {
		add(fh1(tPre+uint64(k), w.pre[k]))
		add(fh1(tSuf+uint64(k), w.suf[k]))
	}
	add(fh1(tLm1, m1.hl))
	add(fh1(tLp1, p1.hl))
	add(fh1(tLm2, m2.hl))
	add(fh1(tLp2, p2.hl))
	add(fh1(tSm1, m1.shape))
	add(fh1(tSp1, p1.shape))
	add(fh1(tSm2, m2.shape))
	add(fh1(tSp2, p2.shape))
	add(fh2(tS3, m1.shape^w.shape*mulB, p1.shape))
	add(fh2(tBiL, m1.hl, w.hl))
	add(fh2(tBiR, w.hl, p1.hl))
	add(fh1(tWm1, m1.hw))
	add(fh1(tWp1, p1.hw))
	add(fh1(tFlags, uint64(w.flags)|cls<<8|mode<<12|initial<<14))
	add(fh2(tModeShape, mode|initial<<2, w.shape))
	if initial == 1 || mode != modeNormal {
		add(fh2(tModeLower, mode|initial<<2, w.hl))
	}
	if initial == 1 {
		add(fh1(tInitWord, w.hw))
	}
	// How the same word is written elsewhere in the document.
	e := &t.tab.ents[t.ent[i]]
	cs := e.cs
	if c := caseSlot(w, s.mode, pos); c >= 0 {
		cs[c]--
	}
	var dc uint64
	for k, v := range cs {
		if v > 0 {
			dc |= 1 << k
		}
	}
	add(fh1(tDocCase, dc|cls<<4|mode<<8|initial<<10))
	if g := uint64(t.gz[i]); g != 0 {
		add(fh1(tGaz, g))
		add(fh2(tGazCls, g&15, cls|mode<<4))
	}
	add(fh2(tGazCtx, t.gazAt(i-1, s), t.gazAt(i+1, s)))
	if m1.title || m2.title {
		tt := uint64(0)
		if m1.title {
			tt |= 1
		}
		if m2.title {
			tt |= 2
		}
		add(fh1(tTitle, tt|cls<<2))
	}
	add(fh1(tClsCtx, uint64(m1.cls)|cls<<4|uint64(p1.cls)<<8|mode<<12))
	t.feats = f
}

// setHistory computes, from t.pred, the second-pass features: for each
// capitalised token, the types the first pass gave the same word elsewhere
// in the document.
func (t *tagger) setHistory(bits uint) {
	sh := 64 - bits
	for i := range t.toks {
		if t.toks[i].capitalised() {
			t.tab.ents[t.ent[i]].hist[t.pred[i].typeIndex()+1]++
		}
	}
	for _, s := range t.sents {
		for i := s.start; i < s.end; i++ {
			t.nhist[i] = 0
			w := &t.toks[i]
			if !w.capitalised() {
				continue
			}
			h := t.tab.ents[t.ent[i]].hist
			h[t.pred[i].typeIndex()+1]--
			var mask uint64
			best, bestN := -1, uint16(0)
			for k, v := range h {
				if v > 0 {
					mask |= 1 << k
					if k > 0 && v > bestN {
						best, bestN = k, v
					}
				}
			}
			if mask == 0 {
				continue
			}
			initial := uint64(0)
			if i == s.start {
				initial = 1
			}
			f := t.hist[3*i : 3*i+3]
			f[0] = uint32(fh1(tHist, mask|uint64(w.cls)<<8) >> sh)
			f[1] = uint32(fh1(tHistMode, mask|uint64(s.mode)<<8|initial<<10) >> sh)
			f[2] = uint32(fh1(tHistMaj, uint64(best+1)|uint64(w.cls)<<8) >> sh)
			t.nhist[i] = 3
		}
	}
}

// emit computes the emission scores of tokens [from, to); with history it
// adds the second-pass features.
func (t *tagger) emit(p *params, from, to int32, history bool) {
	w := p.w
	for i := from; i < to; i++ {
		var e [numLabels]float32
		for _, b := range t.feats[t.foff[i]:t.foff[i+1]] {
			row := w[int(b)*numLabels : int(b)*numLabels+numLabels : int(b)*numLabels+numLabels]
			for y := range e {
				e[y] += row[y]
			}
		}
		if history {
			for _, b := range t.hist[3*i : 3*i+int32(t.nhist[i])] {
				row := w[int(b)*numLabels : int(b)*numLabels+numLabels : int(b)*numLabels+numLabels]
				for y := range e {
					e[y] += row[y]
				}
			}
		}
		copy(t.em[int(i)*numLabels:], e[:])
	}
}

// viterbi decodes tokens [from, to) into t.pred.
func (t *tagger) viterbi(p *params, from, to int32) {
	if from == to {
		return
	}
	negInf := float32(math.Inf(-1))
	var cur, next [numLabels]float32
	em := t.em[int(from)*numLabels:]
	for y := 0; y < numLabels; y++ {
		if allowed[numLabels][y] {
			cur[y] = p.trans[numLabels][y] + em[y]
		} else {
			cur[y] = negInf
		}
	}
	n := int(to - from)
	back := t.back[int(from)*numLabels:]
	for i := 1; i < n; i++ {
		e := em[i*numLabels : i*numLabels+numLabels]
		bk := back[i*numLabels : i*numLabels+numLabels]
		for y := 0; y < numLabels; y++ {
			best, arg := negInf, 0
			for q := 0; q < numLabels; q++ {
				if !allowed[q][y] {
					continue
				}
				if v := cur[q] + p.trans[q][y]; v > best {
					best, arg = v, q
				}
			}
			next[y] = best + e[y]
			bk[y] = uint8(arg)
		}
		cur = next
	}
	best, arg := negInf, 0
	for y, v := range cur {
		if v > best {
			best, arg = v, y
		}
	}
	pred := t.pred[from:to]
	for i := n - 1; i >= 0; i-- {
		pred[i] = Label(arg)
		arg = int(back[i*numLabels+arg])
	}
}

// decode runs both passes over a prepared document, without learning.
func (t *tagger) decode(p *params) {
	for _, s := range t.sents {
		t.emit(p, s.start, s.end, false)
		t.viterbi(p, s.start, s.end)
	}
	t.setHistory(p.bits)
	for _, s := range t.sents {
		t.emit(p, s.start, s.end, true)
		t.viterbi(p, s.start, s.end)
	}
}
