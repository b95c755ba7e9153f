package event

import (
	"sort"
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

// entityChunks returns the mentions and references of every entity as
// token ranges, sorted by position.
func entityChunks(d *doc.Document) []chunk {
	var out []chunk
	add := func(ei int, m doc.Mention, name bool) {
		first := sort.Search(len(d.Tokens), func(i int) bool { return d.Tokens[i].End > m.Start })
		last := first
		for last < len(d.Tokens) && d.Tokens[last].Start < m.End {
			last++
		}
		if last > first {
			out = append(out, chunk{first: first, last: last, ent: ei, name: name, typ: d.Entities[ei].Type})
		}
	}
	for ei, e := range d.Entities {
		for _, m := range e.Mentions {
			add(ei, m, true)
		}
		for _, m := range e.References {
			add(ei, m, false)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].first != out[j].first {
			return out[i].first < out[j].first
		}
		return out[i].last > out[j].last
	})
	return out
}

// actorChunks returns the actors of the sentence with tokens [a, b):
// entity mentions, then group nouns not inside them, by position. A
// national adjective just before a group noun ("Ukrainian officials")
// becomes part of the group and gives it its country.
func (c *coder) actorChunks(a, b int) []chunk {
	lo := sort.Search(len(c.ents), func(i int) bool { return c.ents[i].first >= a })
	var out []chunk
	covered := -1
	for _, ch := range c.ents[lo:] {
		if ch.first >= b {
			break
		}
		if ch.first < covered || ch.last > b {
			continue // nested or overlapping: keep the outer one
		}
		out = append(out, ch)
		covered = ch.last
	}
	words := c.words[:b]
	k := 0
	for i := a; i < b; i++ {
		for k < len(out) && out[k].last <= i {
			k++
		}
		if k < len(out) && out[k].first <= i {
			i = out[k].last - 1
			continue
		}
		n, sec := matchAgent(words, i)
		if n == 0 {
			continue
		}
		g := chunk{first: i, last: i + n, ent: -1, typ: doc.NORP, sector: sec}
		if institution[sec] {
			g.typ = doc.Org
		}
		// Absorb a national adjective right before: an entity of type NORP
		// (or a place used as adjective, "US officials").
		if k > 0 && out[k-1].last == i && out[k-1].ent >= 0 {
			e := c.d.Entities[out[k-1].ent]
			if e.Type == doc.NORP || e.Type == doc.Loc {
				g.first, g.country = out[k-1].first, e.Country
				out = append(out[:k-1], out[k:]...)
				k--
			}
		}
		out = append(out, chunk{})
		copy(out[k+1:], out[k:])
		out[k] = g
		i = g.last - 1
	}
	return out
}

// institution holds the sectors whose groups are organisations.
var institution = set("GOV", "MIL", "COP", "JUD", "LEG", "IGO", "NGO", "BUS", "MED", "PTY", "EDU", "SPY")

// ids returns the entity ids of chunks, adding group entities as needed.
func (c *coder) ids(chs []chunk) []string {
	out := make([]string, 0, len(chs))
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
	return out
}

