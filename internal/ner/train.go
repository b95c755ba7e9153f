package ner

import (
	"errors"
	"math/rand"
)

// TrainOptions control Train. The zero value gives the settings the
// shipped model was trained with.
type TrainOptions struct {
	// Epochs is the number of passes over the training documents
	// (default 12, chosen on the dev split).
	Epochs int
	// Seed seeds the shuffling of documents before every epoch (default 1).
	Seed int64
	// Bits is log2 of the number of weight rows features hash into
	// (default 20).
	Bits uint
	// Folds is the number of jackknife folds for gazetteer features: a
	// training document sees a gazetteer built from the other folds only,
	// so the model learns how far to trust an unseen list (default 10).
	Folds int
	// Progress, when set, is called after each epoch with the dev scores
	// of the averaged weights (dev is only scored when Progress is set).
	Progress func(epoch int, dev Scores)
}

func (o *TrainOptions) defaults() {
	if o.Epochs <= 0 {
		o.Epochs = 12
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Bits == 0 {
		o.Bits = 20
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
}

// Train learns a model from documents with gold labels (IOB2) as a
// structured averaged perceptron, decoded like TagDocument: both passes
// are trained on every document, the second with the history of the
// first. It is deterministic for given options.
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
	full := buildGazetteer(train, -1, opts.Folds)
	folds := make([]gazetteer, opts.Folds)
	for k := range folds {
		folds[k] = buildGazetteer(train, k, opts.Folds)
	}
	rows := 1 << opts.Bits
	tr := &trainer{params: params{bits: opts.Bits, w: make([]float32, rows*numLabels)}, u: make([]float32, rows*numLabels), step: 1}
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewSource(opts.Seed))
	t := &tagger{}
	for epoch := 1; epoch <= opts.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, di := range order {
			tr.doc(t, &train[di], &folds[di%opts.Folds])
		}
		if opts.Progress != nil {
			m := tr.averaged(full)
			opts.Progress(epoch, Evaluate(m, dev))
		}
	}
	return tr.averaged(full), nil
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

// doc trains on one document: first pass, history, second pass.
func (tr *trainer) doc(t *tagger, d *Document, g *gazetteer) {
	tr.sents = tr.sents[:0]
	tr.gold = tr.gold[:0]
	for _, s := range d.Sentences {
		tr.sents = append(tr.sents, s.Tokens)
		tr.gold = append(tr.gold, s.Labels...)
	}
	t.prepare(tr.sents, g, tr.bits)
	for pass := 0; pass < 2; pass++ {
		history := pass == 1
		if history {
			t.setHistory(tr.bits)
		}
		for _, s := range t.sents {
			t.emit(&tr.params, s.start, s.end, history)
			t.viterbi(&tr.params, s.start, s.end)
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
			tr.add(t.feats[t.foff[i]:t.foff[i+1]], g, p)
			if history {
				tr.add(t.hist[3*i:3*i+int32(t.nhist[i])], g, p)
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

// averaged returns a model with the averaged weights.
func (tr *trainer) averaged(g gazetteer) *Model {
	m := &Model{params: params{bits: tr.bits, w: make([]float32, len(tr.w))}, gaz: g}
	inv := 1 / tr.step
	for i, v := range tr.w {
		m.w[i] = v - tr.u[i]*inv
	}
	for p := range tr.trans {
		for y := range tr.trans[p] {
			m.trans[p][y] = tr.trans[p][y] - tr.utr[p][y]*inv
		}
	}
	return m
}
