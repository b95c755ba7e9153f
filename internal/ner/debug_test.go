package ner

import (
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestDebugTag prints the labels of NER_DEBUG (sentences separated by
// " || ", tokens by spaces); it is skipped when NER_DEBUG is unset.
func TestDebugTag(t *testing.T) {
	in := os.Getenv("NER_DEBUG")
	if in == "" {
		t.Skip("NER_DEBUG not set")
	}
	var sents [][]string
	for _, s := range strings.Split(in, "||") {
		sents = append(sents, strings.Fields(s))
	}
	for i, ls := range Default().TagDocument(sents) {
		var b strings.Builder
		for j, l := range ls {
			fmt.Fprintf(&b, "%s/%s ", sents[i][j], l)
		}
		t.Log(b.String())
	}
}

// TestDebugPasses compares one-pass and two-pass tagging on dev when
// NER_DEBUG_PASSES is set.
func TestDebugPasses(t *testing.T) {
	if os.Getenv("NER_DEBUG_PASSES") == "" {
		t.Skip("NER_DEBUG_PASSES not set")
	}
	docs := readDev(t)
	m := Default()
	t.Logf("two passes: %s", Evaluate(m, docs))
	onePass = true
	defer func() { onePass = false }()
	t.Logf("one pass:   %s", Evaluate(m, docs))
}

// TestDebugErrors lists dev errors when NER_DEBUG_ERRORS is set.
func TestDebugErrors(t *testing.T) {
	if os.Getenv("NER_DEBUG_ERRORS") == "" {
		t.Skip("NER_DEBUG_ERRORS not set")
	}
	docs := readDev(t)
	m := Default()
	kinds := map[string]int{}
	for _, d := range docs {
		pred := m.TagDocument(sentTokens(&d, nil))
		for i, s := range d.Sentences {
			gold := Spans(s.Labels)
			got := Spans(pred[i])
			gs := map[[2]int]string{}
			for _, c := range gold {
				gs[[2]int{c.Start, c.End}] = c.Type
			}
			ps := map[[2]int]string{}
			for _, c := range got {
				ps[[2]int{c.Start, c.End}] = c.Type
			}
			for _, c := range gold {
				k := [2]int{c.Start, c.End}
				txt := strings.Join(s.Tokens[c.Start:c.End], " ")
				switch pt, ok := ps[k]; {
				case ok && pt == c.Type:
				case ok:
					kinds["type "+c.Type+"->"+pt]++
					fmt.Printf("TYPE %s->%s %q | %s\n", c.Type, pt, txt, strings.Join(s.Tokens, " "))
				default:
					over := false
					for _, p := range got {
						if p.Start < c.End && c.Start < p.End {
							over = true
						}
					}
					if over {
						kinds["boundary "+c.Type]++
						fmt.Printf("BOUND %s %q | %s\n", c.Type, txt, strings.Join(s.Tokens, " "))
					} else {
						kinds["missed "+c.Type]++
						fmt.Printf("MISS %s %q | %s\n", c.Type, txt, strings.Join(s.Tokens, " "))
					}
				}
			}
			for _, c := range got {
				k := [2]int{c.Start, c.End}
				if _, ok := gs[k]; ok {
					continue
				}
				over := false
				for _, g := range gold {
					if g.Start < c.End && c.Start < g.End {
						over = true
					}
				}
				if !over {
					kinds["spurious "+c.Type]++
					fmt.Printf("SPUR %s %q | %s\n", c.Type, strings.Join(s.Tokens[c.Start:c.End], " "), strings.Join(s.Tokens, " "))
				}
			}
		}
	}
	t.Log(kinds)
}

// TestDebugRows reports how full the weight table is.
func TestDebugRows(t *testing.T) {
	m := Default()
	nz := m.w.stored()
	t.Logf("%d of %d rows non-zero, scale %g", nz, 1<<m.bits, m.scale)
}

// TestDebugWeights prints the weights of each feature of token NER_DEBUG_TOK
// of the one-sentence NER_DEBUG.
func TestDebugWeights(t *testing.T) {
	in := os.Getenv("NER_DEBUG")
	if in == "" || os.Getenv("NER_DEBUG_TOK") == "" {
		t.Skip("NER_DEBUG not set")
	}
	var k int
	fmt.Sscan(os.Getenv("NER_DEBUG_TOK"), &k)
	m := Default()
	tg := &tagger{}
	var sents [][]string
	for _, s := range strings.Split(in, "||") {
		sents = append(sents, strings.Fields(s))
	}
	tg.prepare(sents, &m.gaz, &m.tc, m.bits)
	for _, b := range tg.feats[tg.foff[k]:tg.foff[k+1]] {
		r := m.w.row(b)
		var b2 strings.Builder
		for y, v := range r {
			fmt.Fprintf(&b2, "%s=%.2f ", Label(y), float32(v)*m.scale)
		}
		t.Log(b2.String())
	}
	tg = &tagger{infer: true}
	tg.prepareQ(sents, m)
	tg.decodeFirst(m)
	t.Log(tg.em[k*numLabels : k*numLabels+numLabels])
	for i := range tg.toks {
		t.Logf("tok %d cls %d ocls %d gz %x", i, tg.toks[i].cls, tg.toks[i].ocls, tg.gz[i])
	}
	t.Log("first pass", tg.pred)
	tg.setHistory(tg.pred, m.bits)
	for _, b := range appendHist(nil, tg.hcode[k], 64-m.bits) {
		r := m.w.row(b)
		var b2 strings.Builder
		for y, v := range r {
			fmt.Fprintf(&b2, "%s=%.2f ", Label(y), float32(v)*m.scale)
		}
		t.Log("hist ", b2.String())
	}
	t.Log("start", m.trans[numLabels])
	t.Log("from O", m.trans[0])
}

// TestDebugModes scores dev per sentence mode when NER_DEBUG_PASSES is set.
func TestDebugModes(t *testing.T) {
	if os.Getenv("NER_DEBUG_PASSES") == "" {
		t.Skip("NER_DEBUG_PASSES not set")
	}
	docs := readDev(t)
	m := Default()
	var s [3]PRF
	n := [3]int{}
	for _, d := range docs {
		pred := m.TagDocument(sentTokens(&d, nil))
		for i, x := range d.Sentences {
			md := sentenceModeOf(x.Tokens)
			n[md]++
			gold := map[Chunk]bool{}
			for _, c := range Spans(x.Labels) {
				if c.Type != "MISC" {
					gold[c] = true
				}
			}
			for _, c := range Spans(pred[i]) {
				if c.Type == "MISC" {
					continue
				}
				if gold[c] {
					s[md].TP++
					delete(gold, c)
				} else {
					s[md].FP++
				}
			}
			s[md].FN += len(gold)
		}
	}
	for md := range s {
		t.Logf("mode %d: %d sentences, P %.3f R %.3f F1 %.3f (%d gold)", md, n[md], s[md].Precision(), s[md].Recall(), s[md].F1(), s[md].TP+s[md].FN)
	}
}

// TestDebugRobust scores dev rewritten like the augmentation when
// NER_DEBUG_PASSES is set.
func TestDebugRobust(t *testing.T) {
	if os.Getenv("NER_DEBUG_PASSES") == "" {
		t.Skip("NER_DEBUG_PASSES not set")
	}
	docs := readDev(t)
	m := Default()
	for _, o := range []AugmentOptions{{}, {TitleCase: 1}, {SentenceCase: 1}, {Dateline: 1}} {
		aug := augmentDocs(docs, o, rand.New(rand.NewSource(1)))
		var s PRF
		for _, d := range aug {
			if len(d.Sentences) == 0 {
				continue
			}
			x := d.Sentences[0]
			if o.Dateline > 0 {
				x = d.Sentences[min(1, len(d.Sentences)-1)]
			}
			pred := m.TagDocument(sentTokens(&d, nil))
			p := pred[0]
			if o.Dateline > 0 {
				p = pred[min(1, len(d.Sentences)-1)]
			}
			gold := map[Chunk]bool{}
			for _, c := range Spans(x.Labels) {
				if c.Type != "MISC" {
					gold[c] = true
				}
			}
			for _, c := range Spans(p) {
				if c.Type == "MISC" {
					continue
				}
				if gold[c] {
					s.TP++
					delete(gold, c)
				} else {
					s.FP++
				}
			}
			s.FN += len(gold)
		}
		t.Logf("%+v: first sentences P %.3f R %.3f F1 %.3f", o, s.Precision(), s.Recall(), s.F1())
	}
}

// TestDebugSpeed reports CPU time per token on dev (less noisy than wall
// time on a busy machine) when NER_DEBUG_PASSES is set.
func TestDebugSpeed(t *testing.T) {
	if os.Getenv("NER_DEBUG_PASSES") == "" {
		t.Skip("NER_DEBUG_PASSES not set")
	}
	docs := readDev(t)
	m := Default()
	var sents [][][]string
	var outs [][]Label
	n := 0
	for _, d := range docs {
		s := sentTokens(&d, nil)
		sents = append(sents, s)
		k := 0
		for _, x := range s {
			k += len(x)
		}
		n += k
		outs = append(outs, make([]Label, k))
	}
	cpu := func() time.Duration {
		d, ok := threadCPU()
		if !ok {
			t.Skip("no thread CPU time on this system")
		}
		return d
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	best := time.Duration(1 << 62)
	for r := 0; r < 10; r++ {
		c0 := cpu()
		for i := range sents {
			m.TagDocumentInto(sents[i], outs[i])
		}
		if d := cpu() - c0; d < best {
			best = d
		}
	}
	t.Logf("best of 10: %.0f ns/token CPU (%d tokens)", float64(best.Nanoseconds())/float64(n), n)
}
