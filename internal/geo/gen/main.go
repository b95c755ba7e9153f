// Command gen builds the gazetteer embedded by package geo from a GeoNames
// dump (cities15000.txt.gz, countryInfo.txt, admin1CodesASCII.txt) and the
// hand-made aliases.tsv.
//
// It writes gazetteer.tsv.gz in the current directory (the package directory
// when run by go generate). The output is sorted and gzipped without a
// timestamp, so running it twice on the same input gives identical bytes.
//
// The file holds four kinds of tab-separated lines, in this order:
//
//	H places names
//	C iso2 iso3 name capital lat lon population neighbours
//	R iso2 admin1code name asciiname aliases lat lon
//	P name asciiname alternates admin1code iso2 lat lon population featurecode aliases
//
// The H line gives the number of C, R and P lines and of names, so that a
// reader can size its tables. asciiname is empty when it equals name.
// aliases are names as good as the place's own, separated by "|": those in
// aliases.tsv ("Kyiv Oblast", "Washington, D.C.") and "<name> region" forms
// of oblasts. alternates are ASCII, English-looking GeoNames alternate names
// separated by commas. neighbours are ISO2 codes separated by commas.
//
// Coordinates are WGS84 decimal degrees; population is people. A country's
// lat/lon is its capital's if the capital is a city of 15,000 or more, else
// the population-weighted centroid of its cities, else empty. A region's
// lat/lon is the population-weighted centroid of its cities, or empty.
//
// GeoNames data is licensed CC BY 4.0; see NOTICE at the repository root.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

func main() {
	data := flag.String("data", "", "directory holding the GeoNames files")
	out := flag.String("out", "gazetteer.tsv.gz", "output file")
	aliases := flag.String("aliases", "aliases.tsv", "hand-made aliases of cities and regions")
	flag.Parse()
	if *data == "" {
		fmt.Fprintln(os.Stderr, "gen: -data is required")
		os.Exit(2)
	}
	var buf bytes.Buffer
	if err := generate(*data, *aliases, &buf); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

type country struct {
	iso2, iso3, name, capital, lat, lon, pop, neighbours string
}

type region struct {
	iso2, code, name, ascii string
	aliases                 []string
	lat, lon                string
}

type city struct {
	id                                        int
	name, ascii, alts, admin1, iso2, lat, lon string
	pop                                       int
	feature                                   string
	aliases                                   []string
}

// generate reads the GeoNames files in dir and the aliases file and writes
// the gzipped gazetteer to w.
func generate(dir, aliases string, w io.Writer) error {
	countries, err := readCountries(filepath.Join(dir, "countryInfo.txt"))
	if err != nil {
		return err
	}
	regions, err := readRegions(filepath.Join(dir, "admin1CodesASCII.txt"))
	if err != nil {
		return err
	}
	cities, err := readCities(filepath.Join(dir, "cities15000.txt.gz"))
	if err != nil {
		return err
	}
	setCapitals(countries, cities)
	setCentroids(countries, regions, cities)
	regionAliases(regions)
	if err := readAliases(aliases, countries, regions, cities); err != nil {
		return err
	}

	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	names := 2 * len(regions)
	for _, r := range regions {
		names += len(r.aliases)
	}
	for _, c := range cities {
		names += 2 + len(c.aliases)
		if c.alts != "" {
			names += strings.Count(c.alts, ",") + 1
		}
	}
	fmt.Fprintf(bw, "H\t%d\t%d\n", len(countries)+len(regions)+len(cities), names+len(countries))
	for _, c := range countries {
		fmt.Fprintf(bw, "C\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
			c.iso2, c.iso3, c.name, c.capital, c.lat, c.lon, c.pop, c.neighbours)
	}
	for _, r := range regions {
		fmt.Fprintf(bw, "R\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.iso2, r.code, r.name, sameOrEmpty(r.ascii, r.name),
			strings.Join(r.aliases, "|"), r.lat, r.lon)
	}
	for _, c := range cities {
		fmt.Fprintf(bw, "P\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n",
			c.name, sameOrEmpty(c.ascii, c.name), c.alts, c.admin1, c.iso2, c.lat, c.lon, c.pop, c.feature,
			strings.Join(c.aliases, "|"))
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// sameOrEmpty returns "" if s equals name and s otherwise.
func sameOrEmpty(s, name string) string {
	if s == name {
		return ""
	}
	return s
}

// lines calls fn with the fields of every non-comment, non-empty line of r.
func lines(name string, r io.Reader, minFields int, fn func([]string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < minFields {
			return fmt.Errorf("%s:%d: %d fields, want at least %d", name, n, len(f), minFields)
		}
		for i := range f {
			f[i] = clean(f[i])
		}
		if err := fn(f); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// clean trims a field and removes characters that would break the output format.
func clean(s string) string {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "\t\r\n") {
		s = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\r' || r == '\n' {
				return ' '
			}
			return r
		}, s)
	}
	return s
}

func readCountries(path string) ([]*country, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []*country
	err = lines(path, f, 18, func(f []string) error {
		if len(f[0]) != 2 || len(f[1]) != 3 {
			return fmt.Errorf("bad country codes %q %q", f[0], f[1])
		}
		if f[0] == "CS" || f[0] == "AN" { // dissolved: Serbia and Montenegro, Netherlands Antilles
			return nil
		}
		if _, err := strconv.Atoi(f[7]); err != nil {
			return fmt.Errorf("bad population %q", f[7])
		}
		out = append(out, &country{iso2: f[0], iso3: f[1], name: f[4], capital: f[5], pop: f[7], neighbours: f[17]})
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].iso2 < out[j].iso2 })
	return out, err
}

