package geo

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/lazy"
)

// gazetteerIdx is gazetteer.tsv.gz and the country names of demonyms.tsv
// indexed by parse and written out by TestIndexFile (see indexfile.go).
//
//go:embed gazetteer.idx
var gazetteerIdx string

// gazetteer is the parsed, read-only data behind the package functions.
type gazetteer struct {
	places     []Place
	weight     []int               // per place: ranking weight (see sortIDs); nil with lazy (see weightOf)
	names      *nameIndex          // folded name → one place id (≥ 0) or -(1+index into lists), made by parse
	file       *fileIndex          // the same, read from gazetteer.idx; one of the two is set
	lazy       *lazyPlaces         // with file: decodes places on first use (see place)
	lists      [][]int32           // place ids of keys with several places, best first
	self       []int32             // self[i] == i, so that one id is a slice without allocating
	arena      []byte              // while indexing: the folded names, end to end
	pending    []pendingKey        // while indexing: the names in arena and their places
	acr        map[string][]int32  // acronym ("US") → country place ids
	country    map[string]int32    // ISO3 → place id of the country
	iso3       map[string]string   // ISO2 → ISO3
	iso2       map[string]string   // ISO3 → ISO2
	neighbours map[string][]string // ISO3 → ISO3 of land neighbours
	err        error
}

var lazyGazetteer = lazy.New(func() *gazetteer {
	g, err := decodeIndex(gazetteerIdx)
	if err != nil {
		g = &gazetteer{err: err}
	}
	return g
})

// gaz returns the gazetteer, reading it on first use.
func gaz() *gazetteer { return lazyGazetteer.Get() }

// place returns place id. Read from gazetteer.idx, places are decoded
// on first use, so that every read of g.places but parse's goes through
// here.
func (g *gazetteer) place(id int32) *Place {
	if lp := g.lazy; lp != nil && !lp.decoded(id) {
		lp.decode(g.places, id)
	}
	return &g.places[id]
}

// countryOf returns a number of the country of place id, the same for
// all places of a country.
func (g *gazetteer) countryOf(id int32) int32 {
	if g.lazy != nil {
		return int32(g.lazy.record(id)[8])
	}
	return g.country[g.place(id).Country]
}

// weightOf returns the ranking weight of place id (see sortIDs).
func (g *gazetteer) weightOf(id int32) int {
	if g.lazy != nil {
		return g.lazy.weight(id)
	}
	return g.weight[id]
}

// altFlag marks, while the index is built, an id matched only by an alternate name.
const altFlag = 1 << 30

