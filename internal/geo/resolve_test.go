package geo

import (
	"fmt"
	"testing"
)

func TestResolve(t *testing.T) {
	type want struct{ name, admin1, country string }
	tests := []struct {
		names []string
		want  []want
	}{
		{[]string{"Anchorage", "Alaska"}, []want{{"Anchorage", "Alaska", "USA"}, {"Alaska", "", "USA"}}},
		{[]string{"Paris", "Texas"}, []want{{"Paris", "Texas", "USA"}, {"Texas", "", "USA"}}},
		{[]string{"Paris"}, []want{{"Paris", "Île-de-France", "FRA"}}},
		{[]string{"Paris", "France", "Lyon"}, []want{{"Paris", "Île-de-France", "FRA"}, {"France", "", "FRA"}, {"Lyon", "Rhône-Alpes", "FRA"}}},
		{[]string{"Georgia"}, []want{{"Georgia", "", "GEO"}}},
		{[]string{"Georgia", "Atlanta"}, []want{{"Georgia", "", "USA"}, {"Atlanta", "Georgia", "USA"}}},
		{[]string{"Atlanta", "Georgia", "Savannah"}, []want{{"Atlanta", "Georgia", "USA"}, {"Georgia", "", "USA"}, {"Savannah", "Georgia", "USA"}}},
		{[]string{"Georgia", "Florida", "Alabama"}, []want{{"Georgia", "", "USA"}, {"Florida", "", "USA"}, {"Alabama", "", "USA"}}},
		{[]string{"Georgia", "Tbilisi"}, []want{{"Georgia", "", "GEO"}, {"Tbilisi", "Tbilisi", "GEO"}}},
		{[]string{"Georgia", "Russia"}, []want{{"Georgia", "", "GEO"}, {"Russia", "", "RUS"}}},
		{[]string{"Moscow", "Idaho"}, []want{{"Moscow", "Idaho", "USA"}, {"Idaho", "", "USA"}}},
		{[]string{"New York", "New York City"}, []want{{"New York City", "New York", "USA"}, {"New York City", "New York", "USA"}}},
		{[]string{"Washington", "Seattle"}, []want{{"Washington", "", "USA"}, {"Seattle", "Washington", "USA"}}},
		{[]string{"St. Petersburg", "Florida"}, []want{{"St. Petersburg", "Florida", "USA"}, {"Florida", "", "USA"}}},
		{[]string{"St. Petersburg"}, []want{{"Saint Petersburg", "St.-Petersburg", "RUS"}}},
		{[]string{"Washington", "Moscow"}, []want{{"Washington", "District of Columbia", "USA"}, {"Moscow", "Moscow", "RUS"}}},
		{[]string{"US", "Moscow"}, []want{{"United States", "", "USA"}, {"Moscow", "Moscow", "RUS"}}},
		{[]string{"Georgia", "Moscow"}, []want{{"Georgia", "", "GEO"}, {"Moscow", "Moscow", "RUS"}}},
		{[]string{"Tripoli", "Lebanon"}, []want{{"Tripoli", "Liban-Nord", "LBN"}, {"Lebanon", "", "LBN"}}},
		{[]string{"Tripoli"}, []want{{"Tripoli", "Tripoli", "LBY"}}},
		{[]string{"Hyderabad", "Pakistan"}, []want{{"Hyderabad", "Sindh", "PAK"}, {"Pakistan", "", "PAK"}}},
		{[]string{"Birmingham", "Alabama"}, []want{{"Birmingham", "Alabama", "USA"}, {"Alabama", "", "USA"}}},
		{[]string{"Birmingham"}, []want{{"Birmingham", "England", "GBR"}}},
		{[]string{"London", "Ontario"}, []want{{"London", "Ontario", "CAN"}, {"Ontario", "", "CAN"}}},
		{[]string{"Rafah", "Egypt"}, []want{{"Rafaḩ", "North Sinai", "EGY"}, {"Egypt", "", "EGY"}}},
		{[]string{"Rafah", "Egypt", "Gaza"}, []want{{"Rafaḩ", "Gaza Strip", "PSE"}, {"Egypt", "", "EGY"}, {"Gaza", "Gaza Strip", "PSE"}}},
		{[]string{"Kiev", "Kyiv"}, []want{{"Kyiv", "Kyiv City", "UKR"}, {"Kyiv", "Kyiv City", "UKR"}}},
		{[]string{"Helsinki", "Xyzzyville", "Helsinki"}, []want{{"Helsinki", "Uusimaa", "FIN"}, {}, {"Helsinki", "Uusimaa", "FIN"}}},
		// The Alaska summit article: many US places must not drag Moscow to Idaho.
		{
			[]string{"Anchorage", "Alaska", "Washington", "Moscow", "Russia", "US", "Ukraine", "Kyiv", "Europe"},
			[]want{
				{"Anchorage", "Alaska", "USA"}, {"Alaska", "", "USA"}, {"Washington", "District of Columbia", "USA"},
				{"Moscow", "Moscow", "RUS"}, {"Russia", "", "RUS"}, {"United States", "", "USA"},
				{"Ukraine", "", "UKR"}, {"Kyiv", "Kyiv City", "UKR"}, {},
			},
		},
	}
	for _, tt := range tests {
		got := Resolve(tt.names)
		if len(got) != len(tt.names) {
			t.Errorf("Resolve(%q) returned %d places", tt.names, len(got))
			continue
		}
		for i, w := range tt.want {
			p := got[i]
			if p.Name != w.name || p.Admin1 != w.admin1 || p.Country != w.country {
				t.Errorf("Resolve(%q)[%d] = %q, %q, %q; want %q, %q, %q",
					tt.names, i, p.Name, p.Admin1, p.Country, w.name, w.admin1, w.country)
			}
			if w.name == "" && !p.IsZero() {
				t.Errorf("Resolve(%q)[%d] = %v, want zero Place", tt.names, i, p)
			}
		}
	}
	if got := Resolve(nil); len(got) != 0 {
		t.Errorf("Resolve(nil) = %v", got)
	}
}

func BenchmarkResolve(b *testing.B) {
	names := []string{"Anchorage", "Alaska", "Washington", "Moscow", "Russia", "US", "Ukraine", "Kyiv", "Europe", "Paris", "Georgia"}
	Load()
	b.ReportAllocs()
	for b.Loop() {
		Resolve(names)
	}
}

func ExampleResolve() {
	for _, p := range Resolve([]string{"Paris", "Texas", "Georgia", "Atlanta"}) {
		fmt.Printf("%s, %s, %s (%s)\n", p.Name, p.Admin1, p.Country, p.Kind)
	}
	// Output:
	// Paris, Texas, USA (city)
	// Texas, , USA (region)
	// Georgia, , USA (region)
	// Atlanta, Georgia, USA (city)
}
