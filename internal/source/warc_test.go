package source

import (
	"os"
	"strings"
	"testing"
)

func readAll(t *testing.T, path string, reader func(f *os.File) func(func(Record, error) bool)) (recs []Record, errs []error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for r, err := range reader(f) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		recs = append(recs, r)
	}
	return recs, errs
}

func warcReader(f *os.File) func(func(Record, error) bool) { return WARC(f) }

func TestWARC(t *testing.T) {
	recs, errs := readAll(t, "testdata/warc/sample.warc.gz", warcReader)
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	// warcinfo, request, the 404 and the PNG are skipped.
	if len(recs) != 3 {
		t.Fatalf("got %d records, want 3: %+v", len(recs), recs)
	}
	if recs[0].URL != "https://herald.example/2016/03/01/lopez-budget" || recs[0].Format != HTMLPage ||
		!strings.Contains(string(recs[0].Data), "rural hospitals") || strings.Contains(string(recs[0].Data), "HTTP/1.1") {
		t.Errorf("record 0 = %s %v %.80q", recs[0].URL, recs[0].Format, recs[0].Data)
	}
	if !strings.HasPrefix(recs[0].ID, "record at byte 0") && !strings.Contains(recs[0].ID, "lopez-budget") {
		t.Errorf("record id %q", recs[0].ID)
	}
	if recs[2].Format != PlainText || !strings.Contains(string(recs[2].Data), "Carson River") {
		t.Errorf("resource record = %v %.60q", recs[2].Format, recs[2].Data)
	}
	a, err := HTML(recs[1].Data, recs[1].URL)
	if err != nil || !strings.Contains(a.Text, "Geneva") {
		t.Errorf("HTML of record 1: %v %.80q", err, a.Text)
	}
}

func TestWARCUncompressed(t *testing.T) {
	recs, errs := readAll(t, "testdata/warc/sample.warc", warcReader)
	if len(errs) > 0 || len(recs) != 1 {
		t.Fatalf("got %d records, errors %v", len(recs), errs)
	}
}

func TestWARCTruncated(t *testing.T) {
	recs, errs := readAll(t, "testdata/warc/truncated.warc.gz", warcReader)
	if len(recs) != 1 {
		t.Errorf("got %d records before the break, want 1", len(recs))
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "record at byte") {
		t.Fatalf("errors = %v, want one naming the record", errs)
	}
	t.Log(errs[0])
}

func TestWARCNotWARC(t *testing.T) {
	recs, errs := readAll(t, "testdata/feed/broken.rss", warcReader)
	if len(recs) != 0 || len(errs) != 1 {
		t.Errorf("not a WARC: %d records, errors %v", len(recs), errs)
	}
}

func TestIsWARC(t *testing.T) {
	for path, want := range map[string]bool{
		"testdata/warc/sample.warc.gz": true, "testdata/warc/sample.warc": true,
		"testdata/feed/sample.rss": false, "testdata/jsonl/sample.jsonl": false,
	} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := IsWARC(data[:min(len(data), 512)]); got != want {
			t.Errorf("IsWARC(%s) = %v", path, got)
		}
	}
}
