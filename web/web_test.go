package web

import (
	"encoding/json"
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

func TestFiles(t *testing.T) {
	for _, name := range []string{"index.html", "static/app.js", "static/lib.js", "static/entity.js", "static/graph.js",
		"static/explore.js", "static/style.css", "static/world.json"} {
		if _, err := fs.Stat(FS(), name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestNoHTMLFromData guards the rule that data reaches the page as text:
// no script may parse strings as HTML or code.
func TestNoHTMLFromData(t *testing.T) {
	sinks := regexp.MustCompile(`\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(|setAttribute\("on|\.srcdoc`)
	scripts, _ := fs.Glob(FS(), "static/*.js")
	if len(scripts) == 0 {
		t.Fatal("no scripts")
	}
	for _, name := range scripts {
		b, _ := fs.ReadFile(FS(), name)
		for i, line := range strings.Split(string(b), "\n") {
			if sinks.MatchString(line) {
				t.Errorf("%s:%d: %s", name, i+1, strings.TrimSpace(line))
			}
		}
	}
	index, _ := fs.ReadFile(FS(), "index.html")
	if regexp.MustCompile(`<script>|\son[a-z]+=`).Match(index) {
		t.Error("index.html has an inline script or event handler, which the content security policy forbids")
	}
}

// TestWorld checks the map outlines built by build/build.mjs.
func TestWorld(t *testing.T) {
	b, err := fs.ReadFile(FS(), "static/world.json")
	if err != nil {
		t.Fatal(err)
	}
	var w struct {
		Width, Height int
		Countries     []struct{ ID, Name, D string }
	}
	if err := json.Unmarshal(b, &w); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, c := range w.Countries {
		if c.ID != "" {
			ids[c.ID] = true
		}
		if !strings.HasPrefix(c.D, "M") || !strings.HasSuffix(c.D, "Z") {
			t.Errorf("%s: path %.20q…", c.Name, c.D)
		}
	}
	if w.Width != 1000 || w.Height != 500 || len(w.Countries) < 170 {
		t.Errorf("world.json: %dx%d, %d countries", w.Width, w.Height, len(w.Countries))
	}
	for _, id := range []string{"USA", "RUS", "UKR", "CHN", "BRA", "FRA", "GBR", "IND", "ZAF", "AUS"} {
		if !ids[id] {
			t.Errorf("no outline for %s", id)
		}
	}
}
