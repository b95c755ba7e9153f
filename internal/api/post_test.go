package api

import (
	"context"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

const sampleArticle = `Senator Maria Lopez met Governor Tom Reed in Springfield on Tuesday to discuss the state budget.
"We will not raise taxes on working families," Lopez said after the meeting.`

// writable returns a server with token "s3cret" over a new, empty store.
func writable(t *testing.T, opts Options) *Server {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "w.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	opts.Store, opts.Token = st, "s3cret"
	return New(opts)
}

func TestPostReadOnly(t *testing.T) {
	s := newServer(t, Options{})
	w := do(s, "POST", "/api/documents", strings.NewReader(sampleArticle), "Authorization", "Bearer anything")
	if w.Code != 403 || !strings.Contains(w.Body.String(), "read-only") {
		t.Errorf("POST to a read-only server: %d %s", w.Code, w.Body)
	}
}

func TestPostUnauthorized(t *testing.T) {
	s := writable(t, Options{})
	for _, auth := range []string{"", "Bearer", "Bearer wrong", "Basic czNjcmV0", "bearer s3cret", "Bearer s3cret2", "s3cret"} {
		var w = do(s, "POST", "/api/documents", strings.NewReader(sampleArticle), "Authorization", auth)
		var e errResp
		if w.Code != 401 || json.Unmarshal(w.Body.Bytes(), &e) != nil || e.Status != 401 {
			t.Errorf("Authorization %q: %d %s, want 401", auth, w.Code, w.Body)
		}
		if !strings.HasPrefix(w.Header().Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("Authorization %q: no WWW-Authenticate", auth)
		}
	}
	var st struct{ Documents int }
	get(t, s, "/api/stats", 200, &st)
	if st.Documents != 0 {
		t.Errorf("unauthorised posts stored %d documents", st.Documents)
	}
}

func TestPost(t *testing.T) {
	s := writable(t, Options{})
	auth := []string{"Authorization", "Bearer s3cret", "Content-Type", "text/plain; charset=utf-8"}
	w := do(s, "POST", "/api/documents?title=Budget+talks&source=Herald&published=2016-03-01", strings.NewReader(sampleArticle), auth...)
	var res postResult
	if w.Code != 201 || json.Unmarshal(w.Body.Bytes(), &res) != nil || !res.Added || res.ID == "" || res.Quotes == 0 {
		t.Fatalf("POST: %d %s", w.Code, w.Body)
	}
	if w.Header().Get("Location") != "/api/documents/"+res.ID {
		t.Errorf("Location %q", w.Header().Get("Location"))
	}
	var d struct{ Title, Source, Published string }
	get(t, s, res.Location, 200, &d)
	if d.Title != "Budget talks" || d.Source != "Herald" || !strings.HasPrefix(d.Published, "2016-03-01") {
		t.Errorf("stored %+v", d)
	}
	if w := do(s, "POST", "/api/documents", strings.NewReader(sampleArticle), auth...); w.Code != 200 || !strings.Contains(w.Body.String(), `"added":false`) {
		t.Errorf("second POST: %d %s", w.Code, w.Body)
	}
	js := `{"title": "Page", "url": "https://example.com/a", "published": "2016-03-02T10:00:00Z",
		"html": "<html><body><article><h1>Page</h1><p>` + strings.NewReplacer(`"`, `\"`, "\n", " ").Replace(sampleArticle) + ` And more words about the budget today.</p></article></body></html>"}`
	w = do(s, "POST", "/api/documents", strings.NewReader(js), "Authorization", "Bearer s3cret", "Content-Type", "application/json")
	if w.Code != 201 && w.Code != 200 {
		t.Errorf("POST JSON: %d %s", w.Code, w.Body)
	}
	for _, c := range []struct {
		ctype, body string
		want        int
	}{
		{"application/json", `{"text": `, 400},
		{"application/json", `{"text": "a", "html": "<p>b</p>"}`, 400},
		{"application/json", `{"text": "x", "published": "last week"}`, 400},
		{"text/plain", "", 400},
		{"text/plain", "\x00\x01\x02\x03binary\x00\x00", 400},
		{"image/png", "\x89PNG", 415},
	} {
		w := do(s, "POST", "/api/documents", strings.NewReader(c.body), "Authorization", "Bearer s3cret", "Content-Type", c.ctype)
		var e errResp
		if w.Code != c.want || json.Unmarshal(w.Body.Bytes(), &e) != nil || e.Error == "" {
			t.Errorf("POST %s %q: %d %s, want %d", c.ctype, c.body, w.Code, w.Body, c.want)
		}
	}
}

func TestPostTooLarge(t *testing.T) {
	s := writable(t, Options{MaxBody: 1 << 10})
	big := strings.Repeat("All work and no play makes Jack a dull boy. ", 100)
	// With a Content-Length, refused before reading.
	w := do(s, "POST", "/api/documents", strings.NewReader(big), "Authorization", "Bearer s3cret")
	if w.Code != 413 {
		t.Errorf("oversized body: %d %s", w.Code, w.Body)
	}
	// Without one (chunked), refused while reading.
	w = do(s, "POST", "/api/documents", io.MultiReader(strings.NewReader(big)), "Authorization", "Bearer s3cret")
	var e errResp
	if w.Code != 413 || json.Unmarshal(w.Body.Bytes(), &e) != nil || e.Status != 413 {
		t.Errorf("oversized chunked body: %d %s", w.Code, w.Body)
	}
	// Unauthorised and oversized: 401 first, nothing read.
	if w := do(s, "POST", "/api/documents", strings.NewReader(big)); w.Code != 401 {
		t.Errorf("unauthorised oversized body: %d", w.Code)
	}
}
