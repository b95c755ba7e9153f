package ner

import (
	"errors"
	"math/rand"
)

// TrainOptions control Train. The zero value gives the settings the
// shipped model was trained with.
type TrainOptions struct {
	// Epochs is the number of passes over the training documents
	// (default 8, chosen on the dev split).
	Epochs int
	// FirstEpochs is the number of epochs of each jackknife model that
	// produces the first-pass labels the second pass learns from
	// (default 5).
	FirstEpochs int
	// Runs is the number of second-stage perceptrons, each trained on its
	// own shuffling, whose weights are averaged (default 3: the average
	// varies less with the seed than one run does).
	Runs int
	// Seed seeds the shuffling of documents before every epoch (default 1).
	Seed int64
	// Bits is log2 of the number of weight rows features hash into
	// (default 17: 4 MB of int16 weights at run time, as accurate on dev as 18 or 20).
	Bits uint
	// Folds is the number of jackknife folds (default 10). A training
	// document sees a gazetteer built from the other folds only, and
	// first-pass labels from a model trained on the other folds only, so
	// the model learns how far to trust both on unseen text.
	Folds int
	// Dropout is the share of occurrences of capitalised training words
	// (other than common lowercase words) whose identity features are hidden in each epoch (default 0.3; negative
	// for none), so that unseen names are tagged from shape and context.
	Dropout float64
	// Augment rewrites a seeded share of the training documents into
	// forms modern news takes (see AugmentOptions). Nil means
	// DefaultAugment; point at a zero value to train on CoNLL as it is.
	Augment *AugmentOptions
	// Progress, when set, is called after each epoch with the dev scores
	// of the averaged weights (dev is only scored when Progress is set).
	Progress func(epoch int, dev Scores)
}

