package api

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph"
	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// The test corpus: the PolNeAR articles in testdata/polnear and the summit
// article in testdata/summit, analysed and stored once per test binary,
// plus one hostile document (scriptDoc).
var (
	corpusOnce sync.Once
	corpusPath string
	corpusErr  error
	corpusDir  string
)

// scriptID is the id of the hostile document: markup in its title, text,
// entity name and quote.
const scriptID = "5c21a7e0000000000000000000000000000000000000000000000000000000ff"

// TestMain removes the corpus when the tests are done.
func TestMain(m *testing.M) {
	code := m.Run()
	if corpusDir != "" {
		os.RemoveAll(corpusDir)
	}
	os.Exit(code)
}

// corpus returns the path of the test database, building it on first use.
func corpus(t testing.TB) string {
	t.Helper()
	corpusOnce.Do(func() {
		corpusDir, corpusErr = os.MkdirTemp("", "newsgraph-api-test-")
		if corpusErr != nil {
			return
		}
		corpusPath = filepath.Join(corpusDir, "corpus.db")
		corpusErr = buildCorpus(context.Background(), corpusPath, "testdata/polnear")
	})
	if corpusErr != nil {
		t.Fatalf("building the test corpus: %v", corpusErr)
	}
	return corpusPath
}

// buildCorpus analyses the .txt articles of dir, described by its
// metadata.tsv, and stores them with scriptDoc in a new database at path.
func buildCorpus(ctx context.Context, path, dir string) error {
	meta, err := readMeta(filepath.Join(dir, "metadata.tsv"))
	if err != nil {
		return err
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return err
	}
	st, err := sqlite.Open(ctx, path, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	var b store.Batch
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		m := meta[strings.TrimSuffix(filepath.Base(f), ".txt")]
		pub, _ := time.Parse("2006-01-02", m[1])
		d, err := newsgraph.Analyze(ctx, data, newsgraph.Options{Format: newsgraph.FormatText, Name: f, Published: pub,
			URL: "https://" + m[0] + ".example/" + filepath.Base(f)})
		if err != nil {
			return err
		}
		d.Source, d.Author = m[0], m[2]
		if m[3] != "" {
			d.Title = m[3]
		}
		rec, err := store.Prepare(d)
		if err != nil {
			return err
		}
		b.Records = append(b.Records, rec)
	}
	// The summit article (the design's example: captions, credits, a
	// syndication line) as an outlet's own.
	data, err := os.ReadFile(filepath.Join(filepath.Dir(dir), "summit", "alaska-summit.txt"))
	if err != nil {
		return err
	}
	d, err := newsgraph.Analyze(ctx, data, newsgraph.Options{Format: newsgraph.FormatText, Name: "alaska-summit.txt",
		Published: time.Date(2025, 8, 16, 0, 0, 0, 0, time.UTC), URL: "https://guardian.example/alaska-summit"})
	if err != nil {
		return err
	}
	d.Source, d.Title = "guardian", "Trump and Putin meet in Alaska"
	rec, err := store.Prepare(d)
	if err != nil {
		return err
	}
	b.Records = append(b.Records, rec)
	rec, err = store.Prepare(scriptDoc())
	if err != nil {
		return err
	}
	b.Records = append(b.Records, rec)
	_, err = st.Put(ctx, b)
	return err
}

// readMeta reads filename → (outlet, date, author, title).
func readMeta(path string) (map[string][4]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string][4]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(c) == 5 {
			out[c[0]] = [4]string{c[1], c[2], c[3], c[4]}
		}
	}
	return out, sc.Err()
}

// scriptDoc is a document whose every string tries to run a script.
func scriptDoc() *doc.Document {
	text := `Mallory Script said "<script>alert('quote')</script>" to the <b>crowd</b> in Springfield.`
	qs := strings.Index(text, "<script>")
	qe := strings.Index(text, `"`+" to")
	speaker := "e1"
	ss, se := 0, len("Mallory Script")
	pub := time.Date(2016, 10, 1, 0, 0, 0, 0, time.UTC)
	d := &doc.Document{
		ID: scriptID, Title: `<script>alert("title")</script> Headline`, Source: "<i>Evil Outlet</i>",
		URL: "javascript:alert('url')", Published: &pub, Text: text,
		Blocks:    []doc.Block{{Kind: doc.Body, Span: doc.Span{Start: 0, End: len(text)}}},
		Sentences: []doc.Sentence{{Span: doc.Span{Start: 0, End: len(text)}}},
		Entities: []doc.Entity{{ID: "e1", Name: "Mallory <img src=x onerror=alert(1)> Script", Type: doc.Person, Country: "USA",
			Mentions: []doc.Mention{{Span: doc.Span{Start: ss, End: se}, Text: text[ss:se]}}},
			{ID: "e2", Name: "Bob <svg onload=alert(2)>", Type: doc.Person,
				Mentions: []doc.Mention{{Span: doc.Span{Start: strings.Index(text, "crowd"), End: strings.Index(text, "crowd") + 5}, Text: "crowd"}}}},
		Quotes: []doc.Quote{{Text: text[qs:qe], Kind: doc.Direct, Span: doc.Span{Start: qs, End: qe}, Cue: "said",
			CueStart: 15, CueEnd: 19, Speaker: &speaker, SpeakerName: "Mallory <img src=x onerror=alert(1)> Script", SpeakerStart: &ss, SpeakerEnd: &se}},
		Events: []doc.Event{{Type: "ACCUSE", Status: doc.Occurred, Source: []string{"e2"}, Target: []string{"e1"},
			Location: "Springfield", Date: "2016-10-01", Evidence: text, Sentence: 0}},
	}
	d.Fill()
	return d
}
