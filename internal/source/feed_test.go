package source

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

func feedReader(f *os.File) func(func(Record, error) bool) { return Feed(f) }

func TestFeedRSS(t *testing.T) {
	recs, errs := readAll(t, "testdata/feed/sample.rss", feedReader)
	if len(recs) != 2 || len(errs) != 1 {
		t.Fatalf("got %d records, errors %v", len(recs), errs)
	}
	if !errors.Is(errs[0], ErrBadRecord) || !strings.Contains(errs[0].Error(), "item 3") {
		t.Errorf("empty item error = %v", errs[0])
	}
	r := recs[0]
	if r.URL != "https://review.example/2016/03/02/ortiz-teachers" || r.Title != "Ortiz to hire 200 teachers" ||
		r.SiteName != "Capitol Review" || r.Author != "Jane Porter" ||
		!r.Published.Equal(time.Date(2016, 3, 2, 14, 30, 0, 0, time.UTC)) {
		t.Errorf("item 1 metadata = %+v", r.Article)
	}
	text := string(r.Data)
	if !strings.Contains(text, "two hundred new teachers") || strings.Contains(text, "<p>") || strings.Count(text, "\n") != 2 {
		t.Errorf("item 1 text = %q", text)
	}
	if len(r.Images) != 1 || r.Images[0].Credit != "Sam Lee/Capitol Review" || !strings.Contains(r.Images[0].Caption, "Eastside") {
		t.Errorf("item 1 images = %+v", r.Images)
	}
	r = recs[1]
	if !strings.Contains(string(r.Data), `"The count was accurate,"`) {
		t.Errorf("item 2 text from description = %q", r.Data)
	}
	if len(r.Images) != 1 || r.Images[0].Credit != "Reuters" {
		t.Errorf("item 2 images = %+v", r.Images)
	}
}

func TestFeedAtom(t *testing.T) {
	recs, errs := readAll(t, "testdata/feed/sample.atom", feedReader)
	if len(recs) != 2 || len(errs) != 0 {
		t.Fatalf("got %d records, errors %v", len(recs), errs)
	}
	r := recs[0]
	if r.URL != "https://post.example/2016/03/05/storm" || r.SiteName != "Northern Post" || r.Author != "Rob Hale" ||
		!r.Published.Equal(time.Date(2016, 3, 5, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("entry 1 = %+v", r.Article)
	}
	if len(r.Images) != 1 || r.Images[0].Credit != "AP Photo/Kim Ward" {
		t.Errorf("entry 1 images = %+v", r.Images)
	}
	if !recs[1].Published.Equal(time.Date(2016, 3, 4, 12, 0, 0, 0, time.UTC)) || !strings.Contains(string(recs[1].Data), "rail yard") {
		t.Errorf("entry 2 = %+v %q", recs[1].Article, recs[1].Data)
	}
}

func TestFeedNotXML(t *testing.T) {
	recs, errs := readAll(t, "testdata/feed/broken.rss", feedReader)
	if len(recs) != 0 || len(errs) != 1 || !errors.Is(errs[0], ErrNotFeed) {
		t.Errorf("not XML: %d records, errors %v", len(recs), errs)
	}
}

func TestIsFeed(t *testing.T) {
	for path, want := range map[string]bool{"testdata/feed/sample.rss": true, "testdata/feed/sample.atom": true, "testdata/feed/broken.rss": false} {
		data, _ := os.ReadFile(path)
		if IsFeed(data) != want {
			t.Errorf("IsFeed(%s) != %v", path, want)
		}
	}
}

func FuzzFeed(f *testing.F) {
	for _, p := range []string{"testdata/feed/sample.rss", "testdata/feed/sample.atom", "testdata/feed/broken.rss"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`<rss><channel><item><description>&lt;p&gt;x</description></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for r, err := range Feed(bytes.NewReader(data)) {
			if err == nil && len(bytes.TrimSpace(r.Data)) == 0 {
				t.Errorf("record without text and without error: %+v", r)
			}
		}
	})
}
