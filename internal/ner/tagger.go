package ner

import "math/rand"

// params are training weights: a dense table of 2^bits rows of numLabels
// weights, and label-transition weights (row numLabels is the sentence
// start).
type params struct {
	bits  uint
	w     []float32
	trans [numLabels + 1][numLabels]float32
}

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
	tHistMaj
	tHistInside
	tHistCls
	tHistOnlyO
	tIsTitle
	tFold
	tDocCues
	tDocRuns
)

// histMax is the most second-pass features a token gets.
const histMax = 14

// capRef is a token and its sentence.
type capRef struct{ tok, sent int32 }

type sentSpan struct {
	start, end int32
	mode       uint8
}

// run is a stretch of tokens of one sentence that viterbi decodes on its
// own: a whole sentence, or (with tagger.skipFar) the tokens between sure
// ones, and whether one comes right before (afterO) and after (beforeO).
type run struct {
	from, to        int32
	sent            int32 // the index of its sentence
	afterO, beforeO bool
}

// tagger is the scratch space for one document; a Model keeps a pool.
type tagger struct {
	toks  []tokInfo
	aff   []affixes // training only: each token's affixes
	sents []sentSpan
	ent   []int32
	gz    []uint8
	tab   docTable
	feats []uint32
	off   []uint32 // byte offsets in Model.w.rows of the rows of feats
	foff  []int32
	hist  []uint32
	nhist []uint8
	hcode []histCode
	em    []float32
	pred  []Label
	back  []uint8
	fwd   []float32 // viterbi's best score of each label at each token
	idn   []uint8   // number of word-identity features, right after the bias
	skip  []bool    // training only: leave out the identity features in the second pass

	// For tagging with a Model's quantised weights (infer): feats leave
	// out what the word cache wc sums, self says which self sums of its
	// entry hold a token's own word's features (0: none, they are in
	// feats; see wordCache.selfSlot), cix holds each token's entry (of its
	// word after truecasing), and bos and eos those of bosTok and eosTok.
	infer    bool
	self     []uint8
	cix      []int32
	bos, eos int32
	ids      []int32 // padEntries
	wc       wordCache
	touched  uint64 // what wordCache.words, touchSelf and readyNear read ahead

	// With skipFar (Model's own taggers; not in training), a lowercase
	// word not within farO tokens before a capitalised one is labelled O
	// without features or scores (sure; see farO), and the labels of the
	// rest are decoded in runs between such words.
	skipFar bool
	caps    []capRef  // the capitalised tokens, after truecasing (setHistory)
	runs    []run     // the runs of tokens that are not sure, in order
	code    []ctxCode // inferFeatures: each token's context code

	// Training only: the share of capitalised tokens (other than common
	// lowercase words: The, He, Police) whose identity features are left
	// out, so the model learns to tag unseen names from their shape,
	// context and the rest of the document.
	dropRate float64
	common   map[uint64]bool
	rng      *rand.Rand
}

func grow[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n, n+n/4)
}

var (
	bosTok = tokInfo{hw: 0x1111, hl: 0x1111, shape: 0x1111, tokCodes: tokCodes{cls: clsBoundary}}
	eosTok = tokInfo{hw: 0x2222, hl: 0x2222, shape: 0x2222, tokCodes: tokCodes{cls: clsBoundary}}
)

// prepareQ is prepare for tagging with the quantised weights of m.
func (t *tagger) prepareQ(sents [][]string, m *Model) {
	n := 0
	for _, s := range sents {
		n += len(s)
	}
	t.wc.use(m, n)
	t.bos, t.eos = t.wc.entry(&bosTok, &affixes{}), t.wc.entry(&eosTok, &affixes{})
	t.prepare(sents, &m.gaz, &m.tc, m.bits)
}

