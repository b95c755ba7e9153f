package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"hash/fnv"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/doc"
)

// Record is a document ready to be stored: its JSON form and the keys that
// link it to other documents, computed by Prepare outside the writer so that
// the work spreads over all cores.
type Record struct {
	Doc *doc.Document
	// File and Item say where the record was read ("a.warc.gz", "record
	// at byte 1234"); when File is set, Put forgets the ingest error stored
	// for that place, since the record now went in.
	File, Item string
	// JSON is the whole document as JSON with Text left out (it is stored
	// beside it); DecodeDoc puts the two back together.
	JSON []byte
	// MinHash is the MinHash signature of the text's word shingles; nil for
	// texts too short to compare.
	MinHash []uint32
	// Bands are the LSH bucket keys of MinHash.
	Bands []int64
	// EventKeys say "same actors, same day, same place" for each dated,
	// placed event with actors.
	EventKeys []string
	// Quotes holds the shingle hashes of each quote, parallel to Doc.Quotes;
	// nil for indirect quotes, which stay quotations of their own: reported
	// speech is in each writer's words, and only quoted words are tracked
	// across articles.
	Quotes [][]int64
}

// Prepare builds the Record of an analysed document. It does not modify d.
func Prepare(d *doc.Document) (*Record, error) {
	if d == nil || d.ID == "" {
		return nil, errors.New("store: document without id")
	}
	c := *d
	c.Text = ""
	c.Tokens = nil
	js, err := json.Marshal(&c)
	if err != nil {
		return nil, err
	}
	r := &Record{Doc: d, JSON: js, EventKeys: EventKeys(d)}
	if sig := MinHash(d.Text); sig != nil {
		r.MinHash = sig
		r.Bands = Bands(sig)
	}
	r.Quotes = make([][]int64, len(d.Quotes))
	for i, q := range d.Quotes {
		if q.Kind != doc.Indirect {
			r.Quotes[i] = QuoteShingles(q.Text)
		}
	}
	return r, nil
}

// DecodeDoc rebuilds a document from its stored JSON and text.
func DecodeDoc(js []byte, text string) (*doc.Document, error) {
	d := new(doc.Document)
	if err := json.Unmarshal(js, d); err != nil {
		return nil, err
	}
	d.Text = text
	d.Fill()
	return d, nil
}

// MinHash parameters: NumHashes = Bands × Rows. With 20 bands of 5 rows two
// texts become candidates with probability ½ at a Jaccard similarity of
// about (1/20)^(1/5) ≈ 0.55; candidates are then checked against
// SameStory.
const (
	NumHashes   = 100
	numBands    = 20
	bandRows    = NumHashes / numBands
	shingleLen  = 5  // words per shingle
	minShingles = 20 // texts with fewer shingles are not clustered
	// SameStory is the estimated Jaccard similarity of shingle sets above
	// which two texts are copies of one story.
	SameStory = 0.5
)

// hashSeeds are the odd multipliers and offsets of the NumHashes hash
// functions, from a fixed splitmix64 sequence so that signatures stay
// comparable across runs and machines.
var hashSeeds = func() (s [NumHashes][2]uint64) {
	x := uint64(0x6e657773677261) // "newsgra"
	next := func() uint64 {
		x += 0x9e3779b97f4a7c15
		z := x
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		return z ^ (z >> 31)
	}
	for i := range s {
		s[i] = [2]uint64{next() | 1, next()}
	}
	return s
}()