func (o *TrainOptions) defaults() {
	if o.Epochs <= 0 {
		o.Epochs = 8
	}
	if o.FirstEpochs <= 0 {
		o.FirstEpochs = 5
	}
	if o.Runs <= 0 {
		o.Runs = 3
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Bits == 0 {
		o.Bits = 17
	}
	if o.Dropout == 0 {
		o.Dropout = 0.3
	}
	if o.Dropout < 0 {
		o.Dropout = 0
	}
	if o.Folds <= 1 {
		o.Folds = 10
	}
}

// trainer holds the averaged-perceptron state: w are the current weights,
// u accumulate step*update so that the average is w - u/step.
type trainer struct {
	params
	u     []float32
	utr   [numLabels + 1][numLabels]float32
	step  float32
	gold  []Label
	sents [][]string
	tc    u8Table
	// histDrop is the share of tokens with history whose identity
	// features are left out in the second pass.
	histDrop float64
}

func newTrainer(bits uint, tc u8Table) *trainer {
	rows := 1 << bits
	return &trainer{params: params{bits: bits, w: make([]float32, rows*numLabels)}, u: make([]float32, rows*numLabels), step: 1, tc: tc}
}

// Train learns a model from documents with gold labels (IOB2) as a
// structured averaged perceptron, decoded like TagDocument. Every document
// trains the first pass and then the second pass, whose history features
// come from jackknifed first-pass labels (see TrainOptions.Folds). It is
// deterministic for given options.
func Train(train, dev []Document, opts TrainOptions) (*Model, error) {
	opts.defaults()
	if len(train) == 0 {
		return nil, errors.New("ner: no training documents")
	}
	for _, d := range train {
		for _, s := range d.Sentences {
			if len(s.Labels) != len(s.Tokens) {
				return nil, errors.New("ner: training sentence without a label per token")
			}
		}
	}
	rng := rand.New(rand.NewSource(opts.Seed))
	aug := DefaultAugment
	if opts.Augment != nil {
		aug = *opts.Augment
	}
	train = augmentDocs(train, aug, rng)
	tc := buildTruecase(train)
	K := opts.Folds
	full := buildGazetteer(train, -1, K)
	folds := make([]gazetteer, K)
	for k := range folds {
		folds[k] = buildGazetteer(train, k, K)
	}
	t := &tagger{dropRate: opts.Dropout, rng: rng, common: commonLower(train)}
	plain := &tagger{infer: true}

	// Jackknifed first-pass labels.
	first := make([][]Label, len(train))
	for k := 0; k < K; k++ {
		var docs []int
		for di := range train {
			if di%K != k {
				docs = append(docs, di)
			}
		}
		tr := newTrainer(opts.Bits, tc)
		for epoch := 0; epoch < opts.FirstEpochs; epoch++ {
			rng.Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
			for _, di := range docs {
				tr.doc(t, &train[di], &folds[di%K], nil)
			}
		}
		m := tr.averaged(folds[k])
		for di := k; di < len(train); di += K {
			plain.prepareQ(sentTokens(&train[di], nil), m)
			plain.decodeFirst(m)
			first[di] = append([]Label(nil), plain.pred...)
		}
	}

	// The second stage: Runs perceptrons, each with its own shuffling,
	// whose averaged weights are averaged again.
	var sumW []float32
	var sumT [numLabels + 1][numLabels]float32
	for r := 0; r < opts.Runs; r++ {
		tr := newTrainer(opts.Bits, tc)
		tr.histDrop = histDrop
		order := make([]int, len(train))
		for i := range order {
			order[i] = i
		}
		for epoch := 1; epoch <= opts.Epochs; epoch++ {
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			for _, di := range order {
				tr.doc(t, &train[di], &folds[di%K], first[di])
			}
			if opts.Progress != nil {
				w, trans := tr.averagedWeights()
				opts.Progress(r*opts.Epochs+epoch, Evaluate(newModel(opts.Bits, w, &trans, full, tc), dev))
			}
		}
		w, trans := tr.averagedWeights()
		if sumW == nil {
			sumW = w
			sumT = trans
			continue
		}
		for i, v := range w {
			sumW[i] += v
		}
		for p := range trans {
			for y := range trans[p] {
				sumT[p][y] += trans[p][y]
			}
		}
	}
	// Scaling all weights alike changes no decision, so the sum serves as
	// the average.
	return newModel(opts.Bits, sumW, &sumT, full, tc), nil
}

// commonLower returns the hashes of the words seen in lower case at least
// twice: capitalised, they are mostly sentence-initial ordinary words.
func commonLower(docs []Document) map[uint64]bool {
	n := map[uint64]int{}
	var t tokInfo
	for _, d := range docs {
		for _, s := range d.Sentences {
			for _, w := range s.Tokens {
				t.analyse(w)
				if t.cls == clsLower {
					n[t.hl]++
				}
			}
		}
	}
	common := map[uint64]bool{}
	for h, c := range n {
		if c >= 2 {
			common[h] = true
		}
	}
	return common
}

// buildTruecase returns, for every word seen where its case is informative
// (mid-sentence, outside headlines), the case it is most often written in.
func buildTruecase(docs []Document) u8Table {
	n := map[uint64][3]int{}
	var toks []tokInfo
	for _, d := range docs {
		for _, s := range d.Sentences {
			toks = grow(toks, len(s.Tokens))
			for j, w := range s.Tokens {
				toks[j].analyse(w)
			}
			mode := sentenceMode(toks)
			for j := range toks {
				if c := caseSlot(&toks[j], mode, j); c >= 0 {
					x := n[toks[j].hl]
					x[c]++
					n[toks[j].hl] = x
				}
			}
		}
	}
	tc := makeU8Table(len(n))
	for h, c := range n {
		switch {
		case c[0] >= c[1] && c[0] >= c[2]:
			tc.put(h, foldLower)
		case c[1] >= c[2]:
			tc.put(h, foldTitle)
		default:
			tc.put(h, foldUpper)
		}
	}
	return tc
}

var histDrop = 0.5

func sentTokens(d *Document, buf [][]string) [][]string {
	buf = buf[:0]
	for _, s := range d.Sentences {
		buf = append(buf, s.Tokens)
	}
	return buf
}

func buildGazetteer(docs []Document, fold, folds int) gazetteer {
	var g gazetteer
	var toks []tokInfo
	for di, d := range docs {
		if fold >= 0 && di%folds == fold {
			continue
		}
		for _, s := range d.Sentences {
			for _, c := range Spans(s.Labels) {
				toks = toks[:0]
				for _, w := range s.Tokens[c.Start:c.End] {
					var t tokInfo
					t.analyse(w)
					toks = append(toks, t)
				}
				g.add(toks, typeIndexOf(c.Type))
			}
		}
	}
	g.index()
	return g
}

func typeIndexOf(s string) int {
	for i, t := range Types {
		if t == s {
			return i
		}
	}
	return -1
}

// doc trains on one document: the first pass, then, when first-pass labels
// are given, the second pass with their history.
func (tr *trainer) doc(t *tagger, d *Document, g *gazetteer, first []Label) {
	tr.sents = sentTokens(d, tr.sents)
	tr.gold = tr.gold[:0]
	for _, s := range d.Sentences {
		tr.gold = append(tr.gold, s.Labels...)
	}
	t.prepare(tr.sents, g, &tr.tc, tr.bits)
	passes := 1
	if first != nil {
		passes = 2
	}
	for pass := 0; pass < passes; pass++ {
		history := pass == 1
		if history {
			t.setHistory(first, tr.bits)
			for i := range t.skip {
				t.skip[i] = t.nhist[i] > 0 && t.rng != nil && t.rng.Float64() < tr.histDrop
			}
		}
		for _, s := range t.sents {
			t.emitF(&tr.params, s.start, s.end, history)
			masked := maskTrans(&tr.trans)
			vt := newVTrans(&masked)
			t.viterbi(&vt, run{from: s.start, to: s.end}, s.start, t.pred)
			tr.update(t, s, history)
			tr.step++
		}
	}
}

func (tr *trainer) update(t *tagger, s sentSpan, history bool) {
	prevG, prevP := numLabels, numLabels
	for i := s.start; i < s.end; i++ {
		g, p := int(tr.gold[i]), int(t.pred[i])
		if g != p {
			a, b := t.trainFeats(i, history)
			tr.add(a, g, p)
			tr.add(b, g, p)
			if history {
				tr.add(t.histFeats(i), g, p)
			}
		}
		if g != p || prevG != prevP {
			tr.trans[prevG][g]++
			tr.utr[prevG][g] += tr.step
			tr.trans[prevP][p]--
			tr.utr[prevP][p] -= tr.step
		}
		prevG, prevP = g, p
	}
}

func (tr *trainer) add(feats []uint32, g, p int) {
	for _, b := range feats {
		r := int(b) * numLabels
		tr.w[r+g]++
		tr.u[r+g] += tr.step
		tr.w[r+p]--
		tr.u[r+p] -= tr.step
	}
}

// averagedWeights returns the averaged weights.
func (tr *trainer) averagedWeights() ([]float32, [numLabels + 1][numLabels]float32) {
	w := make([]float32, len(tr.w))
	inv := 1 / tr.step
	for i, v := range tr.w {
		w[i] = v - tr.u[i]*inv
	}
	var trans [numLabels + 1][numLabels]float32
	for p := range tr.trans {
		for y := range tr.trans[p] {
			trans[p][y] = tr.trans[p][y] - tr.utr[p][y]*inv
		}
	}
	return w, trans
}

// averaged returns a model with the averaged weights.
func (tr *trainer) averaged(g gazetteer) *Model {
	w, trans := tr.averagedWeights()
	return newModel(tr.bits, w, &trans, g, tr.tc)
}
