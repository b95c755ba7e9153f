package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// newServer returns a server over the test corpus.
func newServer(t *testing.T, opts Options) *Server {
	t.Helper()
	st, err := sqlite.Open(context.Background(), corpus(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	opts.Store = st
	return New(opts)
}

// do runs one request against h and returns the response.
func do(h http.Handler, method, target string, body io.Reader, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, body)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// get fetches target and decodes its JSON into v, failing unless the status is want.
func get(t *testing.T, h http.Handler, target string, want int, v any) {
	t.Helper()
	w := do(h, "GET", target, nil)
	if w.Code != want {
		t.Fatalf("GET %s: %d %s, want %d", target, w.Code, w.Body, want)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("GET %s: Content-Type %q", target, ct)
	}
	if v != nil {
		if err := json.Unmarshal(w.Body.Bytes(), v); err != nil {
			t.Fatalf("GET %s: %v in %s", target, err, w.Body)
		}
	}
}

type errResp struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

func TestHealthz(t *testing.T) {
	s := newServer(t, Options{})
	var v struct {
		Status   string `json:"status"`
		Writable bool   `json:"writable"`
	}
	get(t, s, "/healthz", 200, &v)
	if v.Status != "ok" || v.Writable {
		t.Errorf("healthz = %+v", v)
	}
}

func TestOpenAPI(t *testing.T) {
	s := newServer(t, Options{})
	var doc struct {
		OpenAPI string                            `json:"openapi"`
		Paths   map[string]map[string]interface{} `json:"paths"`
	}
	get(t, s, "/api/openapi.json", 200, &doc)
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi version %q", doc.OpenAPI)
	}
	paths := map[string]bool{}
	for _, p := range s.Patterns() {
		method, path, _ := strings.Cut(p, " ")
		paths[path] = true
		ops, ok := doc.Paths[path]
		if !ok || ops[strings.ToLower(method)] == nil {
			t.Errorf("openapi.json does not document %s", p)
		}
	}
	if len(doc.Paths) != len(paths) {
		t.Errorf("openapi.json documents %d paths, the server has %d", len(doc.Paths), len(paths))
	}
}

type searchPage struct {
	Results []store.DocHit `json:"results"`
	Next    string         `json:"next_cursor"`
}

func TestSearch(t *testing.T) {
	s := newServer(t, Options{})
	var p searchPage
	get(t, s, "/api/search?q=Clinton", 200, &p)
	if len(p.Results) == 0 || !strings.Contains(p.Results[0].Snippet, "[") {
		t.Fatalf("search Clinton = %+v", p)
	}
	// Cursor pagination walks the same hits without repeating one.
	var all searchPage
	get(t, s, "/api/search?q=Clinton&limit=200", 200, &all)
	seen := map[string]bool{}
	cursor := ""
	for pages := 0; ; pages++ {
		var pg searchPage
		get(t, s, "/api/search?q=Clinton&limit=3&cursor="+url.QueryEscape(cursor), 200, &pg)
		for _, h := range pg.Results {
			if seen[h.ID] {
				t.Fatalf("hit %s on two pages", h.ID)
			}
			seen[h.ID] = true
		}
		if pg.Next == "" {
			break
		}
		cursor = pg.Next
		if pages > 100 {
			t.Fatal("pagination does not end")
		}
	}
	if len(seen) != len(all.Results) {
		t.Errorf("paging saw %d hits, one page of 200 has %d", len(seen), len(all.Results))
	}
	get(t, s, "/api/search?q=Clinton&outlet=nyt&from=2016-01-01&to=2016-12-31", 200, &p)
	for _, h := range p.Results {
		if h.Source != "nyt" || h.Published == nil || h.Published.Year() != 2016 {
			t.Errorf("filtered hit %+v", h)
		}
	}
	get(t, s, "/api/search?q=Clinton&from=2030-01-01", 200, &p)
	if len(p.Results) != 0 {
		t.Errorf("hits from 2030: %+v", p.Results)
	}
	// A query the full-text engine cannot parse is searched word by word.
	get(t, s, "/api/search?q="+url.QueryEscape(`Clinton's "health`), 200, &p)
	for _, bad := range []string{"", "?q=", "?q=x&from=yesterday", "?q=x&limit=0", "?q=x&limit=100000", "?q=x&cursor=abc",
		"?q=x&from=2016-02-01&to=2016-01-01", "?q=" + strings.Repeat("a", 600)} {
		var e errResp
		get(t, s, "/api/search"+bad, 400, &e)
		if e.Status != 400 || e.Error == "" {
			t.Errorf("search%s error = %+v", bad, e)
		}
	}
}

func TestDocument(t *testing.T) {
	s := newServer(t, Options{})
	var p searchPage
	get(t, s, "/api/search?q=Trump&limit=1", 200, &p)
	if len(p.Results) != 1 {
		t.Fatal("no article about Trump")
	}
	var d struct {
		ID       string            `json:"id"`
		Text     string            `json:"text"`
		Entities []json.RawMessage `json:"entities"`
		Quotes   []json.RawMessage `json:"quotes"`
		Blocks   []json.RawMessage `json:"blocks"`
	}
	get(t, s, "/api/documents/"+p.Results[0].ID, 200, &d)
	if d.ID != p.Results[0].ID || d.Text == "" || len(d.Entities) == 0 || len(d.Blocks) == 0 {
		t.Errorf("document %s: %d bytes, %d entities", d.ID, len(d.Text), len(d.Entities))
	}
	get(t, s, "/api/documents/"+strings.Repeat("0", 64), 404, nil)
	get(t, s, "/api/documents/"+url.PathEscape("x' OR 1=1"), 400, nil)
}

func TestScriptIsEscaped(t *testing.T) {
	s := newServer(t, Options{})
	for _, target := range []string{"/api/documents/" + scriptID, "/api/quotes?speaker=Mallory", "/api/search?q=crowd",
		"/api/entities?name=Mallory", "/api/events?type=ACCUSE", "/api/graph?type=ACCUSE",
		"/api/entities/" + url.PathEscape("PERSON:Mallory <img src=x onerror=alert(1)> Script")} {
		w := do(s, "GET", target, nil)
		if w.Code != 200 {
			t.Errorf("GET %s: %d %s", target, w.Code, w.Body)
			continue
		}
		body := w.Body.String()
		if strings.Contains(body, "<script") || strings.Contains(body, "<img") || strings.Contains(body, "<svg") || strings.Contains(body, "<i>") {
			t.Errorf("GET %s: markup not escaped in %s", target, body)
		}
		if !strings.Contains(body, `\u003c`) {
			t.Errorf("GET %s: no escaped markup at all in %s", target, body)
		}
	}
}

func TestQuotes(t *testing.T) {
	s := newServer(t, Options{})
	var p struct {
		Results []store.QuoteHit `json:"results"`
		Next    string           `json:"next_cursor"`
	}
	get(t, s, "/api/quotes?limit=5", 200, &p)
	if len(p.Results) != 5 || p.Next == "" {
		t.Fatalf("quotes = %+v", p)
	}
	speaker := ""
	for _, q := range p.Results {
		if q.Speaker != "" {
			speaker = q.Speaker
		}
	}
	var by struct{ Results []store.QuoteHit }
	get(t, s, "/api/quotes?speaker_id="+url.QueryEscape("PERSON:"+speaker), 200, &by)
	if len(by.Results) == 0 {
		t.Errorf("no quotes by %q", speaker)
	}
	for _, q := range by.Results {
		if !strings.EqualFold(q.Speaker, speaker) {
			t.Errorf("quote by %q among %q's", q.Speaker, speaker)
		}
	}
	get(t, s, "/api/quotes?about=president&from=2016-01-01&to=2017-12-31", 200, &p)
	get(t, s, "/api/quotes?speaker_id=nocolon", 400, nil)
	var g struct{ Results []store.Quotation }
	get(t, s, "/api/quotations?limit=3", 200, &g)
	if len(g.Results) == 0 || len(g.Results) > 3 {
		t.Errorf("quotations = %d", len(g.Results))
	}
}

func TestEntities(t *testing.T) {
	s := newServer(t, Options{})
	var p struct {
		Results []entityOut `json:"results"`
		Next    string      `json:"next_cursor"`
	}
	get(t, s, "/api/entities?type=person&limit=5", 200, &p)
	if len(p.Results) != 5 || p.Next == "" {
		t.Fatalf("people = %+v", p)
	}
	top := p.Results[0]
	if top.Type != "PERSON" || top.ID != "PERSON:"+top.Name {
		t.Errorf("top person = %+v", top)
	}
	var e entityPage
	get(t, s, "/api/entities/"+url.PathEscape(top.ID)+"?limit=2", 200, &e)
	if e.Name != top.Name || e.Documents != top.Documents || len(e.Docs) == 0 || len(e.Docs) > 2 {
		t.Errorf("entity %s = %+v", top.ID, e)
	}
	if e.Documents > 2 && e.Next == "" {
		t.Errorf("entity %s in %d documents has no next page", top.ID, e.Documents)
	}
	var m entityPage
	get(t, s, "/api/entities/"+url.PathEscape("PERSON:Mallory <img src=x onerror=alert(1)> Script"), 200, &m)
	if len(m.Accused) != 1 || len(m.Quotes) != 1 || len(m.QuotesByMonth) != 1 || m.QuotesByMonth[0].Month != "2016-10" {
		t.Errorf("Mallory = %+v", m)
	}
	get(t, s, "/api/entities/"+url.PathEscape("PERSON:Nobody At All"), 404, nil)
	get(t, s, "/api/entities/nocolon", 400, nil)
	get(t, s, "/api/entities?type=NOT%20A%20TYPE", 400, nil)
}

func TestEvents(t *testing.T) {
	s := newServer(t, Options{})
	var p struct {
		Results []eventOut `json:"results"`
		Next    string     `json:"next_cursor"`
	}
	get(t, s, "/api/events?limit=200", 200, &p)
	if len(p.Results) == 0 {
		t.Fatal("no events")
	}
	get(t, s, "/api/events?type=ACCUSE&actor=mallory&role=target&country=usa&from=2016-10-01&to=2016-10-01", 200, &p)
	if len(p.Results) != 1 || p.Results[0].Lat == nil {
		t.Errorf("ACCUSE events against Mallory = %+v", p.Results)
	}
	get(t, s, "/api/events?role=bystander", 400, nil)
	get(t, s, "/api/events?country=United%20States", 400, nil)
}

func TestStories(t *testing.T) {
	s := newServer(t, Options{})
	var p struct{ Results []store.Story }
	get(t, s, "/api/stories?min=1&limit=2", 200, &p)
	if len(p.Results) != 2 {
		t.Fatalf("stories = %+v", p)
	}
	var st store.Story
	get(t, s, "/api/stories/"+p.Results[0].ID, 200, &st)
	if st.ID != p.Results[0].ID || len(st.Articles) == 0 {
		t.Errorf("story = %+v", st)
	}
	get(t, s, "/api/stories/ffffffffffff", 404, nil)
	var none struct{ Results []store.Story }
	w := do(s, "GET", "/api/stories?q=zzxqvj", nil)
	if err := json.Unmarshal(w.Body.Bytes(), &none); err != nil || none.Results == nil || !strings.Contains(w.Body.String(), `"results":[]`) {
		t.Errorf("no stories: %s", w.Body)
	}
	get(t, s, "/api/stories?q=Clinton", 200, &p)
}

func TestGraph(t *testing.T) {
	s := newServer(t, Options{})
	var g store.Graph
	get(t, s, "/api/graph", 200, &g)
	if len(g.Edges) == 0 || len(g.Nodes) < 2 {
		t.Fatalf("graph = %+v", g)
	}
	ids := map[string]bool{}
	for _, n := range g.Nodes {
		ids[n.ID] = true
	}
	for _, e := range g.Edges {
		if !ids[e.Source] || !ids[e.Target] || e.Weight < 1 {
			t.Errorf("edge %+v has no nodes", e)
		}
	}
	get(t, s, "/api/graph?type=ACCUSE&actor=mallory&limit=5", 200, &g)
	if len(g.Edges) != 1 {
		t.Errorf("ACCUSE graph around Mallory = %+v", g)
	}
	get(t, s, "/api/graph?limit=-1", 400, nil)
}

func TestStatsAndOutlets(t *testing.T) {
	s := newServer(t, Options{})
	var st store.Stats
	get(t, s, "/api/stats", 200, &st)
	if st.Documents != 37 {
		t.Errorf("stats = %+v, want 37 documents", st)
	}
	var o struct{ Results []store.Outlet }
	get(t, s, "/api/outlets", 200, &o)
	if len(o.Results) != 9 {
		t.Errorf("outlets = %+v", o.Results)
	}
}

func TestErrorsAreJSON(t *testing.T) {
	s := newServer(t, Options{})
	for _, c := range []struct {
		method, target string
		want           int
	}{
		{"GET", "/api/nothing", 404},
		{"DELETE", "/api/documents/abc", 405},
		{"PUT", "/api/documents", 405},
		{"OPTIONS", "/api/search", 405},
	} {
		w := do(s, c.method, c.target, nil, "Origin", "https://evil.example")
		var e errResp
		if w.Code != c.want || json.Unmarshal(w.Body.Bytes(), &e) != nil || e.Status != c.want {
			t.Errorf("%s %s: %d %s, want %d as JSON", c.method, c.target, w.Code, w.Body, c.want)
		}
		if w.Header().Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("%s %s sends CORS headers", c.method, c.target)
		}
	}
}

