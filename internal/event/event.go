// Package event codes political events in the PLOVER ontology: who did
// what to whom, where and when, each event tied to its evidence sentence.
//
// Triggers are found with a pattern dictionary (verbs.txt, written for
// newsgraph, then cameo.txt, converted from PETRARCH's CAMEO dictionary);
// both are data files that `go generate` compiles into dict.idx, which is
// embedded and read in place (a head's patterns are decoded on first use).
// The actors are the entities of the entity stage found around the
// trigger: the subject before an active verb is the source, the object after
// it the target; a passive verb ("X was indicted by Y") swaps them. Groups
// without a name ("protesters", "Ukrainian officials") are actors too: the
// stage appends an Entity for each group it uses as an actor to
// Document.Entities (type NORP, or ORG for institutions, with a CAMEO Sector;
// ids continue after the last existing one; the occurrences are References
// of kind "description", so that name counts and NER scores are not
// changed). Dates come from package when, resolved against the publication
// date; the location is a place named in the sentence, else the dateline.
//
// Choices that follow the PLOVER manual rather than the words: an intended
// or conditional CONSULT, SUPPORT, COOPERATE or AID is coded AGREE, a
// promised RETREAT CONCEDE, and announced or conditional ASSAULT, COERCE or
// SANCTION THREATEN ("will meet" is AGREE with status intended); "refused
// to meet" is REJECT; signing an agreement is SUPPORT. A sentence codes the
// events of its main-clause verbs (failing those, of its first subordinate
// verb, failing that, of its first event noun), plus background events
// dated with a year of their own ("the invasion of Ukraine in 2022"); the
// complement of a coded verb is not coded again ("threatened to impose
// sanctions" is one THREATEN). Events of the same type between the same
// actors share location, date and mode across the document.
package event

import (
	"context"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/when"
)

// Stage fills Document.Events and appends group entities to
// Document.Entities. The zero Stage uses the embedded dictionaries.
type Stage struct{}

// Name implements doc.Stage.
func (Stage) Name() string { return "event" }

// Requires implements doc.Stage.
func (Stage) Requires() []doc.Layer {
	return []doc.Layer{doc.LayerSentences, doc.LayerTokens, doc.LayerEntities, doc.LayerPlaces}
}

// Provides implements doc.Stage.
func (Stage) Provides() []doc.Layer { return []doc.Layer{doc.LayerEvents} }

// Run implements doc.Stage. A bug met on some input is recorded as a
// diagnostic rather than stopping the batch; the events found are kept.
func (Stage) Run(_ context.Context, d *doc.Document) (err error) {
	dict, err := defaultDict()
	if err != nil {
		return err
	}
	defer func() {
		if r := recover(); r != nil {
			d.Diagnose("event", doc.Span{}, "event coding stopped: %v", r)
		}
	}()
	c := newCoder(d, dict)
	defer c.done()
	c.run()
	return nil
}

// coder holds the state of one document's coding.
type coder struct {
	d               *doc.Document
	dict            *Dict
	low             string    // d.Text with ASCII capitals folded, same offsets
	sc              *scratch  // the pooled slices below
	words           []string  // lower-case text of every token
	lex             []int32   // the lexicon entry of every token (Dict.find), capWord or notWord
	cands           []uint64  // bit i%64 of cands[i/64]: token i is a head form, "must" or "Must" (nextCand)
	marks           []uint32  // the word sets of the tokens of the sentence being coded (mark)
	named           []bool    // the token is inside a name mention (inName)
	initial         []byte    // the first byte of every token, in d.Text
	blocks          []int32   // the first token that ends after each 64-byte block of the text starts
	ents            []chunk   // entity mentions and references, by token, sorted
	pub             time.Time // publication date, zero if unknown
	events          []doc.Event
	groups          []doc.Entity   // the group entities made (groupEntity), to append to d.Entities
	group           map[string]int // group key -> index into groups
	slab            []string       // the entity ids of the events (ids)
	lastID          int            // the largest number of an entity id "e<n>", -1 until newID needs it
	groupBase       int            // the number of the entity id before that of groups[0]
	dateline        string
	datelineCountry string         // the country of the dateline place
	byID            map[string]int // entity id -> index into d.Entities, built on demand
	places          []placeMemo    // by entity index, the place name and country (placeName), nil until needed
}

