package cli

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/polnear"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

func copyTo(t testing.TB, src, dst string) {
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

// crashCorpus builds the input of the acceptance test: the PolNeAR train
// texts (or, with -short or without the shared data, 300 generated
// articles), twenty copies of them under other names, and broken files.
func crashCorpus(t *testing.T) (dir string, articles int) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "corpus")
	var names []string
	src, ok := polnear.Path("train")
	if entries, err := os.ReadDir(src); ok && err == nil && !testing.Short() {
		for _, e := range entries {
			copyTo(t, filepath.Join(src, e.Name()), filepath.Join(dir, "polnear", e.Name()))
			names = append(names, filepath.Join(dir, "polnear", e.Name()))
		}
	} else {
		for i := range 300 {
			p := filepath.Join(dir, "gen", fmt.Sprintf("article-%03d.txt", i))
			text := fmt.Sprintf("Council meeting number %d\n\nThe council of district %d met on Monday to discuss item %d of the budget. "+
				"Councillor Jane Row%d said the plan would cost %d thousand dollars. \"We cannot afford item %d,\" she said.\n", i, i, i, i, i*7, i)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			names = append(names, p)
		}
	}
	for i := range 20 {
		copyTo(t, names[i*len(names)/20], filepath.Join(dir, "copies", fmt.Sprintf("copy-of-%02d.txt", i)))
	}
	copyTo(t, "../source/testdata/warc/truncated.warc.gz", filepath.Join(dir, "broken", "truncated.warc.gz"))
	copyTo(t, "../source/testdata/feed/broken.rss", filepath.Join(dir, "broken", "broken.rss"))
	if err := os.WriteFile(filepath.Join(dir, "broken", "photo.jpg"), []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, len(names)
}

const childEnv = "NEWSGRAPH_TEST_CLI_CHILD"

// TestIngestChild is the child process of TestIngestKill9: it runs the
// command line in $NEWSGRAPH_TEST_CLI_CHILD (separated by U+001F).
func TestIngestChild(t *testing.T) {
	args := os.Getenv(childEnv)
	if args == "" {
		t.Skip("helper process of TestIngestKill9")
	}
	os.Exit(Run(context.Background(), strings.Split(args, "\x1f"), Std()))
}

var summaryLine = regexp.MustCompile(`^ingested (\d+), duplicates (\d+), failed (\d+)\n$`)

func countDocs(path string) int {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(2000)")
	if err != nil {
		return 0
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM docs").Scan(&n); err != nil {
		return 0
	}
	return n
}

