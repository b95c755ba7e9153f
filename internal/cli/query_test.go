package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
	"github.com/newsgraph/newsgraph/internal/store/storetest"
)

// runCmd runs a command line and returns its exit status and output.
func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, IO{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

// sampleDB returns a database holding the conformance suite's corpus.
func sampleDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sample.db")
	st, err := sqlite.Open(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Put(context.Background(), store.Batch{Records: storetest.Records(t, storetest.Corpus()...),
		Errors: []store.IngestError{{File: "bad.bin", Reason: "binary data"}}}); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestQueryJSON(t *testing.T) {
	db := sampleDB(t)
	tests := []struct {
		args []string
		n    int
		want string // a fragment of the output
	}{
		{[]string{"docs", "taxes"}, 3, `"snippet"`},
		{[]string{"docs", `"winter storm"`}, 1, `[winter storm]`},
		{[]string{"quotes", "--speaker", "Lopez"}, 3, `"title": "Lopez and Reed meet on budget"`},
		{[]string{"quotes", "--about", "taxes", "--from", "2016-03-02", "--to", "2016-03-31"}, 1, `"published": "2016-03-02T00:00:00Z"`},
		{[]string{"quotes", "--group"}, 2, `"articles": 3`},
		{[]string{"entities", "--type", "PERSON"}, 2, `"name": "Maria Lopez"`},
		{[]string{"entities", "--name", "transport"}, 1, `"type": "ORG"`},
		{[]string{"events", "--type", "CONSULT", "--actor", "Reed", "--country", "USA"}, 2, `"name": "Tom Reed"`},
		{[]string{"events", "--from", "2016-01-01", "--to", "2016-01-31"}, 1, `"type": "REQUEST"`},
		{[]string{"stories"}, 1, `"outlets"`},
		{[]string{"stories", "--about", "snow", "--min", "1"}, 1, `"title": "Storm closes schools"`},
	}
	for _, tc := range tests {
		args := append([]string{"query"}, tc.args...)
		args = append(args, "--db", db, "--format", "json")
		code, out, errs := runCmd(t, args...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", tc.args, code, errs)
			continue
		}
		var v []json.RawMessage
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Errorf("%v: output is not a JSON array: %v\n%s", tc.args, err, out)
			continue
		}
		if len(v) != tc.n || !strings.Contains(out, tc.want) {
			t.Errorf("%v: %d results, want %d containing %s:\n%s", tc.args, len(v), tc.n, tc.want, out)
		}
	}
}

func TestQueryTableAndCSV(t *testing.T) {
	db := sampleDB(t)
	code, out, _ := runCmd(t, "query", "quotes", "--speaker", "lopez", "--db", db)
	if code != 0 || !strings.HasPrefix(out, "PUBLISHED") || strings.Count(out, "\n") != 4 || !strings.Contains(out, "Maria Lopez") {
		t.Errorf("table:\n%s", out)
	}
	code, out, _ = runCmd(t, "query", "entities", "--db", db, "--format", "csv", "--limit", "2")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(recs) != 3 || recs[0][0] != "name" || recs[1][0] != "Maria Lopez" {
		t.Errorf("csv: %v\n%s", err, out)
	}
	code, out, _ = runCmd(t, "query", "docs", "nothingmatches", "--db", db)
	if code != 0 || !strings.Contains(out, "(no results)") {
		t.Errorf("empty table: %d\n%s", code, out)
	}
}

func TestQueryErrors(t *testing.T) {
	db := sampleDB(t)
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"query", "docs", `"unbalanced`, "--db", db}, 1, "bad query"},
		{[]string{"query", "people", "--db", db}, 2, "unknown kind"},
		{[]string{"query", "quotes", "--from", "yesterday", "--db", db}, 2, "not a date"},
		{[]string{"query", "quotes", "--format", "xml", "--db", db}, 2, "want table, json or csv"},
		{[]string{"query", "quotes", "--db", filepath.Join(t.TempDir(), "none.db")}, 1, "no database"},
		{[]string{"stats", "--db", filepath.Join(t.TempDir(), "none.db")}, 1, "no database"},
		{[]string{"export", "--format", "xml", "--db", db}, 2, "want jsonl"},
		{[]string{"export", "--what", "places", "--db", db}, 2, "want docs"},
	} {
		code, _, errs := runCmd(t, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, errs, tc.code, tc.msg)
		}
	}
}

func TestRefuseForeignDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	content := []byte("my notes, not a database\n")
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"stats", "--db", path}, {"ingest", "--db", path, "testdata-none"}, {"query", "stats", "--db", path}} {
		code, _, errs := runCmd(t, args...)
		if code == 0 || (args[0] != "query" && !strings.Contains(errs, "not a newsgraph database")) {
			t.Errorf("%v: exit %d, %q", args, code, errs)
		}
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, content) {
		t.Error("the refused file was changed")
	}
}

func TestStats(t *testing.T) {
	db := sampleDB(t)
	code, out, _ := runCmd(t, "stats", "--db", db)
	var st store.Stats
	if err := json.Unmarshal([]byte(out), &st); code != 0 || err != nil {
		t.Fatalf("stats: %d %v\n%s", code, err, out)
	}
	if st.Documents != 4 || st.Quotes != 4 || st.Events != 3 || st.Stories != 1 || st.Errors != 1 || st.Entities != 4 {
		t.Errorf("stats = %+v", st)
	}
	for _, k := range []string{"documents", "quotes", "entities", "events", "stories", "errors"} {
		if !strings.Contains(out, `"`+k+`"`) {
			t.Errorf("stats output lacks %q", k)
		}
	}
}

func TestExport(t *testing.T) {
	db := sampleDB(t)
	code, out, _ := runCmd(t, "export", "--db", db)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 4 {
		t.Fatalf("export docs: %d lines", len(lines))
	}
	var d map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &d); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "url", "source", "title", "published", "text", "blocks", "sentences", "entities", "quotes", "events", "places", "related", "tone"} {
		if _, ok := d[k]; !ok {
			t.Errorf("exported document lacks %q", k)
		}
	}
	for what, n := range map[string]int{"quotes": 4, "entities": 4, "events": 3} {
		code, out, _ := runCmd(t, "export", "--db", db, "--what", what)
		if got := strings.Count(out, "\n"); code != 0 || got != n {
			t.Errorf("export jsonl %s: %d lines, want %d", what, got, n)
		}
		code, out, _ = runCmd(t, "export", "--db", db, "--what", what, "--format", "csv")
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if code != 0 || err != nil || len(recs) != n+1 {
			t.Errorf("export csv %s: %d records, %v", what, len(recs), err)
		}
	}
	code, out, _ = runCmd(t, "export", "--db", db, "--format", "csv")
	if recs, err := csv.NewReader(strings.NewReader(out)).ReadAll(); code != 0 || err != nil || len(recs) != 5 || recs[0][0] != "id" {
		t.Errorf("export csv docs: %v %v", len(recs), err)
	}
}

func TestExportGDELT(t *testing.T) {
	db := sampleDB(t)
	code, out, errs := runCmd(t, "export", "--db", db, "--format", "gdelt-events")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d GDELT records, want 3:\n%s", len(lines), out)
	}
	byCode := map[string][]string{}
	for _, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) != 61 || len(store.GDELTColumns) != 61 {
			t.Fatalf("%d columns, want 61: %q", len(f), l)
		}
		byCode[f[26]] = f
	}
	c := byCode["040"]
	if c == nil {
		t.Fatalf("no CONSULT (040) event: %v", byCode)
	}
	col := func(name string) string {
		for i, n := range store.GDELTColumns {
			if n == name {
				return c[i]
			}
		}
		t.Fatalf("no column %s", name)
		return ""
	}
	if col("SQLDATE") != "20160301" || col("EventRootCode") != "04" || col("QuadClass") != "1" ||
		col("Actor1CountryCode") != "USA" || col("IsRootEvent") != "1" || !strings.HasPrefix(col("SOURCEURL"), "https://") {
		t.Errorf("CONSULT record: %q", c)
	}
	if byCode["020"] == nil || byCode["020"][29] != "1" {
		t.Errorf("REQUEST should be CAMEO 02 (appeal), quad class 1: %v", byCode)
	}
}