// words returns the lower-cased letter and digit runs of s, in one pass
// (strings.FieldsFunc makes two).
func words(s string) []string {
	s = strings.ToLower(s)
	out := make([]string, 0, len(s)/6)
	start := -1 // of the current word, or -1 between words
	for i, r := range s {
		var in bool
		if r < utf8.RuneSelf {
			in = 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
		} else {
			in = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			out = append(out, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// hashWords returns the 64-bit FNV-1a hash of the words, each followed by
// a zero byte (as hash/fnv would compute it, without its allocations).
func hashWords(ws []string) uint64 {
	const (
		offset64 = 14695981039346656037
		prime64  = 1099511628211
	)
	h := uint64(offset64)
	for _, w := range ws {
		for i := 0; i < len(w); i++ {
			h ^= uint64(w[i])
			h *= prime64
		}
		h *= prime64 // h ^= 0
	}
	return h
}

// MinHash returns the signature of text's word 5-shingles, or nil when the
// text has too few of them.
func MinHash(text string) []uint32 {
	ws := words(text)
	n := len(ws) - shingleLen + 1
	if n < minShingles {
		return nil
	}
	var mins [NumHashes]uint64
	for i := range mins {
		mins[i] = ^uint64(0)
	}
	// Four shingles at a time: each hash function's multiplier, offset and
	// running minimum are loaded once for the four.
	seeds := &hashSeeds
	i := 0
	for ; i+4 <= n; i += 4 {
		x0 := hashWords(ws[i : i+shingleLen])
		x1 := hashWords(ws[i+1 : i+1+shingleLen])
		x2 := hashWords(ws[i+2 : i+2+shingleLen])
		x3 := hashWords(ws[i+3 : i+3+shingleLen])
		for j := range mins {
			a, b := seeds[j][0], seeds[j][1]
			m := mins[j]
			if v := x0*a + b; v < m {
				m = v
			}
			if v := x1*a + b; v < m {
				m = v
			}
			if v := x2*a + b; v < m {
				m = v
			}
			if v := x3*a + b; v < m {
				m = v
			}
			mins[j] = m
		}
	}
	for ; i < n; i++ {
		x := hashWords(ws[i : i+shingleLen])
		for j := range mins {
			if v := x*seeds[j][0] + seeds[j][1]; v < mins[j] {
				mins[j] = v
			}
		}
	}
	sig := make([]uint32, NumHashes)
	for i, m := range mins {
		sig[i] = uint32(m >> 32)
	}
	return sig
}

// Bands returns the LSH bucket keys of a signature: one per band, the band
// number and its rows hashed together.
func Bands(sig []uint32) []int64 {
	if len(sig) != NumHashes {
		return nil
	}
	out := make([]int64, numBands)
	var buf [4 + 4*bandRows]byte
	for b := range numBands {
		binary.LittleEndian.PutUint32(buf[:4], uint32(b))
		for r := range bandRows {
			binary.LittleEndian.PutUint32(buf[4+4*r:], sig[b*bandRows+r])
		}
		h := fnv.New64a()
		h.Write(buf[:])
		out[b] = int64(h.Sum64())
	}
	return out
}

// Similarity estimates the Jaccard similarity of the texts behind two signatures.
func Similarity(a, b []uint32) float64 {
	if len(a) != NumHashes || len(b) != NumHashes {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / NumHashes
}

// EncodeSig and DecodeSig convert a signature to and from bytes for storage.
func EncodeSig(sig []uint32) []byte {
	if sig == nil {
		return nil
	}
	b := make([]byte, 4*len(sig))
	for i, v := range sig {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return b
}

// DecodeSig is the inverse of EncodeSig.
func DecodeSig(b []byte) []uint32 {
	if len(b) != 4*NumHashes {
		return nil
	}
	sig := make([]uint32, NumHashes)
	for i := range sig {
		sig[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return sig
}

// quoteShingleLen is the number of words in a quote shingle.
const quoteShingleLen = 4

// QuoteShingles returns the hashes of a quote's word 4-shingles, without
// repeats, so that trimmed, re-punctuated and partial copies share most of
// them. A quote shorter than a shingle has one key: all its words.
func QuoteShingles(text string) []int64 {
	ws := words(text)
	if len(ws) == 0 {
		return nil
	}
	if len(ws) < quoteShingleLen {
		return []int64{int64(hashWords(ws))}
	}
	out := make([]int64, 0, len(ws)-quoteShingleLen+1)
	for i := 0; i+quoteShingleLen <= len(ws); i++ {
		out = append(out, int64(hashWords(ws[i:i+quoteShingleLen])))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// SameQuote decides whether a quote with n shingles, sharing shared of them
// with a quotation of m shingles, carries that quotation: single-key quotes
// must match exactly; longer ones must share two shingles or more and at
// least half of the shorter one's.
func SameQuote(n, m, shared int) bool {
	if n == 1 || m == 1 {
		return n == 1 && m == 1 && shared == 1
	}
	return shared >= 2 && 2*shared >= min(n, m)
}

// EventKeys returns one key per event that has a day, a place and named
// actors: articles sharing a key report the same actors meeting (or
// fighting, or agreeing) at the same place on the same day.
func EventKeys(d *doc.Document) []string {
	names := make(map[string]string, len(d.Entities))
	for _, e := range d.Entities {
		names[e.ID] = strings.ToLower(e.Name)
	}
	var keys []string
	for _, ev := range d.Events {
		if len(ev.Date) != len("2006-01-02") || strings.TrimSpace(ev.Location) == "" {
			continue
		}
		var actors []string
		for _, id := range append(slices.Clip(ev.Source), ev.Target...) {
			if n := names[id]; n != "" {
				actors = append(actors, n)
			}
		}
		if len(actors) == 0 {
			continue
		}
		slices.Sort(actors)
		actors = slices.Compact(actors)
		keys = append(keys, strings.Join(actors, "|")+"@"+strings.ToLower(strings.TrimSpace(ev.Location))+"@"+ev.Date)
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}