// parse reads the gzipped gazetteer written by ./gen and indexes it, adding
// the country names of the demonym table d. It makes gazetteer.idx (see
// TestIndexFile); at run time the gazetteer is read from that.
func parse(gz []byte, d *demonymTable) (*gazetteer, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("geo: gazetteer: %w", err)
	}
	// Decompress on another goroutine, in chunks of whole lines, while
	// this one parses and indexes: on two cores that hides most of the
	// inflate time.
	chunks := make(chan string, 16)
	errc := make(chan error, 1)
	go func() {
		defer close(chunks)
		errc <- inflate(zr, chunks)
	}()
	defer func() {
		for range chunks { // let the goroutine finish if parsing failed
		}
	}()
	text := <-chunks
	head, _, _ := strings.Cut(text, "\n")
	var nPlaces, nNames int
	if _, err := fmt.Sscanf(head, "H\t%d\t%d", &nPlaces, &nNames); err != nil || nPlaces <= 0 || nNames <= 0 {
		return nil, fmt.Errorf("geo: gazetteer: bad header %q", head)
	}
	g := &gazetteer{
		places:     make([]Place, 0, nPlaces),
		weight:     make([]int, 0, nPlaces),
		arena:      make([]byte, 0, 12*nNames),
		pending:    make([]pendingKey, 0, nNames+1024),
		acr:        make(map[string][]int32),
		country:    make(map[string]int32, 256),
		iso3:       make(map[string]string, 256),
		iso2:       make(map[string]string, 256),
		neighbours: make(map[string][]string, 256),
	}
	regions := make(map[string]int32, 4096) // "FI.01" → region place id
	nbISO2 := make(map[string]string, 256)  // ISO3 → neighbours as ISO2 list
	var f [11]string
	for lineNo := 1; ; lineNo++ {
		if text == "" {
			var ok bool
			if text, ok = <-chunks; !ok {
				break
			}
		}
		line, rest, _ := strings.Cut(text, "\n")
		text = rest
		nf := split(line, f[:])
		bad := func(what string) error {
			return fmt.Errorf("geo: gazetteer line %d: %s", lineNo, what)
		}
		switch {
		case f[0] == "C" && nf == 9:
			p := Place{Name: f[3], Country: f[2], Kind: Country}
			if f[5] != "" {
				if p.Lat, err = strconv.ParseFloat(f[5], 64); err != nil {
					return nil, bad("bad latitude")
				}
				if p.Lon, err = strconv.ParseFloat(f[6], 64); err != nil {
					return nil, bad("bad longitude")
				}
			}
			if p.Population, err = strconv.Atoi(f[7]); err != nil {
				return nil, bad("bad population")
			}
			id := g.add(p)
			g.country[p.Country] = id
			g.iso3[f[1]] = f[2]
			g.iso2[f[2]] = f[1]
			nbISO2[f[2]] = f[8]
			g.index(f[3], id, false)
		case f[0] == "R" && nf == 8:
			iso3 := g.iso3[f[1]]
			if iso3 == "" {
				return nil, bad("region of unknown country " + f[1])
			}
			p := Place{Name: f[3], Country: iso3, Kind: Region}
			if f[6] != "" {
				if p.Lat, err = strconv.ParseFloat(f[6], 64); err != nil {
					return nil, bad("bad latitude")
				}
				if p.Lon, err = strconv.ParseFloat(f[7], 64); err != nil {
					return nil, bad("bad longitude")
				}
			}
			id := g.add(p)
			regions[f[1]+"."+f[2]] = id
			ascii := f[4]
			if ascii == "" {
				ascii = f[3]
			} else {
				g.index(ascii, id, false)
			}
			g.index(f[3], id, false)
			if short := trimRegionSuffix(ascii); short != "" {
				g.index(short, id, true)
			}
			g.indexAliases(f[5], id)
		case f[0] == "P" && nf == 11:
			iso3 := g.iso3[f[5]]
			if iso3 == "" {
				return nil, bad("city of unknown country " + f[5])
			}
			p := Place{Name: f[1], Country: iso3, Kind: City, Feature: f[9]}
			region, inRegion := regions[f[5]+"."+f[4]]
			if inRegion {
				p.Admin1 = g.places[region].Name
			}
			if p.Lat, err = strconv.ParseFloat(f[6], 64); err != nil {
				return nil, bad("bad latitude")
			}
			if p.Lon, err = strconv.ParseFloat(f[7], 64); err != nil {
				return nil, bad("bad longitude")
			}
			if p.Population, err = strconv.Atoi(f[8]); err != nil {
				return nil, bad("bad population")
			}
			id := g.add(p)
			if inRegion && p.Feature != "PPLX" {
				g.weight[region] += p.Population / 2
			}
			g.index(f[1], id, false)
			if f[2] != "" {
				g.index(f[2], id, false)
			}
			for alts := f[3]; alts != ""; {
				var a string
				a, alts, _ = strings.Cut(alts, ",")
				g.index(a, id, true)
			}
			g.indexAliases(f[10], id)
		case f[0] == "H" && lineNo == 1, line == "":
		default:
			return nil, bad(fmt.Sprintf("unknown record %q with %d fields", f[0], nf))
		}
	}
	if err := <-errc; err != nil {
		return nil, fmt.Errorf("geo: gazetteer: %w", err)
	}
	if len(g.places) != nPlaces {
		return nil, fmt.Errorf("geo: gazetteer: %d places, header says %d", len(g.places), nPlaces)
	}
	for iso3, list := range nbISO2 {
		for list != "" {
			var cc string
			cc, list, _ = strings.Cut(list, ",")
			if n := g.iso3[cc]; n != "" {
				g.neighbours[iso3] = append(g.neighbours[iso3], n)
			}
		}
	}
	if d != nil {
		for _, n := range d.names {
			id, ok := g.country[n.iso3]
			if !ok {
				continue
			}
			if a := acronym(n.word); a != "" {
				g.acr[a] = appendID(g.acr[a], id)
			} else {
				g.index(n.word, id, false)
			}
		}
	}
	g.build()
	for _, ids := range g.lists {
		g.sortIDs(ids)
	}
	g.self = make([]int32, len(g.places))
	for i := range g.self {
		g.self[i] = int32(i)
	}
	for _, ids := range g.acr {
		g.sortIDs(ids)
	}
	return g, nil
}

