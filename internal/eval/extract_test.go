package eval

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// devData is the development half of the article-extraction benchmark;
// NEWSGRAPH_DATA overrides the shared data directory.
func devData() string {
	if d := os.Getenv("NEWSGRAPH_DATA"); d != "" {
		return filepath.Join(d, "article-extraction")
	}
	return filepath.Join("..", "..", "..", "shared", "data", "article-extraction")
}

func TestExtractDev(t *testing.T) {
	var out strings.Builder
	res, err := Extract(devData(), &out)
	if errors.Is(err, ErrNoData) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + out.String())
	if res.N == 0 || res.F1 < 0.95 {
		t.Errorf("extract F1 %.3f (P %.3f R %.3f) on %d pages, want >= 0.95", res.F1, res.P, res.R, res.N)
	}
}

func TestExtractNoData(t *testing.T) {
	_, err := Extract(filepath.Join(t.TempDir(), "absent"), io.Discard)
	if !errors.Is(err, ErrNoData) || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %v, want ErrNoData and fs.ErrNotExist", err)
	}
}

func TestTokens(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"Hello, world!", "Hello|world"},
		{"snake_case x2 ½", "snake_case|x2|½"},
		{"naïve café", "naïve|café"},
		{"cafe\u0301", "cafe"}, // a combining mark is not \w in Python
		{"日本語 テキスト", "日本語|テキスト"},
		{"", ""},
	} {
		if got := strings.Join(tokens(tc.in), "|"); got != tc.want {
			t.Errorf("tokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestShinglesAndF1(t *testing.T) {
	// Values computed with score.py's shingles, prf and bench_f1.
	if got := len(shingles("a b c")); got != 1 {
		t.Errorf("short text: %d shingles, want 1", got)
	}
	if got := len(shingles("")); got != 0 {
		t.Errorf("empty text: %d shingles, want 0", got)
	}
	gold := shingles("one two three four five six")
	pred := shingles("one two three four five seven")
	c := compare(gold, pred) // tp 2 fp 1 fn 1
	p, r, f := benchF1([]counts{c, compare(gold, shingles(""))})
	if !near(p, 2.0/3) || !near(r, 1.0/3) || !near(f, 4.0/9) {
		t.Errorf("benchF1 = %v %v %v, want 0.667 0.333 0.444", p, r, f)
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