// failingStore fails every query, with internals in its error, or panics.
type failingStore struct {
	store.Store
	panics bool
}

func (f failingStore) Stats(context.Context) (store.Stats, error) {
	if f.panics {
		panic("secret panic detail /etc/passwd")
	}
	return store.Stats{}, io.ErrUnexpectedEOF
}

func TestInternalErrorsHideInternals(t *testing.T) {
	for _, panics := range []bool{false, true} {
		var logs bytes.Buffer
		s := New(Options{Store: failingStore{panics: panics}, Log: slog.New(slog.NewJSONHandler(&logs, nil))})
		w := do(s, "GET", "/api/stats", nil)
		var e errResp
		if w.Code != 500 || json.Unmarshal(w.Body.Bytes(), &e) != nil || e.Error != "internal error" {
			t.Errorf("panics=%v: %d %s", panics, w.Code, w.Body)
		}
		if strings.Contains(w.Body.String(), "secret") || strings.Contains(w.Body.String(), "EOF") {
			t.Errorf("internals leaked: %s", w.Body)
		}
		if !strings.Contains(logs.String(), `"status":500`) || (!strings.Contains(logs.String(), "secret") && !strings.Contains(logs.String(), "EOF")) {
			t.Errorf("log lacks the failure: %s", logs.String())
		}
	}
}

