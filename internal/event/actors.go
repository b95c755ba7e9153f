package event

import (
	"slices"
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
// token ranges, sorted by position, reusing out.
func entityChunks(out []chunk, d *doc.Document) []chunk {
	out = out[:0]
	toks := d.Tokens
	add := func(ei int, m doc.Mention, name bool) {
		// the first token that ends after the mention starts
		first, hi := 0, len(toks)
		for first < hi {
			if h := int(uint(first+hi) >> 1); toks[h].End > m.Start {
				hi = h
			} else {
				first = h + 1
			}
		}
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
	slices.SortFunc(out, func(x, y chunk) int {
		if x.first != y.first {
			return x.first - y.first
		}
		return y.last - x.last
	})
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
		if ch.first > a && quoteOpen.has(c.words[ch.first-1]) {
			continue // a name in quotation marks is a title or slogan: "‘Alaska 2025’"
		}
		if n := len(out); n > 0 && out[n-1].last == ch.first-1 && c.words[ch.first-1] == "(" && ch.last < b && c.words[ch.last] == ")" {
			continue // an abbreviation of the name before: "Montenegro Municipality Association (AKK)"
		}
		out = append(out, ch)
		covered = ch.last
	}
	words := c.words[:b]
	am := agents()
	k := 0
	for i := a; i < b; i++ {
		for k < len(out) && out[k].last <= i {
			k++
		}
		if k < len(out) && out[k].first <= i {
			i = out[k].last - 1
			continue
		}
		n, sec := matchAgent(am, words, i)
		if n == 0 || c.modifier(i+n-1, b) && !c.nationalBefore(i, a, out[:k]) {
			continue
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
	ch := c.d.Text[c.d.Tokens[i].Start]
	if ch < 'a' || ch > 'z' || determiners.has(w) || preps.has(w) || boundary.has(w) || verbish.has(w) || quantity.has(w) || owners.has(w) {
		return false
	}
	return !strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "ing")
}

// capitalised reports whether token i is a capitalised word that is not a
// function word ("The", "In").
func (c *coder) capitalised(i int) bool {
	t := c.d.Tokens[i]
	ch := c.d.Text[t.Start]
	return 'A' <= ch && ch <= 'Z' && !determiners.has(c.words[i]) && !preps.has(c.words[i]) && !boundary.has(c.words[i]) && !quantity.has(c.words[i])
}

// modifier reports whether the singular group noun at token i is used as
// a modifier of the next word ("terrorist activities", "police custody"):
// it is followed by a lower-case word that is neither a verb form nor a
// function word.
func (c *coder) modifier(i, b int) bool {
	w := c.words[i]
	if sg := singular(w); sg[1] != "" || i+1 >= b {
		return false // plural, or last in the sentence
	}
	t := c.d.Tokens[i+1]
	next := c.words[i+1]
	ch := c.d.Text[t.Start]
	if ch < 'a' || ch > 'z' || verbish.has(next) || strings.HasSuffix(next, "ed") || preps.has(next) || boundary.has(next) {
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
		// References are added in text order, so a repeat is the last one.
		if n := len(e.References); n > 0 && e.References[n-1].Span == span {
			return e.ID
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
	if t.p == mustPattern {
		tgt = s.subjectBefore(t.first)
		for j := t.first - 1; j >= s.a; j-- {
			if demandVerbs.has(s.c.words[j]) {
				src = s.subjectBefore(j)
				break
			}
		}
	} else if t.nominal {
		src, tgt = s.nounRoles(t, typ)
	} else if s.passive(t) {
		tgt = s.subjectBefore(t.first)
		src = s.byAgent(t.first + 1)
	} else {
		src = s.subjectBefore(t.first)
		tgt = s.objectAfter(t.first + 1)
		if typ == "MOBILIZE" && len(tgt) > 0 && tgt[0].ent < 0 {
			tgt = nil // "deployed troops": the forces are the source's
		}
		if len(tgt) == 1 && tgt[0].ent < 0 && tgt[0].country == "" && !hostile.has(typ) {
			// Cooperation is with someone named, not with the troops or
			// aid given: "offered its troops to Lebanon". A group of a
			// nation is someone: "granted asylum to five Panamanian army
			// officers".
			if named := s.namedAfter(tgt[0].last); named != nil {
				tgt = named
			} else if named := s.placeTarget(tgt[0].last, src); named != nil && !placeNotTarget.has(typ) {
				tgt = named // "contribute troops to a force in Liberia"
			}
		}
		if len(tgt) == 0 && (typ == "THREATEN" || typ == "REQUEST") {
			// A threat or demand is aimed at whoever the condition or
			// the demand names: "threatened to stop talks if the United
			// States goes ahead".
			tgt = s.conditionSubject(t.last)
		}
	}
	if typ == "CONSULT" || typ == "AGREE" || typ == "COOPERATE" {
		src, tgt = s.partners(src, tgt, t)
	}
	if typ == "CONSULT" && len(src)+len(tgt) < 2 {
		src, tgt = s.parties(src, tgt, t)
	}
	if len(tgt) == 0 && !placeNotTarget.has(typ) {
		tgt = s.placeTarget(t.last, src)
	}
	return src, tgt
}

// placeNotTarget holds the event types whose place is never their target:
// a meeting, a protest or a deployment in a city is not aimed at it.
var placeNotTarget = set("CONSULT", "PROTEST", "MOBILIZE")

// placeTarget returns, for an event without a target, the place named
// after "in" in the clause after token j: PLOVER codes the place an action
// is aimed at as its target when no one else is ("lifted a state of
// emergency in West Darfur State", "threatened to resume attacks in
// Israel", "opened an embassy in Tehran"). A place that is a source is
// not its own target.
func (s *sentence) placeTarget(j int, src []chunk) []chunk {
	for _, a := range s.actors {
		if a.first < j {
			continue
		}
		if a.first-j > 12 || s.stopBetween(j, a.first) {
			return nil
		}
		if a.ent >= 0 && (a.typ == doc.Loc || a.typ == doc.Fac) && s.word(a.first-1) == "in" && !sameEntity(src, a.ent) {
			return []chunk{a}
		}
	}
	return nil
}

// nounRoles: "Russia's invasion of Ukraine", "the Russian invasion", "an
// attack by rebels on the town", "protesters", "the meeting between X and Y".
func (s *sentence) nounRoles(t trigger, typ string) (src, tgt []chunk) {
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
				(a.last == t.first-1 && !preps.has(s.word(a.last))) {
				src = []chunk{a}
			}
			break
		}
	}
	if src == nil {
		src = s.byAgent(t.last)
	}
	for j := t.last; j < t.last+2 && j < s.b; j++ {
		w := s.word(j)
		if nounTargetPreps.has(w) && !(w == "on" && typ == "CONSULT") {
			tgt = s.objectAfter(j + 1)
			if w == "in" {
				tgt = dropPlaces(tgt)
			}
			break
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
		if a.ent >= 0 && sameEntity(src, a.ent) || s.word(a.first-1) == "," && s.attribution(a.last) {
			continue // the source again, or the speaker of the sentence
		}
		return src, []chunk{a}
	}
	return src, tgt
}

// parties completes a meeting whose parties the syntax did not give ("the
// meeting between the two leaders"): the people named nearest the trigger
// in the sentence, until there are two.
func (s *sentence) parties(src, tgt []chunk, t trigger) ([]chunk, []chunk) {
	used := map[int]bool{}
	for _, c := range append(append([]chunk(nil), src...), tgt...) {
		used[c.ent] = true
	}
	for len(src)+len(tgt) < 2 {
		best, bestDist := -1, 1<<30
		for k, a := range s.actors {
			if a.ent < 0 || used[a.ent] || a.typ != doc.Person {
				continue
			}
			dist := t.first - a.last
			if a.first >= t.last {
				dist = a.first - t.last
			}
			if dist < 0 {
				dist = -dist
			}
			if dist < bestDist {
				best, bestDist = k, dist
			}
		}
		if best < 0 {
			break
		}
		a := s.actors[best]
		used[a.ent] = true
		if len(src) == 0 {
			src = []chunk{a}
		} else {
			tgt = []chunk{a}
		}
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
	if !strings.HasSuffix(w, "ed") && !participles.has(w) {
		return false
	}
	if s.word(t.first+1) == "by" || s.word(t.last) == "by" {
		return true
	}
	// A reduced relative: "a criminal charged with", "the man accused of".
	if (t.p.Type == "ACCUSE" || t.p.Type == "COERCE") && reducedNext.has(s.word(t.first+1)) {
		for _, a := range s.actors {
			if a.last == t.first {
				return true
			}
		}
	}
	if s.word(t.first+1) == "to" || s.word(t.last) == "to" || s.word(t.last-1) == "to" {
		return false // "is prepared to", "was expected to": an adjective
	}
	for j := t.first - 1; j >= s.a && j >= t.first-3; j-- {
		if be.has(s.c.words[j]) {
			return true
		}
		if boundary.has(s.c.words[j]) {
			break
		}
	}
	return false
}

// subjectBefore returns the subject of a verb at token i: the nearest
// actor before it in its clause that is not the object of a preposition,
// with the actors joined to it by "and" or commas. In a relative clause
// ("the president, who is wanted by …") it is the antecedent; after an
// appositive ("Pakistan, a key U.S. ally, has refused") the head before
// it; in reported speech with a pronoun ("Japan said it had halted") the
// speaker.
func (s *sentence) subjectBefore(i int) []chunk {
	start := s.a
	stop := ""
	for j := i - 1; j >= s.a; j-- {
		w := s.c.words[j]
		if clauseStop.has(w) {
			start, stop = j+1, w
			break
		}
	}
	pick := -1
	for k := len(s.actors) - 1; k >= 0; k-- {
		a := s.actors[k]
		if a.last > i || a.first < start {
			continue
		}
		if p := s.word(a.first - 1); preps.has(p) && !(p == "of" && quantity.has(s.word(a.first-2))) {
			continue
		}
		if s.word(a.last) == "'s" || s.word(a.last) == "’s" {
			continue
		}
		if a.typ == doc.Loc && preps.has(s.word(a.first-2)) && s.word(a.first-1) == "," {
			continue // "in Anchorage, Alaska"
		}
		pick = k
		break
	}
	// An appositive between the subject and the verb: take the actor that
	// opens the clause and is followed by a comma.
	if pick >= 0 {
		for k := 0; k < pick; k++ {
			a := s.actors[k]
			if a.first < start {
				continue
			}
			if s.word(a.last) == "," && (a.first == start || determiners.has(s.word(a.first-1)) && a.first-1 == start) && s.commaBefore(s.actors[pick].last, i) {
				pick = k
			}
			break
		}
	}
	if pick < 0 && (stop == "who" || stop == "which" || stop == "that") {
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
	if pick < 0 && reporting.has(stop) {
		for j := start; j < i; j++ {
			if pronoun.has(s.c.words[j]) {
				return s.subjectBefore(start - 1)
			}
		}
	}
	if pick < 0 {
		return nil
	}
	out := []chunk{s.actors[pick]}
	next := s.actors[pick].first
	for k := pick - 1; k >= 0; k-- {
		a := s.actors[k]
		if a.last > next {
			break
		}
		if a.last == next && a.last-a.first == 1 && owners.has(s.c.words[a.first]) {
			next = a.first // "Kagame and his Rwandan Patriotic Front"
			continue
		}
		if (a.typ == doc.NORP || a.typ == doc.Loc) && a.ent >= 0 && s.titlesOnly(a.last, next) && !s.conjunction(s.a, a.first) && s.titlesOrJoin(a.first) {
			next = a.first // "Bulgarian President Todor Zhivkov"
			continue
		}
		if s.conjunction(a.last, next) {
			out = append(out, a)
			next = a.first
			continue
		}
		break
	}
	return out
}

// adjectiveOfName reports whether a national adjective or country name
// is part of the name after it: "Russian president Vladimir Putin".
func (s *sentence) adjectiveOfName(a chunk) bool {
	if a.typ != doc.NORP && a.typ != doc.Loc {
		return false
	}
	for _, b := range s.actors {
		if b.first >= a.last {
			return b.typ == doc.Person && b.first > a.last && s.titlesOnly(a.last, b.first)
		}
	}
	return false
}

// conjunction reports whether tokens [a, b) join two actors: "and", ",",
// ", and", possibly followed by titles ("and Bulgarian President").
func (s *sentence) conjunction(a, b int) bool {
	j := a
	for j < b && (s.c.words[j] == "," || s.c.words[j] == "and") {
		j++
	}
	return j > a && s.titlesOnly(j, b)
}

// titlesOrJoin reports whether the token before i joins two actors or is
// a title, so that a national adjective at i belongs to the next name.
func (s *sentence) titlesOrJoin(i int) bool {
	w := s.word(i - 1)
	return w == "and" || w == "," || titles.has(w) || determiners.has(w)
}

// titlesOnly reports whether tokens [a, b) are all titles: capitalised
// words or role nouns ("President", "leader", "foreign minister").
func (s *sentence) titlesOnly(a, b int) bool {
	for j := a; j < b; j++ {
		if !titles.has(s.c.words[j]) && !s.c.capitalised(j) {
			return false
		}
	}
	return true
}

// commaBefore reports whether a comma comes between tokens a and b.
func (s *sentence) commaBefore(a, b int) bool {
	for j := a; j < b; j++ {
		if s.c.words[j] == "," {
			return true
		}
	}
	return false
}

// objectAfter returns the first actor after token j in the clause that is
// not a place named as a location ("in Gaza"), with the actors joined to
// it by "and" or commas.
func (s *sentence) objectAfter(j int) []chunk {
	var out []chunk
	and := false
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
				and = and || gap[len(gap)-1] == "and"
				out = append(out, a)
				continue
			}
			break
		}
		if a.first-j > 14 || s.stopBetween(j, a.first) {
			break
		}
		p := s.word(a.first - 1)
		if p == "," && s.attribution(a.last) {
			break // ", the minister said": the speaker, not the target
		}
		if owners.has(p) || s.adjectiveOfName(a) {
			continue // "its troops": the source's own
		}
		if p == "by" || ((a.typ == doc.Loc || a.typ == doc.Fac) && (placePreps.has(p) || p == "of" && placeNouns.has(s.word(a.first-2)))) {
			continue
		}
		if a.ent < 0 && placePreps.has(p) {
			continue // a group after "in" is a place: "a hunger strike in prison"
		}
		out = append(out, a)
	}
	if !and && len(out) > 1 {
		out = out[:1] // "Finland, NATO would …": a comma alone joins no list
	}
	return out
}

// attribution reports whether a reporting verb follows token j after at
// most one other word or a few titles and names: ", the minister said",
// ", Defence Minister Pierre Joxe said".
func (s *sentence) attribution(j int) bool {
	if reporting.has(s.word(j)) || reporting.has(s.word(j+1)) {
		return true
	}
	for k := j; k < j+5 && k < s.b; k++ {
		if reporting.has(s.c.words[k]) {
			return true
		}
		if !titles.has(s.c.words[k]) && !s.c.capitalised(k) {
			return false
		}
	}
	return false
}

func (s *sentence) stopBetween(a, b int) bool {
	for j := a; j < b; j++ {
		if w := s.c.words[j]; clauseStop.has(w) && w != "that" || reporting.has(w) {
			return true
		}
	}
	return false
}

// conditionSubject returns the first named actor after "if", "unless" or
// "that" following token j in the sentence, not a place after a
// preposition and not the speaker of a trailing attribution.
func (s *sentence) conditionSubject(j int) []chunk {
	for k := j; k < s.b; k++ {
		w := s.c.words[k]
		if reporting.has(w) || w == ";" {
			return nil
		}
		if w != "if" && w != "unless" && w != "that" {
			continue
		}
		for _, a := range s.actors {
			if a.first > k && a.first <= k+4 && a.ent >= 0 {
				return []chunk{a}
			}
		}
		return nil
	}
	return nil
}

// namedAfter returns the first entity (not a group) after token j in the
// clause, within ten tokens.
func (s *sentence) namedAfter(j int) []chunk {
	for _, a := range s.actors {
		if a.first < j {
			continue
		}
		if a.first-j > 10 || s.stopBetween(j, a.first) {
			return nil
		}
		if s.word(a.first-1) == "," && s.attribution(a.last) {
			return nil // the speaker of the sentence
		}
		if a.ent >= 0 && !((a.typ == doc.Loc || a.typ == doc.Fac) && placePreps.has(s.word(a.first-1))) {
			return []chunk{a}
		}
	}
	return nil
}

// hostile holds the event types whose targets are often groups: "killed
// 23 people", "arrested protesters".
var hostile = set("ASSAULT", "COERCE", "PROTEST", "THREATEN", "ACCUSE", "SANCTION", "MOBILIZE", "REQUEST", "REJECT")

// byAgent returns the actor after "by" soon after token j, in the same
// clause: "indicted by the court", "an attack by rebels", "accused of
// misusing funds by officials".
func (s *sentence) byAgent(j int) []chunk {
	for k := j; k < j+24 && k < s.b; k++ {
		if clauseStop.has(s.c.words[k]) {
			return nil
		}
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
