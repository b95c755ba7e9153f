package event

import (
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/doc"
)

// location returns the place of the event: a place in the tokens [lo,
// hi) of the sentence (the segment of t) after "in", "at", "near" or
// "outside", nearest the trigger, as "Name, Admin1, Country" when the
// place is resolved; and its country code.
func (s *sentence) location(t trigger, lo, hi int) (string, string) {
	best, bestDist := -1, 1<<30
	for k, a := range s.actors {
		if a.ent < 0 || (a.typ != doc.Loc && a.typ != doc.Fac) || !s.is(a.first-1, placePreps) || a.first < lo || a.last > hi {
			continue
		}
		if w := s.word(a.first - 1); w == "in" && s.is(a.first-2, topicNouns) {
			continue // "talks focused on peace in Ukraine": the subject, not the place
		}
		if dist := gap(a, t); dist < bestDist {
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

// topicNouns are nouns after which "in" names what a meeting is about,
// not where it is: "peace in Ukraine", "the war in Gaza".
var topicNouns = set("peace", "war", "conflict", "crisis", "situation", "fighting", "violence",
	"ceasefire", "security", "stability", "settlement")

// segment returns the tokens [lo, hi) of the part of the sentence that
// holds trigger t: the sentence without what is cut off from t by a dash
// or a semicolon.
func (s *sentence) segment(t trigger) (lo, hi int) {
	lo, hi = s.a, s.b
	initial, words := s.c.initial[:s.b], s.c.words[:s.b]
	for j := t.first - 1; j >= s.a; j-- {
		if c := initial[j]; (c == ';' || c == 0xE2) && dashOrSemicolon(words[j]) {
			lo = j + 1
			break
		}
	}
	for j := t.last; j < len(initial); j++ {
		if c := initial[j]; (c == ';' || c == 0xE2) && dashOrSemicolon(words[j]) {
			hi = j
			break
		}
	}
	return lo, hi
}

// dashOrSemicolon reports whether w is "—", "–" or ";" (the dashes are
// three bytes of UTF-8 starting with 0xE2).
func dashOrSemicolon(w string) bool {
	switch len(w) {
	case 1:
		return w[0] == ';'
	case 3:
		return w[0] == 0xE2 && (w == "—" || w == "–")
	}
	return false
}

// placeMemo is the place name and country of an entity (placeName).
type placeMemo struct {
	name, country string
	known         bool
}

// placeName returns an entity's place as text and its country.
func (c *coder) placeName(ent int) (string, string) {
	if c.places == nil {
		c.places = grow(c.sc.places, len(c.d.Entities))
		clear(c.places)
	}
	if m := &c.places[ent]; m.known {
		return m.name, m.country
	}
	name, country := c.newPlaceName(ent)
	c.places[ent] = placeMemo{name, country, true}
	return name, country
}

// placeOf returns the index in Document.Places of the last place of the
// entity id, or -1. (A document has a few places: no map.)
func (c *coder) placeOf(id string) int {
	for i := len(c.d.Places) - 1; i >= 0; i-- {
		if p := c.d.Places[i].Entity; p != "" && p == id {
			return i
		}
	}
	return -1
}

// newPlaceName is placeName without the memo.
func (c *coder) newPlaceName(ent int) (string, string) {
	e := c.d.Entities[ent]
	if pi := c.placeOf(e.ID); pi >= 0 {
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

// findDateline returns the place of a dateline and its country ("KYIV, Ukraine (Reuters) —",
// "MOSCOW -"): a place that opens the first sentence and is followed within
// a few tokens by a dash or a parenthesis.
func (c *coder) findDateline() (string, string) {
	if len(c.d.Sentences) == 0 || len(c.ents) == 0 {
		return "", ""
	}
	s := c.d.Sentences[0]
	first := sort.Search(len(c.d.Tokens), func(i int) bool { return c.d.Tokens[i].Start >= s.Start })
	ch := c.ents[0]
	if ch.first != first || (ch.typ != doc.Loc && ch.typ != doc.Fac) {
		return "", ""
	}
	for j := ch.last; j < ch.last+6 && j < len(c.words); j++ {
		switch c.words[j] {
		case "—", "–", "-", "--", "(":
			return c.placeName(ch.ent)
		}
	}
	return "", ""
}

// gap returns how many tokens lie between chunk a and trigger t (0 when
// they touch or overlap).
func gap(a chunk, t trigger) int {
	switch {
	case a.last <= t.first:
		return t.first - a.last
	case a.first >= t.last:
		return a.first - t.last
	}
	return 0
}