func TestAccessLog(t *testing.T) {
	var logs bytes.Buffer
	s := newServer(t, Options{Log: slog.New(slog.NewJSONHandler(&logs, nil))})
	do(s, "GET", "/api/search?q=secretword", nil)
	var line struct {
		Msg, Method, Path string
		Status            int
		Duration          int64
	}
	if err := json.Unmarshal(logs.Bytes(), &line); err != nil {
		t.Fatalf("log %q: %v", logs.String(), err)
	}
	if line.Msg != "request" || line.Method != "GET" || line.Path != "/api/search" || line.Status != 200 {
		t.Errorf("log line %+v", line)
	}
	if strings.Contains(logs.String(), "secretword") {
		t.Error("the access log holds what was searched for")
	}
}

func TestUI(t *testing.T) {
	ui := fstest.MapFS{
		"index.html":    {Data: []byte("<!doctype html><title>newsgraph</title>")},
		"static/app.js": {Data: []byte("console.log(1)")},
	}
	s := newServer(t, Options{UI: ui})
	for _, p := range []string{"/", "/search?q=x", "/article/abc", "/entity/PERSON:X", "/graph", "/timeline", "/map"} {
		w := do(s, "GET", p, nil)
		if w.Code != 200 || !strings.Contains(w.Body.String(), "<title>newsgraph") {
			t.Errorf("GET %s: %d", p, w.Code)
		}
		if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("GET %s: CSP %q", p, csp)
		}
	}
	if w := do(s, "GET", "/static/app.js", nil); w.Code != 200 || !strings.Contains(w.Header().Get("Content-Type"), "javascript") {
		t.Errorf("app.js: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	for _, p := range []string{"/static/", "/static/../index.html", "/nowhere"} {
		if w := do(s, "GET", p, nil); w.Code == 200 {
			t.Errorf("GET %s: 200", p)
		}
	}
}

