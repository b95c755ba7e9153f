package ner

import (
	"math"
	"math/bits"
)

// setHistory computes, from the first-pass labels pred, the second-pass
// features: for each capitalised token, which types the same word (case
// folded) was given at its other capitalised occurrences in the document.
// It sets t.hcode and t.nhist and, for training, t.hist.
func (t *tagger) setHistory(pred []Label, bits uint) {
	hist := t.tab.hist
	for _, c := range t.caps {
		hist[t.ent[c.tok]] = [numLabels]uint16{}
	}
	for _, c := range t.caps {
		s, i := t.sents[c.sent], c.tok
		if countsInHistory(&t.toks[i], pred[i], s.mode, int(i-s.start)) {
			hist[t.ent[i]][pred[i]]++
		}
	}
	clear(t.nhist)
	for _, c := range t.caps {
		s, i := t.sents[c.sent], c.tok
		w := &t.toks[i]
		h := hist[t.ent[i]]
		if countsInHistory(w, pred[i], s.mode, int(i-s.start)) {
			h[pred[i]]--
		}
		cls := uint32(w.cls) | uint32(s.mode)<<4
		if i == s.start {
			cls |= 1 << 6
		}
		hc := histCode(cls << hcCls)
		best, bestN := 0, uint16(0)
		for k := 1; k < 5; k++ {
			b, in := h[2*k-1], h[2*k]
			if b+in > 0 {
				hc |= 1 << (hcSeen + k - 1)
				if b+in > bestN {
					best, bestN = k, b+in
				}
			}
			if in > 0 {
				hc |= 1 << (hcInside + k - 1)
			}
		}
		switch {
		case best > 0:
			o := 0
			if h[0] > 0 {
				o = 1
				if h[0] >= bestN {
					o = 2
				}
			}
			hc |= histCode(best<<hcBest | o<<hcO)
		case h[0] > 0:
			hc |= 1 << hcOnlyO
		}
		t.hcode[i] = hc
		t.nhist[i] = uint8(hc.features())
		if !t.infer {
			appendHist(t.hist[histMax*i:histMax*i], hc, 64-bits)
		}
	}
}

// histCode packs what appendHist makes second-pass features of: for each
// type, whether the token's word has it elsewhere in the document and
// whether inside a name (I-), the most frequent type, how O compares to
// it, whether the word is only ever O, and the token's class, sentence mode
// and whether it starts the sentence. Few codes are common, so the word
// cache keeps the sums of their features.
type histCode uint32

// Fields of a histCode: shifts (widths 4, 4, 3, 2, 1, 7).
const (
	hcSeen, hcInside, hcBest, hcO, hcOnlyO, hcCls = 0, 4, 8, 11, 13, 14
)

// features returns the number of features of c.
func (c histCode) features() int {
	n := 2*bits.OnesCount32(uint32(c)&15) + bits.OnesCount32(uint32(c)>>hcInside&15)
	if c>>hcBest&7 != 0 || c>>hcOnlyO&1 != 0 {
		n++
	}
	return n
}

