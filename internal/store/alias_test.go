package store

import (
	"reflect"
	"testing"

	"github.com/newsgraph/newsgraph/doc"
)

func TestAliasesRoundTrip(t *testing.T) {
	var ms []doc.Mention
	for _, s := range []string{"Trump", "12 3", "Mr\nTrump", "Trump", "", "Éric 2", "12 3", "Trump"} {
		ms = append(ms, doc.Mention{Text: s})
	}
	packed := EncodeAliases(ms)
	count := map[string]int{}
	if err := AddAliases(count, packed); err != nil {
		t.Fatal(err)
	}
	if err := AddAliases(count, EncodeAliases(ms[:1])); err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"Trump": 4, "12 3": 2, "Mr\nTrump": 1, "": 1, "Éric 2": 1}
	if !reflect.DeepEqual(count, want) {
		t.Errorf("packed %q reads back as %v", packed, count)
	}
	top := TopAliases(count, 3)
	if !reflect.DeepEqual(top, []Alias{{"Trump", 4}, {"12 3", 2}, {"", 1}}) {
		t.Errorf("TopAliases = %+v", top)
	}
	for _, bad := range []string{"1", "1 9 short", "x 1 a", "1 -1 a"} {
		if err := AddAliases(map[string]int{}, bad); err == nil {
			t.Errorf("AddAliases(%q) took it", bad)
		}
	}
	if EncodeAliases(nil) != "" {
		t.Error("no mentions should pack to nothing")
	}
}
