package geo

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// gazetteer.idx is the gazetteer as package geo uses it, written by
// TestIndexFile (go generate) from gazetteer.tsv.gz and demonyms.tsv with
// parse: places in fixed-size records, the folded-name index as a bucketed
// hash table, the lists of ids already sorted. Reading it means making a
// few small maps, well under a millisecond, instead of inflating, parsing
// and indexing the text (some 20 ms); the name index is used where it lies
// in the embedded string, and a place is decoded from its record when it
// is first looked at (lazyPlaces).
//
// Layout: the 8-byte magic, then header fields (little-endian uint32, in
// the order of the hdr constants), then the sections they locate, each
// starting on a 4-byte boundary:
//
//	places    nPlaces records of placeSize bytes: name offset (u32) and
//	          length (u16), admin1 region id (u16, noRegion if none), country
//	          (u8, index into the countries), kind (u8), feature (u8, index
//	          into the features), a zero byte, lat and lon (i32, in units of
//	          1e-5 degree), weight (u32: the population, for a region
//	          the ranking weight that parse gives it, see sortIDs)
//	buckets   nBuckets+1 u32: keys of bucket b are keys[buckets[b]:buckets[b+1]],
//	          bucket = FNV-1a(key) mod nBuckets
//	keyOff    nKeys+1 u32: key i is the bytes [keyOff[i], keyOff[i+1]) of the file
//	keyVal    nKeys i32: a place id (≥ 0) or -(1 + list index)
//	listOff   nLists+1 u32: list i is listIDs[listOff[i]:listOff[i+1]]
//	listIDs   u32 place ids
//	text      lines: "F feature", "C iso2 iso3 id neighbour,…", "A acronym id,…"
//	          (fields separated by tabs), then the bytes the offsets point at
const indexMagic = "ngeoidx2"

// Header fields, in file order.
const (
	hdrPlaces = iota
	hdrBuckets
	hdrKeys
	hdrLists
	hdrListIDs
	hdrPlacesAt
	hdrBucketsAt
	hdrKeyOffAt
	hdrKeyValAt
	hdrListOffAt
	hdrListIDsAt
	hdrTextAt
	hdrTextLen
	hdrFields
)

const (
	placeSize = 24
	noRegion  = 0xffff
	coordUnit = 1e5 // coordinates are stored in units of 1/coordUnit degree
)

// indexHash is FNV-1a, 32 bits: stable from build to build, unlike maphash.
func indexHash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h
}

// fileIndex is the name index of a gazetteer.idx, read in place.
type fileIndex struct {
	data                    string
	buckets, keyOff, keyVal int // offsets of the sections
	nBuckets                uint32
}

func (x *fileIndex) u32(off int) uint32 { return le32(x.data[off : off+4]) }

// le32 and le16 read the little-endian number that d is.
func le32(d string) uint32 {
	_ = d[3]
	return uint32(d[0]) | uint32(d[1])<<8 | uint32(d[2])<<16 | uint32(d[3])<<24
}

func le16(d string) uint16 {
	_ = d[1]
	return uint16(d[0]) | uint16(d[1])<<8
}

// get returns the value stored under folded key k.
func (x *fileIndex) get(k string) (int32, bool) {
	b := int(indexHash(k) & (x.nBuckets - 1))
	lo, hi := int(x.u32(x.buckets+4*b)), int(x.u32(x.buckets+4*b+4))
	start := int(x.u32(x.keyOff + 4*lo))
	for i := lo; i < hi; i++ {
		end := int(x.u32(x.keyOff + 4*i + 4))
		if end-start == len(k) && x.data[start:end] == k {
			return int32(x.u32(x.keyVal + 4*i)), true
		}
		start = end
	}
	return 0, false
}

