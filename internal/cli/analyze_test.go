package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph"
)

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(t.Context(), args, IO{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

func writeFiles(t *testing.T, files map[string]string) string {
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestAnalyzeBatch(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.txt":     "The talks ended on Friday. Both sides left.\n",
		"empty.txt": "",
		"b.txt":     "Officials met in Geneva. Photograph: Jane Doe/AFP\nThey agreed to meet again.\n",
		"pic.png":   "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
	})
	if err := os.Mkdir(filepath.Join(dir, "folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	args := []string{"analyze"}
	order := []string{"a.txt", "empty.txt", "folder", "b.txt", "pic.png", "missing.txt"}
	for _, n := range order {
		args = append(args, filepath.Join(dir, n))
	}
	code, out, errs := runCLI(t, "", args...)
	if code != 0 {
		t.Errorf("exit %d with good files in the batch", code)
	}
	var paths []string
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec struct {
			Path   string `json:"path"`
			Blocks []struct {
				Kind string `json:"kind"`
			} `json:"blocks"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("line is not JSON: %v", err)
		}
		paths = append(paths, filepath.Base(rec.Path))
	}
	if got := strings.Join(paths, " "); got != "a.txt b.txt" {
		t.Errorf("records for %q, want a.txt b.txt in order", got)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(lines) != 4 {
		t.Fatalf("want one stderr line per bad file, got:\n%s", errs)
	}
	for i, want := range []string{"empty.txt: empty input", "folder: is a directory", "pic.png: binary data", "missing.txt: no such file"} {
		if !strings.Contains(lines[i], want) {
			t.Errorf("stderr line %d %q does not say %q", i, lines[i], want)
		}
	}
}

func TestAnalyzeNothingGood(t *testing.T) {
	dir := writeFiles(t, map[string]string{"empty.txt": ""})
	code, out, errs := runCLI(t, "", "analyze", filepath.Join(dir, "empty.txt"))
	if code != 1 || out != "" || !strings.Contains(errs, "empty.txt: empty input") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

func TestAnalyzeStdinText(t *testing.T) {
	code, out, errs := runCLI(t, "Mr Trump met Mr Putin in Alaska. Photo: Jane Doe/Reuters\n", "analyze", "-", "--format", "text")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"Mr Trump met Mr Putin in Alaska.", "── Photo credits", "Jane Doe / Reuters"} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
}

func TestAnalyzeSingleJSON(t *testing.T) {
	code, out, _ := runCLI(t, "One sentence here.", "analyze", "--published", "2025-08-16", "-")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(out), &rec); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "url", "source", "title", "published", "text", "blocks", "sentences", "entities", "quotes", "events", "places", "related", "tone"} {
		if _, ok := rec[k]; !ok {
			t.Errorf("record lacks %q", k)
		}
	}
	if _, ok := rec["path"]; ok {
		t.Error("a single record has a path field")
	}
	if rec["published"] != "2025-08-16T00:00:00Z" {
		t.Errorf("published %v", rec["published"])
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"analyze"},
		{"analyze", "--format", "xml", "-"},
		{"analyze", "--published", "Friday", "-"},
		{"nonsense"},
	} {
		if code, _, errs := runCLI(t, "", args...); code != 2 || errs == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
}

// TestAnalyzeRecycles runs a batch whose documents and read buffers are
// recycled (long and short articles, web pages with images and a repaired
// encoding, a refused file between) on one and on three workers, and
// checks each record against one made afresh.
func TestAnalyzeRecycles(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/articles/*")
	pages, _ := filepath.Glob("../source/testdata/html/*.html")
	if len(files) == 0 || len(pages) == 0 {
		t.Fatal("no fixtures in testdata/articles or internal/source/testdata/html")
	}
	files = append(files, pages...)
	bad := filepath.Join(writeFiles(t, map[string]string{"empty.txt": ""}), "empty.txt")
	files = append(append(files, bad), files...)
	var want strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := newsgraph.Analyze(t.Context(), data, newsgraph.Options{Name: f})
		if err != nil {
			continue
		}
		d.Path = f
		b, err := d.AppendJSON(nil)
		if err != nil {
			t.Fatal(err)
		}
		want.Write(append(b, '\n'))
	}
	for _, workers := range []string{"1", "3"} {
		_, out, _ := runCLI(t, "", append([]string{"analyze", "--workers", workers}, files...)...)
		if out != want.String() {
			t.Errorf("--workers %s: the records differ from those made afresh", workers)
		}
	}
}
