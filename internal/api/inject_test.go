package api

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/store"
)

// attacks are values an attacker might put in any query parameter: SQL
// and FTS5 injections, LIKE wildcards, markup, path tricks, control
// characters, invalid UTF-8 and overlong values.
var attacks = []string{
	`' OR '1'='1`, `' OR 1=1 --`, `"; DROP TABLE docs; --`, `x'); DELETE FROM docs; --`, `1 UNION SELECT sql FROM sqlite_master`,
	`%`, `_`, `%_%`, `\`, `*`, `"`, `" OR "`, `NEAR(`, `title:`, `-`, `^`, `AND`, `OR NOT`, `(`, `)`, `{a b}:x`,
	`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`, `../../../etc/passwd`, `%00`, "a\x00b", "\x1b[31m",
	"\xff\xfe", strings.Repeat("A", 501), `PERSON:' OR 1=1 --`, `ACCUSE' --`, `US'`, `9999999999999999999999`, `-1`, `1e3`,
	`2016-01-01' OR '1'='1`, `🙂`,
}

// routesWithParams lists every GET route with the parameters it reads.
var routesWithParams = map[string][]string{
	"/api/search":                            {"q", "from", "to", "outlet", "limit", "cursor"},
	"/api/quotes":                            {"speaker", "speaker_id", "about", "from", "to", "limit", "cursor"},
	"/api/quotations":                        {"speaker", "speaker_id", "about", "from", "to", "limit"},
	"/api/entities":                          {"type", "name", "limit", "cursor"},
	"/api/entities/PERSON:Hillary%20Clinton": {"limit", "cursor"},
	"/api/events":                            {"type", "actor", "actor_id", "role", "country", "from", "to", "limit", "cursor"},
	"/api/stories":                           {"q", "min", "limit", "cursor"},
	"/api/graph":                             {"actor", "type", "from", "to", "limit"},
	"/api/documents/" + scriptID:             {"x"},
	"/api/stats":                             {"x"},
	"/api/outlets":                           {"x"},
	"/healthz":                               {"x"},
}

// TestInjection sends every attack in every parameter of every route:
// each answer is JSON with status 200, 400 or 404 (never 500), and the
// corpus is intact afterwards.
func TestInjection(t *testing.T) {
	s := newServer(t, Options{Token: "s3cret"})
	var before store.Stats
	get(t, s, "/api/stats", 200, &before)
	for route, names := range routesWithParams {
		for _, name := range names {
			for _, a := range attacks {
				q := url.Values{name: {a}}
				if name != "q" && strings.HasPrefix(route, "/api/search") {
					q.Set("q", "Clinton")
				}
				target := route + "?" + q.Encode()
				w := do(s, "GET", target, nil)
				if w.Code != 200 && w.Code != 400 && w.Code != 404 {
					t.Errorf("GET %s: %d %s", target, w.Code, w.Body)
					continue
				}
				var v any
				if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
					t.Errorf("GET %s: not JSON: %s", target, w.Body)
				}
				if strings.Contains(w.Body.String(), "<script>") || strings.Contains(w.Body.String(), "sqlite") || strings.Contains(w.Body.String(), "SQL") {
					t.Errorf("GET %s: answer echoes markup or internals: %s", target, w.Body)
				}
			}
		}
	}
	// Path parameters too.
	for _, a := range attacks {
		for _, prefix := range []string{"/api/documents/", "/api/entities/", "/api/entities/PERSON:", "/api/stories/"} {
			target := prefix + url.PathEscape(a)
			w := do(s, "GET", target, nil)
			if w.Code != 400 && w.Code != 404 && w.Code != 200 {
				t.Errorf("GET %s: %d %s", target, w.Code, w.Body)
			}
		}
	}
	// And in POST's description parameters: refused or stored as text.
	for _, a := range attacks[:6] {
		w := do(s, "POST", "/api/documents?title="+url.QueryEscape(a), strings.NewReader("x"), "Authorization", "Bearer s3cret'--")
		if w.Code != 401 {
			t.Errorf("POST with title %q and a wrong token: %d", a, w.Code)
		}
	}
	s.forget()
	var after store.Stats
	get(t, s, "/api/stats", 200, &after)
	if after != before {
		t.Errorf("stats changed: %+v, then %+v", before, after)
	}
	var hits searchPage
	get(t, s, "/api/search?limit=200&q="+url.QueryEscape(`' OR 1=1 --`), 200, &hits)
	if len(hits.Results) >= after.Documents {
		t.Errorf("an injected OR matched all %d articles", len(hits.Results))
	}
	var ents struct{ Results []entityOut }
	get(t, s, "/api/entities?name=%25", 200, &ents)
	if len(ents.Results) != 0 {
		t.Errorf("a %% wildcard matched %d entities", len(ents.Results))
	}
}
