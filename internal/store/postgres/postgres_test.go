package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/storetest"
)

// testURL returns the server the PostgreSQL tests run against, or skips
// the test saying how to run it.
func testURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("NEWSGRAPH_TEST_POSTGRES")
	if u == "" {
		t.Skip("PostgreSQL tests skipped: NEWSGRAPH_TEST_POSTGRES is not set. " +
			"Run them with a throwaway server: scripts/with-postgres.sh go test ./internal/store/postgres/ " +
			"(or set NEWSGRAPH_TEST_POSTGRES=postgres://user@host:port/db to use your own)")
	}
	return u
}

// freshSchema creates an empty schema on the test server, dropped when the
// test ends, and returns a URL whose search_path points at it.
func freshSchema(t testing.TB) string {
	t.Helper()
	base := testURL(t)
	var b [6]byte
	rand.Read(b[:])
	schema := "ngtest_" + hex.EncodeToString(b[:])
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+pgx.Identifier{schema}.Sanitize()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+pgx.Identifier{schema}.Sanitize()+" CASCADE"); err != nil {
			t.Error(err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func openTest(t testing.TB, dsn string) *Store {
	t.Helper()
	s, err := Open(context.Background(), dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	testURL(t)
	storetest.Run(t, func(t *testing.T) store.Store {
		return openTest(t, freshSchema(t))
	})
}

func TestReopen(t *testing.T) {
	ctx := context.Background()
	dsn := freshSchema(t)
	s := openTest(t, dsn)
	if _, err := s.Put(ctx, store.Batch{Records: storetest.Records(t, storetest.Corpus()...)}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openTest(t, dsn)
	defer s.Close()
	st, err := s.Stats(ctx)
	if err != nil || st.Documents != 4 || st.Schema != SchemaVersion {
		t.Errorf("after reopen: %+v %v", st, err)
	}
}

// unchanged asserts that opening dsn fails with want and writes nothing.
func unchanged(t *testing.T, dsn string, want error) {
	t.Helper()
	ctx := context.Background()
	count := func() (n int) {
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	if _, err := Open(ctx, dsn, nil); !errors.Is(err, want) {
		t.Fatalf("Open = %v, want %v", err, want)
	}
	if after := count(); after != before {
		t.Errorf("refused schema changed: %d relations, were %d", after, before)
	}
}

func execSQL(t *testing.T, dsn, sql string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatal(err)
	}
}

func TestRefuseOtherSchema(t *testing.T) {
	dsn := freshSchema(t)
	execSQL(t, dsn, "CREATE TABLE customers (id int PRIMARY KEY)")
	unchanged(t, dsn, store.ErrNotNewsgraph)
}

func TestRefuseNewer(t *testing.T) {
	dsn := freshSchema(t)
	openTest(t, dsn).Close()
	execSQL(t, dsn, "UPDATE meta SET value = '99' WHERE key = 'schema_version'")
	unchanged(t, dsn, store.ErrTooNew)
}

func TestFTSQuery(t *testing.T) {
	for _, tc := range []struct{ in, web, prefix string }{
		{"snow", "snow", ""},
		{`"working families" OR budget`, `"working families" or budget`, ""},
		{"taxes NOT budget", "taxes -budget", ""},
		{"(a OR b) AND c", "a or b c", ""},
		{"work* families", "families", "'work':*"},
		{"o'neil*", "", "'o''neil':*"},
	} {
		web, prefix, err := ftsQuery(tc.in)
		if err != nil || web != tc.web || prefix != tc.prefix {
			t.Errorf("ftsQuery(%q) = %q, %q, %v; want %q, %q", tc.in, web, prefix, err, tc.web, tc.prefix)
		}
	}
	if _, _, err := ftsQuery(`"open`); !errors.Is(err, store.ErrBadQuery) {
		t.Errorf("unterminated phrase: %v", err)
	}
}

func TestPGText(t *testing.T) {
	for in, want := range map[string]string{"plain": "plain", "a\x00b": "a b", "caf\xe9": "caf?", "é": "é"} {
		if got := pgText(in); got != want || len(got) != len(in) {
			t.Errorf("pgText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExplorerConformance(t *testing.T) {
	testURL(t)
	storetest.RunExplorer(t, func(t *testing.T) store.Store {
		return openTest(t, freshSchema(t))
	})
}

func TestQueue(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, freshSchema(t))
	defer s.Close()
	a := s.Queue("job", QueueOptions{Lease: 300 * time.Millisecond, Owner: "a"})
	b := s.Queue("job", QueueOptions{Lease: 300 * time.Millisecond, Owner: "b"})
	if n, err := a.Add(ctx, []Shard{{"f1", 10}, {"f2", 10}, {"f3", 10}}); n != 3 || err != nil {
		t.Fatalf("Add = %d, %v", n, err)
	}
	if n, err := b.Add(ctx, []Shard{{"f2", 10}, {"f3", 10}, {"f4", 10}}); n != 1 || err != nil {
		t.Fatalf("overlapping Add = %d, %v; want 1 new", n, err)
	}
	ga, err := a.Claim(ctx, 2)
	if err != nil || !slices.Equal(ga, []string{"f1", "f2"}) {
		t.Fatalf("a claims %v, %v", ga, err)
	}
	gb, err := b.Claim(ctx, 5)
	if err != nil || !slices.Equal(gb, []string{"f3", "f4"}) {
		t.Fatalf("b claims %v, %v; want what a does not hold", gb, err)
	}
	if err := b.Done(ctx, gb); err != nil {
		t.Fatal(err)
	}
	if g, _ := b.Claim(ctx, 5); len(g) != 0 {
		t.Errorf("b claims %v while a's lease runs", g)
	}
	if n, wait, err := b.Pending(ctx); n != 2 || wait <= 0 || wait > 300*time.Millisecond || err != nil {
		t.Errorf("Pending = %d, %v, %v", n, wait, err)
	}
	// a dies: its lease runs out and b takes its shards over.
	time.Sleep(400 * time.Millisecond)
	var got []string
	err = b.Work(ctx, func(ctx context.Context, shards []string) error {
		got = append(got, shards...)
		return nil
	})
	if err != nil || !slices.Equal(got, []string{"f1", "f2"}) {
		t.Errorf("b worked on %v, %v; want a's shards", got, err)
	}
	if n, _, _ := a.Pending(ctx); n != 0 {
		t.Errorf("%d shards pending after Work", n)
	}
	// Claims are bounded by bytes, but take at least one shard.
	d := s.Queue("job3", QueueOptions{ClaimBytes: 100})
	d.Add(ctx, []Shard{{"h1", 60}, {"h2", 60}, {"h3", 500}, {"h4", 1}})
	for _, want := range [][]string{{"h1", "h2"}, {"h3"}, {"h4"}} {
		if g, err := d.Claim(ctx, 10); !slices.Equal(g, want) || err != nil {
			t.Errorf("claim by bytes = %v, %v; want %v", g, err, want)
		}
	}
	// A worker whose processing fails releases its shards at once.
	c := s.Queue("job2", QueueOptions{Lease: time.Hour})
	c.Add(ctx, []Shard{{"g1", 0}})
	if err := c.Work(ctx, func(context.Context, []string) error { return errors.New("boom") }); err == nil {
		t.Error("Work hid the error")
	}
	if g, _ := s.Queue("job2", QueueOptions{}).Claim(ctx, 1); !slices.Equal(g, []string{"g1"}) {
		t.Errorf("released shard not claimable: %v", g)
	}
}

func TestInputShards(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.txt", "sub/b.warc.gz", ".hidden/c.txt", "sub/.d.txt"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	got := InputShards([]string{dir, filepath.Join(dir, "a.txt"), filepath.Join(dir, "missing")})
	want := []Shard{{filepath.Join(dir, "a.txt"), 1}, {filepath.Join(dir, "missing"), 0}, {filepath.Join(dir, "sub", "b.warc.gz"), 1}}
	if !slices.Equal(got, want) {
		t.Errorf("InputShards = %v, want %v", got, want)
	}
}

// The SQLite store's own tests of Put, run here too.

func TestErrorClearedBySuccess(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, freshSchema(t))
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

func TestQuoteRepeatedInDocument(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, freshSchema(t))
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

// TestMigrate opens a schema of version 1 (events without their day, a
// row per mention) and checks that the migrations fill it as the writer
// does.
func TestMigrate(t *testing.T) {
	ctx := context.Background()
	dsn := freshSchema(t)
	s := openTest(t, dsn)
	docs := storetest.Corpus()
	docs[3].Events[0].Date = "" // dated by its publication day
	if _, err := s.Put(ctx, store.Batch{Records: storetest.Records(t, docs...)}); err != nil {
		t.Fatal(err)
	}
	state := func() (days string, e store.EntityDetail, st store.Stats) {
		if err := s.pool.QueryRow(ctx, "SELECT string_agg(coalesce(day, '-'), ',' ORDER BY doc_id, idx) FROM events").Scan(&days); err != nil {
			t.Fatal(err)
		}
		e, err := s.Entity(ctx, store.EntityDocsQuery{EntityKey: store.EntityKey{Name: "Maria Lopez", Type: "PERSON"}})
		if err != nil {
			t.Fatal(err)
		}
		if st, err = s.Stats(ctx); err != nil {
			t.Fatal(err)
		}
		st.Schema = 0
		return days, e, st
	}
	days, ent, st := state()
	if days != "2016-03-01,2016-03-01,2016-01-15" {
		t.Errorf("written days = %s", days)
	}
	if !reflect.DeepEqual(ent.Aliases, []store.Alias{{Text: "Lopez", Count: 5}, {Text: "Maria Lopez", Count: 2}}) || st.Mentions != 15 {
		t.Errorf("written aliases %+v, mentions %d", ent.Aliases, st.Mentions)
	}
	for _, q := range []string{"DROP TABLE actor_names", "DROP INDEX event_actors_name", "DROP INDEX events_day", "DROP INDEX events_type_day", "CREATE INDEX events_type ON events(type)",
		"ALTER TABLE events DROP COLUMN day",
		`CREATE TABLE mentions (doc_id text COLLATE "C" NOT NULL, eid text NOT NULL, idx integer NOT NULL, start_off integer NOT NULL,
			end_off integer NOT NULL, text text NOT NULL, kind text NOT NULL DEFAULT '', PRIMARY KEY (doc_id, eid, idx))`,
		"ALTER TABLE entities DROP COLUMN aliases",
		"UPDATE meta SET value = '1' WHERE key = 'schema_version'"} {
		if _, err := s.pool.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range docs {
		for _, e := range d.Entities {
			for j, m := range e.Mentions {
				if _, err := s.pool.Exec(ctx, "INSERT INTO mentions VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
					d.ID, e.ID, j, m.Start, m.End, m.Text, string(m.Kind)); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	s.Close()
	s = openTest(t, dsn)
	defer s.Close()
	days2, ent2, st2 := state()
	if days2 != days || !reflect.DeepEqual(ent2, ent) || st2 != st {
		t.Errorf("migrated:\n%s %+v %+v\nwritten:\n%s %+v %+v", days2, ent2, st2, days, ent, st)
	}
}