func dbStats(t *testing.T, path string) store.Stats {
	t.Helper()
	st, err := sqlite.Open(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// checkConsistent asserts that the database is whole: SQLite's and FTS5's
// integrity checks pass and every document's facts are in the tables.
func checkConsistent(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ok string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("integrity_check: %q %v", ok, err)
	}
	for _, fts := range []string{"docs_fts", "quotes_fts"} {
		if _, err := db.Exec("INSERT INTO " + fts + "(" + fts + ") VALUES ('integrity-check')"); err != nil {
			t.Errorf("%s integrity-check: %v", fts, err)
		}
	}
	for _, c := range []struct{ layer, table string }{{"quotes", "quotes"}, {"entities", "entities"}, {"events", "events"}} {
		var inJSON, inTable int
		if err := db.QueryRow("SELECT coalesce(sum(json_array_length(json, '$." + c.layer + "')), 0) FROM docs").Scan(&inJSON); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRow("SELECT count(*) FROM " + c.table).Scan(&inTable); err != nil {
			t.Fatal(err)
		}
		if inJSON != inTable {
			t.Errorf("%s: %d in the documents, %d rows", c.layer, inJSON, inTable)
		}
	}
}

// TestIngestKill9 is the acceptance test of the corpus: the PolNeAR texts
// plus twenty copies and broken files store exactly the distinct articles;
// an ingest killed with SIGKILL halfway and run again ends with the same
// counts, nothing doubled and nothing half-written.
func TestIngestKill9(t *testing.T) {
	dir, articles := crashCorpus(t)
	tmp := t.TempDir()

	// Reference: one uninterrupted run.
	ref := filepath.Join(tmp, "ref.db")
	code, out, errs := runCmd(t, "ingest", "--db", ref, dir)
	m := summaryLine.FindStringSubmatch(out)
	if code != 0 || m == nil {
		t.Fatalf("reference ingest: exit %d, %q\n%s", code, out, errs)
	}
	want := dbStats(t, ref)
	t.Logf("%d articles: %s; %+v", articles, strings.TrimSpace(out), want)
	if want.Errors != 3 || m[3] != "3" {
		t.Errorf("failures: %d stored, %s reported, want 3 (truncated WARC, not-XML feed, binary)", want.Errors, m[3])
	}
	for _, f := range []string{"truncated.warc.gz", "broken.rss", "photo.jpg"} {
		if !strings.Contains(errs, f) {
			t.Errorf("failure of %s not on stderr:\n%s", f, errs)
		}
	}
	// Every article but the copies is stored: the copies and any repeat
	// within the corpus are the duplicates.
	if want.Documents+atoi(m[2]) != articles+20+1 || want.Documents > articles+1 {
		t.Errorf("%d documents + %s duplicates, want %d articles + 20 copies + 1 record of the truncated WARC", want.Documents, m[2], articles)
	}

	// Again into the same database: nothing new.
	code, out, _ = runCmd(t, "ingest", "--db", ref, dir)
	if code != 0 || out != fmt.Sprintf("ingested 0, duplicates %d, failed 3\n", want.Documents+atoi(m[2])) {
		t.Errorf("second ingest: exit %d, %q", code, out)
	}
	if got := dbStats(t, ref); got != want {
		t.Errorf("second ingest changed the counts: %+v", got)
	}

	// Killed halfway, then run again.
	db := filepath.Join(tmp, "killed.db")
	args := []string{"ingest", "--db", db, "--workers", "1", "--batch", "8", dir}
	cmd := exec.Command(os.Args[0], "-test.run=^TestIngestChild$")
	cmd.Env = append(os.Environ(), childEnv+"="+strings.Join(args, "\x1f"))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Minute)
	for countDocs(db) < want.Documents/3 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Logf("kill: %v", err)
	}
	err := cmd.Wait()
	partial := countDocs(db)
	t.Logf("killed (%v) with %d of %d documents stored", err, partial, want.Documents)
	if partial >= want.Documents {
		t.Log("the child finished before it was killed; the rerun is then only an idempotence check")
	}
	code, out, errs = runCmd(t, "ingest", "--db", db, dir)
	if code != 0 || !summaryLine.MatchString(out) {
		t.Fatalf("rerun: exit %d %q\n%s", code, out, errs)
	}
	got := dbStats(t, db)
	if got.Documents != want.Documents || got.Quotes != want.Quotes || got.Entities != want.Entities ||
		got.Mentions != want.Mentions || got.Events != want.Events || got.Errors != want.Errors {
		t.Errorf("after kill -9 and rerun: %+v\nwant %+v", got, want)
	}
	if got.Quotations != want.Quotations || got.Stories != want.Stories {
		t.Logf("linking depends on the order of arrival: %d quotations and %d stories, %d and %d in one run",
			got.Quotations, got.Stories, want.Quotations, want.Stories)
	}
	checkConsistent(t, db)
	checkConsistent(t, ref)
}

func atoi(s string) int {
	n := 0
	fmt.Sscan(s, &n)
	return n
}

func TestIngestStrict(t *testing.T) {
	dir := t.TempDir()
	copyTo(t, "../ingest/testdata/undated.txt", filepath.Join(dir, "a.txt"))
	copyTo(t, "../ingest/testdata/binary.bin", filepath.Join(dir, "b.bin"))
	db := filepath.Join(t.TempDir(), "n.db")
	code, out, errs := runCmd(t, "ingest", dir, "--db", db)
	if code != 0 || out != "ingested 1, duplicates 0, failed 1\n" || !strings.Contains(errs, "b.bin") || !strings.Contains(errs, "binary") {
		t.Errorf("ingest: exit %d %q %q", code, out, errs)
	}
	code, out, _ = runCmd(t, "ingest", "--strict", "--db", db, dir)
	if code != 1 || out != "ingested 0, duplicates 1, failed 1\n" {
		t.Errorf("ingest --strict: exit %d %q", code, out)
	}
	if strings.Contains(errs, "\r") || strings.Contains(errs, "articles,") {
		t.Errorf("progress shown when stderr is not a terminal: %q", errs)
	}
}

func TestIngestUsage(t *testing.T) {
	if code, _, _ := runCmd(t, "ingest"); code != 2 {
		t.Errorf("ingest without paths: exit %d", code)
	}
	if code, _, errs := runCmd(t, "ingest", "--published", "soon", "x"); code != 2 || !strings.Contains(errs, "--published") {
		t.Errorf("bad --published: exit %d %q", code, errs)
	}
}