func (g *gazetteer) add(p Place) int32 {
	g.places = append(g.places, p)
	w := 0
	if p.Kind != Region {
		w = p.Population
	}
	g.weight = append(g.weight, w)
	return int32(len(g.places) - 1)
}

// pendingKey is a folded name waiting in gazetteer.arena to be indexed.
type pendingKey struct {
	start, end int32 // offsets in arena
	v          int32 // place id, with altFlag if an alternate name
}

// index queues place id under the folded form of name; build indexes it.
// The folded names are collected in one buffer so that the map keys are
// substrings of one string rather than one allocation each.
func (g *gazetteer) index(name string, id int32, alt bool) {
	start := len(g.arena)
	g.arena = appendFold(g.arena, name)
	if len(g.arena) == start {
		return
	}
	if alt {
		id |= altFlag
	}
	g.pending = append(g.pending, pendingKey{int32(start), int32(len(g.arena)), id})
}

// indexAliases indexes the "|"-separated aliases of place id as its own names.
func (g *gazetteer) indexAliases(list string, id int32) {
	for list != "" {
		var a string
		a, list, _ = strings.Cut(list, "|")
		g.index(a, id, false)
	}
}

// build puts the queued names into the index.
func (g *gazetteer) build() {
	g.names = newNameIndex(string(g.arena), len(g.pending))
	for _, p := range g.pending {
		g.insert(p)
	}
	g.arena, g.pending = nil, nil
}

// insert indexes one queued name.
func (g *gazetteer) insert(p pendingKey) {
	v := p.v
	id, alt := v&^altFlag, v&altFlag != 0
	e, slot := g.names.find(g.names.text[p.start:p.end])
	switch {
	case e == nil:
		g.names.add(p.start, p.end, slot, v)
	case e.v >= 0 && e.v&^altFlag == id:
		if !alt {
			e.v = id // a primary match beats an alternate one
		}
	case e.v >= 0:
		g.lists = append(g.lists, []int32{e.v, v})
		e.v = -int32(len(g.lists))
	default:
		ids := g.lists[-e.v-1]
		for i, o := range ids {
			if o&^altFlag == id {
				if !alt {
					ids[i] = id
				}
				return
			}
		}
		g.lists[-e.v-1] = append(ids, v)
	}
}

// ids returns the place ids under folded key k, best first. The slice
// belongs to the gazetteer.
func (g *gazetteer) ids(k string) []int32 {
	var v int32
	var ok bool
	if g.file != nil {
		v, ok = g.file.get(k)
	} else {
		v, ok = g.names.get(k)
	}
	switch {
	case !ok:
		return nil
	case v >= 0:
		v &^= altFlag
		return g.self[v : v+1 : v+1]
	}
	return g.lists[-v-1]
}

func appendID(ids []int32, id int32) []int32 {
	if slices.Contains(ids, id) {
		return ids
	}
	return append(ids, id)
}

