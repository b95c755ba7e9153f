package eval

import (
	"context"
	"errors"
	"fmt"
	"github.com/newsgraph/newsgraph/internal/conll"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsgraph/newsgraph"
)

// NER scores the entity mentions of newsgraph.Analyze on the CoNLL-2003
// file dev.conll in dataDir with the metric of score.py ner: each document
// is detokenised into natural text (punctuation attached, sentences as
// paragraphs), analysed as plain text, and the PER, ORG and LOC mentions
// (PERSON → PER, ORG → ORG, LOC, GPE and FAC → LOC) are compared with the
// gold chunks by exact character span and type. It writes the per-type
// table and the micro F1 to w and returns the micro figures. When the file
// is missing the error wraps ErrNoData and fs.ErrNotExist.
func NER(dataDir string, w io.Writer) (Result, error) {
	res := Result{Name: "ner"}
	path := filepath.Join(dataDir, "dev.conll")
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return res, fmt.Errorf("ner: %s: %w (%w)", path, ErrNoData, err)
	}
	if err != nil {
		return res, fmt.Errorf("ner: %w", err)
	}
	defer f.Close()
	docs, err := conll.ReadDocs(f)
	if err != nil {
		return res, fmt.Errorf("ner: %s: %w", path, err)
	}
	types := []string{"PER", "ORG", "LOC"}
	tp, fp, fn := map[string]int{}, map[string]int{}, map[string]int{}
	tmap := map[string]string{"PERSON": "PER", "PER": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "FAC": "LOC"}
	ctx := context.Background()
	for i, d := range docs {
		text, spans := detokenize(d)
		gold := goldChunks(d, spans)
		out, err := newsgraph.Analyze(ctx, []byte(text), newsgraph.Options{Format: newsgraph.FormatText})
		if err != nil || out.Text != text {
			fmt.Fprintf(w, "text changed for doc %d\n", i)
			continue
		}
		cm := charMap(text)
		pred := map[nerSpan]bool{}
		for _, e := range out.Entities {
			t, ok := tmap[strings.ToUpper(string(e.Type))]
			if !ok {
				continue
			}
			for _, m := range e.Mentions {
				s, ok1 := cm[m.Start]
				e, ok2 := cm[m.End]
				if ok1 && ok2 {
					pred[nerSpan{s, e, t}] = true
				}
			}
		}
		for g := range gold {
			if pred[g] {
				tp[g.typ]++
			} else {
				fn[g.typ]++
			}
		}
		for p := range pred {
			if !gold[p] {
				fp[p.typ]++
			}
		}
	}
	var T, F, N int
	for _, t := range types {
		p, r := ratio(tp[t], tp[t]+fp[t]), ratio(tp[t], tp[t]+fn[t])
		fmt.Fprintf(w, "%s P %.3f R %.3f F1 %.3f\n", t, p, r, harmonic(p, r))
	}
	for _, n := range tp {
		T += n
	}
	for _, n := range fp {
		F += n
	}
	for _, n := range fn {
		N += n
	}
	res.P, res.R = ratio(T, T+F), ratio(T, T+N)
	res.F1 = harmonic(res.P, res.R)
	res.N = len(docs)
	fmt.Fprintf(w, "ner: PER/ORG/LOC micro F1 = %.3f (docs %d)\n", res.F1, len(docs))
	return res, nil
}

// nerSpan is a typed character span [start, end).
type nerSpan struct {
	start, end int
	typ        string
}

// detokenize is conll.Detokenize with token spans in characters (code
// points), the unit score.py compares in.
func detokenize(d []conll.Token) (string, [][2]int) {
	text, spans := conll.Detokenize(d)
	cm := charMap(text)
	for i, sp := range spans {
		spans[i] = [2]int{cm[sp[0]], cm[sp[1]]}
	}
	return text, spans
}

// goldChunks returns the PER, ORG and LOC chunks of a document in the units
// of spans.
func goldChunks(d []conll.Token, spans [][2]int) map[nerSpan]bool {
	gold := map[nerSpan]bool{}
	for _, c := range conll.Chunks(d, spans) {
		if c.Type == "PER" || c.Type == "ORG" || c.Type == "LOC" {
			gold[nerSpan{c.Start, c.End, c.Type}] = true
		}
	}
	return gold
}

// charMap maps each byte offset of text that starts a rune (and the end)
// to its offset in code points.
func charMap(text string) map[int]int {
	m := make(map[int]int, len(text)+1)
	i := 0
	for b := range text {
		m[b] = i
		i++
	}
	m[len(text)] = i
	return m
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func harmonic(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