// appendHist appends the features of c.
func appendHist(f []uint32, c histCode, sh uint) []uint32 {
	cls := uint64(c >> hcCls)
	for k := uint64(1); k < 5; k++ {
		if c>>(hcSeen+k-1)&1 != 0 {
			f = append(f, uint32(fh1(tHist, k)>>sh), uint32(fh1(tHistCls, k|cls<<4)>>sh))
		}
		if c>>(hcInside+k-1)&1 != 0 {
			f = append(f, uint32(fh1(tHistInside, k|cls<<4)>>sh))
		}
	}
	switch best := uint64(c >> hcBest & 7); {
	case best > 0:
		f = append(f, uint32(fh1(tHistMaj, best|uint64(c>>hcO&3)<<4|cls<<8)>>sh))
	case c>>hcOnlyO&1 != 0:
		f = append(f, uint32(fh1(tHistOnlyO, cls)>>sh))
	}
	return f
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

// emitQ computes the first-pass emission scores of the tokens of run r
// with the quantised weights of m, from features made by inferFeatures and
// the sums of the word cache, whose near sums wordCache.readyNear has made
// valid. t.ids holds the entries of every sentence's tokens padded with
// two of bosTok's before and two of eosTok's after (padEntries).
func (t *tagger) emitQ(m *Model, r run) {
	wc := &t.wc
	base := t.foff[r.from]
	off := t.off[:t.foff[r.to]-base]
	m.w.offsets(off, t.feats[base:t.foff[r.to]])
	// The lanes of a zero sum, for tokens without cached self sums.
	const zb = laneBias
	zero := lanes{zb | zb<<32, zb | zb<<32, zb | zb<<32, zb | zb<<32, zb}
	pad := 4 * r.sent // where token i's entry is in t.ids, less 2
	for i := r.from; i < r.to; i++ {
		rows := off[t.foff[i]-base : t.foff[i+1]-base]
		s := sumLanes(m.w.rows, rows)
		self := &zero
		if k := t.self[i]; k != 0 {
			self = &wc.sums[t.cix[i]].self[k-1]
		}
		at := (*[5]int32)(t.ids[i+pad:])
		l2, l1 := &wc.sums[at[0]].near[2], &wc.sums[at[1]].near[0]
		r1, r2 := &wc.sums[at[3]].near[1], &wc.sums[at[4]].near[3]
		cx := wc.context(t.code[i])
		for w := range s {
			s[w] += self[w] + l1[w] + r1[w] + l2[w] + r2[w] + cx[w]
		}
		// Each lane now holds its sum plus len(rows)*bias and six times
		// laneBias: less than 1<<26, no carry.
		s.scores((*[numLabels]float32)(t.em[int(i)*numLabels:]), int64(len(rows))*bias+6*laneBias, m.scale)
	}
}

// padEntries sets t.ids to the entries of the tokens of every sentence,
// each sentence's after two of bosTok's and before two of eosTok's.
func (t *tagger) padEntries() {
	ids := t.ids[:0]
	for _, s := range t.sents {
		ids = append(ids, t.bos, t.bos)
		ids = append(ids, t.cix[s.start:s.end]...)
		ids = append(ids, t.eos, t.eos)
	}
	t.ids = ids
}

// addHistoryQ adds the second-pass features to the emission scores of the
// tokens that have any (only capitalised ones can).
func (t *tagger) addHistoryQ(m *Model) {
	for _, c := range t.caps {
		i := c.tok
		if t.nhist[i] == 0 {
			continue
		}
		var h [numLabels]float32
		t.wc.history(t.hcode[i]).scores(&h, laneBias, m.scale)
		out := (*[numLabels]float32)(t.em[int(i)*numLabels:])
		for y, v := range h {
			out[y] += v
		}
	}
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

// vtrans holds masked transition weights (maskTrans) laid out for viterbi:
// start[y] into label y at the start of a sentence, into[y][q] from label q
// to label y, so that the weights into one label are contiguous.
type vtrans struct {
	start [numLabels]float32
	fromO [numLabels]float32 // into[y][O], for a run that follows an O
	into  [numLabels][numLabels]float32

	// marginO is how far every other label's score must be below O's
	// for O to be the best way into O and every B- label (aloneO):
	// slack, the most that a move from another label into one of them
	// gains over the move from O (into[y][p] - into[y][O]), plus a
	// margin for rounding, tabs * 2^-19, where tabs is the largest
	// magnitude of their weights; rounded up.
	marginO float32
}

// anyInto are the labels that any label may precede.
var anyInto = [...]Label{O, BPER, BORG, BLOC, BMISC}

func newVTrans(masked *[numLabels + 1][numLabels]float32) (v vtrans) {
	v.start = masked[numLabels]
	for q := 0; q < numLabels; q++ {
		for y := 0; y < numLabels; y++ {
			v.into[y][q] = masked[q][y]
		}
	}
	v.fromO = masked[O]
	var slack, tabs float64
	for _, y := range anyInto {
		for p := range numLabels {
			slack = max(slack, float64(v.into[y][p])-float64(v.into[y][O]))
			tabs = max(tabs, math.Abs(float64(v.into[y][p])))
		}
	}
	m := slack + tabs*0x1p-19
	v.marginO = float32(m)
	if float64(v.marginO) < m {
		v.marginO = math.Nextafter32(v.marginO, float32(math.Inf(1)))
	}
	return v
}

// aloneO reports whether the scores c put O so far ahead of every other
// label that O is the best way into O and every B- label (see marginO):
// then those moves need not be compared, as they usually need not.
//
// The threshold is at most c[O] - slack - (|c[O]| + tabs) * 2^-20 even
// after the float32 rounding of its two subtractions (each off by at most
// 2^-24 of |c[O]| + 3 tabs). That margin, more than four units in the last
// place of the sums compared, keeps a move whose float32 sum rounds to a
// tie with O's from being passed over.
func (v *vtrans) aloneO(c *[numLabels]float32) bool {
	t := c[O] - v.marginO - math.Float32frombits(math.Float32bits(c[O])&^(1<<31))*0x1p-19
	return c[1] < t && c[2] < t && c[3] < t && c[4] < t && c[5] < t && c[6] < t && c[7] < t && c[8] < t
}

// best9 returns max over q of c[q]+t[q] and the first q that reaches it.
func best9(c, t *[numLabels]float32) (float32, uint8) {
	best, arg := c[0]+t[0], uint8(0)
	if v := c[1] + t[1]; v > best {
		best, arg = v, 1
	}
	if v := c[2] + t[2]; v > best {
		best, arg = v, 2
	}
	if v := c[3] + t[3]; v > best {
		best, arg = v, 3
	}
	if v := c[4] + t[4]; v > best {
		best, arg = v, 4
	}
	if v := c[5] + t[5]; v > best {
		best, arg = v, 5
	}
	if v := c[6] + t[6]; v > best {
		best, arg = v, 6
	}
	if v := c[7] + t[7]; v > best {
		best, arg = v, 7
	}
	if v := c[8] + t[8]; v > best {
		best, arg = v, 8
	}
	return best, arg
}

// bestIn returns the best way into I-X (label y): from B-X (y-1) or I-X
// (y), the only moves maskTrans allows, B-X winning a tie.
func bestIn(c, t *[numLabels]float32, y int) (float32, uint8) {
	best, arg := c[y-1]+t[y-1], uint8(y-1)
	if v := c[y] + t[y]; v > best {
		best, arg = v, uint8(y)
	}
	return best, arg
}

// viterbi decodes the tokens of r into pred, with the transition weights
// of vt. It keeps the best score of each label at each token in t.fwd and
// the label before it in t.back, and takes those before token at (r.from
// <= at < r.to) from an earlier call on the same tokens.
func (t *tagger) viterbi(vt *vtrans, r run, at int32, pred []Label) {
	from, to := r.from, r.to
	if from == to {
		return
	}
	n := int(to - from)
	em := t.em[int(from)*numLabels : int(to)*numLabels]
	back := t.back[int(from)*numLabels : int(to)*numLabels]
	fwd := t.fwd[int(from)*numLabels : int(to)*numLabels]
	var cur, next [numLabels]float32
	k := int(at - from)
	if k == 0 {
		start := &vt.start
		if r.afterO {
			start = &vt.fromO
		}
		e := (*[numLabels]float32)(em)
		for y := range cur {
			cur[y] = start[y] + e[y]
		}
		fwd := (*[numLabels]float32)(fwd)
		*fwd = cur
		k = 1
	} else {
		cur = *(*[numLabels]float32)(fwd[(k-1)*numLabels:])
	}
	ems, bks, fws := em[k*numLabels:], back[k*numLabels:], fwd[k*numLabels:]
	for len(ems) >= numLabels && len(bks) >= numLabels && len(fws) >= numLabels {
		e, bk := (*[numLabels]float32)(ems), (*[numLabels]uint8)(bks)
		if vt.aloneO(&cur) {
			c, f := cur[O], &vt.fromO
			next[O], next[BPER], next[BORG], next[BLOC], next[BMISC] = c+f[O]+e[O], c+f[BPER]+e[BPER], c+f[BORG]+e[BORG], c+f[BLOC]+e[BLOC], c+f[BMISC]+e[BMISC]
			bk[O], bk[BPER], bk[BORG], bk[BLOC], bk[BMISC] = uint8(O), uint8(O), uint8(O), uint8(O), uint8(O)
		} else {
			for _, y := range anyInto {
				v, q := best9(&cur, &vt.into[y])
				next[y], bk[y] = v+e[y], q
			}
		}
		var v float32
		v, bk[2] = bestIn(&cur, &vt.into[2], 2)
		next[2] = v + e[2]
		v, bk[4] = bestIn(&cur, &vt.into[4], 4)
		next[4] = v + e[4]
		v, bk[6] = bestIn(&cur, &vt.into[6], 6)
		next[6] = v + e[6]
		v, bk[8] = bestIn(&cur, &vt.into[8], 8)
		next[8] = v + e[8]
		cur = next
		*(*[numLabels]float32)(fws) = cur
		ems, bks, fws = ems[numLabels:], bks[numLabels:], fws[numLabels:]
	}
	if r.beforeO {
		for y := range cur {
			cur[y] += vt.into[O][y]
		}
	}
	best, arg := float32(math.Inf(-1)), 0
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
	t.padEntries()
	t.touched += t.wc.readyNear(t.runs, t.ids)
	for _, r := range t.runs {
		t.emitQ(m, r)
	}
	clear(t.pred) // the sure tokens are O
	for _, r := range t.runs {
		t.viterbi(&m.vt, r, r.from, t.pred)
	}
}

// decode runs both passes over a prepared document with m, leaving the
// labels in t.pred. The second pass decodes again only the runs where a
// token's scores changed (t.nhist, of capitalised tokens only), from the
// first such token on: the scores before it, and so viterbi's partial
// results there, are those of the first pass.
func (t *tagger) decode(m *Model) {
	t.decodeFirst(m)
	if onePass {
		return
	}
	t.setHistory(t.pred, m.bits)
	t.addHistoryQ(m)
	c := 0 // the first capitalised token not before the run
	for _, r := range t.runs {
		for c < len(t.caps) && t.caps[c].tok < r.from {
			c++
		}
		for ; c < len(t.caps) && t.caps[c].tok < r.to; c++ {
			if i := t.caps[c].tok; t.nhist[i] > 0 {
				t.viterbi(&m.vt, r, i, t.pred)
				break
			}
		}
	}
}
