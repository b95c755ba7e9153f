package event

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/doc"
)

// chunk is a run of tokens [first, last) that names an actor: a mention
// or reference of an entity, or a group noun phrase.
type chunk struct {
	first, last int
	ent         int  // index into Document.Entities; -1 for a group
	name        bool // a name mention, not a reference or a group
	typ         doc.EntityType
	sector      string // groups: CAMEO sector
	country     string // groups: from a national adjective before the noun
}

// found is a mention or reference of entity ent at tokens [first, last).
type found struct {
	first, last, ent int32
	name             bool
}

// entityChunks returns the mentions and references of every entity as
// token ranges, sorted by position, then longest first, then in the order
// of the entities, in sc.ents. blocks are coder.blocks.
func entityChunks(sc *scratch, d *doc.Document, blocks []int32) []chunk {
	fs := sc.found[:0]
	toks := d.Tokens
	for ei := range d.Entities {
		e := &d.Entities[ei]
		for k, ms := range [2][]doc.Mention{e.Mentions, e.References} {
			for _, m := range ms {
				// the first token that ends after the mention starts
				first := 0
				if b := m.Start >> 6; b >= len(blocks) {
					first = len(toks) // out of the text: no token
				} else if b > 0 {
					first = int(blocks[b])
				}
				for first < len(toks) && toks[first].End <= m.Start {
					first++
				}
				last := first
				for last < len(toks) && toks[last].Start < m.End {
					last++
				}
				if last > first {
					fs = append(fs, found{int32(first), int32(last), int32(ei), k == 0})
				}
			}
		}
	}
	sc.found = fs
	out := grow(sc.ents, len(fs))
	sc.ents = out
	chunkOf := func(f found) chunk {
		return chunk{first: int(f.first), last: int(f.last), ent: int(f.ent), name: f.name, typ: d.Entities[f.ent].Type}
	}
	const bits = 21 // first, last and index in one number of 63 bits
	if len(toks) >= 1<<bits || len(fs) >= 1<<bits {
		for i, f := range fs {
			out[i] = chunkOf(f)
		}
		slices.SortStableFunc(out, func(x, y chunk) int {
			if x.first != y.first {
				return x.first - y.first
			}
			return y.last - x.last
		})
		return out
	}
	// Numbers sort faster than chunks.
	keys := sc.keys[:0]
	for k, f := range fs {
		keys = append(keys, uint64(f.first)<<(2*bits)|uint64(1<<bits-1-f.last)<<bits|uint64(k))
	}
	slices.Sort(keys)
	for i, key := range keys {
		out[i] = chunkOf(fs[key&(1<<bits-1)])
	}
	sc.keys = keys[:0]
	return out
}

// actorChunks returns the actors of the sentence with tokens [a, b):
// entity mentions, then group nouns not inside them, by position. A
// national adjective just before a group noun ("Ukrainian officials")
// becomes part of the group and gives it its country.
func (c *coder) actorChunks(a, b int) []chunk {
	lo := sort.Search(len(c.ents), func(i int) bool { return c.ents[i].first >= a })
	out := c.sc.actors[:0]
	defer func() { c.sc.actors = out[:0] }()
	covered := -1
	for _, ch := range c.ents[lo:] {
		if ch.first >= b {
			break
		}
		if ch.first < covered || ch.last > b {
			continue // nested or overlapping: keep the outer one
		}
		if ch.first > a && c.is(ch.first-1, quoteOpen) {
			continue // a name in quotation marks is a title or slogan: "‘Alaska 2025’"
		}
		if n := len(out); n > 0 && out[n-1].last == ch.first-1 && c.words[ch.first-1] == "(" && ch.last < b && c.words[ch.last] == ")" {
			continue // an abbreviation of the name before: "Montenegro Municipality Association (AKK)"
		}
		out = append(out, ch)
		covered = ch.last
	}
	words, lex, dict := c.words[:b], c.lex[:b], c.dict
	k := 0
	for i := a; i < b; i++ {
		for k < len(out) && out[k].last <= i {
			k++
		}
		if k < len(out) && out[k].first <= i {
			i = out[k].last - 1
			continue
		}
		// The agent phrases that may start here: a capitalised word is
		// looked up now; no other token without an entry starts one.
		e := lex[i]
		if e == capWord {
			e = dict.find(words[i])
		}
		if e <= noEntry || dict.entries[e].agents < 0 {
			continue
		}
		n, sec := matchAgent(&dict.agents[dict.entries[e].agents], words, i)
		if n == 0 || c.modifier(i+n-1, b) && !c.nationalBefore(i, a, out[:k]) {
			continue
		}
		if i > a && words[i-1] == "(" && i+n < b && words[i+n] == ")" {
			continue // a gloss: "the intifada (uprising)"
		}
		if k < len(out) && out[k].first == i+n && (out[k].typ == doc.Person || out[k].typ == doc.Org) {
			i += n - 1 // a title: "Russian president Vladimir Putin"
			continue
		}
		g := chunk{first: i, last: i + n, ent: -1, typ: doc.NORP, sector: sec}
		if institution.has(sec) {
			g.typ = doc.Org
		}
		// Absorb a national adjective right before: an entity of type NORP
		// (or a place used as adjective, "US officials"); or capitalised
		// words that are no entity ("Hezbollah guerrillas").
		if k > 0 && out[k-1].ent >= 0 && (out[k-1].typ == doc.Org || out[k-1].typ == doc.Person) && c.adjacent(out[k-1].last, i) {
			// "Hamas militants", "the Association (AKK) officials": the
			// organisation itself is the actor.
			i = g.last - 1
			continue
		}
		// Adjectives between: "French paper workers", "Sudan's government".
		gf := i
		for n := 0; n < 2 && gf > a && c.adjective(gf-1); n++ {
			gf--
		}
		if gf == i && gf > a+1 && (c.words[gf-1] == "'s" || c.words[gf-1] == "’s") {
			gf--
		}
		if k > 0 && out[k-1].ent >= 0 && out[k-1].last < i && out[k-1].last == gf {
			i = gf
		}
		if k > 0 && out[k-1].last == i && out[k-1].ent >= 0 {
			e := c.d.Entities[out[k-1].ent]
			if e.Type == doc.NORP || e.Type == doc.Loc {
				g.first, g.country = out[k-1].first, e.Country
				out = append(out[:k-1], out[k:]...)
				k--
			}
		} else {
			for g.first > a && (k == 0 || out[k-1].last < g.first) && c.capitalised(g.first-1) {
				g.first--
			}
		}
		out = append(out, chunk{})
		copy(out[k+1:], out[k:])
		out[k] = g
		k++
		i = g.last - 1
	}
	return out
}

