package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/storetest"
)

func open(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		return open(t, filepath.Join(t.TempDir(), "test.db"))
	})
}

func TestReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "n.db")
	s := open(t, path)
	if _, err := s.Put(ctx, store.Batch{Records: storetest.Records(t, storetest.Corpus()...)}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = open(t, path)
	defer s.Close()
	st, err := s.Stats(ctx)
	if err != nil || st.Documents != 4 || st.Schema != SchemaVersion {
		t.Errorf("after reopen: %+v %v", st, err)
	}
	var mode string
	if err := s.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v", mode, err)
	}
	var meta string
	if err := s.db.QueryRow("SELECT value FROM meta WHERE key = 'schema_version'").Scan(&meta); err != nil || meta != strconv.Itoa(SchemaVersion) {
		t.Errorf("meta schema_version = %q, %v", meta, err)
	}
}

// unchanged asserts that opening path fails with want and leaves the file
// (and its neighbours) exactly as they were.
func unchanged(t *testing.T, path string, want error) {
	t.Helper()
	before, _ := os.ReadFile(path)
	entries, _ := os.ReadDir(filepath.Dir(path))
	_, err := Open(context.Background(), path, nil)
	if !errors.Is(err, want) {
		t.Fatalf("Open = %v, want %v", err, want)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("refused file was modified")
	}
	if entries2, _ := os.ReadDir(filepath.Dir(path)); len(entries2) != len(entries) {
		t.Errorf("refusal left files behind: %d entries, were %d", len(entries2), len(entries))
	}
}

func TestRefuseNotSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(path, []byte("these are my notes, not a database\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	unchanged(t, path, store.ErrNotNewsgraph)
}

func TestRefuseOtherSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE t(x); INSERT INTO t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	unchanged(t, path, store.ErrNotNewsgraph)
}

func TestRefuseNewer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	open(t, path).Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA user_version = 99; PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	unchanged(t, path, store.ErrTooNew)
}

func TestEmptyFileIsFresh(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	open(t, path).Close()
}

func TestErrorClearedBySuccess(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "e.db"))
	defer s.Close()
	if _, err := s.Put(ctx, store.Batch{Errors: []store.IngestError{{File: "a.jsonl", Record: "line 2", Reason: "bad"}, {File: "a.jsonl", Record: "line 3", Reason: "bad"}}}); err != nil {
		t.Fatal(err)
	}
	recs := storetest.Records(t, storetest.Corpus()[0])
	recs[0].File, recs[0].Item = "a.jsonl", "line 2"
	if _, err := s.Put(ctx, store.Batch{Records: recs}); err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Errors != 1 {
		t.Errorf("errors after the fixed record went in: %+v %v", st, err)
	}
}

// TestQuoteRepeatedInDocument links a quotation printed twice in one
// article (in the lead and again, trimmed, further down).
func TestQuoteRepeatedInDocument(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "q.db"))
	defer s.Close()
	d := storetest.Corpus()[0]
	q := d.Quotes[0]
	q2 := q
	q2.Text = strings.TrimSuffix(q.Text, ",")
	q2.End--
	d.Quotes = append(d.Quotes, q2)
	if _, err := s.Put(ctx, store.Batch{Records: storetest.Records(t, d)}); err != nil {
		t.Fatal(err)
	}
	gs, err := s.Quotations(ctx, store.QuoteQuery{})
	if err != nil || len(gs) != 1 || len(gs[0].Quotes) != 2 || gs[0].Articles != 1 {
		t.Errorf("quotations = %+v, %v", gs, err)
	}
}
