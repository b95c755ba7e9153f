package postgres

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// repoRoot returns the folder holding go.mod.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = parent
	}
}

// buildNewsgraph builds the command into dir.
func buildNewsgraph(t *testing.T, root, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "newsgraph")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/newsgraph")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// articles returns up to n article files: PolNeAR's training texts when
// the shared data is beside the repository, else the project's fixtures.
func articles(t *testing.T, root string, n int) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(root, "..", "shared", "data", "polnear", "train", "text", "*.txt"))
	if len(files) == 0 {
		files, _ = filepath.Glob(filepath.Join(root, "testdata", "articles", "*.txt"))
		more, _ := filepath.Glob(filepath.Join(root, "examples", "*.txt"))
		files = append(files, more...)
		t.Logf("PolNeAR not found beside the repository: using %d fixture articles", len(files))
	}
	if len(files) < 8 {
		t.Skip("too few articles for the multi-process test")
	}
	sort.Strings(files)
	return files[:min(n, len(files))]
}

// overlapping lays out the articles in four folders, each sharing half its
// files with the next, plus a copy of one article under another name.
func overlapping(t *testing.T, files []string, dir string) []string {
	t.Helper()
	q := len(files) / 4
	var folders []string
	for i := range 4 {
		f := filepath.Join(dir, fmt.Sprintf("in%d", i))
		if err := os.MkdirAll(f, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, j := range []int{i, (i + 1) % 4} {
			for _, src := range files[j*q : (j+1)*q] {
				copyFile(t, src, filepath.Join(f, filepath.Base(src)))
			}
		}
		folders = append(folders, f)
	}
	copyFile(t, files[2*q], filepath.Join(folders[0], "copy-of-"+filepath.Base(files[2*q])))
	// Syndicated copies (a line added: another document, the same story),
	// each in a folder whose workers did not read the original.
	for k := range 3 {
		b, err := os.ReadFile(files[k*q+1])
		if err != nil {
			t.Fatal(err)
		}
		b = append(b, "\n\nThis story was distributed by the Associated Press.\n"...)
		name := filepath.Join(folders[(k+2)%4], "syndicated-"+filepath.Base(files[k*q+1]))
		if err := os.WriteFile(name, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return folders
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// worker is one running "newsgraph ingest".
type worker struct {
	cmd     *exec.Cmd
	stored  chan struct{} // receives after each batch stored
	done    chan error
	stdout  strings.Builder
	mu      sync.Mutex
	stderrs []string
}

// start runs bin with args, watching its -v log for stored batches.
func start(t *testing.T, bin string, args ...string) *worker {
	t.Helper()
	w := &worker{cmd: exec.Command(bin, args...), stored: make(chan struct{}, 1000), done: make(chan error, 1)}
	w.cmd.Stdout = &w.stdout
	stderr, err := w.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := w.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			if strings.Contains(line, "batch stored") {
				w.stored <- struct{}{}
			} else {
				w.mu.Lock()
				w.stderrs = append(w.stderrs, line)
				w.mu.Unlock()
			}
		}
		io.Copy(io.Discard, stderr)
		w.done <- w.cmd.Wait()
	}()
	return w
}

// wait waits for the worker and fails the test unless it exited with 0.
func (w *worker) wait(t *testing.T, name string) {
	t.Helper()
	select {
	case err := <-w.done:
		if err != nil {
			w.mu.Lock()
			t.Errorf("%s: %v\n%s\n%s", name, err, w.stdout.String(), strings.Join(w.stderrs, "\n"))
			w.mu.Unlock()
		}
	case <-time.After(5 * time.Minute):
		w.cmd.Process.Kill()
		t.Fatalf("%s did not finish", name)
	}
}

// TestWorkers runs four "newsgraph ingest" processes at once against one
// PostgreSQL database on overlapping folders, kills one of them with
// SIGKILL after it has stored a batch, runs it again, and checks that
// every distinct document is stored exactly once, with all its facts and
// nothing orphaned, and that the corpus counts are those of one SQLite
// ingest of the same folders. It does so with plain workers (each reads
// its own folders; ON CONFLICT keeps documents single) and with --queue
// workers (the files are shards claimed from a work table; the killed
// worker's shards are taken over when its lease runs out).
func TestWorkers(t *testing.T) {
	testURL(t)
	if testing.Short() {
		t.Skip("builds the command and runs it several times")
	}
	root := repoRoot(t)
	tmp := t.TempDir()
	bin := buildNewsgraph(t, root, tmp)
	folders := overlapping(t, articles(t, root, 240), tmp)

	// The reference: one process, SQLite.
	ref := filepath.Join(tmp, "ref.db")
	w := start(t, bin, append([]string{"ingest", "--db", ref, "-v"}, folders...)...)
	w.wait(t, "sqlite ingest")
	rs, err := sqlite.Open(context.Background(), ref, nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := rs.Stats(context.Background())
	rs.Close()
	if err != nil {
		t.Fatal(err)
	}
	if want.Documents < len(folders) || want.Stories == 0 {
		t.Fatalf("reference ingest stored %d documents in %d stories", want.Documents, want.Stories)
	}
	t.Logf("reference (SQLite, one process): %+v", want)

	for _, mode := range []string{"plain", "queue"} {
		t.Run(mode, func(t *testing.T) {
			dsn := freshSchema(t)
			args := func(i int) []string {
				a := []string{"ingest", "--db", dsn, "-v", "--workers", "1", "--batch", "8"}
				if mode == "queue" {
					a = append(a, "--queue", "--job", "test", "--lease", "2s")
				}
				return append(a, folders[i], folders[(i+1)%4])
			}
			var ws []*worker
			for i := range 4 {
				ws = append(ws, start(t, bin, args(i)...))
			}
			// Kill worker 1 once it has stored two batches.
			victim := ws[1]
			killed := false
			for n := 0; n < 2; n++ {
				select {
				case <-victim.stored:
				case err := <-victim.done:
					victim.done <- err
					n = 2
				case <-time.After(2 * time.Minute):
					t.Fatal("worker 1 stored nothing")
				}
			}
			if err := victim.cmd.Process.Kill(); err == nil {
				select {
				case err := <-victim.done:
					killed = err != nil && strings.Contains(err.Error(), "killed")
				case <-time.After(time.Minute):
					t.Fatal("worker 1 did not die")
				}
			}
			if !killed {
				t.Log("worker 1 had finished before it could be killed")
			}
			for i, w := range ws {
				if i != 1 {
					w.wait(t, fmt.Sprintf("worker %d", i))
				}
			}
			again := start(t, bin, args(1)...)
			again.wait(t, "worker 1 again")
			checkCorpus(t, dsn, want, mode == "queue")
			t.Logf("%s: worker 1 killed halfway: %v", mode, killed)
		})
	}
}

// checkCorpus compares the PostgreSQL corpus with the SQLite reference and
// checks it for orphans and half-written documents.
func checkCorpus(t *testing.T, dsn string, want store.Stats, queue bool) {
	t.Helper()
	ctx := context.Background()
	s := openTest(t, dsn)
	defer s.Close()
	got, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("PostgreSQL, four workers: %+v", got)
	if got.Documents != want.Documents || got.Quotes != want.Quotes || got.Entities != want.Entities ||
		got.Mentions != want.Mentions || got.Events != want.Events || got.Stories != want.Stories || got.Errors != want.Errors {
		t.Errorf("corpus differs from one SQLite ingest:\n got %+v\nwant %+v", got, want)
	}
	if got.Quotations != want.Quotations {
		// Quotation linking is greedy, so it depends a little on the order
		// in which the batches were stored.
		t.Logf("quotations: %d, SQLite %d", got.Quotations, want.Quotations)
	}
	checks := map[string]string{
		"documents stored twice":     `SELECT count(*) - count(DISTINCT id) FROM docs`,
		"orphaned quotes":            `SELECT count(*) FROM quotes x WHERE NOT EXISTS (SELECT 1 FROM docs d WHERE d.id = x.doc_id)`,
		"orphaned entities":          `SELECT count(*) FROM entities x WHERE NOT EXISTS (SELECT 1 FROM docs d WHERE d.id = x.doc_id)`,
		"orphaned events":            `SELECT count(*) FROM events x WHERE NOT EXISTS (SELECT 1 FROM docs d WHERE d.id = x.doc_id)`,
		"orphaned event actors":      `SELECT count(*) FROM event_actors x WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.doc_id = x.doc_id AND e.idx = x.event_idx)`,
		"orphaned bands":             `SELECT count(*) FROM doc_bands x WHERE NOT EXISTS (SELECT 1 FROM docs d WHERE d.id = x.doc_id)`,
		"orphaned story keys":        `SELECT count(*) FROM story_keys x WHERE NOT EXISTS (SELECT 1 FROM docs d WHERE d.id = x.doc_id)`,
		"quotes without quotation":   `SELECT count(*) FROM quotes x WHERE NOT EXISTS (SELECT 1 FROM quotations q WHERE q.id = x.quotation)`,
		"shingles without quotation": `SELECT count(*) FROM quote_shingles x WHERE NOT EXISTS (SELECT 1 FROM quotations q WHERE q.id = x.quotation)`,
		"stories without a document": `SELECT count(*) FROM (SELECT DISTINCT story FROM docs) x WHERE NOT EXISTS (SELECT 1 FROM docs d WHERE d.id = x.story)`,
		"documents missing quotes": `SELECT count(*) FROM docs d WHERE coalesce(json_array_length(d.json::json -> 'quotes'), 0) <>
			(SELECT count(*) FROM quotes q WHERE q.doc_id = d.id)`,
		"documents missing events": `SELECT count(*) FROM docs d WHERE coalesce(json_array_length(d.json::json -> 'events'), 0) <>
			(SELECT count(*) FROM events e WHERE e.doc_id = d.id)`,
	}
	if queue {
		checks["shards not done"] = `SELECT count(*) FROM shards WHERE done_at IS NULL`
	}
	for what, q := range checks {
		var n int
		if err := s.pool.QueryRow(ctx, q).Scan(&n); err != nil {
			t.Errorf("%s: %v", what, err)
		} else if n != 0 {
			t.Errorf("%s: %d", what, n)
		}
	}
}