// nationalBefore reports whether a group noun at token i of a sentence
// starting at a is named by the word before it, a national adjective or a
// capitalised word: the group is an actor even as a modifier ("in Israeli
// police custody", "a Karen guerrilla stronghold"). before are the actors
// found before i.
func (c *coder) nationalBefore(i, a int, before []chunk) bool {
	if n := len(before); n > 0 && before[n-1].last == i {
		return before[n-1].ent >= 0 && c.d.Entities[before[n-1].ent].Type == doc.NORP
	}
	return i > a+1 && c.capitalised(i-1) && !c.capitalised(i-2)
}

// adjacent reports whether tokens [a, b) are empty or one parenthetical.
func (c *coder) adjacent(a, b int) bool {
	if a == b {
		return true
	}
	return b-a <= 4 && c.words[a] == "(" && c.words[b-1] == ")"
}

// adjective reports whether token i may be a lower-case modifier inside
// a group name ("paper" in "French paper workers").
func (c *coder) adjective(i int) bool {
	w := c.words[i]
	ch := c.initial[i]
	if ch < 'a' || ch > 'z' || c.is(i, determiners) || c.is(i, preps) || c.is(i, boundary) || c.is(i, verbish) || c.is(i, quantity) || c.is(i, owners) {
		return false
	}
	return !strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "ing")
}

// capitalised reports whether token i is a capitalised word that is not a
// function word ("The", "In").
func (c *coder) capitalised(i int) bool {
	ch := c.initial[i]
	return 'A' <= ch && ch <= 'Z' && !c.is(i, determiners) && !c.is(i, preps) && !c.is(i, boundary) && !c.is(i, quantity)
}

// modifier reports whether the singular group noun at token i is used as
// a modifier of the next word ("terrorist activities", "police custody"):
// it is followed by a lower-case word that is neither a verb form nor a
// function word.
func (c *coder) modifier(i, b int) bool {
	w := c.words[i]
	if plural(w) || i+1 >= b {
		return false // plural, or last in the sentence
	}
	next := c.words[i+1]
	ch := c.initial[i+1]
	if ch < 'a' || ch > 'z' || c.is(i+1, verbish) || strings.HasSuffix(next, "ed") || c.is(i+1, preps) || c.is(i+1, boundary) {
		return false
	}
	return true
}

// verbish are words after which a group noun is a subject, not a modifier.
var verbish = set("said", "says", "say", "has", "have", "had", "is", "was", "are", "were", "will", "would",
	"could", "can", "may", "might", "must", "should", "did", "does", "do", "and", "or", "who", "which",
	"that", "also", "then", "later", "today", "yesterday", "leader", "chief", "spokesman", "spokeswoman")

// institution holds the sectors whose groups are organisations.
var institution = set("GOV", "MIL", "COP", "JUD", "LEG", "IGO", "NGO", "BUS", "MED", "PTY", "EDU", "SPY")