// encodeIndex writes g, as parse made it, in the gazetteer.idx format.
func encodeIndex(g *gazetteer) ([]byte, error) {
	var text strings.Builder // the text section: lines, then strings
	var hdr [hdrFields]uint32

	// Countries, features and regions, for the places' small indexes.
	countryIdx := map[string]int{}
	var countries []string
	for id, p := range g.places {
		if p.Kind == Country {
			countryIdx[p.Country] = len(countries)
			countries = append(countries, p.Country)
			if g.country[p.Country] != int32(id) {
				return nil, fmt.Errorf("country %s: place %d is not the country's", p.Country, id)
			}
		}
	}
	if len(countries) > 255 {
		return nil, errors.New("more than 255 countries")
	}
	featureIdx := map[string]int{"": 0}
	features := []string{""}
	regionID := map[[2]string]int{}
	for id, p := range g.places {
		if p.Kind == Region {
			if _, dup := regionID[[2]string{p.Country, p.Name}]; !dup {
				regionID[[2]string{p.Country, p.Name}] = id
			}
		}
		if _, ok := featureIdx[p.Feature]; !ok {
			featureIdx[p.Feature] = len(features)
			features = append(features, p.Feature)
		}
	}
	for _, f := range features[1:] {
		fmt.Fprintf(&text, "F\t%s\n", f)
	}
	for _, iso3 := range countries {
		fmt.Fprintf(&text, "C\t%s\t%s\t%d\t%s\n", g.iso2[iso3], iso3, g.country[iso3], strings.Join(g.neighbours[iso3], ","))
	}
	acrs := make([]string, 0, len(g.acr))
	for a := range g.acr {
		acrs = append(acrs, a)
	}
	slices.Sort(acrs)
	for _, a := range acrs {
		ids := make([]string, len(g.acr[a]))
		for i, id := range g.acr[a] {
			ids[i] = strconv.Itoa(int(id))
		}
		fmt.Fprintf(&text, "A\t%s\t%s\n", a, strings.Join(ids, ","))
	}
	text.WriteString("\n") // end of the lines

	// Sections, with the offsets of strings relative to the text section.
	le := binary.LittleEndian
	places := make([]byte, 0, placeSize*len(g.places))
	for id, p := range g.places {
		region := noRegion
		if p.Admin1 != "" {
			r, ok := regionID[[2]string{p.Country, p.Admin1}]
			if !ok || r >= noRegion {
				return nil, fmt.Errorf("place %d %q: no region %q", id, p.Name, p.Admin1)
			}
			region = r
		}
		lat, lon := math.Round(p.Lat*coordUnit), math.Round(p.Lon*coordUnit)
		if lat/coordUnit != p.Lat || lon/coordUnit != p.Lon || math.Abs(lat) > math.MaxInt32 || math.Abs(lon) > math.MaxInt32 {
			return nil, fmt.Errorf("place %d %q: coordinates %v, %v are not in units of 1e-5", id, p.Name, p.Lat, p.Lon)
		}
		weight := p.Population
		if p.Kind == Region {
			weight = g.weight[id]
		}
		if weight < 0 || weight > math.MaxUint32 || len(p.Name) > math.MaxUint16 {
			return nil, fmt.Errorf("place %d %q: population, name or kind out of range", id, p.Name)
		}
		ci, ok := countryIdx[p.Country]
		if !ok {
			return nil, fmt.Errorf("place %d %q: unknown country %q", id, p.Name, p.Country)
		}
		places = le.AppendUint32(places, uint32(text.Len()))
		text.WriteString(p.Name)
		places = le.AppendUint16(places, uint16(len(p.Name)))
		places = le.AppendUint16(places, uint16(region))
		places = append(places, byte(ci), byte(p.Kind), byte(featureIdx[p.Feature]), 0)
		places = le.AppendUint32(places, uint32(int32(lat)))
		places = le.AppendUint32(places, uint32(int32(lon)))
		places = le.AppendUint32(places, uint32(weight))
	}

	// The name index: keys sorted by bucket, then by their order in parse.
	type key struct {
		k      string
		v      int32
		bucket uint32
	}
	keys := make([]key, len(g.names.keys))
	nb := uint32(1024)
	for int(nb) < len(keys)/2 {
		nb *= 2
	}
	for i, e := range g.names.keys {
		v := e.v
		if v >= 0 {
			v &^= altFlag
		}
		k := g.names.text[e.start:e.end]
		keys[i] = key{k, v, indexHash(k) & (nb - 1)}
	}
	slices.SortStableFunc(keys, func(a, b key) int { return int(a.bucket) - int(b.bucket) })
	buckets := make([]byte, 0, 4*(nb+1))
	keyVal := make([]byte, 0, 4*len(keys))
	keyText := make([]uint32, 0, len(keys)+1) // relative to the text section
	ki := 0
	for b := uint32(0); b <= nb; b++ {
		buckets = le.AppendUint32(buckets, uint32(ki))
		for ki < len(keys) && keys[ki].bucket == b {
			keyText = append(keyText, uint32(text.Len()))
			text.WriteString(keys[ki].k)
			keyVal = le.AppendUint32(keyVal, uint32(keys[ki].v))
			ki++
		}
	}
	keyText = append(keyText, uint32(text.Len()))
	listOff := make([]byte, 0, 4*(len(g.lists)+1))
	var listIDs []byte
	n := 0
	for _, ids := range g.lists {
		listOff = le.AppendUint32(listOff, uint32(n))
		for _, id := range ids {
			listIDs = le.AppendUint32(listIDs, uint32(id))
		}
		n += len(ids)
	}
	listOff = le.AppendUint32(listOff, uint32(n))

	// Lay the sections out after the header.
	off := len(indexMagic) + 4*hdrFields
	at := func(field int, size int) {
		hdr[field] = uint32(off)
		off += (size + 3) &^ 3
	}
	at(hdrPlacesAt, len(places))
	at(hdrBucketsAt, len(buckets))
	at(hdrKeyOffAt, 4*len(keyText))
	at(hdrKeyValAt, len(keyVal))
	at(hdrListOffAt, len(listOff))
	at(hdrListIDsAt, len(listIDs))
	at(hdrTextAt, text.Len())
	hdr[hdrPlaces], hdr[hdrBuckets], hdr[hdrKeys] = uint32(len(g.places)), nb, uint32(len(keys))
	hdr[hdrLists], hdr[hdrListIDs], hdr[hdrTextLen] = uint32(len(g.lists)), uint32(n), uint32(text.Len())

	out := make([]byte, 0, off)
	out = append(out, indexMagic...)
	for _, v := range hdr {
		out = le.AppendUint32(out, v)
	}
	pad := func() {
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	textAt := hdr[hdrTextAt]
	for _, sec := range [][]byte{places, buckets, nil, keyVal, listOff, listIDs} {
		if sec == nil { // keyOff: absolute offsets
			for _, o := range keyText {
				out = le.AppendUint32(out, textAt+o)
			}
			continue
		}
		out = append(out, sec...)
		pad()
	}
	out = append(out, text.String()...)
	pad()
	// The places' name offsets are relative to the text section: make them absolute.
	for i := range g.places {
		p := int(hdr[hdrPlacesAt]) + i*placeSize
		le.PutUint32(out[p:], le.Uint32(out[p:])+textAt)
	}
	if len(out) != off {
		return nil, fmt.Errorf("index of %d bytes, laid out for %d", len(out), off)
	}
	return out, nil
}

// decodeIndex reads a gazetteer.idx. The gazetteer's strings and name index
// point into data.
func decodeIndex(data string) (g *gazetteer, err error) {
	defer func() {
		if r := recover(); r != nil { // an offset out of range: a corrupt file
			g, err = nil, fmt.Errorf("geo: gazetteer.idx: %v", r)
		}
	}()
	if !strings.HasPrefix(data, indexMagic) || len(data) < len(indexMagic)+4*hdrFields {
		return nil, errors.New("geo: gazetteer.idx: not a gazetteer index (run go generate)")
	}
	x := &fileIndex{data: data}
	var hdr [hdrFields]int
	for i := range hdr {
		hdr[i] = int(x.u32(len(indexMagic) + 4*i))
	}
	if hdr[hdrTextAt]+hdr[hdrTextLen] > len(data) || hdr[hdrBuckets]&(hdr[hdrBuckets]-1) != 0 {
		return nil, errors.New("geo: gazetteer.idx: bad header")
	}
	x.buckets, x.keyOff, x.keyVal, x.nBuckets = hdr[hdrBucketsAt], hdr[hdrKeyOffAt], hdr[hdrKeyValAt], uint32(hdr[hdrBuckets])
	g = &gazetteer{
		file:       x,
		acr:        make(map[string][]int32, 16),
		country:    make(map[string]int32, 256),
		iso3:       make(map[string]string, 256),
		iso2:       make(map[string]string, 256),
		neighbours: make(map[string][]string, 256),
	}

	// The lines of the text section.
	text := data[hdr[hdrTextAt] : hdr[hdrTextAt]+hdr[hdrTextLen]]
	features := []string{""}
	var countries []string
	var f [5]string
	for {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		if line == "" {
			break
		}
		nf := split(line, f[:])
		switch {
		case f[0] == "F" && nf == 2:
			features = append(features, f[1])
		case f[0] == "C" && nf == 5:
			id, err := strconv.Atoi(f[3])
			if err != nil {
				return nil, fmt.Errorf("geo: gazetteer.idx: bad line %q", line)
			}
			countries = append(countries, f[2])
			g.country[f[2]] = int32(id)
			g.iso3[f[1]] = f[2]
			g.iso2[f[2]] = f[1]
			if f[4] != "" {
				g.neighbours[f[2]] = strings.Split(f[4], ",")
			}
		case f[0] == "A" && nf == 3:
			for list := f[2]; list != ""; {
				var s string
				s, list, _ = strings.Cut(list, ",")
				id, err := strconv.Atoi(s)
				if err != nil {
					return nil, fmt.Errorf("geo: gazetteer.idx: bad line %q", line)
				}
				g.acr[f[1]] = append(g.acr[f[1]], int32(id))
			}
		default:
			return nil, fmt.Errorf("geo: gazetteer.idx: bad line %q", line)
		}
	}

	// The places are decoded on first use.
	n := hdr[hdrPlaces]
	g.places = make([]Place, n)
	g.self = make([]int32, n)
	for i := range g.self {
		g.self[i] = int32(i)
	}
	g.lazy = &lazyPlaces{
		data: data, recs: data[hdr[hdrPlacesAt]:][:n*placeSize],
		countries: countries, features: features, done: make([]atomic.Uint64, (n+63)/64),
	}

	// The lists of ids, in one backing array.
	ids := make([]int32, hdr[hdrListIDs])
	for i := range ids {
		ids[i] = int32(x.u32(hdr[hdrListIDsAt] + 4*i))
	}
	g.lists = make([][]int32, hdr[hdrLists])
	for i := range g.lists {
		lo, hi := x.u32(hdr[hdrListOffAt]+4*i), x.u32(hdr[hdrListOffAt]+4*i+4)
		g.lists[i] = ids[lo:hi:hi]
	}
	return g, nil
}

// lazyPlaces decodes the places of a gazetteer.idx on first use: a run
// looks at a few thousand of them, and decoding all cost more than the
// rest of loading.
type lazyPlaces struct {
	data, recs          string // the file, its places section
	countries, features []string
	mu                  sync.Mutex      // held while decoding
	done                []atomic.Uint64 // bit id&63 of done[id>>6] is set once place id is decoded
}

// decoded reports whether place id is decoded.
func (lp *lazyPlaces) decoded(id int32) bool { return lp.done[id>>6].Load()&(1<<(id&63)) != 0 }

// weight returns the ranking weight of place id.
func (lp *lazyPlaces) weight(id int32) int { return int(le32(lp.record(id)[20:24])) }

// record returns the record of place id.
func (lp *lazyPlaces) record(id int32) string { return lp.recs[int(id)*placeSize:][:placeSize] }

// name returns the name in record r.
func (lp *lazyPlaces) name(r string) string {
	at, n := int(le32(r[0:4])), int(le16(r[4:6]))
	return lp.data[at : at+n]
}

// decode sets places[id] from its record unless that is done.
func (lp *lazyPlaces) decode(places []Place, id int32) {
	lp.mu.Lock()
	defer lp.mu.Unlock()
	if lp.decoded(id) {
		return
	}
	// The record's fields are read without bounds checks.
	r := lp.record(id)
	p := &places[id]
	p.Name = lp.name(r)
	p.Country = lp.countries[r[8]]
	p.Kind = Kind(r[9])
	p.Feature = lp.features[r[10]]
	p.Lat = float64(int32(le32(r[12:16]))) / coordUnit
	p.Lon = float64(int32(le32(r[16:20]))) / coordUnit
	if p.Kind != Region {
		p.Population = int(le32(r[20:24]))
	}
	if region := le16(r[6:8]); region != noRegion {
		p.Admin1 = lp.name(lp.record(int32(region)))
	}
	lp.done[id>>6].Or(1 << (id & 63))
}
