package eval

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

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
	docs, err := readConllDocs(f)
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

// conllToken is one line of a CoNLL file: the word, its tag, and whether a
// blank line (a sentence break) came before it.
type conllToken struct {
	word, tag string
	brk       bool
}

// nerSpan is a typed character span [start, end).
type nerSpan struct {
	start, end int
	typ        string
}

// readConllDocs splits a CoNLL file into documents at -DOCSTART- lines, as
// conll_docs of score.py does.
func readConllDocs(r io.Reader) ([][]conllToken, error) {
	var docs [][]conllToken
	var cur []conllToken
	brk := false
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "-DOCSTART-") {
			if len(cur) > 0 {
				docs = append(docs, cur)
			}
			cur = nil
			continue
		}
		if strings.TrimSpace(line) == "" {
			brk = true
			continue
		}
		f := strings.Split(line, " ")
		if len(f) < 4 {
			return nil, fmt.Errorf("bad line %q", line)
		}
		cur = append(cur, conllToken{word: strings.Join(f[:len(f)-3], " "), tag: f[len(f)-1], brk: brk})
		brk = false
	}
	if len(cur) > 0 {
		docs = append(docs, cur)
	}
	return docs, sc.Err()
}

var (
	noSpaceBefore = setOf(",", ".", ":", ";", "?", "!", ")", "]", "}", "%", "'s", "’s", "n't", "'", "’", "”", "/", "'re", "'ve", "'ll", "'d", "'m")
	noSpaceAfter  = setOf("(", "[", "{", "$", "“", "/", "#")
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// detokenize builds natural text from CoNLL tokens exactly as score.py
// does and returns it with each token's span in characters (code points).
func detokenize(d []conllToken) (string, [][2]int) {
	var b strings.Builder
	spans := make([][2]int, len(d))
	pos := 0
	prev := ""
	dqOpen := false
	for i, t := range d {
		tok := t.word
		sep := " "
		switch {
		case i == 0:
			sep = ""
		case t.brk:
			sep = "\n\n"
		case noSpaceBefore[tok] || noSpaceAfter[prev] || (prev == `"` && dqOpen) || (tok == `"` && dqOpen) || (tok == "-" && prev == ")"):
			sep = ""
			if tok == "-" && prev == ")" {
				sep = " "
			}
		}
		if tok == `"` {
			dqOpen = !dqOpen
		}
		b.WriteString(sep)
		pos += utf8.RuneCountInString(sep)
		n := utf8.RuneCountInString(tok)
		spans[i] = [2]int{pos, pos + n}
		b.WriteString(tok)
		pos += n
		prev = tok
	}
	b.WriteString("\n")
	return b.String(), spans
}

// goldChunks returns the PER, ORG and LOC chunks of a document as
// character spans, reading B-/I- tags as score.py does: a chunk ends at a
// change of type, a B- tag or a sentence break.
func goldChunks(d []conllToken, spans [][2]int) map[nerSpan]bool {
	gold := map[nerSpan]bool{}
	start, end, typ := -1, 0, ""
	for i := 0; i <= len(d); i++ {
		tag, brk, s0, e0 := "O", true, 0, 0
		if i < len(d) {
			tag, brk, s0, e0 = d[i].tag, d[i].brk, spans[i][0], spans[i][1]
		}
		t := ""
		if tag != "O" && len(tag) > 2 {
			t = tag[2:]
		}
		if start >= 0 && (t != typ || strings.HasPrefix(tag, "B-") || brk) {
			gold[nerSpan{start, end, typ}] = true
			start = -1
		}
		if t != "" && start < 0 {
			start, typ = s0, t
		}
		if t != "" {
			end = e0
		}
	}
	for g := range gold {
		if g.typ != "PER" && g.typ != "ORG" && g.typ != "LOC" {
			delete(gold, g)
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