// ids returns the entity ids of chunks, adding group entities as needed.
// The slices of a document are carved from one slab, each with no room
// to grow into the next.
func (c *coder) ids(chs []chunk) []string {
	if c.slab == nil || cap(c.slab)-len(c.slab) < len(chs) {
		c.slab = make([]string, 0, max(2*cap(c.slab), len(chs), 16))
	}
	n := len(c.slab)
	out := c.slab[n : n : n+len(chs)]
	for _, ch := range chs {
		id := ""
		if ch.ent >= 0 {
			id = c.d.Entities[ch.ent].ID
		} else {
			id = c.groupEntity(ch)
		}
		dup := false
		for _, x := range out {
			dup = dup || x == id
		}
		if !dup {
			out = append(out, id)
		}
	}
	c.slab = c.slab[:n+len(out)]
	return out
}

// groupEntity returns the id of the entity for group chunk ch, making it
// the first time (coder.groups), and records the occurrence as a
// reference.
func (c *coder) groupEntity(ch chunk) string {
	d := c.d
	span := doc.Span{Start: d.Tokens[ch.first].Start, End: d.Tokens[ch.last-1].End}
	text := d.Slice(span)
	key := c.low[span.Start:span.End]
	ref := doc.Mention{Span: span, Text: text, Kind: doc.DescriptionMention}
	if i, ok := c.group[key]; ok {
		e := &c.groups[i]
		// References are added in text order, so a repeat is the last one.
		if n := len(e.References); n > 0 && e.References[n-1].Span == span {
			return e.ID
		}
		e.References = append(e.References, ref)
		return e.ID
	}
	e := doc.Entity{ID: c.newID(), Name: text, Type: ch.typ, Country: ch.country,
		Sector: ch.sector, Mentions: []doc.Mention{}, References: []doc.Mention{ref}}
	c.group[key] = len(c.groups)
	c.groups = append(c.groups, e)
	return e.ID
}

// newID returns the id of a new entity: the ids of the others are "e1",
// "e2", … and it is "e" with the number after the largest.
func (c *coder) newID() string {
	if c.lastID < 0 {
		c.lastID = 0
		for _, e := range c.d.Entities {
			if n, err := strconv.Atoi(strings.TrimPrefix(e.ID, "e")); err == nil && n > c.lastID {
				c.lastID = n
			}
		}
		c.groupBase = c.lastID
	}
	c.lastID++
	return "e" + itoa(c.lastID)
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return string(b[i:])
}

var (
	preps = set("in", "at", "on", "from", "to", "with", "by", "of", "for", "against", "near", "into",
		"over", "during", "under", "between", "among", "about", "since", "outside", "inside", "across",
		"toward", "towards", "through", "alongside", "like", "than", "via", "per")
	placePreps = set("in", "at", "near", "outside", "inside", "across", "around", "throughout")
	clauseStop = set(";", ":", "while", "whereas", "although", "though", "because", "after", "before",
		"when", "if", "unless", "said", "says", "say", "told", "added", "who", "which", "that", "but",
		"where", "“", "”", "\"", "—", "–")
	be          = set("is", "are", "was", "were", "be", "been", "being", "'s", "’s", "get", "got", "gets")
	participles = set("held", "met", "hit", "shot", "struck", "beaten", "taken", "seen", "sentenced",
		"caught", "sought", "given", "freed", "sent", "bought", "brought", "forgiven", "withdrawn",
		"overrun", "slain", "found", "led", "told", "won", "made", "put", "set", "cut", "wanted")
)

var (
	quantity = set("thousands", "hundreds", "dozens", "scores", "millions", "tens", "group", "groups",
		"members", "some", "many", "several", "number", "crowd", "crowds", "band", "gang", "team",
		"delegation", "one", "two", "three", "four", "five", "most", "all", "both", "each", "none")
	placeNouns = set("city", "town", "village", "province", "region", "district", "capital", "area",
		"state", "port", "outskirts", "centre", "center", "suburb", "county")
	nounTargetPreps = set("of", "against", "on", "with", "into", "to", "between", "in", "that", "for")
	quoteOpen       = set("‘", "“", "\"", "'")
	reducedNext     = set("with", "of", "for")
	reporting       = set("said", "says", "say", "told", "added", "reported", "announced", "according")
	owners          = set("its", "their", "his", "her", "our", "my", "your")
	titles          = set("president", "leader", "minister", "prime", "foreign", "defence", "defense",
		"chief", "king", "queen", "prince", "general", "secretary", "spokesman", "spokeswoman",
		"ambassador", "envoy", "head", "commander", "premier", "chancellor", "senator", "governor",
		"mayor", "official", "counterpart", "mr", "mrs", "ms", "dr", "sheikh", "ousted", "former", "new",
		"interior", "deputy", "vice", "state", "of", "the")
	pronoun = set("it", "they", "he", "she", "we", "i")
)