// regionAliases gives oblasts the "<name> region" form news uses: "Belgorod
// Oblast" → "Belgorod region"; Ukrainian oblasts, named without the word in
// GeoNames ("Donetsk"), get "Donetsk Oblast" and "Donetsk region".
func regionAliases(regions []region) {
	for i := range regions {
		r := &regions[i]
		switch {
		case strings.HasSuffix(strings.ToLower(r.ascii), " oblast"):
			r.aliases = append(r.aliases, r.ascii[:len(r.ascii)-len(" oblast")]+" region")
		case r.iso2 == "UA" && !strings.ContainsAny(r.ascii, " '") && r.ascii != "Crimea":
			r.aliases = append(r.aliases, r.ascii+" Oblast", r.ascii+" region")
		}
	}
}

// readAliases reads the hand-made aliases file, lines of
// "alias<TAB>ISO3<TAB>city|region<TAB>GeoNames name", and adds each alias to
// the place it names (the most populous city of that name in that country).
func readAliases(path string, countries []*country, regions []region, cities []city) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	iso2 := map[string]string{}
	for _, c := range countries {
		iso2[c.iso3] = c.iso2
	}
	return lines(path, f, 4, func(f []string) error {
		alias, cc, kind, target := f[0], iso2[f[1]], f[2], f[3]
		if cc == "" {
			return fmt.Errorf("unknown country %q", f[1])
		}
		if alias == "" || strings.Contains(alias, "|") {
			return fmt.Errorf("bad alias %q", alias)
		}
		switch kind {
		case "region":
			for i := range regions {
				if r := &regions[i]; r.iso2 == cc && (r.name == target || r.ascii == target) {
					r.aliases = append(r.aliases, alias)
					return nil
				}
			}
		case "city":
			best := -1
			for i := range cities {
				if c := &cities[i]; c.iso2 == cc && (c.name == target || c.ascii == target) &&
					(best < 0 || c.pop > cities[best].pop) {
					best = i
				}
			}
			if best >= 0 {
				cities[best].aliases = append(cities[best].aliases, alias)
				return nil
			}
		default:
			return fmt.Errorf("kind %q, want city or region", kind)
		}
		return fmt.Errorf("no %s %q in %s", kind, target, f[1])
	})
}

func readRegions(path string) ([]region, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []region
	err = lines(path, f, 3, func(f []string) error {
		cc, code, ok := strings.Cut(f[0], ".")
		if !ok || len(cc) != 2 || code == "" {
			return fmt.Errorf("bad admin1 code %q", f[0])
		}
		out = append(out, region{iso2: cc, code: code, name: f[1], ascii: f[2]})
		return nil
	})
	sort.Slice(out, func(i, j int) bool {
		if out[i].iso2 != out[j].iso2 {
			return out[i].iso2 < out[j].iso2
		}
		return out[i].code < out[j].code
	})
	return out, err
}

