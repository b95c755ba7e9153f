package ner

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestViterbiShortcut checks viterbi, which skips comparing the moves into
// O and the B- labels when O is far ahead (vtrans.aloneO), against
// comparing every move, on random scores of the size the model gives,
// many of them near the edge of the shortcut.
func TestViterbiShortcut(t *testing.T) {
	m := Default()
	vt := &m.vt
	rng := rand.New(rand.NewPCG(1, 2))
	tg := &tagger{}
	const n = 12
	tg.em = make([]float32, n*numLabels)
	tg.back = make([]uint8, n*numLabels)
	tg.fwd = make([]float32, n*numLabels)
	got, want := make([]Label, n), make([]Label, n)
	var alone [2]int // steps with and without the shortcut
	for trial := range 20000 {
		for i := range tg.em {
			// Scores are sums of weights times the scale: integers
			// times m.scale, O usually well ahead.
			q := rng.IntN(4000) - 2000
			if i%numLabels == 0 {
				q = rng.IntN(1000) + int(vt.marginO/m.scale) + rng.IntN(3) - 1
				if trial%2 == 0 {
					q += 2000
				}
			}
			tg.em[i] = float32(q) * m.scale
		}
		r := run{from: 0, to: n, afterO: trial%3 == 0, beforeO: trial%5 == 0}
		tg.viterbi(vt, r, 0, got)
		for i := range n - 1 {
			if vt.aloneO((*[numLabels]float32)(tg.fwd[i*numLabels:])) {
				alone[0]++
			} else {
				alone[1]++
			}
		}
		fullViterbi(vt, tg.em, r, want)
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("trial %d: got %v, want %v", trial, got, want)
			}
		}
	}
	if alone[0] < 1000 || alone[1] < 1000 {
		t.Errorf("steps with and without the shortcut: %v, want both", alone)
	}
	t.Log("steps with and without the shortcut:", alone)
}

// fullViterbi is viterbi comparing every move, first label first.
func fullViterbi(vt *vtrans, em []float32, r run, pred []Label) {
	n := int(r.to - r.from)
	back := make([][numLabels]uint8, n)
	var cur [numLabels]float32
	start := &vt.start
	if r.afterO {
		start = &vt.fromO
	}
	for y := range cur {
		cur[y] = start[y] + em[y]
	}
	for i := 1; i < n; i++ {
		var next [numLabels]float32
		for y := range next {
			best, arg := float32(math.Inf(-1)), uint8(0)
			for q := range cur {
				if v := cur[q] + vt.into[y][q]; v > best || q == 0 {
					best, arg = v, uint8(q)
				}
			}
			next[y], back[i][y] = best+em[i*numLabels+y], arg
		}
		cur = next
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
	for i := n - 1; i >= 0; i-- {
		pred[i] = Label(arg)
		arg = int(back[i][arg])
	}
}
