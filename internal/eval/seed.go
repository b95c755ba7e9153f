package eval

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsgraph/newsgraph"
	"github.com/newsgraph/newsgraph/doc"
)

// seedGold is the hand-made record of the example article.
type seedGold struct {
	Quotes []struct {
		Text    string  `json:"text"`
		Kind    string  `json:"kind"`
		Speaker *string `json:"speaker"`
	} `json:"quotes"`
	NotQuotes      []string `json:"not_quotes"`
	IndirectQuotes []struct {
		Speaker  string `json:"speaker"`
		Contains string `json:"contains"`
	} `json:"indirect_quotes"`
	Entities []struct {
		Name    string `json:"name"`
		Type    string `json:"type"`
		Country string `json:"country"`
	} `json:"entities"`
	Captions []struct {
		Starts        string   `json:"starts"`
		Photographers []string `json:"photographers"`
		Agencies      []string `json:"agencies"`
	} `json:"captions"`
	Related []struct {
		Title string `json:"title"`
	} `json:"related"`
	Events []struct {
		Type string `json:"type"`
		Note string `json:"note"`
	} `json:"events"`
}

// Seed scores the example article (dir/alaska-summit.txt) against the facts
// a careful reader extracts from it (dir/alaska-summit.gold.json), the way
// score.py seed does: quotes with speakers, non-quotes, indirect quotes,
// entities with type and country, captions with credits, the related link
// and event types. Result.F1 is the share of gold facts right.
func Seed(dir string, w io.Writer) (Result, error) {
	res := Result{Name: "seed"}
	raw, err := os.ReadFile(filepath.Join(dir, "alaska-summit.gold.json"))
	if errors.Is(err, fs.ErrNotExist) {
		return res, fmt.Errorf("seed: %s: %w", dir, ErrNoData)
	}
	if err != nil {
		return res, err
	}
	var gold seedGold
	if err := json.Unmarshal(raw, &gold); err != nil {
		return res, fmt.Errorf("seed: %w", err)
	}
	text, err := os.ReadFile(filepath.Join(dir, "alaska-summit.txt"))
	if err != nil {
		return res, fmt.Errorf("seed: %w", err)
	}
	d, err := newsgraph.Analyze(context.Background(), text, newsgraph.Options{Format: newsgraph.FormatText})
	if err != nil {
		return res, fmt.Errorf("seed: %w", err)
	}
	right, total := 0, 0
	score := func(ok bool, format string, args ...any) {
		total++
		if ok {
			right++
		} else {
			fmt.Fprintf(w, format+"\n", args...)
		}
	}
	names := map[string]string{}
	for _, e := range d.Entities {
		names[e.ID] = e.Name
	}
	type got struct{ text, speaker, kind string }
	var quotes []got
	for _, q := range d.Quotes {
		name := q.SpeakerName
		if name == "" && q.Speaker != nil {
			name = names[*q.Speaker]
		}
		quotes = append(quotes, got{quoteNorm(q.Text), quoteNorm(name), string(q.Kind)})
	}
	for _, g := range gold.Quotes {
		want := ""
		if g.Speaker != nil {
			want = quoteNorm(*g.Speaker)
		}
		ok := false
		for _, q := range quotes {
			ok = ok || q.text == quoteNorm(g.Text) && q.speaker == want
		}
		score(ok, "missed quote: %.50s -> %v", g.Text, want)
	}
	for _, nq := range gold.NotQuotes {
		bad := false
		for _, q := range quotes {
			bad = bad || q.text == quoteNorm(nq) && (q.kind == "direct" || q.kind == "partial" || q.kind == "")
		}
		score(!bad, "false quote: %s", nq)
	}
	for _, g := range gold.IndirectQuotes {
		ok := false
		for _, q := range quotes {
			ok = ok || strings.Contains(q.text, quoteNorm(g.Contains)) && q.speaker == quoteNorm(g.Speaker)
		}
		score(ok, "missed indirect: %.50s", g.Contains)
	}
	byName := map[string]doc.Entity{}
	for _, e := range d.Entities {
		byName[quoteNorm(e.Name)] = e
	}
	for _, g := range gold.Entities {
		e, found := byName[quoteNorm(g.Name)]
		ok := found && (strings.HasPrefix(string(e.Type), g.Type[:3]) ||
			(g.Type == "LOC" || g.Type == "FAC") && (e.Type == doc.Loc || e.Type == doc.Fac || e.Type == "GPE"))
		if ok && g.Country != "" {
			ok = e.Country == g.Country
		}
		score(ok, "entity wrong/missing: %s (got %s %s %s)", g.Name, e.Name, e.Type, e.Country)
	}
	for _, g := range gold.Captions {
		ok := false
		for _, b := range d.Blocks {
			if b.Kind == doc.Caption && b.Credit != nil && strings.HasPrefix(d.Slice(b.Span), g.Starts) {
				ok = sameNames(b.Credit.Photographers, g.Photographers) && sameNames(b.Credit.Agencies, g.Agencies)
			}
		}
		score(ok, "caption/credit wrong: %.40s", g.Starts)
	}
	if len(gold.Related) > 0 {
		ok := false
		for _, r := range d.Related {
			ok = ok || quoteNorm(r.Title) == quoteNorm(gold.Related[0].Title)
		}
		score(ok, "related link missing")
	}
	types := map[string]bool{}
	for _, ev := range d.Events {
		types[ev.Type] = true
	}
	for _, g := range gold.Events {
		score(types[g.Type], "event type missing: %s (%s)", g.Type, g.Note)
	}
	res.N = total
	res.F1 = float64(right) / float64(max(total, 1))
	res.P, res.R = res.F1, res.F1
	fmt.Fprintf(w, "seed: %d of %d gold facts right (%.0f%%)\n", right, total, 100*res.F1)
	return res, nil
}

func sameNames(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if quoteNorm(a[i]) != quoteNorm(b[i]) {
			return false
		}
	}
	return true
}
