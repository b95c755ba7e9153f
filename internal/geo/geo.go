// Package geo is newsgraph's gazetteer: every country, every first-level
// region (admin1) and every city of 15,000 people or more from GeoNames,
// embedded in the binary, plus a hand-built table of demonyms and country
// adjectives.
//
// Place names are matched on a folded key: case-insensitive, Latin
// diacritics removed ("São Paulo" = "Sao Paulo"), apostrophes and dots
// dropped. Acronyms ("US", "U.K.") match only when written in capitals.
// Coordinates are WGS84 decimal degrees; populations are numbers of people.
//
// The data is parsed once, on first use, and is then read-only; every
// function is safe for concurrent use. Call [Load] at start-up to pay the
// parsing cost (tens of milliseconds) early.
//
// The gazetteer is built from GeoNames (https://www.geonames.org/, CC BY 4.0)
// by the generator in ./gen; see NOTICE at the repository root.
package geo

//go:generate go run ./gen -data ../../../shared/data/geonames

import (
	_ "embed"
	"strings"
)

// Kind says what sort of place a Place is. The zero Kind means "no place".
type Kind uint8

// Kinds of place.
const (
	None    Kind = iota // zero Place: nothing matched
	City                // populated place of 15,000 people or more (GeoNames class P)
	Region              // first-level administrative division (state, province, oblast, …)
	Country             // country or dependent territory with an ISO 3166-1 code
)

// String returns "city", "region", "country" or "none".
func (k Kind) String() string {
	switch k {
	case City:
		return "city"
	case Region:
		return "region"
	case Country:
		return "country"
	}
	return "none"
}

// Place is one gazetteer entry. The zero Place means "not found".
type Place struct {
	// Name is the GeoNames name in UTF-8 ("São Paulo", "Kyiv", "Alaska", "United States").
	Name string
	// Admin1 is the name of the first-level region a city lies in ("Alaska");
	// empty for regions, countries and cities without a known region.
	Admin1 string
	// Country is the ISO 3166-1 alpha-3 code of the place's country ("USA");
	// a country's own code for a country.
	Country string
	// Kind is City, Region or Country.
	Kind Kind
	// Lat and Lon are WGS84 latitude and longitude in decimal degrees. For a
	// country they are its capital's; both are 0 for regions (GeoNames
	// admin1 codes carry no coordinates) and for the few countries whose
	// capital has fewer than 15,000 people.
	Lat, Lon float64
	// Population is the number of inhabitants according to GeoNames; 0 for
	// regions (not in the admin1 file) and where GeoNames does not know it.
	Population int
	// Feature is the GeoNames feature code of a city ("PPLC" a capital,
	// "PPLA" a region's seat, "PPL" other, "PPLX" a section of a city);
	// empty for regions and countries.
	Feature string
}

// IsZero reports whether p is the zero Place, meaning nothing matched.
func (p Place) IsZero() bool { return p.Kind == None }

// Load parses the embedded gazetteer and demonym table if that has not
// happened yet and reports whether they are sound. Calling it is optional:
// every other function loads the data on first use. An error here means the
// embedded data is corrupt (a build problem); lookups then find nothing.
func Load() error {
	if err := demonyms().err; err != nil {
		return err
	}
	return gaz().err
}

// Lookup returns every place that a surface name may refer to: cities,
// regions and countries whose name, ASCII name or English alternate name
// folds to the same key, and countries by common short names ("US",
// "U.S.", "America", "UK", "Britain", "South Korea", "Ivory Coast").
// Places whose own name matches come first, then those matched only by an
// alternate name ("Kiev" for Kyiv); within each group the most populous
// comes first, then countries before regions before cities. Lookup returns
// nil when nothing matches. The returned slice is the caller's.
func Lookup(name string) []Place {
	g := gaz()
	ids := g.lookup(name)
	if len(ids) == 0 {
		return nil
	}
	out := make([]Place, len(ids))
	for i, id := range ids {
		out[i] = g.places[id]
	}
	return out
}

// CountryName returns the English short name of the country with ISO 3166-1
// alpha-3 code iso3 ("FIN" → "Finland"), or "" if the code is unknown.
// The code is matched case-insensitively.
func CountryName(iso3 string) string {
	g := gaz()
	if id, ok := g.country[strings.ToUpper(iso3)]; ok {
		return g.places[id].Name
	}
	return ""
}

// ISO3 returns the ISO 3166-1 alpha-3 code for an alpha-2 code ("FI" →
// "FIN"), or "" if the code is unknown. The code is matched
// case-insensitively.
func ISO3(iso2 string) string {
	return gaz().iso3[strings.ToUpper(iso2)]
}

// ISO2 returns the ISO 3166-1 alpha-2 code for an alpha-3 code ("FIN" →
// "FI"), or "" if the code is unknown. The code is matched
// case-insensitively.
func ISO2(iso3 string) string {
	return gaz().iso2[strings.ToUpper(iso3)]
}
