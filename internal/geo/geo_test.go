package geo

import (
	"fmt"
	"sync"
	"testing"
)

func TestLoad(t *testing.T) {
	if err := Load(); err != nil {
		t.Fatal(err)
	}
	g := gaz()
	var n [4]int
	for id := range g.places {
		n[g.place(int32(id)).Kind]++
	}
	if n[Country] < 245 || n[Region] < 3800 || n[City] < 32000 {
		t.Errorf("countries, regions, cities = %d, %d, %d; want ≥ 245, 3800, 32000", n[Country], n[Region], n[City])
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		name            string
		first           string // Name of the first candidate; "" for no match
		country, admin1 string
		kind            Kind
	}{
		{"Helsinki", "Helsinki", "FIN", "Uusimaa", City},
		{"Moscow", "Moscow", "RUS", "Moscow", City},
		{"Kyiv", "Kyiv", "UKR", "Kyiv City", City},
		{"Kiev", "Kyiv", "UKR", "Kyiv City", City},
		{"KYIV", "Kyiv", "UKR", "Kyiv City", City},
		{"São Paulo", "São Paulo", "BRA", "São Paulo", City},
		{"Sao Paulo", "São Paulo", "BRA", "São Paulo", City},
		{"sao paulo", "São Paulo", "BRA", "São Paulo", City},
		{"Anchorage", "Anchorage", "USA", "Alaska", City},
		{"Paris", "Paris", "FRA", "Île-de-France", City},
		{"New York", "New York City", "USA", "New York", City},
		{"Washington", "Washington", "USA", "District of Columbia", City},
		{"Washington, D.C.", "Washington", "USA", "District of Columbia", City},
		{"NYC", "New York City", "USA", "New York", City},
		{"Saigon", "Ho Chi Minh City", "VNM", "Ho Chi Minh City (HCMC)", City},
		{"Mecca", "Makkah", "SAU", "Mecca Region", City},
		{"Bombay", "Mumbai", "IND", "Maharashtra", City},
		{"Odesa", "Odesa", "UKR", "Odessa", City},
		{"Kyiv Oblast", "Kiev", "UKR", "", Region},
		{"Kyiv region", "Kiev", "UKR", "", Region},
		{"Donetsk region", "Donetsk", "UKR", "", Region},
		{"Belgorod region", "Belgorod Oblast", "RUS", "", Region},
		{"Kharkiv Oblast", "Kharkivs’ka Oblast’", "UKR", "", Region},
		{"Alaska", "Alaska", "USA", "", Region},
		{"Texas", "Texas", "USA", "", Region},
		{"Georgia", "Georgia", "GEO", "", Country},
		{"Zürich", "Zürich", "CHE", "Zurich", City},
		{"Zurich", "Zürich", "CHE", "Zurich", City},
		{"Xi'an", "Xi’an", "CHN", "Shaanxi", City},
		{"US", "United States", "USA", "", Country},
		{"U.S.", "United States", "USA", "", Country},
		{"USA", "United States", "USA", "", Country},
		{"United States", "United States", "USA", "", Country},
		{"the United States", "United States", "USA", "", Country},
		{"America", "United States", "USA", "", Country},
		{"UK", "United Kingdom", "GBR", "", Country},
		{"U.K.", "United Kingdom", "GBR", "", Country},
		{"Britain", "United Kingdom", "GBR", "", Country},
		{"Great Britain", "United Kingdom", "GBR", "", Country},
		{"Russia", "Russia", "RUS", "", Country},
		{"Russian Federation", "Russia", "RUS", "", Country},
		{"South Korea", "South Korea", "KOR", "", Country},
		{"North Korea", "North Korea", "PRK", "", Country},
		{"Ivory Coast", "Ivory Coast", "CIV", "", Country},
		{"Côte d'Ivoire", "Ivory Coast", "CIV", "", Country},
		{"Cote d’Ivoire", "Ivory Coast", "CIV", "", Country},
		{"Czech Republic", "Czechia", "CZE", "", Country},
		{"the Netherlands", "The Netherlands", "NLD", "", Country},
		{"Holland", "The Netherlands", "NLD", "", Country},
		{"UAE", "United Arab Emirates", "ARE", "", Country},
		{"Burma", "Myanmar", "MMR", "", Country},
		{"Türkiye", "Turkey", "TUR", "", Country},
		{"Congo", "Democratic Republic of the Congo", "COD", "", Country},
		{"Alaska's", "Alaska", "USA", "", Region},
		{"the US's", "United States", "USA", "", Country},
		{"Philippines’", "Philippines", "PHL", "", Country},
		{"St. John's", "St. John's", "CAN", "Newfoundland and Labrador", City},
		{"us", "", "", "", None},
		{"Xyzzyville", "", "", "", None},
		{"", "", "", "", None},
		{"  ", "", "", "", None},
	}
	for _, tt := range tests {
		got := Lookup(tt.name)
		if tt.first == "" {
			for _, p := range got {
				if p.Kind == Country {
					t.Errorf("Lookup(%q) = %v, want no country", tt.name, got)
				}
			}
			if tt.name != "us" && len(got) != 0 {
				t.Errorf("Lookup(%q) = %v, want nil", tt.name, got)
			}
			continue
		}
		if len(got) == 0 {
			t.Errorf("Lookup(%q) = nil, want %s", tt.name, tt.first)
			continue
		}
		p := got[0]
		if p.Name != tt.first || p.Country != tt.country || p.Admin1 != tt.admin1 || p.Kind != tt.kind {
			t.Errorf("Lookup(%q)[0] = %q, %q, %q, %v; want %q, %q, %q, %v",
				tt.name, p.Name, p.Admin1, p.Country, p.Kind, tt.first, tt.admin1, tt.country, tt.kind)
		}
	}
}

