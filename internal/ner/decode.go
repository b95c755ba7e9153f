package ner

import "math"

// setHistory computes, from the first-pass labels pred, the second-pass
// features: for each capitalised token, which types the same word (case
// folded) was given at its other capitalised occurrences in the document.
func (t *tagger) setHistory(pred []Label, bits uint) {
	sh := 64 - bits
	for _, s := range t.sents {
		for i := s.start; i < s.end; i++ {
			if countsInHistory(&t.toks[i], pred[i], s.mode, int(i-s.start)) {
				t.tab.ents[t.ent[i]].hist[pred[i]]++
			}
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
			if countsInHistory(w, pred[i], s.mode, int(i-s.start)) {
				h[pred[i]]--
			}
			f := t.hist[histMax*i : histMax*i+histMax]
			n := 0
			cls := uint64(w.cls) | uint64(s.mode)<<4
			if i == s.start {
				cls |= 1 << 6
			}
			best, bestN := 0, uint16(0)
			for k := 1; k < 5; k++ {
				b, in := h[2*k-1], h[2*k]
				if b+in > 0 {
					f[n] = uint32(fh1(tHist, uint64(k)) >> sh)
					f[n+1] = uint32(fh1(tHistCls, uint64(k)|cls<<4) >> sh)
					n += 2
					if b+in > bestN {
						best, bestN = k, b+in
					}
				}
				if in > 0 {
					f[n] = uint32(fh1(tHistInside, uint64(k)|cls<<4) >> sh)
					n++
				}
			}
			switch {
			case best > 0:
				o := uint64(0)
				if h[0] > 0 {
					o = 1
					if h[0] >= bestN {
						o = 2
					}
				}
				f[n] = uint32(fh1(tHistMaj, uint64(best)|o<<4|cls<<8) >> sh)
				n++
			case h[0] > 0:
				f[n] = uint32(fh1(tHistOnlyO, cls) >> sh)
				n++
			}
			t.nhist[i] = uint8(n)
		}
	}
}

// countsInHistory says whether a token's first-pass label is evidence for
// the same word elsewhere: entity labels of capitalised tokens are; O is
// only where capitals mean something (not sentence-initial, not in a
// headline).
func countsInHistory(w *tokInfo, l Label, mode uint8, pos int) bool {
	if !w.capitalised() {
		return false
	}
	return l != O || mode == modeNormal && pos > 0
}

func (t *tagger) histFeats(i int32) []uint32 {
	return t.hist[histMax*i : histMax*i+int32(t.nhist[i])]
}

// emitF computes the emission scores of tokens [from, to) with the
// training weights; with history it adds the second-pass features.
func (t *tagger) emitF(p *params, from, to int32, history bool) {
	w := p.w
	for i := from; i < to; i++ {
		var e [numLabels]float32
		a, c := t.trainFeats(i, history)
		for _, b := range a {
			row := w[int(b)*numLabels : int(b)*numLabels+numLabels : int(b)*numLabels+numLabels]
			for y := range e {
				e[y] += row[y]
			}
		}
		for _, b := range c {
			row := w[int(b)*numLabels : int(b)*numLabels+numLabels : int(b)*numLabels+numLabels]
			for y := range e {
				e[y] += row[y]
			}
		}
		if history {
			for _, b := range t.histFeats(i) {
				row := w[int(b)*numLabels : int(b)*numLabels+numLabels : int(b)*numLabels+numLabels]
				for y := range e {
					e[y] += row[y]
				}
			}
		}
		copy(t.em[int(i)*numLabels:], e[:])
	}
}

// trainFeats returns token i's base features in two parts, without the
// identity features when the second pass of training drops them.
func (t *tagger) trainFeats(i int32, history bool) (a, b []uint32) {
	f := t.feats[t.foff[i]:t.foff[i+1]]
	if history && t.skip[i] {
		return f[:1], f[1+int(t.idn[i]):]
	}
	return f, nil
}

// qStride is the length of a row of quantised weights: numLabels used,
// padded so that a row is 32 bytes and never straddles a cache line.
const qStride = 16