func TestCache(t *testing.T) {
	s := writable(t, Options{})
	first := do(s, "GET", "/api/quotes?speaker=Lopez", nil)
	if first.Header().Get("X-Cache") != "miss" {
		t.Errorf("first answer X-Cache %q", first.Header().Get("X-Cache"))
	}
	if w := do(s, "GET", "/api/quotes?speaker=Lopez", nil); w.Header().Get("X-Cache") != "hit" || w.Body.String() != first.Body.String() {
		t.Errorf("second answer X-Cache %q", w.Header().Get("X-Cache"))
	}
	if w := do(s, "GET", "/api/quotes?speaker=Lopez&limit=x", nil); w.Code != 400 {
		t.Fatal(w.Code)
	}
	if w := do(s, "GET", "/api/quotes?speaker=Lopez&limit=x", nil); w.Header().Get("X-Cache") == "hit" {
		t.Error("an error was cached")
	}
	// A write clears the cache: the new quote shows at once.
	w := do(s, "POST", "/api/documents", strings.NewReader(sampleArticle), "Authorization", "Bearer s3cret")
	if w.Code != 201 {
		t.Fatalf("POST: %d %s", w.Code, w.Body)
	}
	var p struct{ Results []store.QuoteHit }
	get(t, s, "/api/quotes?speaker=Lopez", 200, &p)
	if len(p.Results) == 0 {
		t.Error("the posted quote is hidden by the cache")
	}
	off := writable(t, Options{CacheTTL: -1})
	do(off, "GET", "/api/stats", nil)
	if w := do(off, "GET", "/api/stats", nil); w.Header().Get("X-Cache") != "" {
		t.Errorf("cache off, X-Cache %q", w.Header().Get("X-Cache"))
	}
}

func TestCacheExpiresAndEvicts(t *testing.T) {
	c := newRespCache(time.Hour)
	for i := range cacheEntries + 10 {
		c.put(&cacheEntry{key: strconv.Itoa(i), body: []byte("x"), at: time.Now()})
	}
	if _, ok := c.get("0"); ok || c.lru.Len() != cacheEntries {
		t.Errorf("LRU holds %d entries, oldest kept: %v", c.lru.Len(), ok)
	}
	c.put(&cacheEntry{key: "old", body: []byte("x"), at: time.Now().Add(-2 * time.Hour)})
	if _, ok := c.get("old"); ok {
		t.Error("an expired answer was served")
	}
	c.put(&cacheEntry{key: "big", body: make([]byte, cacheMaxEntry+1), at: time.Now()})
	if _, ok := c.get("big"); ok {
		t.Error("an oversized answer was kept")
	}
}