func TestLookupOrder(t *testing.T) {
	// Within own-name matches, most populous first.
	got := Lookup("Paris")
	if len(got) < 2 || got[0].Country != "FRA" {
		t.Fatalf("Lookup(Paris) = %v", got)
	}
	var tx bool
	for _, p := range got {
		if p.Admin1 == "Texas" {
			tx = true
		}
	}
	if !tx {
		t.Errorf("Lookup(Paris) has no Paris, Texas: %v", got)
	}
	// Georgia: the country, then the US state.
	got = Lookup("Georgia")
	if len(got) < 2 || got[0].Kind != Country || got[1].Kind != Region || got[1].Country != "USA" {
		t.Errorf("Lookup(Georgia) = %v", got)
	}
	// The returned slice is the caller's.
	got[0].Name = "changed"
	if Lookup("Georgia")[0].Name != "Georgia" {
		t.Error("Lookup returned shared memory")
	}
}

func TestPlaceFields(t *testing.T) {
	p := Lookup("Anchorage")[0]
	if p.Lat < 61 || p.Lat > 61.5 || p.Lon > -149.5 || p.Lon < -150.5 || p.Population < 200000 || p.Feature == "" {
		t.Errorf("Anchorage = %+v", p)
	}
	us := Lookup("US")[0]
	if us.Lat < 38 || us.Lat > 39.5 || us.Population < 300_000_000 { // Washington, D.C.
		t.Errorf("US = %+v", us)
	}
	ak := Lookup("Alaska")[0]
	if ak.Lat < 58 || ak.Lat > 65 || ak.Lon < -155 || ak.Lon > -140 { // near Anchorage
		t.Errorf("Alaska = %+v", ak)
	}
	if !(Place{}).IsZero() || p.IsZero() {
		t.Error("IsZero")
	}
}

func TestCountryCodes(t *testing.T) {
	tests := []struct{ iso2, iso3, name string }{
		{"FI", "FIN", "Finland"},
		{"US", "USA", "United States"},
		{"GB", "GBR", "United Kingdom"},
		{"RU", "RUS", "Russia"},
		{"UA", "UKR", "Ukraine"},
		{"XK", "XKX", "Kosovo"},
		{"PS", "PSE", "Palestinian Territory"},
	}
	for _, tt := range tests {
		if got := ISO3(tt.iso2); got != tt.iso3 {
			t.Errorf("ISO3(%q) = %q, want %q", tt.iso2, got, tt.iso3)
		}
		if got := ISO2(tt.iso3); got != tt.iso2 {
			t.Errorf("ISO2(%q) = %q, want %q", tt.iso3, got, tt.iso2)
		}
		if got := CountryName(tt.iso3); got != tt.name {
			t.Errorf("CountryName(%q) = %q, want %q", tt.iso3, got, tt.name)
		}
	}
	if got := ISO3("fi"); got != "FIN" {
		t.Errorf("ISO3(fi) = %q", got)
	}
	for _, bad := range []string{"", "ZZ", "ZZZ", "CS", "SCG"} {
		if ISO3(bad) != "" || CountryName(bad) != "" || ISO2(bad) != "" {
			t.Errorf("%q should be unknown", bad)
		}
	}
}