func readCities(path string) ([]city, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []city
	err = lines(path, zr, 19, func(f []string) error {
		id, err := strconv.Atoi(f[0])
		if err != nil {
			return fmt.Errorf("bad geonameid %q", f[0])
		}
		pop, err := strconv.Atoi(f[14])
		if err != nil {
			return fmt.Errorf("bad population %q", f[14])
		}
		if _, err := strconv.ParseFloat(f[4], 64); err != nil {
			return fmt.Errorf("bad latitude %q", f[4])
		}
		if _, err := strconv.ParseFloat(f[5], 64); err != nil {
			return fmt.Errorf("bad longitude %q", f[5])
		}
		if f[1] == "" || f[8] == "" {
			return errors.New("empty name or country")
		}
		out = append(out, city{
			id: id, name: f[1], ascii: f[2], alts: alternates(f[1], f[2], f[3]),
			admin1: f[10], iso2: f[8], lat: f[4], lon: f[5], pop: pop, feature: f[7],
		})
		return nil
	})
	if cerr := zr.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("%s: %w", path, cerr)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := &out[i], &out[j]
		if a.iso2 != b.iso2 {
			return a.iso2 < b.iso2
		}
		if a.admin1 != b.admin1 {
			return a.admin1 < b.admin1
		}
		if a.ascii != b.ascii {
			return a.ascii < b.ascii
		}
		return a.id < b.id
	})
	return out, err
}

// setCapitals fills in each country's lat/lon from its capital: the PPLC city
// of that country, or else a city of that country named like the capital.
func setCapitals(countries []*country, cities []city) {
	byISO := make(map[string]*country, len(countries))
	for _, c := range countries {
		byISO[c.iso2] = c
	}
	for pass := 0; pass < 2; pass++ {
		for i := range cities {
			ci := &cities[i]
			c := byISO[ci.iso2]
			if c == nil || c.lat != "" {
				continue
			}
			if (pass == 0 && ci.feature == "PPLC") ||
				(pass == 1 && c.capital != "" && (ci.name == c.capital || ci.ascii == c.capital)) {
				c.lat, c.lon = ci.lat, ci.lon
			}
		}
	}
}

// setCentroids gives every region, and every country still without
// coordinates, the population-weighted centroid of its cities, averaged as
// unit vectors so that places across the 180th meridian come out right.
func setCentroids(countries []*country, regions []region, cities []city) {
	type sum struct{ x, y, z float64 }
	byRegion := map[string]*sum{}
	byCountry := map[string]*sum{}
	add := func(m map[string]*sum, k string, c *city) {
		lat, _ := strconv.ParseFloat(c.lat, 64) // checked in readCities
		lon, _ := strconv.ParseFloat(c.lon, 64)
		lat, lon = lat*math.Pi/180, lon*math.Pi/180
		w := float64(max(c.pop, 1))
		s := m[k]
		if s == nil {
			s = &sum{}
			m[k] = s
		}
		s.x += w * math.Cos(lat) * math.Cos(lon)
		s.y += w * math.Cos(lat) * math.Sin(lon)
		s.z += w * math.Sin(lat)
	}
	for i := range cities {
		c := &cities[i]
		if c.feature == "PPLX" { // sections would count their city twice
			continue
		}
		add(byRegion, c.iso2+"."+c.admin1, c)
		add(byCountry, c.iso2, c)
	}
	point := func(s *sum) (string, string) {
		lat := math.Atan2(s.z, math.Hypot(s.x, s.y)) * 180 / math.Pi
		lon := math.Atan2(s.y, s.x) * 180 / math.Pi
		return strconv.FormatFloat(lat, 'f', 5, 64), strconv.FormatFloat(lon, 'f', 5, 64)
	}
	for i := range regions {
		if s := byRegion[regions[i].iso2+"."+regions[i].code]; s != nil {
			regions[i].lat, regions[i].lon = point(s)
		}
	}
	for _, c := range countries {
		if s := byCountry[c.iso2]; s != nil && c.lat == "" {
			c.lat, c.lon = point(s)
		}
	}
}

