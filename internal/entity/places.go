package entity

import (
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/geo"
)

// bigCity is the population from which a city's name is taken to mean
// the city rather than a person of that name.
const bigCity = 1_000_000

// placeNames retypes as LOC the "people" the model found whose name is a
// country or a city of a million people or more, when nothing (a title,
// a form of address, a known given name) says they are people:
// "São Paulo's mayor".
func (a *analysis) placeNames() {
	l := lex()
	for _, e := range a.ents {
		if e.dropped || e.out.Type != doc.Person || e.gender != 0 || len(e.out.Roles) > 0 || len(e.words) == 0 {
			continue
		}
		if _, ok := l.gender[e.words[0]]; ok {
			continue
		}
		ps := geo.Lookup(e.out.Name)
		if len(ps) == 0 || !(ps[0].Kind == geo.Country || ps[0].Kind == geo.City && ps[0].Population >= bigCity) {
			continue
		}
		if !strings.EqualFold(ps[0].Name, e.out.Name) {
			continue
		}
		e.out.Type = doc.Loc
		e.out.Sector = ""
	}
}

// smallPlace is the population under which a city needs the support of
// another place of its country to be believed.
const smallPlace = 100_000

// lonely reports whether p is a small town or a region that nothing else
// in the document supports, in a document that names other places: the
// model's "Obama" is not Obama, Japan, nor "West" Cameroon's West region,
// in an article about Washington.
func lonely(p geo.Place, countries map[string]int, n int) bool {
	if n < 3 || countries[p.Country] > 1 || p.Kind == geo.Country {
		return false
	}
	return p.Kind == geo.Region || p.Population < smallPlace
}

// places resolves the LOC entities with the gazetteer, all names of the
// document weighed together ("Paris" with "Texas" is Paris, Texas), gives
// them their country, places each facility where the nearest resolved
// place of its sentence is (else where most places of the document are)
// and fills Document.Places.
func (a *analysis) places() {
	d := a.d
	d.Places = d.Places[:0]
	var names []string
	var idx []int
	var buf [32]byte
	for ei, e := range a.ents {
		if !e.dropped && e.out.Type == doc.Loc {
			name := e.out.Name
			if st, ok := lex().states[name]; ok {
				name = st
			} else if st, ok := lex().states[string(append(append(buf[:0], name...), '.'))]; ok {
				name = st
			}
			names = append(names, name)
			idx = append(idx, ei)
		}
	}
	if len(names) == 0 {
		return
	}
	resolved := geo.Resolve(names)
	at := make([]*geo.Place, len(a.ents)) // entity index → place, if any
	countries := map[string]int{}
	for _, p := range resolved {
		if !p.IsZero() {
			countries[p.Country]++
		}
	}
	for k := range resolved {
		p := &resolved[k]
		if p.IsZero() || !off("lonely") && lonely(*p, countries, len(resolved)) {
			continue
		}
		e := a.ents[idx[k]]
		if p.Kind == geo.City && strings.Contains(e.out.Name, " ") && !sharesStart(p.Name, e.out.Name) {
			continue // "White House" is not Casablanca (Dar el Beida) by an alternate name
		}
		at[idx[k]] = p
		e.out.Country = p.Country
		if len(e.out.Name) > 3 && isAllCaps(e.out.Name) {
			e.out.Name = p.Name // "PARIS" in a dateline is Paris
		}
	}
	// Seats of government the model calls places: "the Kremlin", "the White House".
	l := lex()
	for _, ei := range idx {
		e := a.ents[ei]
		if at[ei] != nil || e.out.Country != "" {
			continue
		}
		if i, ok := a.orgIndex(strings.Fields(e.out.Name)); ok && l.orgs[i].country != "" {
			e.out.Country = l.orgs[i].country
		}
	}
	focus := ""
	for iso, n := range countries {
		if n > countries[focus] || n == countries[focus] && iso < focus {
			focus = iso
		}
	}
	// Facilities: the nearest resolved place in the same sentence, after
	// it first ("at Joint Base Elmendorf-Richardson in Anchorage").
	var bySent sentenceIndex
	for ei, e := range a.ents {
		if e.dropped || e.out.Type != doc.Fac {
			continue
		}
		if bySent.start == nil {
			bySent = a.mentionsBySentence()
		}
		var best geo.Place
		bestDist := -1
		for _, mi := range e.mentions {
			m := &a.mentions[mi]
			if m.sent < 0 {
				continue
			}
			for _, k := range bySent.of(m.sent) {
				o := &a.mentions[k]
				p := at[o.ent]
				if p == nil {
					continue
				}
				dist := o.Start - m.End
				if dist < 0 {
					dist = m.Start - o.End + 1000 // before it: a weaker clue
				}
				// A city is better than the region or country it lies in.
				if bestDist < 0 || dist < bestDist || p.Kind == geo.City && best.Kind != geo.City && best.Country == p.Country {
					best, bestDist = *p, dist
				}
			}
		}
		if !best.IsZero() {
			at[ei] = &best
			e.out.Country = best.Country
		} else if focus != "" {
			e.out.Country = focus
		}
	}
	for ei, p := range at {
		if p == nil {
			continue
		}
		e := a.ents[ei]
		name := p.Name
		if e.out.Type == doc.Fac {
			name = e.out.Name
		}
		d.Places = append(d.Places, doc.Place{
			Name: name, Admin1: p.Admin1, Country: p.Country, Lat: p.Lat, Lon: p.Lon, Entity: e.out.ID,
		})
	}
}

// sharesStart reports whether one of a and b starts with the other,
// ignoring case: "New York City" and "New York".
func sharesStart(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	return strings.EqualFold(a[:len(b)], b)
}

// sentenceIndex lists mention indices by sentence: those of sentence si
// are at[start[si]:start[si+1]], in increasing order.
type sentenceIndex struct {
	start []int32
	at    []int32
}

// of returns the indices of the mentions in sentence si.
func (x sentenceIndex) of(si int) []int32 {
	if si < 0 || si+1 >= len(x.start) {
		return nil
	}
	return x.at[x.start[si]:x.start[si+1]]
}

// mentionsBySentence indexes the mentions that have a sentence and an
// entity by sentence, so that a pass over the mentions of one sentence
// costs what that sentence holds rather than the whole article.
func (a *analysis) mentionsBySentence() sentenceIndex {
	n := len(a.d.Sentences)
	x := sentenceIndex{start: slices.Grow(a.bySent.start[:0], n+2)[:n+2]}
	clear(x.start)
	for k := range a.mentions {
		if o := &a.mentions[k]; o.sent >= 0 && o.sent < n && o.ent >= 0 {
			x.start[o.sent+2]++
		}
	}
	for si := 2; si < len(x.start); si++ {
		x.start[si] += x.start[si-1]
	}
	x.at = slices.Grow(a.bySent.at[:0], int(x.start[n+1]))[:x.start[n+1]]
	for k := range a.mentions {
		if o := &a.mentions[k]; o.sent >= 0 && o.sent < n && o.ent >= 0 {
			x.at[x.start[o.sent+1]] = int32(k)
			x.start[o.sent+1]++
		}
	}
	a.bySent = x // the buffers, for the next document
	return x
}