// sortIDs orders the ids of one key best first and clears the alternate
// flags. Places matched by their own name come before those matched only by
// an alternate name, except that a capital or a city in a region matched by
// the same name ("Moscow") counts as its own name when the region matched
// by its own name. Then the heavier place comes first (population; for a
// region half the summed population of its cities, so that a country of the
// same name wins, but never more than the capital or a city of that region
// under the same key), then countries before regions before cities, then
// file order.
func (g *gazetteer) sortIDs(ids []int32) {
	if len(ids) > 1 {
		var weight [maxCandidates]int
		w := weight[:0]
		if len(ids) > maxCandidates {
			w = make([]int, 0, len(ids))
		}
		for _, v := range ids {
			w = append(w, g.weight[v&^altFlag])
		}
		for i, v := range ids {
			r := &g.places[v&^altFlag]
			if r.Kind != Region {
				continue
			}
			for j, u := range ids {
				c := &g.places[u&^altFlag]
				if c.Kind != City || c.Country != r.Country || (c.Admin1 != r.Name && c.Feature != "PPLC") {
					continue
				}
				if v&altFlag == 0 {
					ids[j] = u &^ altFlag
				}
				if w[i] >= c.Population {
					w[i] = c.Population - 1
				}
			}
		}
		key := func(i int) (bool, int) { return ids[i]&altFlag != 0, w[i] }
		idx := make([]int, len(ids))
		for i := range idx {
			idx[i] = i
		}
		slices.SortFunc(idx, func(a, b int) int {
			aa, wa := key(a)
			ba, wb := key(b)
			if aa != ba {
				if aa {
					return 1
				}
				return -1
			}
			if wa != wb {
				return wb - wa
			}
			pa, pb := &g.places[ids[a]&^altFlag], &g.places[ids[b]&^altFlag]
			if pa.Kind != pb.Kind {
				return int(pb.Kind) - int(pa.Kind)
			}
			return int(ids[a]&^altFlag) - int(ids[b]&^altFlag)
		})
		sorted := make([]int32, len(ids))
		for i, k := range idx {
			sorted[i] = ids[k]
		}
		copy(ids, sorted)
	}
	for i := range ids {
		ids[i] &^= altFlag
	}
}

// lookup returns the ids of the places name may refer to, best first. The
// slice belongs to the gazetteer unless it merges acronym and name matches.
func (g *gazetteer) lookup(name string) []int32 {
	ids := g.lookupExact(name)
	if len(ids) == 0 {
		if t := trimPossessive(name); t != name {
			ids = g.lookupExact(t)
		}
	}
	return ids
}

// lookupExact is lookup without the retry for possessives.
func (g *gazetteer) lookupExact(name string) []int32 {
	var buf [64]byte
	ids := g.ids(string(appendFold(buf[:0], name)))
	trimmed := strings.TrimPrefix(strings.TrimPrefix(name, "the "), "The ")
	if a := acronym(trimmed); a != "" {
		if acr := g.acr[a]; len(acr) > 0 {
			out := slices.Clone(acr)
			for _, id := range ids {
				out = appendID(out, id)
			}
			return out
		}
	}
	return ids
}

// inflate reads r to the end and sends its text in chunks of whole lines.
func inflate(r io.Reader, chunks chan<- string) error {
	const size = 256 << 10
	buf := make([]byte, size)
	n := 0 // bytes in buf
	for {
		m, err := r.Read(buf[n:])
		n += m
		if err == io.EOF {
			if n > 0 {
				chunks <- string(buf[:n])
			}
			return nil
		}
		if err != nil {
			return err
		}
		if n < len(buf) {
			continue
		}
		last := bytes.LastIndexByte(buf, '\n')
		if last < 0 { // a line longer than the buffer: grow it
			buf = append(buf, make([]byte, size)...)
			continue
		}
		chunks <- string(buf[:last+1])
		n = copy(buf, buf[last+1:])
	}
}

// split splits line at tabs into f and returns the number of fields, at most len(f).
func split(line string, f []string) int {
	n := 0
	for n < len(f)-1 {
		i := strings.IndexByte(line, '\t')
		if i < 0 {
			break
		}
		f[n] = line[:i]
		line = line[i+1:]
		n++
	}
	f[n] = line
	return n + 1
}

// regionSuffixes are dropped from region names to give a short alternate
// ("Donetsk Oblast" → "Donetsk").
var regionSuffixes = []string{
	" Oblast", " Oblysy", " Province", " Governorate", " Region", " Prefecture",
	" Voivodeship", " County", " District", " Krai", " Kray", " Territory",
	" Department", " Municipality", " Autonomous Okrug", " State",
}

func trimRegionSuffix(name string) string {
	for _, s := range regionSuffixes {
		if len(name) > len(s)+2 && strings.HasSuffix(name, s) {
			return name[:len(name)-len(s)]
		}
	}
	return ""
}
