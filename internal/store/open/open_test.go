package open

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

func TestIsPostgres(t *testing.T) {
	for dsn, want := range map[string]bool{
		"postgres://u@h/db":        true,
		"postgresql://u@h:5/db":    true,
		"newsgraph.db":             false,
		"/data/postgres/corpus.db": false,
		"file:x.db":                false,
	} {
		if IsPostgres(dsn) != want {
			t.Errorf("IsPostgres(%q) = %v", dsn, !want)
		}
	}
}

func TestDSN(t *testing.T) {
	parse := func(args ...string) *flag.FlagSet {
		fs := flag.NewFlagSet("x", flag.ContinueOnError)
		fs.String("db", "newsgraph.db", "")
		if err := fs.Parse(args); err != nil {
			t.Fatal(err)
		}
		return fs
	}
	t.Setenv(EnvDB, "")
	if got := DSN(parse(), "db"); got != "newsgraph.db" {
		t.Errorf("no flag, no env: %q", got)
	}
	t.Setenv(EnvDB, "postgres://env@h/db")
	if got := DSN(parse(), "db"); got != "postgres://env@h/db" {
		t.Errorf("env: %q", got)
	}
	if got := DSN(parse("--db", "mine.db"), "db"); got != "mine.db" {
		t.Errorf("flag over env: %q", got)
	}
	if got := DSN(parse("--db", "newsgraph.db"), "db"); got != "newsgraph.db" {
		t.Errorf("flag given with the default value: %q", got)
	}
}

func TestOpenSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	st, err := Open(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, ok := st.(*sqlite.Store); !ok {
		t.Errorf("Open(%q) = %T, want *sqlite.Store", path, st)
	}
	if _, err := os.Stat(path); err != nil {
		t.Error(err)
	}
	err = Queue(context.Background(), st, "job", 0, nil, nil)
	if !errors.Is(err, ErrNeedsPostgres) {
		t.Errorf("Queue on SQLite = %v, want ErrNeedsPostgres", err)
	}
}

func TestDescribe(t *testing.T) {
	if got := Describe("postgres://u:secret@h/db"); got != "postgres://u:xxxxx@h/db" {
		t.Errorf("Describe = %q", got)
	}
	if got := Describe("a.db"); got != "a.db" {
		t.Errorf("Describe = %q", got)
	}
}
