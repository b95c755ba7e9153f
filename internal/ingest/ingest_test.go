package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// copyFile copies src to dst, making dst's folder.
func copyFile(t testing.TB, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Corpus builds an input folder with every format and the broken inputs of
// the issue: a truncated .warc.gz, a feed that is not XML, a JSON Lines file
// with a broken line, a binary file, an empty file and an unreadable file
// (a dangling link). It returns the folder.
func corpus(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "in")
	for _, f := range []string{"politics_2016-02-03_council-vote.txt", "undated.txt", "page.html", "binary.bin"} {
		copyFile(t, filepath.Join("testdata", f), filepath.Join(dir, f))
	}
	for _, f := range []string{
		"warc/sample.warc.gz", "warc/sample.warc", "warc/truncated.warc.gz",
		"feed/sample.rss", "feed/sample.atom", "feed/broken.rss",
		"jsonl/sample.jsonl", "jsonl/broken.jsonl",
	} {
		copyFile(t, filepath.Join("..", "source", "testdata", f), filepath.Join(dir, "nested", f))
	}
	if err := os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "no-such-file"), filepath.Join(dir, "gone.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".hidden.txt"), []byte("never read"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func openStore(t testing.TB) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "n.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func docsByURL(t *testing.T, st store.Store) map[string]*doc.Document {
	t.Helper()
	m := map[string]*doc.Document{}
	for d, err := range st.Docs(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		key := d.URL
		if key == "" {
			key = filepath.Base(d.Path)
		}
		m[key] = d
	}
	return m
}

// The failures every run of corpus must report, as file base name and the
// start of the record id.
var wantFailures = []string{
	"binary.bin|", "broken.jsonl|line 2", "broken.jsonl|line 4", "broken.rss|",
	"empty.txt|", "gone.txt|", "sample.rss|item 3", "truncated.warc.gz|record at byte",
}

func TestRunAllFormats(t *testing.T) {
	ctx := context.Background()
	dir := corpus(t)
	st := openStore(t)
	var fails []string
	reasons := map[string]string{}
	opts := Options{Store: st, Workers: 2, BatchSize: 5, Published: time.Date(2016, 5, 1, 0, 0, 0, 0, time.UTC),
		Report: func(e store.IngestError) {
			k := filepath.Base(e.File) + "|" + e.Record
			fails = append(fails, k)
			reasons[k] = e.Reason
		}}
	sum, err := Run(ctx, []string{dir}, opts)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(fails)
	if len(fails) != len(wantFailures) {
		t.Errorf("failures:\n%s\nwant %d like %v", strings.Join(fails, "\n"), len(wantFailures), wantFailures)
	}
	for i, w := range wantFailures {
		if i < len(fails) && !strings.HasPrefix(fails[i], w) {
			t.Errorf("failure %d = %q, want %q…", i, fails[i], w)
		}
	}
	for k, r := range reasons {
		if r == "" {
			t.Errorf("failure %s has no reason", k)
		}
	}
	if !strings.Contains(reasons["binary.bin|"], "binary") || !strings.Contains(reasons["empty.txt|"], "empty") {
		t.Errorf("reasons: %q", reasons)
	}
	// Three loose articles; three WARC captures, two RSS items, two Atom
	// entries and one new JSON Lines record. The copies (the Lopez page in
	// all three WARC files, the Ortiz story and the bridge notice in both
	// JSON Lines files) are the six duplicates.
	const distinct = 11
	if sum.Ingested != distinct || sum.Failed != len(wantFailures) || sum.Duplicates != 6 {
		t.Errorf("summary %+v (%s), want %d ingested, 6 duplicates, %d failed", sum, sum, distinct, len(wantFailures))
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Documents != distinct || stats.Errors != len(wantFailures) {
		t.Errorf("stats %+v", stats)
	}

	docs := docsByURL(t, st)
	lopez := docs["https://herald.example/2016/03/01/lopez-budget"]
	if lopez == nil || !strings.Contains(lopez.Text, "rural hospitals") || lopez.Published == nil || lopez.Published.Format("2006-01-02") != "2016-03-01" {
		t.Errorf("WARC page: %+v", lopez)
	}
	storm := docs["https://post.example/2016/03/05/storm"]
	if storm == nil || storm.Title != "Storm closes schools across the north" || storm.Source != "Northern Post" ||
		len(storm.Images) != 1 || storm.Images[0].Credit != "AP Photo/Kim Ward" {
		t.Errorf("Atom entry: %+v", storm)
	}
	if d := docs["politics_2016-02-03_council-vote.txt"]; d == nil || d.Published == nil || !d.Published.Equal(time.Date(2016, 2, 3, 0, 0, 0, 0, time.UTC)) || d.Title != "Council votes to delay transit plan" {
		t.Errorf("dated text file: %+v", d)
	}
	if d := docs["undated.txt"]; d == nil || d.Published == nil || !d.Published.Equal(opts.Published) {
		t.Errorf("undated text file did not get --published: %+v", d)
	}
	if d := docs["https://ledger.example/a/2"]; d == nil || d.Title != "No fraud found" {
		t.Errorf("JSON Lines html record: %+v", d)
	}
	for _, d := range docs {
		if _, ok := docs[d.URL]; d.ID == "" || !ok && d.Path == "" {
			t.Errorf("document without id or origin: %+v", d)
		}
	}

	// Again: everything is a duplicate, the same failures are recorded once.
	fails = nil
	sum2, err := Run(ctx, []string{dir}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum2.Ingested != 0 || sum2.Duplicates != distinct+6 || sum2.Failed != len(wantFailures) {
		t.Errorf("second run %+v", sum2)
	}
	if stats2, _ := st.Stats(ctx); stats2 != stats {
		t.Errorf("second run changed the corpus: %+v, was %+v", stats2, stats)
	}
}

func TestRunSkipsDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "n.db")
	st, err := sqlite.Open(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	copyFile(t, "testdata/undated.txt", filepath.Join(dir, "a.txt"))
	sum, err := Run(context.Background(), []string{dir}, Options{Store: st, Exclude: []string{db, db + "-wal", db + "-shm"}})
	if err != nil || sum.Ingested != 1 || sum.Failed != 0 {
		t.Errorf("Run = %+v, %v; want the database itself skipped", sum, err)
	}
}

func TestRunMissingPath(t *testing.T) {
	st := openStore(t)
	var got []store.IngestError
	sum, err := Run(context.Background(), []string{filepath.Join(t.TempDir(), "nope")}, Options{Store: st, Report: func(e store.IngestError) { got = append(got, e) }})
	if err != nil || sum.Failed != 1 || len(got) != 1 || !strings.Contains(got[0].Reason, "no such file") {
		t.Errorf("missing path: %+v %v %+v", sum, err, got)
	}
}

func TestRunUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads files whatever their mode; the dangling link of TestRunAllFormats covers unreadable files")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "secret.txt")
	copyFile(t, "testdata/undated.txt", p)
	if err := os.Chmod(p, 0); err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	sum, err := Run(context.Background(), []string{dir}, Options{Store: st})
	if err != nil || sum.Failed != 1 {
		t.Errorf("unreadable file: %+v %v", sum, err)
	}
}

func TestRunCancelled(t *testing.T) {
	st := openStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Run(ctx, []string{"testdata"}, Options{Store: st})
	if !IsInterrupted(err) {
		t.Errorf("cancelled Run error = %v", err)
	}
}

// failingStore fails every Put.
type failingStore struct{ store.Store }

func (failingStore) Put(context.Context, store.Batch) (store.PutResult, error) {
	return store.PutResult{}, errors.New("disk full")
}

func TestRunStoreFails(t *testing.T) {
	_, err := Run(context.Background(), []string{"testdata"}, Options{Store: failingStore{openStore(t)}})
	if err == nil || !strings.Contains(err.Error(), "disk full") || IsInterrupted(err) {
		t.Errorf("Run with a failing store = %v", err)
	}
}

func TestKindOf(t *testing.T) {
	for name, want := range map[string]kind{
		"a.warc.gz": warcFile, "A.WARC": warcFile, "x.jsonl": jsonlFile, "x.ndjson": jsonlFile,
		"f.rss": feedFile, "f.atom": feedFile, "p.html": single, "t.txt": single,
	} {
		if got := kindOf(name, nil); got != want {
			t.Errorf("kindOf(%s) = %v, want %v", name, got, want)
		}
	}
	if kindOf("feed.xml", []byte(`<?xml version="1.0"?><rss version="2.0">`)) != feedFile {
		t.Error("an RSS .xml file is not a feed")
	}
	if kindOf("archive", []byte("WARC/1.1\r\n")) != warcFile {
		t.Error("a WARC file without extension is not WARC")
	}
	if d := dateInName("/x/breitbart_2015-11-11_the-ninth.txt"); d.Format("2006-01-02") != "2015-11-11" {
		t.Errorf("dateInName = %v", d)
	}
	if d := dateInName("/2015-11-11/plain.txt"); !d.IsZero() {
		t.Errorf("dateInName took the folder's date: %v", d)
	}
}
