package entity

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestFacilityIndex checks that facilities finds the same mentions with
// its index as with the plain passes of inMention and setFacility, on
// the example article, the PolNeAR dev texts when present, and sentences
// made to have facilities next to and inside the model's names.
func TestFacilityIndex(t *testing.T) {
	texts := []string{
		"Trump landed at Joint Base Elmendorf-Richardson in Anchorage. Putin flew from Vnukovo Airport.",
		"Fans filled Wembley Stadium and the Tower Bridge. The Ben Gurion Airport Authority said Ben Gurion Airport stays open.",
		"Al-Aqsa Mosque Compound Gate and Evin Prison Ward 209 held John Smith Base Camp Airport Hospital staff.",
		"He spoke at the White House Rose Garden Course, then at Camp David Base near Fort Bragg Army Base Hospital.",
	}
	if raw, err := os.ReadFile("../../examples/alaska-summit.txt"); err == nil {
		texts = append(texts, string(raw))
	}
	files, _ := filepath.Glob("../../../shared/data/polnear/dev/text/*.txt")
	for _, f := range files {
		if raw, err := os.ReadFile(f); err == nil {
			texts = append(texts, string(raw))
		}
	}
	defer func() { disabled = map[string]bool{} }()
	for i, txt := range texts {
		disabled = map[string]bool{}
		got, _ := json.Marshal(analyse(t, txt).Entities)
		disabled = map[string]bool{"facindex": true}
		want, _ := json.Marshal(analyse(t, txt).Entities)
		if string(got) != string(want) {
			t.Errorf("text %d (%.40q): with the index\n%s\nwithout\n%s", i, txt, got, want)
		}
	}
}