func newCoder(d *doc.Document, dict *Dict) *coder {
	sc := scratchPool.Get().(*scratch)
	low, padded := sc.lower(d.Text)
	c := &sc.c
	*c = coder{d: d, dict: dict, low: low, sc: sc, events: sc.events, groups: sc.groups, group: sc.group, lastID: -1}
	if d.Published != nil {
		c.pub = *d.Published
	}
	toks := d.Tokens
	n := len(toks)
	sc.words, sc.lex, sc.marks = grow(sc.words, n), grow(sc.lex, n), grow(sc.marks, n)
	sc.initial, sc.blocks = grow(sc.initial, n), grow(sc.blocks, len(d.Text)>>6+1)
	c.words, c.lex, c.marks, c.initial, c.blocks = sc.words, sc.lex, sc.marks, sc.initial, sc.blocks
	words, lex, initial := c.words[:n], c.lex[:n], c.initial[:n] // as long as toks: no bounds checks below
	blocks, nb, next := c.blocks, 0, 0                           // next is where block nb starts
	sc.cands = grow(sc.cands, n>>6+1)
	c.cands = sc.cands
	clear(c.cands)
	cands, heads, must := c.cands[:n>>6+1], uint32(dict.heads), dict.must
	text := d.Text
	for i, t := range toks {
		for next < t.End {
			blocks[nb] = int32(i)
			nb, next = nb+1, next+64
		}
		w := padded[t.Start:t.End]
		words[i] = w
		k, capMust := int32(notWord), false
		ch := text[t.Start]
		initial[i] = ch
		if 'a' <= ch && ch <= 'z' {
			if n := len(w); n <= 8 {
				k, _ = dict.words.GetPacked(packAt(padded, t.Start, n), n) // dict.find(w), inline
			} else {
				k = dict.find(w)
			}
		} else if 'A' <= ch && ch <= 'Z' {
			// Capitalised words inside a sentence are names, never
			// triggers (see inName); they are looked up only for
			// agents (actorChunks) and word sets (mark).
			k = capWord
			if i == 0 || toks[i-1].Sentence != t.Sentence || opener.has(words[i-1]) {
				k = dict.find(w)
			}
			capMust = k == capWord && w == "must"
		}
		lex[i] = k
		// Without a branch: a wrong guess would cost more than the store.
		cands[i>>6] |= (b2u(uint32(k-1) < heads) | b2u(k == must) | b2u(capMust)) << (i & 63)
	}
	for ; nb < len(blocks); nb++ {
		blocks[nb] = int32(n)
	}
	c.ents = entityChunks(sc, d, blocks)
	// Tokens inside a name mention, up to 16 tokens into it.
	sc.named = grow(sc.named, n)
	c.named = sc.named
	clear(c.named)
	for _, ch := range c.ents {
		if ch.name {
			for j := ch.first; j < ch.last && j < ch.first+16; j++ {
				c.named[j] = true
			}
		}
	}
	return c
}

func (c *coder) run() {
	d := c.d
	c.dateline, c.datelineCountry = c.findDateline()
	toks, ti := d.Tokens, 0
	for si, s := range d.Sentences {
		for ti < len(toks) && toks[ti].End <= s.Start {
			ti++
		}
		// The first token from ti on that starts at or after the end:
		// bounded by steps that double from ti, then a binary search,
		// so as to read only tokens near the sentence.
		tj, hi := ti, ti+32
		for hi < len(toks) && toks[hi].Start < s.End {
			tj, hi = hi+1, hi+2*(hi-ti)
		}
		hi = min(hi, len(toks))
		for tj < hi {
			if h := int(uint(tj+hi) >> 1); toks[h].Start < s.End {
				tj = h + 1
			} else {
				hi = h
			}
		}
		if tj > ti {
			c.sentence(si, ti, tj)
		}
		ti = tj
	}
	c.enrich()
}

