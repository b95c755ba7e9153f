package eval

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	newsgraph "github.com/newsgraph/newsgraph"
	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/quote"
)

// analyzeWithQuotes runs the default pipeline and, while it has no quote
// stage yet, the quote stage after it.
func analyzeWithQuotes(name string, b []byte) (*doc.Document, error) {
	d, err := newsgraph.Analyze(context.Background(), b, newsgraph.Options{Name: name})
	if err != nil {
		return nil, err
	}
	if !slices.Contains(newsgraph.DefaultPipeline().Stages(), "quote") {
		err = quote.Stage{}.Run(context.Background(), d)
	}
	return d, err
}

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
	r, err := scoreQuotes(filepath.Join(dir, split), w, analyzeWithQuotes)
	if err != nil {
		t.Skip(err)
	}
	s := lastQuoteScores
	t.Logf("%s: direct P %.3f R %.3f F1 %.3f speaker %.3f; all R %.3f", split, r.P, r.R, r.F1, s.Speaker, s.RAll)
}
