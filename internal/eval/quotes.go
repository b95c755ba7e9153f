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
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	newsgraph "github.com/newsgraph/newsgraph"
	"github.com/newsgraph/newsgraph/doc"
)

// Quotes scores quotations on the dev split of PolNeAR in dir (the
// polnear folder: dev/text/*.txt and dev/attributions/*.ann), with the
// metric of score.py quotes: P, R and F1 are those of direct quotations
// (gold contents with a double quotation mark, predictions of kind direct
// or partial); a prediction matches a gold content when half or more of
// its span lies inside it. The speaker accuracy and the figures over all
// attributions are written to w.
func Quotes(dir string, w io.Writer) (Result, error) {
	return QuotesSplit(dir, "dev", w)
}

// QuotesSplit is Quotes on another split of dir ("train" for development).
func QuotesSplit(dir, split string, w io.Writer) (Result, error) {
	return scoreQuotes(filepath.Join(dir, split), w, analyzeText)
}

// analyzeText runs newsgraph.Analyze on one file's bytes, as the CLI does.
func analyzeText(name string, b []byte) (*doc.Document, error) {
	return newsgraph.Analyze(context.Background(), b, newsgraph.Options{Name: name})
}

// QuoteScores are the figures of score.py quotes.
type QuoteScores struct {
	Docs                          int
	GoldDirect, PredDirect        int
	P, R, F1, Speaker             float64 // direct quotations
	GoldAll, PredAll              int
	PAll, RAll, F1All, SpeakerAll float64 // all attributions, indirect ones included
}

// lastQuoteScores keeps the full figures of the last scoreQuotes run, for tests.
var lastQuoteScores QuoteScores

var annSuffix = regexp.MustCompile(`_[0-9a-f]{4}\.ann$`)

// scoreQuotes scores the documents of root with analyze.
func scoreQuotes(root string, w io.Writer, analyze func(name string, b []byte) (*doc.Document, error)) (Result, error) {
	res := Result{Name: "quotes"}
	anns, err := filepath.Glob(filepath.Join(root, "attributions", "*.ann"))
	if err == nil && len(anns) == 0 {
		err = fs.ErrNotExist
	}
	if err != nil {
		return res, fmt.Errorf("quotes: %s: %w (%w)", root, ErrNoData, err)
	}
	sort.Strings(anns)
	seen := map[string]bool{}
	var c quoteCounts
	for _, ann := range anns {
		base := annSuffix.ReplaceAllString(filepath.Base(ann), "")
		if seen[base] {
			continue
		}
		seen[base] = true
		txtPath := filepath.Join(root, "text", base+".txt")
		raw, err := os.ReadFile(txtPath)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return res, fmt.Errorf("quotes: %w", err)
		}
		gold, err := parseAnn(ann)
		if err != nil {
			return res, fmt.Errorf("quotes: %w", err)
		}
		d, err := analyze(txtPath, raw)
		if err != nil {
			return res, fmt.Errorf("quotes: %s: %w", txtPath, err)
		}
		if d.Text != string(raw) {
			fmt.Fprintf(w, "text changed for %s (offsets cannot be compared)\n", base)
			continue
		}
		c.add(d, gold)
	}
	s := c.scores(len(seen))
	lastQuoteScores = s
	fmt.Fprintf(w, "docs %d; direct: gold %d pred %d P %.3f R %.3f F1 %.3f; speaker right on %.3f of found\n",
		s.Docs, s.GoldDirect, s.PredDirect, s.P, s.R, s.F1, s.Speaker)
	fmt.Fprintf(w, "all attributions: gold %d pred %d P %.3f R %.3f F1 %.3f; speaker right on %.3f of found\n",
		s.GoldAll, s.PredAll, s.PAll, s.RAll, s.F1All, s.SpeakerAll)
	fmt.Fprintf(w, "quotes: direct F1 x speaker accuracy = %.3f\n", s.F1*s.Speaker)
	res.P, res.R, res.F1, res.N = s.P, s.R, s.F1, s.Docs
	return res, nil
}

// attribution is one gold attribution: its content and source segments,
// in rune offsets.
type attribution struct {
	content, source, cue [][2]int
}

// parseAnn reads the Content and Source of every attribution event of a
// brat standoff file.
func parseAnn(path string) ([]attribution, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	spans := map[string][][2]int{}
	var events []map[string]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		parts := strings.Split(line, "\t")
		switch {
		case strings.HasPrefix(line, "T") && len(parts) >= 2:
			_, rng, _ := strings.Cut(parts[1], " ")
			var segs [][2]int
			for _, seg := range strings.Split(rng, ";") {
				ab := strings.Fields(seg)
				if len(ab) != 2 {
					return nil, fmt.Errorf("%s: bad span %q", path, parts[1])
				}
				a, err1 := strconv.Atoi(ab[0])
				b, err2 := strconv.Atoi(ab[1])
				if err1 != nil || err2 != nil {
					return nil, fmt.Errorf("%s: bad span %q", path, parts[1])
				}
				segs = append(segs, [2]int{a, b})
			}
			spans[parts[0]] = segs
		case strings.HasPrefix(line, "E") && len(parts) >= 2:
			roles := map[string]string{}
			for _, x := range strings.Fields(parts[1]) {
				k, v, _ := strings.Cut(x, ":")
				roles[k] = v
			}
			events = append(events, roles)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []attribution
	for _, ev := range events {
		c, ok := spans[ev["Content"]]
		if !ok {
			continue
		}
		out = append(out, attribution{content: c, source: spans[ev["Source"]], cue: spans[ev["Cue"]]})
	}
	return out, nil
}

type quoteCounts struct {
	nGoldDir, nPredDir, tpDirG, tpDirP, spkOK    int
	nGoldAll, tpAllG, spkAllOK, nPredAll, tpAllP int
}

type predQuote struct {
	span    [2]int
	direct  bool
	spk     [2]int
	hasSpk  bool
	nameSet map[string]bool
}

var (
	directMark  = regexp.MustCompile(`["“”]`)
	spaceRE     = regexp.MustCompile(`\s+`)
	pronounStop = map[string]bool{"he": true, "she": true, "they": true, "it": true, "i": true, "we": true, "the": true, "his": true, "her": true, "mr": true, "ms": true, "mrs": true}
)

// quoteNorm is score.py's norm: trimmed of quotation marks and a final comma,
// curly apostrophes made straight, spaces folded, lower case.
func quoteNorm(s string) string {
	s = strings.TrimSpace(s)
	s = strings.Trim(s, "\"“”‘’'")
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, ",")
	s = strings.TrimSpace(s)
	s = strings.NewReplacer("’", "'", "‘", "'").Replace(s)
	return strings.ToLower(spaceRE.ReplaceAllString(s, " "))
}

