package newsgraph_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph"
	"github.com/newsgraph/newsgraph/doc"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func analyzeFile(t testing.TB, path string, opts newsgraph.Options) *doc.Document {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	opts.Name = path
	d, err := newsgraph.Analyze(t.Context(), data, opts)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return d
}

// TestInvariants runs the pipeline on every fixture and checks the
// document invariants (spans in range and on rune boundaries, blocks tiling
// the text, sentences and tokens nested and ordered, texts matching spans).
func TestInvariants(t *testing.T) {
	files, _ := filepath.Glob("testdata/articles/*")
	if len(files) == 0 {
		t.Fatal("no fixtures in testdata/articles")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, _ := os.ReadFile(f)
			d := analyzeFile(t, f, newsgraph.Options{})
			if err := d.Check(); err != nil {
				t.Error(err)
			}
			if d.Text != string(data) {
				t.Error("plain-text input was not kept byte for byte")
			}
		})
	}
}

// TestGolden pins the whole JSON record of the example article. Run
// "go test -run TestGolden -update ." to accept a deliberate change, and
// read the diff before committing it.
func TestGolden(t *testing.T) {
	pub := time.Date(2025, 8, 16, 0, 0, 0, 0, time.UTC)
	d := analyzeFile(t, "examples/alaska-summit.txt", newsgraph.Options{Published: pub})
	got, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := "testdata/golden/alaska-summit.json"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s; diff it with -update and git diff", golden)
	}
}

// TestExampleCaptions checks the layout facts of the example against what a
// careful reader finds (shared/corpus/alaska-summit.gold.json).
func TestExampleCaptions(t *testing.T) {
	d := analyzeFile(t, "examples/alaska-summit.txt", newsgraph.Options{})
	want := []struct{ starts, photographers, agencies string }{
		{"Russian president Vladimir Putin and US president Donald Trump before", "Sergey Bobylev", "POOL|AFP|Getty Images"},
		{"US president Donald Trump and Russian president Vladimir Putin stand", "Gavriil Grigorov", "Pool|AFP|Getty Images"},
		{"Presidents Trump and Putin walk down", "Andrew Harnik", "Getty Images"},
		{"US President Donald Trump and Russian President Vladimir Putin meet", "Andrew Caballero-Reynolds", "AFP|Getty Images"},
		{"US president Donald Trump extends his hand", "Andrew Caballero-Reynolds", "AFP|Getty Images"},
		{"Protesters hold up Ukrainian flags", "Bastien Inzaurralde", "AFP|Getty Images"},
		{"Supporters of US president Donald Trump gather", "Ash Adams", "The New York Times"},
	}
	var caps []doc.Block
	for _, b := range d.Blocks {
		if b.Kind == doc.Caption {
			caps = append(caps, b)
		}
	}
	if len(caps) != len(want) {
		t.Fatalf("%d captions, want %d", len(caps), len(want))
	}
	for i, w := range want {
		c := caps[i]
		if !strings.HasPrefix(d.Slice(c.Span), w.starts) {
			t.Errorf("caption %d starts %.50q, want %q", i, d.Slice(c.Span), w.starts)
		}
		if got := strings.Join(c.Credit.Photographers, "|"); got != w.photographers {
			t.Errorf("caption %d photographers %q, want %q", i, got, w.photographers)
		}
		if got := strings.Join(c.Credit.Agencies, "|"); got != w.agencies {
			t.Errorf("caption %d agencies %q, want %q", i, got, w.agencies)
		}
		for _, s := range d.Sentences {
			if d.Blocks[s.Block].Kind == doc.Body && s.Overlaps(c.Span) {
				t.Errorf("body sentence %q overlaps caption %d", d.Slice(s.Span), i)
			}
		}
	}
	if len(d.Related) != 1 || d.Related[0].Title != "Donald Trump and Vladimir Putin meet in Alaska for high-stakes summit on Ukraine" {
		t.Errorf("related links %+v", d.Related)
	}
	last := d.Blocks[len(d.Blocks)-2]
	if last.Kind != doc.Syndication || strings.Join(last.Credit.Agencies, "|") != "Bloomberg|Guardian" {
		t.Errorf("syndication block %+v", last)
	}
}

func TestBadInput(t *testing.T) {
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...)
	pdf := []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n\x00\x00")
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"empty.txt", nil, newsgraph.ErrEmpty},
		{"blank.txt", []byte(" \n\t\n"), newsgraph.ErrEmpty},
		{"image.png", png, newsgraph.ErrBinary},
		{"paper.pdf", pdf, newsgraph.ErrBinary},
		{"nav.html", []byte("<html><body><nav><a href=/a>Home</a></nav></body></html>"), newsgraph.ErrNotArticle},
	}
	for _, c := range cases {
		_, err := newsgraph.Analyze(t.Context(), c.data, newsgraph.Options{Name: c.name})
		if !errors.Is(err, c.want) {
			t.Errorf("%s: err %v, want %v", c.name, err, c.want)
		}
	}
}

