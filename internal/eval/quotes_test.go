package eval

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/doc"
)

// TestQuotesScorer scores PolNeAR dev (or $NG_QUOTES_SPLIT, e.g. train,
// for development) and logs the figures; -v prints score.py's lines.
func TestQuotesScorer(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "data", "polnear")
	split := os.Getenv("NG_QUOTES_SPLIT")
	if split == "" {
		split = "dev"
		if testing.Short() {
			t.Skip("PolNeAR scoring in -short mode")
		}
	}
	var w io.Writer = io.Discard
	if testing.Verbose() {
		w = os.Stdout
	}
	r, err := scoreQuotes(filepath.Join(dir, split), w, analyzeText)
	if err != nil {
		t.Skip(err)
	}
	s := lastQuoteScores
	t.Logf("%s: direct P %.3f R %.3f F1 %.3f speaker %.3f; all R %.3f", split, r.P, r.R, r.F1, s.Speaker, s.RAll)
}

// TestQuotesMetric checks the metric on a made-up document: a direct
// quotation found with its speaker, an indirect one found without, a
// prediction outside every gold content, and a gold one missed.
func TestQuotesMetric(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"text", "attributions"} {
		if err := os.Mkdir(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	text := "“We won,” Smith said. Jones said taxes would rise. He left. Brown said nothing “new” ."
	//       0123456789...
	idx := func(s string) int { return len([]rune(text[:strings.Index(text, s)])) }
	span := func(s string) string { a := idx(s); return fmt.Sprintf("%d %d", a, a+len([]rune(s))) }
	ann := strings.Join([]string{
		"T1\tContent " + span("“We won,”") + "\t“We won,”",
		"T2\tSource " + span("Smith") + "\tSmith",
		"E1\tAttribution:T9 Content:T1 Source:T2",
		"T3\tContent " + span("taxes would rise") + "\ttaxes would rise",
		"T4\tSource " + span("Jones") + "\tJones",
		"E2\tAttribution:T9 Content:T3 Source:T4",
		"T5\tContent " + span("nothing “new”") + "\tnothing “new”",
		"T6\tSource " + span("Brown") + "\tBrown",
		"E3\tAttribution:T9 Content:T5 Source:T6",
	}, "\n") + "\n"
	if err := os.WriteFile(filepath.Join(root, "text", "a.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "attributions", "a_0a1b.ann"), []byte(ann), 0o644); err != nil {
		t.Fatal(err)
	}
	off := func(s string) (int, int) { a := strings.Index(text, s); return a, a + len(s) }
	analyze := func(string, []byte) (*doc.Document, error) {
		d := &doc.Document{Text: text}
		a, b := off("We won")
		sa, sb := off("Smith")
		d.Quotes = append(d.Quotes, doc.Quote{Kind: doc.Direct, Span: doc.Span{Start: a, End: b}, SpeakerStart: &sa, SpeakerEnd: &sb})
		a, b = off("taxes would rise")
		d.Quotes = append(d.Quotes, doc.Quote{Kind: doc.Indirect, Span: doc.Span{Start: a, End: b}})
		a, b = off("He left")
		d.Quotes = append(d.Quotes, doc.Quote{Kind: doc.Partial, Span: doc.Span{Start: a, End: b}, SpeakerName: "Smith"})
		return d, nil
	}
	r, err := scoreQuotes(root, io.Discard, analyze)
	if err != nil {
		t.Fatal(err)
	}
	s := lastQuoteScores
	// Direct: gold 2 (contents with “), predicted 2 (direct and partial), 1 right each way.
	if s.GoldDirect != 2 || s.PredDirect != 2 || r.P != 0.5 || r.R != 0.5 || s.Speaker != 1 {
		t.Errorf("direct: %+v", s)
	}
	// All: 3 gold, 2 found; 3 predicted, 2 inside a gold content.
	if s.GoldAll != 3 || s.PredAll != 3 || s.RAll != 2.0/3 || s.PAll != 2.0/3 {
		t.Errorf("all: %+v", s)
	}
}

// TestQuotesDump writes false positives, misses and speaker errors on the
// train split to $NG_QUOTES_DUMP (development aid).
func TestQuotesDump(t *testing.T) {
	out := os.Getenv("NG_QUOTES_DUMP")
	if out == "" {
		t.Skip("set NG_QUOTES_DUMP")
	}
	root := filepath.Join("..", "..", "..", "shared", "data", "polnear", "train")
	anns, _ := filepath.Glob(filepath.Join(root, "attributions", "*.ann"))
	sort.Strings(anns)
	seen := map[string]bool{}
	f, _ := os.Create(out)
	defer f.Close()
	dq := regexp.MustCompile(`["“”]`)
	for _, ann := range anns {
		base := annSuffix.ReplaceAllString(filepath.Base(ann), "")
		if seen[base] {
			continue
		}
		seen[base] = true
		p := filepath.Join(root, "text", base+".txt")
		raw, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		gold, _ := parseAnn(ann)
		d, err := analyzeText(p, raw)
		if err != nil {
			t.Fatal(err)
		}
		runes := []rune(d.Text)
		cm := runeIndex(d.Text)
		ctx := func(a, b int) string {
			if b < a {
				a, b = b, a
			}
			return strings.ReplaceAll(string(runes[max(0, a-70):a])+"[["+string(runes[a:b])+"]]"+string(runes[b:min(len(runes), b+50)]), "\n", " / ")
		}
		type pq struct {
			a, b   int
			direct bool
			spk    string // the speaker mention's text, or its name
			name   string // the speaker's name, as the scorer compares it
			s0, s1 int
			kind   string
		}
		var ps []pq
		for _, q := range d.Quotes {
			x := pq{a: cm[q.Start], b: cm[q.End], direct: q.Kind != "indirect", spk: q.SpeakerName, name: q.SpeakerName, s0: -1, s1: -1, kind: string(q.Kind)}
			if q.SpeakerStart != nil {
				x.s0, x.s1 = cm[*q.SpeakerStart], cm[*q.SpeakerEnd]
				x.spk = d.Text[*q.SpeakerStart:*q.SpeakerEnd]
			}
			ps = append(ps, x)
		}
		in := func(p pq, s [2]int) bool {
			return float64(spanOverlap([2]int{p.a, p.b}, s)) >= 0.5*float64(max(1, p.b-p.a))
		}
		for _, p := range ps {
			hit := false
			for _, g := range gold {
				for _, s := range g.content {
					hit = hit || in(p, s)
				}
			}
			if !hit {
				fmt.Fprintf(f, "FP-%s\t%s\t%s\n", p.kind, base, ctx(p.a, p.b))
			}
		}
		for _, g := range gold {
			gt := ""
			for _, s := range g.content {
				gt += string(runes[s[0]:s[1]])
			}
			direct := dq.MatchString(gt)
			var m []pq
			for _, p := range ps {
				for _, s := range g.content {
					if in(p, s) && (p.direct || !direct) {
						m = append(m, p)
						break
					}
				}
			}
			var srcParts []string
			for _, s := range g.source {
				srcParts = append(srcParts, string(runes[s[0]:s[1]]))
			}
			src := strings.Join(srcParts, " ")
			kind := "IND"
			if direct {
				kind = "DIR"
			}
			if len(m) == 0 {
				cue := ""
				for _, s := range g.cue {
					cue += string(runes[s[0]:s[1]]) + " "
				}
				fmt.Fprintf(f, "FN-%s\t%s\t%s\tsrc=%s\tcue=%s\n", kind, base, ctx(g.content[0][0], g.content[len(g.content)-1][1]), src, strings.ToLower(strings.TrimSpace(cue)))
				continue
			}
			srcWords := quoteWords(quoteNorm(src))
			for w := range srcWords {
				if pronounStop[w] {
					delete(srcWords, w)
				}
			}
			ok := false
			for _, p := range m {
				for _, s := range g.source {
					if p.s0 >= 0 && spanOverlap([2]int{p.s0, p.s1}, s) > 0 {
						ok = true
					}
				}
				for w := range quoteWords(quoteNorm(p.name)) {
					ok = ok || srcWords[w]
				}
			}
			if !ok && direct {
				fmt.Fprintf(f, "SPK\t%s\tgot=%q gold=%q\t%s\n", base, m[0].spk, src, ctx(g.content[0][0], g.content[len(g.content)-1][1]))
			}
		}
	}
}
