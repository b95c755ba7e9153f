package eval

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph"
	"github.com/newsgraph/newsgraph/doc"
)

// Extract scores HTML body extraction on the article-extraction benchmark
// in dataDir (ground-truth.json and html/KEY.html.gz) as score.py extract
// does: each page goes through the whole analysis (newsgraph.Analyze), the
// body blocks of the result are the prediction, and per page the multisets
// of 4-gram shingles of \w+ tokens of the gold articleBody and of the
// prediction are compared; the
// per-page precisions and recalls are averaged and the F1 of the averages
// is returned. A page the reader refuses counts as empty output. It
// writes one line per page (key, P, R, F1, error) and a summary to w.
// When dataDir or its ground truth is missing the error wraps ErrNoData
// and fs.ErrNotExist.
func Extract(dataDir string, w io.Writer) (Result, error) {
	res := Result{Name: "extract"}
	gtPath := filepath.Join(dataDir, "ground-truth.json")
	raw, err := os.ReadFile(gtPath)
	if errors.Is(err, fs.ErrNotExist) {
		return res, fmt.Errorf("extract: %s: %w (%w)", gtPath, ErrNoData, err)
	}
	if err != nil {
		return res, fmt.Errorf("extract: %w", err)
	}
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &gt); err != nil {
		return res, fmt.Errorf("extract: %s: %w", gtPath, err)
	}
	keys := make([]string, 0, len(gt))
	for k := range gt {
		keys = append(keys, k)
	}
	sort.Strings(keys)

	var rows []counts
	var spent time.Duration
	for _, k := range keys {
		page, err := readGzip(filepath.Join(dataDir, "html", k+".html.gz"))
		if err != nil {
			return res, fmt.Errorf("extract: page %s: %w", k, err)
		}
		t0 := time.Now()
		pred, herr := bodyText(page)
		spent += time.Since(t0)
		c := compare(shingles(gt[k].ArticleBody), shingles(pred))
		rows = append(rows, c)
		p, r, f := benchF1([]counts{c})
		line := fmt.Sprintf("%s P %.3f R %.3f F1 %.3f", k[:12], p, r, f)
		if herr != nil {
			line += " error: " + herr.Error()
		}
		fmt.Fprintln(w, line)
	}
	res.P, res.R, res.F1 = benchF1(rows)
	res.N = len(rows)
	per := time.Duration(0)
	if res.N > 0 {
		per = spent / time.Duration(res.N)
	}
	fmt.Fprintf(w, "extract: body P %.3f R %.3f F1 %.3f on %d pages, %v per page\n", res.P, res.R, res.F1, res.N, per.Round(time.Microsecond))
	return res, nil
}

func readGzip(path string) ([]byte, error) {
	f, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(f))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// isWord reports whether r is matched by Python's \w on str patterns:
// str.isalnum() (letters L*, and decimal, digit and numeric characters)
// or the underscore. Combining marks are not word characters.
func isWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// tokens returns the \w+ runs of s, as Python's re.findall(r'\w+', s).
func tokens(s string) []string {
	var out []string
	start := -1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isWord(r) && !(r == utf8.RuneError && size == 1) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
		i += size
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// shingles counts the 4-grams of tokens of text, as score.py's shingles:
// a text of one to three tokens is a single shorter shingle, an empty one
// has none.
func shingles(text string) map[string]int {
	const n = 4
	t := tokens(text)
	m := map[string]int{}
	last := len(t) - n + 1
	if last < 1 {
		last = 1
	}
	for i := 0; i < last; i++ {
		j := min(i+n, len(t))
		if i >= j {
			continue
		}
		m[strings.Join(t[i:j], "\x00")]++
	}
	return m
}

// counts are score.py's prf: true positive, false positive and false
// negative shingle counts, each divided by their sum.
type counts struct{ tp, fp, fn float64 }

func compare(gold, pred map[string]int) counts {
	var tp, fp, fn float64
	for k, g := range gold {
		p := pred[k]
		tp += float64(min(g, p))
		fp += float64(max(0, p-g))
		fn += float64(max(0, g-p))
	}
	for k, p := range pred {
		if _, ok := gold[k]; !ok {
			fp += float64(p)
		}
	}
	s := tp + fp + fn
	if s == 0 {
		return counts{}
	}
	return counts{tp / s, fp / s, fn / s}
}

// benchF1 is score.py's bench_f1: precision averaged over pages with any
// output, recall over pages with any gold text, and the F1 of the two.
func benchF1(rows []counts) (p, r, f float64) {
	var ps, rs []float64
	for _, c := range rows {
		if c.tp+c.fp > 0 {
			switch {
			case c.fp == 0 && c.fn == 0:
				ps = append(ps, 1)
			case c.tp == 0 && c.fp == 0:
				ps = append(ps, 0)
			default:
				ps = append(ps, c.tp/(c.tp+c.fp))
			}
		}
		if c.tp+c.fn > 0 {
			rs = append(rs, c.tp/(c.tp+c.fn))
		}
	}
	p, r = mean(ps), mean(rs)
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// bodyText analyses an HTML page and returns the text of its body blocks,
// one per line (the whole text when no block is body), as score.py does.
func bodyText(page []byte) (string, error) {
	d, err := newsgraph.Analyze(context.Background(), page, newsgraph.Options{Format: newsgraph.FormatHTML})
	if err != nil {
		return "", err
	}
	var body []string
	for _, b := range d.Blocks {
		if b.Kind == doc.Body {
			body = append(body, d.Slice(b.Span))
		}
	}
	if len(body) == 0 {
		return d.Text, nil
	}
	return strings.Join(body, "\n"), nil
}
