package eval

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/doc"
)

func ploverData() string {
	if d := os.Getenv("NEWSGRAPH_DATA"); d != "" {
		return filepath.Join(d, "plover")
	}
	return filepath.Join("..", "..", "..", "shared", "data", "plover")
}

// TestEventsDev runs the events benchmark; the floor is the target
// for event type F1 on all of gsr-dev.
func TestEventsDev(t *testing.T) {
	var out strings.Builder
	res, err := Events(ploverData(), &out)
	if errors.Is(err, ErrNoData) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	t.Log("\n" + strings.Join(lines[max(0, len(lines)-3):], "\n"))
	if res.N == 0 || res.F1 < 0.70 {
		t.Errorf("events type F1 %.3f (P %.3f R %.3f) on %d records, want >= 0.70", res.F1, res.P, res.R, res.N)
	}
}

func TestEventsNoData(t *testing.T) {
	_, err := Events(filepath.Join(t.TempDir(), "absent"), io.Discard)
	if !errors.Is(err, ErrNoData) || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %v, want ErrNoData and fs.ErrNotExist", err)
	}
}

func TestEventsHalf(t *testing.T) {
	n := map[string]int{}
	for i := 0; i < 1000; i++ {
		id := fmt.Sprintf("PLOVER-GSR01-AGREE-%04d", i)
		h := EventsHalf(id)
		if h != EventsHalf(id) {
			t.Fatalf("EventsHalf(%q) not stable", id)
		}
		n[h]++
	}
	if n["tune"] == 0 || n["report"] == 0 {
		t.Errorf("halves %v", n)
	}
}

func TestRolesMatch(t *testing.T) {
	d := &doc.Document{Entities: []doc.Entity{
		{ID: "e1", Name: "Britain", Mentions: []doc.Mention{{Text: "Britain"}}},
		{ID: "e2", Name: "protesters", References: []doc.Mention{{Text: "Ukrainian protesters"}}},
	}}
	cases := []struct {
		ids  []string
		gold []string
		want bool
	}{
		{[]string{"e1"}, []string{"Great Britain"}, true},
		{[]string{"e1"}, nil, true},
		{nil, []string{"Great Britain"}, false},
		{[]string{"e2"}, []string{"protesters"}, true},
		{[]string{"e1"}, []string{"Britain", "France"}, false},
		{[]string{"e2"}, []string{"the Ukrainian Protesters"}, true},
	}
	for _, c := range cases {
		if got := rolesMatch(d, c.ids, c.gold); got != c.want {
			t.Errorf("rolesMatch(%v, %v) = %v", c.ids, c.gold, got)
		}
	}
}