// alternates keeps the alternate names a news text in English is likely to
// use: ASCII only, capitalised, no digits, not an all-capitals code, and not
// the same as the name once folded. GeoNames lists alternates without a
// language here, so this is a heuristic; it drops most non-Latin-script and
// romanised-Chinese forms and keeps exonyms like "Kiev", "Moscow", "Peking".
func alternates(name, ascii, all string) string {
	if all == "" {
		return ""
	}
	seen := map[string]bool{key(name): true, key(ascii): true}
	var keep []string
	for _, a := range strings.Split(all, ",") {
		a = strings.TrimSpace(a)
		if !englishLike(a) {
			continue
		}
		k := key(a)
		if seen[k] {
			continue
		}
		seen[k] = true
		keep = append(keep, a)
	}
	return strings.Join(keep, ",")
}

func englishLike(a string) bool {
	if len(a) < 3 || len(a) > 40 || a[0] < 'A' || a[0] > 'Z' {
		return false
	}
	lower := false
	for i := 0; i < len(a); i++ {
		c := a[i]
		switch {
		case c >= 'a' && c <= 'z':
			lower = true
		case c >= 'A' && c <= 'Z', c == ' ', c == '-', c == '\'', c == '.':
		default:
			return false
		}
	}
	if !lower {
		return false
	}
	// Words after the first must be capitalised or English/Romance
	// particles: this drops "Ho Chi Minh-byen", "New York borg", "Helsingin
	// kaupunki" while keeping "Rio de Janeiro" and "Stratford-upon-Avon".
	words := strings.FieldsFunc(a, func(r rune) bool { return r == ' ' || r == '-' })
	for _, w := range words[1:] {
		if w[0] >= 'a' && w[0] <= 'z' && !particles[w] {
			return false
		}
	}
	for _, p := range foreignCityWords {
		if strings.HasPrefix(a, p) {
			return false
		}
	}
	return !commonWords[strings.ToLower(a)]
}

// commonWords are English words that some places list as alternate names
// ("One" for Onex); as alternates they would turn ordinary words into places.
var commonWords = map[string]bool{
	"one": true, "two": true, "three": true, "the": true, "and": true, "new": true, "old": true,
	"city": true, "town": true, "port": true, "bay": true, "north": true, "south": true, "east": true,
	"west": true, "central": true, "capital": true, "center": true, "centre": true, "downtown": true,
	"president": true, "friday": true, "monday": true, "sunday": true, "march": true, "may": true,
	"june": true, "august": true, "home": true, "paradise": true, "hope": true, "union": true,
	"liberty": true, "victory": true, "independence": true, "republic": true, "state": true,
	"national": true, "general": true, "government": true, "people": true, "police": true,
	"army": true, "news": true, "white": true, "black": true, "red": true, "green": true, "golden": true,
	"big apple": true, "the big apple": true, "windy city": true, "pool": true,
}

// particles may start a later word of an alternate name in lower case.
var particles = map[string]bool{
	"de": true, "del": true, "della": true, "di": true, "da": true, "do": true, "dos": true, "das": true,
	"la": true, "le": true, "les": true, "los": true, "las": true, "el": true, "al": true, "y": true,
	"of": true, "on": true, "upon": true, "the": true, "and": true, "en": true, "sur": true, "sous": true,
	"am": true, "an": true, "der": true, "im": true, "bei": true,
}

// foreignCityWords begin alternates that are "city of X" in another language.
var foreignCityWords = []string{
	"Lungsod ng ", "Kota ", "Bandar Raya ", "Cathair ", "Thanh pho ", "Ciudad de ", "Cidade de ",
	"Ciudad ", "Cidade ", "Ville de ", "Citta di ", "Stadt ", "Miasto ", "Gorad ", "Horad ", "Qalat ",
	"Municipio ", "Munisipyo ", "Comuna ", "Distrikt ", "Provincia ", "Sehir ",
}

// key folds an ASCII name the way package geo does ("Sai Gon" and "Saigon"
// stay apart; "Xi'an" and "Xian" do not), to drop duplicate alternates.
func key(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '\'' || r == '.' || r == '`':
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 0x80:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}