// sentence codes the events of sentence si, whose tokens are [a, b).
func (c *coder) sentence(si, a, b int) {
	if c.question(a, b) {
		return // a question reports no event: "will you stop killing civilians?"
	}
	sent := &sentence{c: c, index: si, a: a, b: b}
	trigs := sent.triggers()
	if len(trigs) == 0 {
		return
	}
	c.mark(a, b)
	sent.actors = c.actorChunks(a, b)
	dates := when.FindLower(c.sc.dates[:0], c.d.Text, c.low, c.d.Tokens[a:b], c.pub, when.Past)
	c.sc.dates = dates
	dated := func(t trigger) bool {
		end := c.d.Tokens[min(t.last+5, b)-1].End
		for _, dt := range dates {
			if dt.Start >= c.d.Tokens[t.first].Start && dt.Start < end && dt.Precision == when.Year {
				return true
			}
		}
		return false
	}
	trigs = sent.salient(trigs, dated)
	var seen [16]bool
	for _, t := range trigs {
		ev := doc.Event{
			Type: t.p.Type, Mode: t.p.Mode, Status: sent.status(t),
			Sentence: si, Evidence: c.d.Slice(c.d.Sentences[si].Span),
			Trigger: doc.Span{Start: c.d.Tokens[t.first].Start, End: c.d.Tokens[t.last-1].End},
		}
		if ev.Status == doc.Intended || ev.Status == doc.Hypothetical {
			// PLOVER codes promised or offered cooperation as AGREE, a
			// promised retreat as CONCEDE and announced or conditional
			// force as THREATEN, rather than type + future.
			switch ev.Type {
			case "CONSULT", "SUPPORT", "COOPERATE", "AID":
				ev.Type, ev.Mode = "AGREE", ""
			case "RETREAT":
				ev.Type, ev.Mode = "CONCEDE", ""
			case "ASSAULT", "COERCE", "SANCTION":
				ev.Type, ev.Mode = "THREATEN", ""
			}
		}
		k := typeIndex(ev.Type)
		if seen[k] {
			continue // one event of a type per sentence
		}
		seen[k] = true
		src, tgt := sent.roles(t, ev.Type)
		ev.Source = c.ids(src)
		ev.Target = without(c.ids(tgt), ev.Source)
		// A date or place after a dash or semicolon is another clause's:
		// "he spoke with Mr Putin — longer than their 2018 summit in Helsinki".
		lo, hi := sent.segment(t)
		var country string
		ev.Location, country = sent.location(t, lo, hi)
		if ev.Location == "" {
			ev.Location = c.dateline
		}
		seg := doc.Span{Start: c.d.Tokens[lo].Start, End: c.d.Tokens[hi-1].End}
		if ev.Status == doc.Intended && len(dates) > 0 {
			future := when.FindLower(c.sc.future[:0], c.d.Text, c.low, c.d.Tokens[a:b], c.pub, when.Future)
			c.sc.future = future
			ev.Date = nearestDate(future, ev.Trigger, seg)
		} else {
			ev.Date = nearestDate(dates, ev.Trigger, seg)
		}
		if ev.Type == "CONSULT" && ev.Mode == "" {
			ev.Mode = c.consultMode(ev, country)
		}
		c.events = append(c.events, ev)
	}
}

// b2u returns 1 for true and 0 for false.
func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// nextCand returns the first token from i on that triggers may start at
// (coder.cands), or b if there is none before b.
func (c *coder) nextCand(i, b int) int {
	for i < b {
		if w := c.cands[i>>6] >> (i & 63); w != 0 {
			return min(i+bits.TrailingZeros64(w), b)
		}
		i = (i | 63) + 1
	}
	return b
}

// mark sets the word sets of tokens [a, b) in c.marks, looking up the
// words that newCoder did not.
func (c *coder) mark(a, b int) {
	dict, words, lex, marks := c.dict, c.words[:b], c.lex[:b], c.marks[:b]
	for j := a; j < len(lex); j++ {
		k := lex[j]
		if k < 0 {
			if w := words[j]; len(w) == 1 {
				marks[j] = dict.marks1[w[0]] // most marks
				continue
			}
			k = dict.find(words[j])
		}
		marks[j] = dict.entries[k].sets
	}
}

// is reports whether token i, of the sentence being coded, is in ws.
func (c *coder) is(i int, ws *wordSet) bool {
	return c.marks[i]&ws.bit != 0
}

// question reports whether the sentence with tokens [a, b) ends with a
// question mark, closing quotes aside.
func (c *coder) question(a, b int) bool {
	for j := b - 1; j >= a; j-- {
		switch c.words[j] {
		case "”", "\"", "’", "'", ")":
			continue
		case "?":
			return true
		}
		return false
	}
	return false
}

// without returns ids without those in drop: no one is their own target.
func without(ids, drop []string) []string {
	out := ids[:0]
	for _, id := range ids {
		keep := true
		for _, x := range drop {
			keep = keep && x != id
		}
		if keep {
			out = append(out, id)
		}
	}
	return out
}

// typeIndex numbers the 16 PLOVER types.
func typeIndex(t string) int {
	for i, x := range typeOrder {
		if x == t {
			return i
		}
	}
	return 0
}