func sumRows(q []int16, feats []uint32) (e [numLabels]int32) {
	for _, b := range feats {
		r := q[int(b)*qStride : int(b)*qStride+qStride : int(b)*qStride+qStride]
		e[0] += int32(r[0])
		e[1] += int32(r[1])
		e[2] += int32(r[2])
		e[3] += int32(r[3])
		e[4] += int32(r[4])
		e[5] += int32(r[5])
		e[6] += int32(r[6])
		e[7] += int32(r[7])
		e[8] += int32(r[8])
	}
	return e
}

// emitQ computes the first-pass emission scores of tokens [from, to) with
// the quantised weights of m.
func (t *tagger) emitQ(m *Model, from, to int32) {
	for i := from; i < to; i++ {
		e := sumRows(m.q, t.feats[t.foff[i]:t.foff[i+1]])
		out := t.em[int(i)*numLabels : int(i)*numLabels+numLabels]
		for y, v := range e {
			out[y] = float32(v) * m.scale
		}
	}
}

// addHistoryQ adds the second-pass features to the emission scores of
// tokens [from, to) and reports whether any token had one.
func (t *tagger) addHistoryQ(m *Model, from, to int32) bool {
	any := false
	for i := from; i < to; i++ {
		if t.nhist[i] == 0 {
			continue
		}
		any = true
		e := sumRows(m.q, t.histFeats(i))
		out := t.em[int(i)*numLabels : int(i)*numLabels+numLabels]
		for y, v := range e {
			out[y] += float32(v) * m.scale
		}
	}
	return any
}

// maskTrans returns tr with impossible IOB2 transitions set to -Inf.
func maskTrans(tr *[numLabels + 1][numLabels]float32) (out [numLabels + 1][numLabels]float32) {
	negInf := float32(math.Inf(-1))
	for p := range out {
		for y := range out[p] {
			l := Label(y)
			if l == O || l.IsBegin() || p < numLabels && Label(p).typeIndex() == l.typeIndex() {
				out[p][y] = tr[p][y]
			} else {
				out[p][y] = negInf
			}
		}
	}
	return out
}

// viterbi decodes tokens [from, to) into pred, with transition weights
// already masked by maskTrans.
func (t *tagger) viterbi(tr *[numLabels + 1][numLabels]float32, from, to int32, pred []Label) {
	if from == to {
		return
	}
	negInf := float32(math.Inf(-1))
	var cur, next [numLabels]float32
	em := t.em[int(from)*numLabels:]
	for y := range cur {
		cur[y] = tr[numLabels][y] + em[y]
	}
	n := int(to - from)
	back := t.back[int(from)*numLabels:]
	for i := 1; i < n; i++ {
		e := em[i*numLabels : i*numLabels+numLabels : i*numLabels+numLabels]
		bk := back[i*numLabels : i*numLabels+numLabels : i*numLabels+numLabels]
		for y := 0; y < numLabels; y++ {
			best, arg := negInf, 0
			if y > 0 && y%2 == 0 {
				// I-X follows only B-X (y-1) or I-X (y).
				best, arg = cur[y-1]+tr[y-1][y], y-1
				if v := cur[y] + tr[y][y]; v > best {
					best, arg = v, y
				}
			} else {
				for q := 0; q < numLabels; q++ {
					if v := cur[q] + tr[q][y]; v > best {
						best, arg = v, q
					}
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
	out := pred[from:to]
	for i := n - 1; i >= 0; i-- {
		out[i] = Label(arg)
		arg = int(back[i*numLabels+arg])
	}
}

// onePass, set by tests only, skips the second pass.
var onePass bool

// decodeFirst runs the first pass over a prepared document with m,
// leaving the labels in t.pred.
func (t *tagger) decodeFirst(m *Model) {
	for _, s := range t.sents {
		t.emitQ(m, s.start, s.end)
		t.viterbi(&m.masked, s.start, s.end, t.pred)
	}
}

// decode runs both passes over a prepared document with m, leaving the
// labels in t.pred.
func (t *tagger) decode(m *Model) {
	t.decodeFirst(m)
	if onePass {
		return
	}
	t.setHistory(t.pred, m.bits)
	for _, s := range t.sents {
		if t.addHistoryQ(m, s.start, s.end) {
			t.viterbi(&m.masked, s.start, s.end, t.pred)
		}
	}
}
