package geo

import (
	"fmt"
	"strings"
	"testing"
)

func TestDemonym(t *testing.T) {
	tests := []struct{ word, want string }{
		{"Russian", "RUS"}, {"Russians", "RUS"}, {"russian", "RUS"}, {"RUSSIAN", "RUS"},
		{"Ukrainian", "UKR"}, {"Ukrainians", "UKR"},
		{"American", "USA"}, {"Americans", "USA"}, {"US", "USA"}, {"U.S.", "USA"}, {"USA", "USA"},
		{"British", "GBR"}, {"Briton", "GBR"}, {"Britons", "GBR"}, {"UK", "GBR"}, {"U.K.", "GBR"}, {"Scots", "GBR"},
		{"Chinese", "CHN"}, {"Israeli", "ISR"}, {"Israelis", "ISR"},
		{"Palestinian", "PSE"}, {"Palestinians", "PSE"},
		{"Saudi", "SAU"}, {"Saudis", "SAU"},
		{"Finnish", "FIN"}, {"Finns", "FIN"}, {"Finn", "FIN"},
		{"Dutch", "NLD"}, {"Swiss", "CHE"}, {"Filipinos", "PHL"}, {"Filipina", "PHL"},
		{"Emirati", "ARE"}, {"UAE", "ARE"},
		{"South Korean", "KOR"}, {"North Koreans", "PRK"}, {"Korean", "KOR"},
		{"Congolese", "COD"}, {"Dominican", "DOM"}, {"Ivorian", "CIV"}, {"Kosovars", "XKX"},
		{"Nigerian", "NGA"}, {"Nigerien", "NER"}, {"Georgian", "GEO"},
		{"Russia", "RUS"}, {"South Korea", "KOR"}, {"Ivory Coast", "CIV"}, {"the United States", "USA"},
		{"Curaçaoan", "CUW"}, {"Russia's", "RUS"}, {"Britain’s", "GBR"}, {"US's", "USA"}, {"Curacaoan", "CUW"},
	}
	for _, tt := range tests {
		got, ok := Demonym(tt.word)
		if !ok || got != tt.want {
			t.Errorf("Demonym(%q) = %q, %v; want %q", tt.word, got, ok, tt.want)
		}
	}
	for _, w := range []string{"us", "Us", "uk", "", "Martian", "European", "Anchorage", "the"} {
		if got, ok := Demonym(w); ok {
			t.Errorf("Demonym(%q) = %q, want not found", w, got)
		}
	}
}

func TestDemonymTable(t *testing.T) {
	d := demonyms()
	if d.err != nil {
		t.Fatal(d.err)
	}
	if n := len(d.words) + len(d.acr); n < 900 {
		t.Errorf("only %d demonym words", n)
	}
}

func BenchmarkDemonym(b *testing.B) {
	words := []string{"Russians", "U.S.", "British", "Martian"}
	Demonym("")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		Demonym(words[i%len(words)])
		i++
	}
}

func ExampleDemonym() {
	for _, w := range []string{"Ukrainians", "U.S.", "us"} {
		iso3, ok := Demonym(w)
		fmt.Println(w, iso3, ok)
	}
	// Output:
	// Ukrainians UKR true
	// U.S. USA true
	// us  false
}

// TestDemonymPlain checks Demonym's path for words of ASCII letters (and
// single spaces) against the general one, on every word of the table in three cases and
// on words that are not in it.
func TestDemonymPlain(t *testing.T) {
	d := demonyms()
	words := []string{"Trump", "Putin", "X", "Ab", "USA", "US", "UAE", "USSR", "Mr", "ABCDEFGHIJKLMNOPQ", "Anchorage",
		"UN SC", "U S", "The Netherlands", "the United States", "THE UNITED STATES", "South  Korea", " Korea", "Korea ", "Donald Trump"}
	for k := range d.words {
		words = append(words, k, strings.ToUpper(k), strings.ToUpper(k[:1])+k[1:])
	}
	for a := range d.acr {
		words = append(words, a, strings.ToLower(a))
	}
	for _, w := range words {
		iso, ok := Demonym(w)
		wantISO, wantOK := demonymGeneral(w)
		if iso != wantISO || ok != wantOK {
			t.Errorf("Demonym(%q) = %q, %v; the general path gives %q, %v", w, iso, ok, wantISO, wantOK)
		}
	}
}