var typeOrder = [16]string{"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
	"REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}

// nearestDate returns the date written nearest to the trigger within the
// span seg, or "".
func nearestDate(dates []when.Date, trig, seg doc.Span) string {
	best, bestDist := "", 1<<31
	for _, dt := range dates {
		if dt.Start < seg.Start || dt.End > seg.End {
			continue
		}
		dist := dt.Start - trig.End
		if dt.End <= trig.Start {
			dist = trig.Start - dt.End
		}
		if dist < 0 {
			dist = 0
		}
		if dist < bestDist {
			best, bestDist = dt.String(), dist
		}
	}
	return best
}

// consultMode tells a visit from a meeting on third ground: a meeting in
// the country of one party and not of the other is a visit.
func (c *coder) consultMode(ev doc.Event, country string) string {
	if country == "" && ev.Location == c.dateline {
		country = c.datelineCountry
	}
	if country == "" {
		return ""
	}
	var home, away int
	for _, ids := range [2][]string{ev.Source, ev.Target} {
		for _, id := range ids {
			e := c.entity(id)
			if e == nil || e.Country == "" {
				continue
			}
			if e.Country == country {
				home++
			} else {
				away++
			}
		}
	}
	switch {
	case home > 0 && away > 0:
		return "visit"
	case home == 0 && away > 1:
		return "third-party"
	}
	return ""
}

// entity returns the entity of an id, a group entity made by this coder
// included, or nil.
func (c *coder) entity(id string) *doc.Entity {
	// Ids are usually "e1", "e2", … in order: try the place the number says.
	if len(id) > 1 && id[0] == 'e' {
		if n, err := strconv.Atoi(id[1:]); err == nil {
			if n >= 1 && n <= len(c.d.Entities) && c.d.Entities[n-1].ID == id {
				return &c.d.Entities[n-1]
			}
			if g := n - c.groupBase - 1; len(c.groups) > 0 && g >= 0 && g < len(c.groups) && c.groups[g].ID == id {
				return &c.groups[g]
			}
		}
	}
	if c.byID == nil {
		c.byID = make(map[string]int, len(c.d.Entities))
		for i := range c.d.Entities {
			c.byID[c.d.Entities[i].ID] = i
		}
	}
	if i, ok := c.byID[id]; ok {
		return &c.d.Entities[i]
	}
	return nil
}

// enrich shares what one mention of an event says with the others: events
// of the same type between the same actors in one document are taken to be
// the same event, and a missing location, date or mode is filled from the
// first that has it.
func (c *coder) enrich() {
	evs := c.events
	sc := &c.sc.enrich
	// The events with two actors or more, sorted by key (appendKey), in
	// document order within a key.
	sc.buf, sc.ends, sc.order = sc.buf[:0], sc.ends[:0], sc.order[:0]
	for i := range evs {
		if e := &evs[i]; len(e.Source)+len(e.Target) >= 2 {
			sc.buf = appendKey(sc.buf, e)
			sc.ends = append(sc.ends, int32(len(sc.buf)))
			sc.order = append(sc.order, int32(i))
		}
	}
	if len(sc.order) < 2 {
		return
	}
	sc.keys = grow(sc.keys, len(sc.order))
	for j, i := range sc.order {
		sc.keys[j] = keyed{key: sc.key(j), event: i}
	}
	slices.SortStableFunc(sc.keys, func(x, y keyed) int { return strings.Compare(x.key, y.key) })
	for lo := 0; lo < len(sc.keys); {
		hi := lo + 1
		for hi < len(sc.keys) && sc.keys[hi].key == sc.keys[lo].key {
			hi++
		}
		same := sc.keys[lo:hi]
		lo = hi
		if len(same) < 2 {
			continue
		}
		var loc, date, mode string
		for _, k := range same {
			e := &evs[k.event]
			if loc == "" && e.Location != "" && e.Location != c.dateline {
				loc = e.Location
			}
			if date == "" {
				date = e.Date
			}
			if mode == "" {
				mode = e.Mode
			}
		}
		for _, k := range same {
			e := &evs[k.event]
			if (e.Location == "" || e.Location == c.dateline) && loc != "" {
				e.Location = loc
			}
			if e.Date == "" {
				e.Date = date
			}
			if e.Mode == "" {
				e.Mode = mode
			}
		}
	}
	clear(sc.keys) // they point into buf
}

// enrichScratch is what enrich reuses: the keys of the events, one after
// the other in buf, ending at ends; the events they are of; and the keys
// with their events, sorted.
type enrichScratch struct {
	buf   []byte
	ends  []int32
	order []int32
	keys  []keyed
}

// keyed is the key of an event for enrich, pointing into enrichScratch.buf.
type keyed struct {
	key   string
	event int32
}

// key returns key j of buf, valid until buf is next appended to.
func (sc *enrichScratch) key(j int) string {
	start := int32(0)
	if j > 0 {
		start = sc.ends[j-1]
	}
	b := sc.buf[start:sc.ends[j]]
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// appendKey appends to b what makes two events the same for enrich: type,
// status, and the ids of both sides sorted, as "CONSULT|occurred|e1,e2".
func appendKey(b []byte, e *doc.Event) []byte {
	var buf [8]string
	ids := append(append(buf[:0], e.Source...), e.Target...)
	for i := 1; i < len(ids); i++ {
		for j := i; j > 0 && ids[j] < ids[j-1]; j-- {
			ids[j], ids[j-1] = ids[j-1], ids[j]
		}
	}
	b = append(append(append(append(b, e.Type...), '|'), e.Status...), '|')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, id...)
	}
	return b
}