// TestCountriesHaveNames checks that demonyms.tsv and the gazetteer list the
// same countries.
func TestCountriesHaveNames(t *testing.T) {
	g, d := gaz(), demonyms()
	inTable := map[string]bool{}
	for _, n := range d.names {
		inTable[n.iso3] = true
		if _, ok := g.country[n.iso3]; !ok {
			t.Errorf("demonyms.tsv: %s (%q) is not a GeoNames country", n.iso3, n.word)
		}
	}
	for iso3 := range g.country {
		if !inTable[iso3] {
			t.Errorf("demonyms.tsv has no line for %s (%s)", iso3, CountryName(iso3))
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"São Paulo", "sao paulo"},
		{"Kraków", "krakow"},
		{"Łódź", "lodz"},
		{"Düsseldorf", "dusseldorf"},
		{"Straße", "strasse"},
		{"Timișoara", "timisoara"},
		{"Timişoara", "timisoara"},
		{"Xi'an", "xian"},
		{"Xi’an", "xian"},
		{"St. Petersburg", "st petersburg"},
		{"Winston-Salem", "winston salem"},
		{"  New   York ", "new york"},
		{"The Hague", "hague"},
		{"Côte d'Ivoire", "cote divoire"},
		{"Sa\u0303o Paulo", "sao paulo"}, // combining tilde
		{"Москва", "москва"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := fold(tt.in); got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAcronym(t *testing.T) {
	tests := []struct{ in, want string }{
		{"US", "US"}, {"U.S.", "US"}, {"U. S.", "US"}, {"USA", "USA"}, {"U.A.E.", "UAE"},
		{"us", ""}, {"Us", ""}, {"U", ""}, {"Paris", ""}, {"ABCDEFGHIJKLMNOPQ", ""},
	}
	for _, tt := range tests {
		if got := acronym(tt.in); got != tt.want {
			t.Errorf("acronym(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				if ps := Lookup("Helsinki"); len(ps) == 0 || ps[0].Country != "FIN" {
					t.Errorf("Lookup(Helsinki) = %v", ps)
					return
				}
				if r := Resolve([]string{"Paris", "Texas"}); r[0].Admin1 != "Texas" {
					t.Errorf("Resolve = %v", r)
					return
				}
				if iso, _ := Demonym("Russians"); iso != "RUS" {
					t.Errorf("Demonym(Russians) = %q", iso)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// BenchmarkLoad measures reading the embedded gazetteer, which happens
// once per process. Besides wall time it reports CPU time per load
// (cpu-ms/op), which a busy machine inflates less.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	start, n := cpuTime(), 0
	for b.Loop() {
		if _, err := decodeIndex(gazetteerIdx); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(n), "cpu-ms/op")
	}
}

func BenchmarkLookup(b *testing.B) {
	names := []string{"Anchorage", "Kiev", "São Paulo", "U.S.", "Paris", "Xyzzyville", "Georgia", "New York"}
	Load()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		Lookup(names[i%len(names)])
		i++
	}
}

func ExampleLookup() {
	for _, p := range Lookup("Kiev") {
		fmt.Printf("%s, %s, %s (%s)\n", p.Name, p.Admin1, p.Country, p.Kind)
	}
	// Output:
	// Kyiv, Kyiv City, UKR (city)
	// Kiev, , UKR (region)
}

func TestTrimPossessive(t *testing.T) {
	for in, want := range map[string]string{
		"Russia's": "Russia", "Russia’s": "Russia", "RUSSIA'S": "RUSSIA", "Russia’S": "Russia",
		"Philippines'": "Philippines", "Philippines’": "Philippines", "Paris": "Paris", "Texas": "Texas",
		"'s": "'s", "s'": "s'", "s’": "s’", "’s": "’s", "": "", "US": "US", "Kyiv": "Kyiv", "it'": "it'", "x’": "x’",
	} {
		if got := trimPossessive(in); got != want {
			t.Errorf("trimPossessive(%q) = %q, want %q", in, got, want)
		}
	}
}