// prepare analyses the document and extracts every token's base features.
func (t *tagger) prepare(sents [][]string, g *gazetteer, tc *u8Table, bits uint) {
	n := 0
	for _, s := range sents {
		n += len(s)
	}
	t.toks = grow(t.toks, n)
	if !t.infer {
		t.aff = grow(t.aff, n)
	}
	t.sents = t.sents[:0]
	t.ent = grow(t.ent, n)
	t.gz = grow(t.gz, n)
	t.pred = grow(t.pred, n)
	t.foff = grow(t.foff, n+1)
	t.hist = grow(t.hist, histMax*n)
	t.nhist = grow(t.nhist, n)
	t.hcode = grow(t.hcode, n)
	t.idn = grow(t.idn, n)
	t.skip = grow(t.skip, n)
	t.self = grow(t.self, n)
	t.cix = grow(t.cix, n)
	t.caps = t.caps[:0]
	t.runs = t.runs[:0]
	t.code = grow(t.code, n)
	t.em = grow(t.em, n*numLabels)
	t.back = grow(t.back, n*numLabels)
	t.fwd = grow(t.fwd, n*numLabels)
	t.tab.reset(n)
	if t.infer {
		t.touched += uint64(t.wc.words(t.toks, t.cix, sents))
	}
	i := 0
	for _, s := range sents {
		start := i
		if t.infer {
			i += len(s)
		} else {
			for _, w := range s {
				t.aff[i] = t.toks[i].analyse(w)
				i++
			}
		}
		toks := t.toks[start:i]
		mode := sentenceMode(toks)
		t.sents = append(t.sents, sentSpan{int32(start), int32(i), mode})
		for j := range toks {
			k := t.tab.index(toks[j].hl)
			t.ent[start+j] = k
			if c := caseSlot(&toks[j], mode, j); c >= 0 {
				t.tab.ents[k].cs[c]++
			}
		}
	}
	for si, s := range t.sents {
		toks := t.toks[s.start:s.end]
		// Truecase the words of a headline, and the first of a sentence.
		n := len(toks)
		if s.mode == modeNormal {
			n = min(n, 1)
		}
		for j := range n {
			t.truecase(&toks[j], sents[si][j], int(s.start)+j, tc)
		}
		g.mark(toks, t.gz[s.start:s.end])
		c := len(t.caps)
		t.cues(s, int32(si))
		t.addRuns(s, int32(si), t.caps[c:])
	}
	if t.infer {
		t.touched += t.wc.touchSelf(t.runs, t.cix)
	}
	// The features of the tokens of each run: foff is valid at the
	// tokens of runs and at their ends.
	t.feats = t.feats[:0]
	for _, r := range t.runs {
		s := t.sents[r.sent]
		for i := r.from; i < r.to; i++ {
			t.foff[i] = int32(len(t.feats))
			if t.infer {
				t.inferFeatures(int(i), s, bits)
			} else {
				t.baseFeatures(int(i), s, bits)
			}
		}
		t.foff[r.to] = int32(len(t.feats))
	}
	t.off = grow(t.off, max(len(t.feats), histMax))
}

// farO is how far, in tokens, a lowercase word must be before every
// capitalised one to be labelled O without scoring (see tagger.skipFar);
// after a capitalised word, a lowercase word is never scored, but any
// other token right after it is. At 1 rather than 2 on both sides, CoNLL
// dev F1 is 0.934 rather than 0.935, 7 of 56,245 mentions differ on the
// PolNeAR texts and the tagger does 12% less work; at 0, F1 falls to
// 0.919. Scoring no lowercase word after a capitalised one does 9% less
// work again for 2 of 4,707 CoNLL dev mentions found; scoring no token
// after one, 3% less again, but 9 mentions are lost.
const farO = 1

// addRuns appends the runs of sentence s, of index si, whose capitalised
// tokens are caps, to t.runs. With t.skipFar, a lowercase word is sure
// unless a capitalised word is at most farO tokens after it, and the runs
// are the stretches of tokens that are not.
func (t *tagger) addRuns(s sentSpan, si int32, caps []capRef) {
	if s.start == s.end {
		return
	}
	if !t.skipFar || s.mode != modeNormal {
		t.runs = append(t.runs, run{s.start, s.end, si, false, false})
		return
	}
	var r run // r.to == 0: none yet
	for _, c := range caps {
		from, to := max(s.start, c.tok-farO), c.tok+1
		if to < s.end && t.toks[to].cls != clsLower {
			to++
		}
		if r.to > 0 && from <= r.to {
			r.to = to
			continue
		}
		if r.to > 0 {
			t.runs = append(t.runs, run{r.from, r.to, si, r.from > s.start, r.to < s.end})
		}
		r = run{from: from, to: to}
	}
	if r.to > 0 {
		t.runs = append(t.runs, run{r.from, r.to, si, r.from > s.start, r.to < s.end})
	}
}