// TestTextThatLooksLikeAMagicNumber keeps articles whose first letters
// spell a file signature ("BM" is BMP's, "ID3" MP3's, "OTTO" a font's).
func TestTextThatLooksLikeAMagicNumber(t *testing.T) {
	for _, s := range []string{
		"BMW shares rose 3% on Friday after the carmaker raised its forecast.",
		"ID3 tags were the subject of a patent dispute, a court heard.",
		"OTTO Group said on Tuesday it would cut 1,000 jobs.",
	} {
		if _, err := newsgraph.Analyze(t.Context(), []byte(s), newsgraph.Options{Name: "a.txt"}); err != nil {
			t.Errorf("%.20q: %v", s, err)
		}
	}
}

func TestInvalidUTF8IsRepaired(t *testing.T) {
	latin1 := []byte("Caf\xe9 owners in Z\xfcrich said the talks \x96 held on Friday \x96 went well.")
	d, err := newsgraph.Analyze(t.Context(), latin1, newsgraph.Options{Name: "a.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Text, "Café owners in Zürich") || len(d.Diagnostics) != 1 {
		t.Errorf("text %q diagnostics %+v", d.Text, d.Diagnostics)
	}
	mixed := []byte("Caf\xc3\xa9 and a bad byte \xff here.")
	d, err = newsgraph.Analyze(t.Context(), mixed, newsgraph.Options{Name: "b.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Text != "Café and a bad byte \uFFFD here." || d.Check() != nil {
		t.Errorf("text %q", d.Text)
	}
}

// TestLongLine analyses a single 50 MB line: no stage may be quadratic.
func TestLongLine(t *testing.T) {
	if testing.Short() {
		t.Skip("long input")
	}
	var b strings.Builder
	for b.Len() < 50<<20 {
		b.WriteString("The minister said the talks in Geneva would resume on Monday, and officials agreed. ")
	}
	d, err := newsgraph.Analyze(t.Context(), []byte(b.String()), newsgraph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Blocks) != 1 || len(d.Sentences) < 500000 {
		t.Errorf("%d blocks, %d sentences", len(d.Blocks), len(d.Sentences))
	}
}

func TestContentID(t *testing.T) {
	a := newsgraph.ContentID("The talks ended.\n\nBoth sides  left. ")
	b := newsgraph.ContentID("  The talks ended. Both sides left.")
	c := newsgraph.ContentID("The talks ended. Both sides stayed.")
	if a != b || a == c || len(a) != 64 {
		t.Errorf("ids %s %s %s", a, b, c)
	}
}

func TestPipelineOrder(t *testing.T) {
	if got := strings.Join(newsgraph.DefaultPipeline().Stages(), " "); !strings.HasPrefix(got, "layout text") {
		t.Errorf("stages %q", got)
	}
}

// TestAnalyzeInto analyses the fixtures (articles, and web pages with
// images and a repaired encoding) one after another into one document,
// with a refused input between, and checks that each record is the one
// Analyze makes afresh: nothing of an earlier article shows through the
// reused memory.
func TestAnalyzeInto(t *testing.T) {
	files, _ := filepath.Glob("testdata/articles/*")
	pages, _ := filepath.Glob("internal/source/testdata/html/*.html")
	files = append(files, pages...)
	files = append(files, files...)
	var d doc.Document
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		opts := newsgraph.Options{Name: f}
		want, werr := newsgraph.Analyze(t.Context(), data, opts)
		err = newsgraph.AnalyzeInto(t.Context(), &d, data, opts)
		if (err == nil) != (werr == nil) {
			t.Fatalf("%s: AnalyzeInto: %v, Analyze: %v", f, err, werr)
		}
		if err != nil {
			if d.Text != "" || len(d.Entities) != 0 {
				t.Fatalf("%s: after a refused input the document still holds the last record", f)
			}
			continue
		}
		wj, _ := want.AppendJSON(nil)
		gj, _ := d.AppendJSON(nil)
		if !bytes.Equal(gj, wj) {
			t.Errorf("%s (file %d): the record made in reused memory differs from a fresh one", f, i)
		}
		if len(d.Tokens) != len(want.Tokens) {
			t.Errorf("%s: %d tokens in reused memory, %d fresh", f, len(d.Tokens), len(want.Tokens))
		}
		if i%2 == 1 {
			if err := newsgraph.AnalyzeInto(t.Context(), &d, []byte(" \n"), opts); !errors.Is(err, newsgraph.ErrEmpty) {
				t.Fatalf("empty input: %v, want ErrEmpty", err)
			}
			if d.Text != "" || len(d.Entities) != 0 {
				t.Fatal("after a refused input the document still holds the last record")
			}
		}
	}
}
