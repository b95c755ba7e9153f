package event

import (
	"encoding/binary"
	"sync"
	"unsafe"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/when"
)

// scratch is what coding reuses from one document to the next: the coder
// itself, its per-token and per-sentence slices, and the events and group
// entities of a document until they are published (coder.done). A
// goroutine takes one from scratchPool for each document, so that
// concurrent workers never share one.
type scratch struct {
	c       coder
	low     []byte   // coder.low (lower)
	words   []string // coder.words, which point into low only
	lex     []int32
	cands   []uint64
	marks   []uint32
	named   []bool
	initial []byte
	blocks  []int32  // coder.blocks
	found   []found  // the mentions of entityChunks, in the order of the entities
	keys    []uint64 // the sort keys of entityChunks
	ents    []chunk  // coder.ents
	actors  []chunk  // sentence.actors, one sentence at a time
	arena   []chunk  // the actors of one trigger (sentence.chunks)
	// the triggers of one sentence at a time (triggers, salient)
	trigs, main, sub, noun, salient []trigger
	set                             []uint64    // the patterns to try (triggers)
	dates, future                   []when.Date // the dates of one sentence at a time (coder.sentence)
	events                          []doc.Event
	groups                          []doc.Entity
	group                           map[string]int // coder.group
	places                          []placeMemo    // coder.places
	enrich                          enrichScratch
}

var scratchPool = sync.Pool{New: func() any { return &scratch{group: map[string]int{}} }}

// done publishes the events and group entities found to the document and
// returns the scratch to the pool; c is unusable after. It runs even when
// coding stopped on a bug, so that the events found are kept.
func (c *coder) done() {
	d, sc := c.d, c.sc
	d.Events = append(d.Events[:0], c.events...)
	if g := len(c.groups); g > 0 {
		if cap(d.Entities)-len(d.Entities) < g {
			// One allocation of the size needed, not append's doubling.
			ents := make([]doc.Entity, len(d.Entities), len(d.Entities)+g)
			copy(ents, d.Entities)
			d.Entities = ents
		}
		d.Entities = append(d.Entities, c.groups...)
	}
	clear(c.events)
	clear(c.groups)
	clear(c.places)
	clear(sc.ents)
	clear(sc.actors[:cap(sc.actors)])
	clear(sc.arena[:cap(sc.arena)])
	if len(sc.group) > 0 {
		clear(sc.group) // its keys point into low
	}
	sc.events, sc.groups = c.events[:0], c.groups[:0]
	if c.places != nil {
		sc.places = c.places
	}
	sc.c = coder{} // no reference to the document in the pool
	scratchPool.Put(sc)
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// lower returns s with ASCII capitals in lower case, the same length, in
// the scratch buffer sc.low: the string is valid until sc goes back to
// the pool (coder.done), and nothing made from it may outlive the coder
// (c.words and the keys of c.group do not; events and entities take their
// text from Document.Text). It is followed by eight more bytes, which the
// second result includes, so that any word of it can be read eight bytes
// at a time (packAt).
func (sc *scratch) lower(s string) (low, padded string) {
	n := len(s) + 8
	if cap(sc.low) < n {
		clear(sc.words) // the words of the last text, which are in the old buffer
		sc.low = make([]byte, n, n+len(s)/4)
	}
	b := sc.low[:n]
	copy(b, s)
	lowerASCII(b[:len(s)])
	padded = unsafe.String(&b[0], n)
	return padded[:len(s)], padded
}

// lowerASCII folds the ASCII capitals of b to lower case, sixteen bytes
// at a time.
func lowerASCII(b []byte) {
	i := 0
	for ; i+16 <= len(b); i += 16 {
		w := b[i : i+16]
		x, y := binary.LittleEndian.Uint64(w), binary.LittleEndian.Uint64(w[8:])
		binary.LittleEndian.PutUint64(w, x|upper(x)>>2) // no test: a store is cheaper than a branch
		binary.LittleEndian.PutUint64(w[8:], y|upper(y)>>2)
	}
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		binary.LittleEndian.PutUint64(b[i:], x|upper(x)>>2)
	}
	for ; i < len(b); i++ {
		if c := b[i]; 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
}

// upper returns the high bit of each byte of x that is an ASCII capital:
// its low seven bits are at least 'A' and at most 'Z', and its high bit is
// clear.
func upper(x uint64) uint64 {
	h := x & 0x7f7f7f7f7f7f7f7f
	return ((h + 0x3f3f3f3f3f3f3f3f) ^ (h + 0x2525252525252525)) &^ x & 0x8080808080808080
}