// groupEntity returns the id of the entity for group chunk ch, appending
// it to Document.Entities the first time, and records the occurrence as a
// reference.
func (c *coder) groupEntity(ch chunk) string {
	d := c.d
	span := doc.Span{Start: d.Tokens[ch.first].Start, End: d.Tokens[ch.last-1].End}
	text := d.Slice(span)
	key := c.low[span.Start:span.End]
	ref := doc.Mention{Span: span, Text: text, Kind: doc.DescriptionMention}
	if i, ok := c.group[key]; ok {
		e := &d.Entities[i]
		for _, r := range e.References {
			if r.Span == span {
				return e.ID
			}
		}
		e.References = append(e.References, ref)
		return e.ID
	}
	c.nextID++
	e := doc.Entity{ID: "e" + itoa(c.nextID), Name: text, Type: ch.typ, Country: ch.country,
		Sector: ch.sector, Mentions: []doc.Mention{}, References: []doc.Mention{ref}}
	c.group[key] = len(d.Entities)
	d.Entities = append(d.Entities, e)
	return e.ID
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

// roles finds the source and target actors of trigger t.
func (s *sentence) roles(t trigger, typ string) (src, tgt []chunk) {
	if t.nominal {
		src, tgt = s.nounRoles(t)
	} else if s.passive(t) {
		tgt = s.subjectBefore(t.first)
		src = s.byAgent(t.last)
	} else {
		src = s.subjectBefore(t.first)
		tgt = s.objectAfter(t.last)
	}
	if typ == "CONSULT" || typ == "AGREE" || typ == "COOPERATE" {
		src, tgt = s.partners(src, tgt, t)
	}
	return src, tgt
}

// nounRoles: "Russia's invasion of Ukraine", "the Russian invasion", "an
// attack by rebels on the town", "protesters", "the meeting between X and Y".
func (s *sentence) nounRoles(t trigger) (src, tgt []chunk) {
	for _, a := range s.actors {
		if a.first <= t.first && t.first < a.last && a.ent < 0 {
			src = []chunk{a} // the trigger names the actors: "protesters"
		}
	}
	if src == nil {
		for k := len(s.actors) - 1; k >= 0; k-- {
			a := s.actors[k]
			if a.last > t.first || a.last < t.first-3 {
				continue
			}
			// "Russia's invasion", "the Russian invasion", "US strikes"
			if poss := s.word(a.last); poss == "'s" || poss == "’s" || a.last == t.first ||
				(a.last == t.first-1 && !preps[s.word(a.last)]) {
				src = []chunk{a}
			}
			break
		}
	}
	if src == nil {
		src = s.byAgent(t.last)
	}
	j := t.last
	if w := s.word(j); w == "of" || w == "against" || w == "on" || w == "with" || w == "into" || w == "to" || w == "between" || w == "in" {
		tgt = s.objectAfter(j + 1)
		if w == "in" {
			tgt = dropPlaces(tgt)
		}
	}
	if src == nil {
		src = s.subjectBefore(t.first)
	}
	return src, tgt
}

func dropPlaces(chs []chunk) []chunk {
	var out []chunk
	for _, ch := range chs {
		if ch.typ != doc.Loc && ch.typ != doc.Fac {
			out = append(out, ch)
		}
	}
	return out
}

// partners completes a meeting or agreement: with one side only, the
// other is an actor after "with", "between" or "alongside", else another
// person or organisation in the sentence.
func (s *sentence) partners(src, tgt []chunk, t trigger) ([]chunk, []chunk) {
	if len(src) == 0 && len(tgt) > 1 {
		return tgt[:1], tgt[1:]
	}
	if len(src) == 0 || len(tgt) > 0 {
		return src, tgt
	}
	for _, a := range s.actors {
		if a.first <= t.first || contains(src, a) {
			continue
		}
		if w := s.word(a.first - 1); w == "with" || w == "alongside" || w == "between" {
			return src, []chunk{a}
		}
	}
	for _, a := range s.actors {
		if contains(src, a) || (a.typ != doc.Person && a.typ != doc.Org) || a.first <= t.first-12 || a.first >= t.last+12 {
			continue
		}
		if a.ent >= 0 && sameEntity(src, a.ent) {
			continue
		}
		return src, []chunk{a}
	}
	return src, tgt
}

func contains(chs []chunk, a chunk) bool {
	for _, c := range chs {
		if c.first == a.first && c.last == a.last {
			return true
		}
	}
	return false
}

func sameEntity(chs []chunk, ent int) bool {
	for _, c := range chs {
		if c.ent == ent {
			return true
		}
	}
	return false
}

// passive reports whether the verb trigger is in the passive voice: "was
// indicted", "has been charged", "wanted by".
func (s *sentence) passive(t trigger) bool {
	w := s.word(t.first)
	if !strings.HasSuffix(w, "ed") && !participles[w] {
		return false
	}
	if s.word(t.first+1) == "by" || s.word(t.last) == "by" {
		return true
	}
	for j := t.first - 1; j >= s.a && j >= t.first-3; j-- {
		if be[s.c.words[j]] {
			return true
		}
		if boundary[s.c.words[j]] {
			break
		}
	}
	return false
}

// subjectBefore returns the subject of a verb at token i: the nearest
// actor before it in its clause that is not the object of a preposition,
// with the actors joined to it by "and" or commas. In a relative clause
// ("the president, who is wanted by …") it is the antecedent.
func (s *sentence) subjectBefore(i int) []chunk {
	start := s.a
	rel := false
	for j := i - 1; j >= s.a; j-- {
		w := s.c.words[j]
		if clauseStop[w] {
			start = j + 1
			rel = w == "who" || w == "which" || w == "that"
			break
		}
	}
	pick := -1
	for k := len(s.actors) - 1; k >= 0; k-- {
		a := s.actors[k]
		if a.last > i || a.first < start {
			continue
		}
		if preps[s.word(a.first-1)] || s.word(a.last) == "'s" || s.word(a.last) == "’s" {
			continue
		}
		if a.typ == doc.Loc && preps[s.word(a.first-2)] && s.word(a.first-1) == "," {
			continue // "in Anchorage, Alaska"
		}
		pick = k
		break
	}
	if pick < 0 && rel {
		// the antecedent of "who": the actor just before it
		j := start - 2
		if s.word(j) == "," {
			j--
		}
		for k := len(s.actors) - 1; k >= 0; k-- {
			if s.actors[k].last-1 == j {
				pick = k
				break
			}
		}
	}
	if pick < 0 {
		return nil
	}
	out := []chunk{s.actors[pick]}
	for k := pick - 1; k >= 0; k-- {
		a, next := s.actors[k], out[len(out)-1]
		if a.last > next.first {
			break
		}
		gap := s.c.words[a.last:next.first]
		if len(gap) == 1 && (gap[0] == "and" || gap[0] == ",") || len(gap) == 2 && gap[0] == "," && gap[1] == "and" {
			out = append(out, a)
			continue
		}
		break
	}
	return out
}

// objectAfter returns the first actor after token j in the clause that is
// not a place named as a location ("in Gaza"), with the actors joined to
// it by "and" or commas.
func (s *sentence) objectAfter(j int) []chunk {
	var out []chunk
	for _, a := range s.actors {
		if a.first < j {
			continue
		}
		if len(out) > 0 {
			prev := out[len(out)-1]
			if prev.last > a.first {
				continue
			}
			gap := s.c.words[prev.last:a.first]
			if len(gap) == 1 && (gap[0] == "and" || gap[0] == ",") || len(gap) == 2 && gap[0] == "," && gap[1] == "and" {
				out = append(out, a)
				continue
			}
			break
		}
		if a.first-j > 10 || s.stopBetween(j, a.first) {
			break
		}
		p := s.word(a.first - 1)
		if p == "by" || ((a.typ == doc.Loc || a.typ == doc.Fac) && placePreps[p]) {
			continue
		}
		out = append(out, a)
	}
	return out
}

func (s *sentence) stopBetween(a, b int) bool {
	for j := a; j < b; j++ {
		if clauseStop[s.c.words[j]] {
			return true
		}
	}
	return false
}

// byAgent returns the actor after "by" right after token j: "indicted by
// the court", "an attack by rebels".
func (s *sentence) byAgent(j int) []chunk {
	for k := j; k < j+3 && k < s.b; k++ {
		if s.c.words[k] == "by" {
			for _, a := range s.actors {
				if a.first > k && a.first <= k+3 {
					return []chunk{a}
				}
			}
			return nil
		}
	}
	return nil
}

// location returns the place of the event: a place in the sentence after
// "in", "at", "near" or "outside", nearest the trigger, as "Name, Admin1,
// Country" when the place is resolved; and its country code.
func (s *sentence) location(t trigger) (string, string) {
	best, bestDist := -1, 1<<30
	for k, a := range s.actors {
		if a.ent < 0 || (a.typ != doc.Loc && a.typ != doc.Fac) || !placePreps[s.word(a.first-1)] {
			continue
		}
		dist := a.first - t.last
		if a.last <= t.first {
			dist = t.first - a.last
		}
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if best < 0 {
		return "", ""
	}
	a := s.actors[best]
	name, country := s.c.placeName(a.ent)
	// "Anchorage, Alaska": a second place after a comma narrows the first.
	if best+1 < len(s.actors) {
		b := s.actors[best+1]
		if b.first == a.last+1 && s.word(a.last) == "," && b.ent >= 0 && b.typ == doc.Loc && !strings.Contains(name, ",") {
			n2, c2 := s.c.placeName(b.ent)
			name += ", " + n2
			if country == "" {
				country = c2
			}
		}
	}
	return name, country
}

// placeName returns an entity's place as text and its country.
func (c *coder) placeName(ent int) (string, string) {
	e := c.d.Entities[ent]
	if pi, ok := c.place[e.ID]; ok {
		p := c.d.Places[pi]
		parts := []string{p.Name}
		if p.Admin1 != "" && p.Admin1 != p.Name {
			parts = append(parts, p.Admin1)
		}
		if p.Country != "" {
			parts = append(parts, p.Country)
		}
		return strings.Join(parts, ", "), p.Country
	}
	return e.Name, e.Country
}

// findDateline returns the place of a dateline ("KYIV, Ukraine (Reuters) —",
// "MOSCOW -"): a place that opens the first sentence and is followed within
// a few tokens by a dash or a parenthesis.
func (c *coder) findDateline() string {
	if len(c.d.Sentences) == 0 || len(c.ents) == 0 {
		return ""
	}
	s := c.d.Sentences[0]
	first := sort.Search(len(c.d.Tokens), func(i int) bool { return c.d.Tokens[i].Start >= s.Start })
	ch := c.ents[0]
	if ch.first != first || (ch.typ != doc.Loc && ch.typ != doc.Fac) {
		return ""
	}
	for j := ch.last; j < ch.last+6 && j < len(c.words); j++ {
		switch c.words[j] {
		case "—", "–", "-", "--", "(":
			name, _ := c.placeName(ch.ent)
			return name
		}
	}
	return ""
}

// locationCountry returns the country of the event's location, if known.
func (c *coder) locationCountry(ev doc.Event) string {
	for _, p := range c.d.Places {
		if p.Country != "" && (strings.HasPrefix(ev.Location, p.Name+",") || ev.Location == p.Name) {
			return p.Country
		}
	}
	for _, e := range c.d.Entities {
		if e.Country != "" && e.Type == doc.Loc && (ev.Location == e.Name || strings.HasPrefix(ev.Location, e.Name+",")) {
			return e.Country
		}
	}
	return ""
}

var (
	preps = set("in", "at", "on", "from", "to", "with", "by", "of", "for", "against", "near", "into",
		"over", "during", "under", "between", "among", "about", "since", "outside", "inside", "across",
		"toward", "towards", "through", "alongside", "like", "than", "via", "per")
	placePreps = set("in", "at", "near", "outside", "inside", "across", "around", "throughout", "on")
	clauseStop = set(";", ":", "while", "whereas", "although", "though", "because", "after", "before",
		"when", "if", "unless", "said", "says", "say", "told", "added", "who", "which", "that", "but",
		"where", "“", "”", "\"", "—", "–")
	be          = set("is", "are", "was", "were", "be", "been", "being", "'s", "’s", "get", "got", "gets")
	participles = set("held", "met", "hit", "shot", "struck", "beaten", "taken", "seen", "sentenced",
		"caught", "sought", "given", "freed", "sent", "bought", "brought", "forgiven", "withdrawn",
		"overrun", "slain", "found", "led", "told", "won", "made", "put", "set", "cut", "wanted")
)