// truecase re-reads a token whose capitals say nothing (in a headline, at
// the start of a sentence) in the case the word has elsewhere in the
// document or, failing that, in the training text.
func (t *tagger) truecase(tk *tokInfo, w string, i int, tc *u8Table) {
	if !tk.capitalised() {
		return
	}
	var fold uint8
	cs := &t.tab.ents[t.ent[i]].cs
	switch {
	case cs[0] > 0 || cs[1] > 0 || cs[2] > 0:
		fold = foldLower
		if cs[1] > cs[0] && cs[1] >= cs[2] {
			fold = foldTitle
		} else if cs[2] > cs[0] && cs[2] > cs[1] {
			fold = foldUpper
		}
	default:
		fold = tc.get(tk.hl)
	}
	if fold == foldNone {
		return
	}
	ocls := tk.cls
	if t.infer {
		t.cix[i] = t.wc.folded(tk, w, fold)
	} else {
		t.aff[i] = tk.analyseFold(w, fold)
	}
	tk.ocls = ocls
}

// Cues, gathered over a document for each word from the neighbours of its
// capitalised occurrences.
const (
	cueTitle = 1 << iota // right after a title ("President", "Mr"): a person
	cueOrg               // in a capitalised run ending in a company word ("Pirelli SpA"): an organisation
	cueIn                // right after "in", "near" or "at": a place
	cueFirst             // first of two or more capitalised words ("Angela" Merkel)
	cueLast              // last of two or more capitalised words (Angela "Merkel")
	cueAlone             // a capitalised word on its own, mid-sentence
)

const runCues = true