// words returns the set of \w+ runs of s (Python's Unicode \w).
func quoteWords(s string) map[string]bool {
	m := map[string]bool{}
	start := -1
	for i, r := range s + " " {
		w := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || unicode.Is(unicode.Mn, r)
		if w && start < 0 {
			start = i
		} else if !w && start >= 0 {
			m[s[start:i]] = true
			start = -1
		}
	}
	return m
}

func spanOverlap(a, b [2]int) int { return max(0, min(a[1], b[1])-max(a[0], b[0])) }

// runeIndex maps byte offsets of text to rune offsets; -1 inside a rune.
func runeIndex(text string) []int {
	m := make([]int, len(text)+1)
	n := 0
	for i := range m {
		m[i] = -1
	}
	for i := range text {
		m[i] = n
		n++
	}
	m[len(text)] = n
	return m
}

func (c *quoteCounts) add(d *doc.Document, gold []attribution) {
	text := d.Text
	cm := runeIndex(text)
	runes := []rune(text)
	at := func(off int) int {
		if off < 0 || off >= len(cm) {
			return -1
		}
		return cm[off]
	}
	var preds []predQuote
	for _, q := range d.Quotes {
		a, b := at(q.Start), at(q.End)
		if a < 0 || b < 0 {
			continue
		}
		p := predQuote{span: [2]int{a, b}, direct: q.Kind == doc.Direct || q.Kind == doc.Partial}
		if q.SpeakerStart != nil && q.SpeakerEnd != nil {
			p.spk, p.hasSpk = [2]int{at(*q.SpeakerStart), at(*q.SpeakerEnd)}, true
		}
		p.nameSet = quoteWords(quoteNorm(q.SpeakerName))
		preds = append(preds, p)
	}
	inside := func(p predQuote, s [2]int) bool {
		return float64(spanOverlap(p.span, s)) >= 0.5*float64(max(1, p.span[1]-p.span[0]))
	}
	slice := func(segs [][2]int) string {
		parts := make([]string, 0, len(segs))
		for _, s := range segs {
			a, b := min(max(s[0], 0), len(runes)), min(max(s[1], 0), len(runes))
			parts = append(parts, string(runes[a:max(a, b)]))
		}
		return strings.Join(parts, " ")
	}
	for _, g := range gold {
		direct := directMark.MatchString(slice(g.content))
		src := quoteWords(quoteNorm(slice(g.source)))
		for w := range src {
			if pronounStop[w] {
				delete(src, w)
			}
		}
		right := func(p predQuote) bool {
			if p.hasSpk {
				for _, s := range g.source {
					if spanOverlap(p.spk, s) > 0 {
						return true
					}
				}
			}
			for w := range src {
				if p.nameSet[w] {
					return true
				}
			}
			return false
		}
		var matched []predQuote
		for _, p := range preds {
			for _, s := range g.content {
				if inside(p, s) {
					matched = append(matched, p)
					break
				}
			}
		}
		c.nGoldAll++
		if len(matched) > 0 {
			c.tpAllG++
			if anyOf(matched, right) {
				c.spkAllOK++
			}
		}
		if direct {
			c.nGoldDir++
			var md []predQuote
			for _, p := range matched {
				if p.direct {
					md = append(md, p)
				}
			}
			if len(md) > 0 {
				c.tpDirG++
				if anyOf(md, right) {
					c.spkOK++
				}
			}
		}
	}
	for _, p := range preds {
		hit := false
		for _, g := range gold {
			for _, s := range g.content {
				hit = hit || inside(p, s)
			}
		}
		c.nPredAll++
		if hit {
			c.tpAllP++
		}
		if p.direct {
			c.nPredDir++
			if hit {
				c.tpDirP++
			}
		}
	}
}

func anyOf(ps []predQuote, f func(predQuote) bool) bool {
	for _, p := range ps {
		if f(p) {
			return true
		}
	}
	return false
}

func quoteRatio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func quoteF1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (c *quoteCounts) scores(docs int) QuoteScores {
	s := QuoteScores{Docs: docs, GoldDirect: c.nGoldDir, PredDirect: c.nPredDir, GoldAll: c.nGoldAll, PredAll: c.nPredAll}
	s.P, s.R = quoteRatio(c.tpDirP, c.nPredDir), quoteRatio(c.tpDirG, c.nGoldDir)
	s.F1, s.Speaker = quoteF1(s.P, s.R), quoteRatio(c.spkOK, c.tpDirG)
	s.PAll, s.RAll = quoteRatio(c.tpAllP, c.nPredAll), quoteRatio(c.tpAllG, c.nGoldAll)
	s.F1All, s.SpeakerAll = quoteF1(s.PAll, s.RAll), quoteRatio(c.spkAllOK, c.tpAllG)
	return s
}
