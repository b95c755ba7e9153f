package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/storetest"
)

// toVersion2 turns a database written by this binary into what version 2
// of the schema held for the same documents: no event days, no actors
// table, a row per mention and no packed aliases.
func toVersion2(t *testing.T, s *Store, docs []*doc.Document) {
	t.Helper()
	for _, q := range []string{
		"DROP INDEX events_day", "DROP INDEX events_type_day", "CREATE INDEX events_type ON events(type)",
		"ALTER TABLE events DROP COLUMN day", "DROP TABLE actors",
		`CREATE TABLE mentions (doc_id TEXT NOT NULL, eid TEXT NOT NULL, idx INTEGER NOT NULL, start_off INTEGER NOT NULL,
			end_off INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL DEFAULT '', PRIMARY KEY (doc_id, eid, idx))`,
		"ALTER TABLE entities DROP COLUMN aliases",
	} {
		if _, err := s.db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, d := range docs {
		for _, e := range d.Entities {
			for j, m := range e.Mentions {
				if _, err := s.db.Exec("INSERT OR IGNORE INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?)", d.ID, e.ID, j, m.Start, m.End, m.Text, string(m.Kind)); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if _, err := s.db.Exec("PRAGMA user_version = 2"); err != nil {
		t.Fatal(err)
	}
}

// snapshot is what the queries touched by migrations 3 and 4 return, and
// two documents.
func snapshot(t *testing.T, s *Store) map[string]any {
	t.Helper()
	ctx := context.Background()
	out := map[string]any{}
	for i, q := range eventQueries {
		out[fmt.Sprintf("events %d", i)] = gotEvents(t, s, q)
	}
	var days, actors string
	if err := s.db.QueryRow("SELECT group_concat(coalesce(day, '-'), ',') FROM (SELECT day FROM events ORDER BY doc_id, idx)").Scan(&days); err != nil {
		t.Fatal(err)
	}
	if err := s.db.QueryRow("SELECT group_concat(name || n, ',') FROM (SELECT name, n FROM actors ORDER BY name)").Scan(&actors); err != nil {
		t.Fatal(err)
	}
	out["days"], out["actors"] = days, actors
	for _, k := range []store.EntityKey{{Name: "Maria Lopez", Type: "PERSON"}, {Name: "Ann Smith", Type: "PERSON"}, {Name: "Transportation Department", Type: "ORG"}} {
		e, err := s.Entity(ctx, store.EntityDocsQuery{EntityKey: k, Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		out["entity "+k.Name] = e
	}
	for _, id := range []string{"aaaa0001", "doc0007"} {
		d, err := s.Doc(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		out["doc "+id] = d
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.Schema = 0
	out["stats"] = st
	return out
}

// TestMigrate opens a database of schema version 2 and checks that the
// migrations make it answer as one written by this binary.
func TestMigrate(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	s := open(t, path)
	docs := append(storetest.Corpus(), eventCorpus()...)
	if _, err := s.Put(ctx, store.Batch{Records: storetest.Records(t, docs...)}); err != nil {
		t.Fatal(err)
	}
	want := snapshot(t, s)
	if e := want["entity Maria Lopez"].(store.EntityDetail); len(e.Aliases) != 2 || e.Aliases[0] != (store.Alias{Text: "Lopez", Count: 5}) {
		t.Errorf("aliases of Maria Lopez = %+v", e.Aliases)
	}
	toVersion2(t, s, docs)
	// Version 2 counted aliases on the mention rows: the same counts.
	for _, name := range []string{"Maria Lopez", "Ann Smith", "Transportation Department"} {
		rows, err := s.db.Query(`SELECT m.text, count(*) FROM entities e
			JOIN mentions m ON m.doc_id = e.doc_id AND m.eid = e.eid
			WHERE e.name = ? GROUP BY m.text ORDER BY 2 DESC, 1 LIMIT 10`, name)
		if err != nil {
			t.Fatal(err)
		}
		old := []store.Alias{}
		for rows.Next() {
			var a store.Alias
			if err := rows.Scan(&a.Text, &a.Count); err != nil {
				t.Fatal(err)
			}
			old = append(old, a)
		}
		rows.Close()
		if e := want["entity "+name].(store.EntityDetail); !reflect.DeepEqual(e.Aliases, old) {
			t.Errorf("aliases of %s = %+v, version 2 counted %+v", name, e.Aliases, old)
		}
	}
	s.Close()

	s = open(t, path)
	defer s.Close()
	got := snapshot(t, s)
	for k, w := range want {
		if !reflect.DeepEqual(got[k], w) {
			t.Errorf("after migration, %s:\n got %+v\nwant %+v", k, got[k], w)
		}
	}
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'mentions'").Scan(&n); err != nil || n != 0 {
		t.Errorf("mentions table left: %d, %v", n, err)
	}
}