// cues records, for the capitalised words of sentence s, of index si, the
// cues their neighbours give, and appends them to t.caps.
func (t *tagger) cues(s sentSpan, si int32) {
	for j := s.start; j < s.end; {
		if !t.toks[j].capitalised() {
			j++
			continue
		}
		k := j + 1
		for k < s.end && t.toks[k].capitalised() {
			k++
		}
		for x := j; x < k; x++ {
			t.caps = append(t.caps, capRef{x, si})
		}
		var c uint8
		if j > s.start {
			if t.toks[j-1].title {
				c |= cueTitle
			}
			if inWords.has(t.toks[j-1].hl) {
				c |= cueIn
			}
		}
		t.tab.ents[t.ent[j]].cues |= c
		if k-j >= 2 && orgWords.has(t.toks[k-1].hl) {
			for x := j; x < k-1; x++ {
				t.tab.ents[t.ent[x]].cues |= cueOrg
			}
		}
		if s.mode == modeNormal {
			switch {
			case k-j >= 2:
				t.tab.ents[t.ent[j]].cues |= cueFirst
				t.tab.ents[t.ent[k-1]].cues |= cueLast
			case j > s.start:
				t.tab.ents[t.ent[j]].cues |= cueAlone
			}
		}
		j = k
	}
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

// baseFeatures appends token i's features for training (emitF): every
// feature, the word-identity ones right after the bias (trainFeats relies
// on that order).
func (t *tagger) baseFeatures(i int, s sentSpan, bits uint) {
	sh := 64 - bits
	w := &t.toks[i]
	m1, p1 := t.tok(i-1, s), t.tok(i+1, s)
	m2, p2 := t.tok(i-2, s), t.tok(i+2, s)
	known := t.dropRate == 0 || !w.capitalised() || t.common[w.hl] || t.rng.Float64() >= t.dropRate
	t.idn[i] = 0
	f := append(t.feats, uint32(fh1(tBias, 0)>>sh))
	if known {
		t.idn[i] = 4
		f = append(f, uint32(fh1(tWord, w.hw)>>sh), uint32(fh1(tLower, w.hl)>>sh))
		f = appendBigrams(f, m1, w, p1, sh)
	}
	f = appendSelf(f, w, &t.aff[i], s.mode, i == int(s.start), known, sh)
	f = appendLeft1(f, m1, sh)
	f = appendRight1(f, p1, sh)
	f = appendLeft2(f, m2, sh)
	f = appendRight2(f, p2, sh)
	t.feats = t.appendContext(f, i, s, sh)
}

// inferFeatures appends token i's features for tagging with the quantised
// weights (emitQ), leaving out those the word cache sums: the features of
// the neighbours' own words and, mostly, its own word's.
func (t *tagger) inferFeatures(i int, s sentSpan, bits uint) {
	sh := 64 - bits
	w := &t.toks[i]
	m1, p1 := t.tok(i-1, s), t.tok(i+1, s)
	f := t.feats
	t.self[i] = t.wc.selfSlot(t.cix[i], w, s.mode, i == int(s.start))
	if t.self[i] == 0 {
		f = t.wc.appendWord(f, t.cix[i], w.ocls, s.mode, i == int(s.start))
	}
	f = appendBigrams(f, m1, w, p1, sh)
	t.feats = appendShapes(f, m1, w, p1, sh)
	t.code[i] = t.contextCode(i, s, m1, p1)
}

// appendWord appends the features of a known word on its own, with
// affixes a: the bias, its identity and appendSelf.
func appendWord(f []uint32, w *tokInfo, a *affixes, mode uint8, initial bool, sh uint) []uint32 {
	f = append(f, uint32(fh1(tBias, 0)>>sh), uint32(fh1(tWord, w.hw)>>sh), uint32(fh1(tLower, w.hl)>>sh))
	return appendSelf(f, w, a, mode, initial, true, sh)
}

func appendBigrams(f []uint32, m1, w, p1 *tokInfo, sh uint) []uint32 {
	return append(f, uint32(fh2(tBiL, m1.hl, w.hl)>>sh), uint32(fh2(tBiR, w.hl, p1.hl)>>sh))
}

// appendSelf appends the features that depend only on the word (w, with
// affixes a), how the sentence is written and whether the word starts it.
func appendSelf(f []uint32, w *tokInfo, a *affixes, smode uint8, first, known bool, sh uint) []uint32 {
	initial := uint64(0)
	if first {
		initial = 1
	}
	mode, cls := uint64(smode), uint64(w.cls)
	f = append(f, uint32(fh1(tShape, w.shape)>>sh))
	for k := 0; k < int(w.naff); k++ {
		f = append(f, uint32(fh1(tPre+uint64(k), a.pre[k])>>sh), uint32(fh1(tSuf+uint64(k), a.suf[k])>>sh))
	}
	f = append(f, uint32(fh1(tFlags, uint64(w.flags)|cls<<8|mode<<12|initial<<14)>>sh))
	f = append(f, uint32(fh2(tModeShape, mode|initial<<2, w.shape)>>sh))
	if known && (initial == 1 || mode != modeNormal) {
		f = append(f, uint32(fh2(tModeLower, mode|initial<<2, w.hl)>>sh))
	}
	if known && initial == 1 {
		f = append(f, uint32(fh1(tInitWord, w.hw)>>sh))
	}
	if w.title {
		f = append(f, uint32(fh1(tIsTitle, cls|mode<<4)>>sh))
	}
	if w.ocls != w.cls {
		f = append(f, uint32(fh1(tFold, uint64(w.ocls)|cls<<4|mode<<8|initial<<10)>>sh))
	}
	return f
}

// The features a word gives the tokens one and two places to its right
// (appendLeft1, appendLeft2) and left (appendRight1, appendRight2).
func appendLeft1(f []uint32, m1 *tokInfo, sh uint) []uint32 {
	return append(f, uint32(fh1(tLm1, m1.hl)>>sh), uint32(fh1(tSm1, m1.shape)>>sh), uint32(fh1(tWm1, m1.hw)>>sh))
}

func appendRight1(f []uint32, p1 *tokInfo, sh uint) []uint32 {
	return append(f, uint32(fh1(tLp1, p1.hl)>>sh), uint32(fh1(tSp1, p1.shape)>>sh), uint32(fh1(tWp1, p1.hw)>>sh))
}

func appendLeft2(f []uint32, m2 *tokInfo, sh uint) []uint32 {
	return append(f, uint32(fh1(tLm2, m2.hl)>>sh), uint32(fh1(tSm2, m2.shape)>>sh))
}

func appendRight2(f []uint32, p2 *tokInfo, sh uint) []uint32 {
	return append(f, uint32(fh1(tLp2, p2.hl)>>sh), uint32(fh1(tSp2, p2.shape)>>sh))
}

// appendContext appends the features of token i in its place: with its
// neighbours' shapes and classes, its gazetteer marks and what the rest of
// the document says about its word.
func (t *tagger) appendContext(f []uint32, i int, s sentSpan, sh uint) []uint32 {
	m1, p1 := t.tok(i-1, s), t.tok(i+1, s)
	f = appendShapes(f, m1, &t.toks[i], p1, sh)
	return appendCoded(f, t.contextCode(i, s, m1, p1), sh)
}

func appendShapes(f []uint32, m1, w, p1 *tokInfo, sh uint) []uint32 {
	return append(f, uint32(fh2(tS3, m1.shape^w.shape*mulB, p1.shape)>>sh))
}

// ctxCode packs what appendCoded makes features of: how a token's word is
// written elsewhere in the document and its cues, its class, the
// sentence's mode, whether it starts the sentence, its gazetteer marks and
// its neighbours', the titles before it and its neighbours' classes. Few
// codes are common, so the word cache keeps the sums of their features.
type ctxCode uint64

// Fields of a ctxCode: shift and width in bits.
const (
	ccDocCase, ccCls, ccMode, ccInitial, ccCues, ccGaz, ccGazM1, ccGazP1, ccTitle, ccClsM1, ccClsP1 = 0, 3, 6, 8, 9, 15, 23, 32, 41, 43, 46
)

func (c ctxCode) get(shift, width uint) uint64 { return uint64(c) >> shift & (1<<width - 1) }

// contextCode returns the ctxCode of token i of sentence s, whose
// neighbours are m1 and p1 (tagger.tok).
func (t *tagger) contextCode(i int, s sentSpan, m1, p1 *tokInfo) ctxCode {
	w := &t.toks[i]
	pos := i - int(s.start)
	e := &t.tab.ents[t.ent[i]]
	cs := e.cs
	if c := caseSlot(w, s.mode, pos); c >= 0 {
		cs[c]--
	}
	dc := b2u(cs[0] > 0) | b2u(cs[1] > 0)<<1 | b2u(cs[2] > 0)<<2
	var cues uint64
	if w.capitalised() {
		cues = uint64(e.cues)
	}
	tt := b2u(m1.title) | b2u(t.tok(i-2, s).title)<<1
	return ctxCode(dc<<ccDocCase | uint64(w.cls)<<ccCls | uint64(s.mode)<<ccMode | b2u(pos == 0)<<ccInitial |
		cues<<ccCues | uint64(t.gz[i])<<ccGaz | t.gazAt(i-1, s)<<ccGazM1 | t.gazAt(i+1, s)<<ccGazP1 |
		tt<<ccTitle | uint64(m1.cls)<<ccClsM1 | uint64(p1.cls)<<ccClsP1)
}

// b2u returns 1 for true, 0 for false.
func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// appendCoded appends the features of a ctxCode.
func appendCoded(f []uint32, c ctxCode, sh uint) []uint32 {
	add := func(h uint64) { f = append(f, uint32(h>>sh)) }
	cls, mode, initial := c.get(ccCls, 3), c.get(ccMode, 2), c.get(ccInitial, 1)
	add(fh1(tDocCase, c.get(ccDocCase, 3)|cls<<4|mode<<8|initial<<10))
	if cues := c.get(ccCues, 6); cues != 0 {
		add(fh1(tDocCues, cues&(cueTitle|cueOrg|cueIn)|cls<<8))
		if runCues {
			add(fh1(tDocRuns, cues&(cueFirst|cueLast|cueAlone)|cls<<8))
		}
	}
	if g := c.get(ccGaz, 8); g != 0 {
		add(fh1(tGaz, g))
		add(fh2(tGazCls, g&15, cls|mode<<4))
	}
	add(fh2(tGazCtx, c.get(ccGazM1, 9), c.get(ccGazP1, 9)))
	if tt := c.get(ccTitle, 2); tt != 0 {
		add(fh1(tTitle, tt|cls<<2))
	}
	add(fh1(tClsCtx, c.get(ccClsM1, 3)|cls<<4|c.get(ccClsP1, 3)<<8|mode<<12))
	return f
}
