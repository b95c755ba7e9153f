package source

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

func jsonlReader(f *os.File) func(func(Record, error) bool) { return JSONL(f) }

func TestJSONL(t *testing.T) {
	recs, errs := readAll(t, "testdata/jsonl/sample.jsonl", jsonlReader)
	if len(recs) != 3 || len(errs) != 0 {
		t.Fatalf("got %d records, errors %v", len(recs), errs)
	}
	if r := recs[0]; r.ID != "line 1" || r.Format != PlainText || r.SiteName != "City Ledger" ||
		!r.Published.Equal(time.Date(2016, 3, 2, 0, 0, 0, 0, time.UTC)) || !strings.Contains(string(r.Data), "Ortiz") {
		t.Errorf("line 1 = %+v", r)
	}
	if r := recs[1]; r.Format != HTMLPage || !r.Published.Equal(time.Date(2016, 3, 3, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("line 2 = %+v", r)
	}
	if r := recs[2]; !r.Published.IsZero() || r.Title != "Bridge delayed" {
		t.Errorf("line 3 = %+v", r)
	}
}

func TestJSONLBroken(t *testing.T) {
	recs, errs := readAll(t, "testdata/jsonl/broken.jsonl", jsonlReader)
	if len(recs) != 2 || len(errs) != 2 {
		t.Fatalf("got %d records, errors %v", len(recs), errs)
	}
	if !errors.Is(errs[0], ErrBadRecord) || !strings.HasPrefix(errs[0].Error(), "line 2:") {
		t.Errorf("broken line error = %v", errs[0])
	}
	if !strings.HasPrefix(errs[1].Error(), "line 4:") || !strings.Contains(errs[1].Error(), "no \"text\"") {
		t.Errorf("line without text error = %v", errs[1])
	}
	if recs[1].ID != "line 5" {
		t.Errorf("last record id %q, want line 5", recs[1].ID)
	}
}

func TestJSONLBadDate(t *testing.T) {
	for _, err := range JSONL(strings.NewReader(`{"text": "x", "published": "last Tuesday"}`)) {
		if err == nil || !strings.Contains(err.Error(), "published") {
			t.Errorf("bad date error = %v", err)
		}
	}
}

func FuzzJSONL(f *testing.F) {
	data, err := os.ReadFile("testdata/jsonl/broken.jsonl")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("{\"text\":\"a\"}\r\n\n{\"html\":\"<p>b</p>\",\"published\":\"2016-01-02\"}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) + 1
		n := 0
		for r, err := range JSONL(bytes.NewReader(data)) {
			n++
			if err == nil && len(r.Data) == 0 {
				t.Errorf("record without content: %+v", r)
			}
		}
		if n > lines {
			t.Errorf("%d records from %d lines", n, lines)
		}
	})
}
