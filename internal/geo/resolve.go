package geo

import "math"

// Resolve picks, for each surface name of places mentioned in one article,
// the place it most likely refers to, using the other names as context: a
// candidate gains when its country, its region, a city inside it, or a
// neighbouring country is also named. "Paris" with "Texas" is Paris, Texas;
// "Georgia" with "Atlanta" is the US state and with "Tbilisi" or "Russia"
// the country. Without context, the first candidate of [Lookup] wins
// ("Paris" alone is Paris, France). The result has one Place per name, in
// order; it is the zero Place where a name matches nothing. Equal names (after
// folding) get the same answer.
func Resolve(names []string) []Place {
	g := gaz()
	out := make([]Place, len(names))
	if len(names) == 0 {
		return out
	}
	// Distinct names and their candidates.
	keyOf := make(map[string]int, len(names))
	slot := make([]int, len(names))
	var idss [][]int32
	total := 0
	for i, n := range names {
		k := fold(n)
		if a := acronym(n); a != "" {
			k = "\x00" + a
		}
		j, ok := keyOf[k]
		if !ok {
			j = len(idss)
			keyOf[k] = j
			ids := g.lookup(n)
			if len(ids) > maxCandidates {
				ids = ids[:maxCandidates]
			}
			idss = append(idss, ids)
			total += len(ids)
		}
		slot[i] = j
	}
	cands, all := make([][]candidate, len(idss)), make([]candidate, 0, total)
	for j, ids := range idss {
		for _, id := range ids {
			all = append(all, candidate{id, g.countryOf(id), g.place(id)})
		}
		cands[j] = all[len(all)-len(ids):]
	}
	best := make([]*Place, len(cands))
	for j, cs := range cands {
		if len(cs) == 0 {
			continue
		}
		best[j] = cs[0].p
		if len(cands) == 1 || len(cs) == 1 {
			continue // no other name, or no other reading
		}
		top := math.Inf(-1)
		for _, c := range cs {
			s := g.score(c, j, cands)
			if s > top { // strictly better: ties keep the earlier candidate
				top, best[j] = s, c.p
			}
		}
	}
	for i, j := range slot {
		if p := best[j]; p != nil {
			out[i] = *p
		}
	}
	return out
}

// candidate is a place a name of Resolve may refer to.
type candidate struct {
	id      int32
	country int32 // countryOf(id)
	p       *Place
}

// maxCandidates bounds the candidates weighed per name.
const maxCandidates = 32

// Weights of the evidence Resolve adds up. The first candidate of a name
// starts with prior. Another candidate of the same kind starts with prior
// less priorSlope per tenfold smaller population, but not below -prior:
// Tripoli, Lebanon (a fifth of Tripoli, Libya) needs only "Lebanon" to win,
// Moscow, Idaho (1/400 of Moscow) needs "Idaho". A candidate of another
// kind (the US state Georgia behind the country) starts at 0. Support from
// places that merely share a country is capped at maxWeak in total, so that
// many US places do not turn "Moscow" next to "Russia" into Moscow, Idaho.
const (
	prior      = 1.0
	priorSlope = 0.75
	maxWeak    = 0.5
)

// prior returns the starting score of candidate c of a name whose best
// candidate is first.
func (g *gazetteer) prior(c, first candidate) float64 {
	switch {
	case c.id == first.id:
		return prior
	case c.p.Kind != first.p.Kind:
		return 0
	}
	w, wf := float64(g.weightOf(c.id)), float64(g.weightOf(first.id))
	if w <= 0 || wf <= 0 {
		return 0
	}
	return max(-prior, min(prior, prior+priorSlope*math.Log10(w/wf)))
}

// score adds up the prior of candidate c of name self and, over every
// other name, the best support any of its candidates gives c. A name's first candidate counts in
// full, the others half, so that unlikely readings of an ambiguous name add
// little.
func (g *gazetteer) score(c candidate, self int, cands [][]candidate) float64 {
	total, weak := g.prior(c, cands[self][0]), 0.0
	for j, ds := range cands {
		if j == self {
			continue
		}
		top, topWeak := 0.0, false
		for r := range ds {
			s, w := g.support(&c, &ds[r])
			if r > 0 {
				s /= 2
			}
			if s > top {
				top, topWeak = s, w
			}
		}
		if topWeak {
			weak += top
		} else {
			total += top
		}
	}
	return total + min(weak, maxWeak)
}

// support says how much naming candidate dc makes cc the right reading,
// and whether that evidence is weak (dc is merely somewhere in the same
// country).
func (g *gazetteer) support(cc, dc *candidate) (float64, bool) {
	c, d := cc.p, dc.p
	if c == d {
		return 3, false // another name for the same place: "New York City" + "New York"
	}
	same := cc.country == dc.country
	switch c.Kind {
	case City:
		switch {
		case d.Kind == Region && same && d.Name == c.Admin1:
			return 3, false // "Paris" + "Texas"
		case d.Kind == Country && same:
			return 1, false // "Paris" + "France"
		case d.Kind == City && same && c.Admin1 != "" && d.Admin1 == c.Admin1:
			return 1, false // "Paris" + "Dallas"
		case same:
			return 0.25, true
		}
	case Region:
		switch {
		case d.Kind == City && same && d.Admin1 == c.Name:
			return 3, false // "Georgia" + "Atlanta"
		case d.Kind == Country && same:
			return 1, false // "Georgia" + "US"
		case d.Kind == Region && same:
			return 0.75, false // "Georgia" + "Florida"
		case same:
			return 0.25, true
		}
	case Country:
		switch {
		case same && d.Kind != Country:
			return 3, false // "Georgia" + "Tbilisi"
		case d.Kind == Country && g.neighbour(c.Country, d.Country):
			return 1, false // "Georgia" + "Russia"
		case d.Kind == Country:
			return 0.5, false // "Georgia" + "France"
		case g.neighbour(c.Country, d.Country):
			return 0.25, true // "Georgia" + "Moscow"
		}
	}
	return 0, false
}

func (g *gazetteer) neighbour(a, b string) bool {
	for _, n := range g.neighbours[a] {
		if n == b {
			return true
		}
	}
	return false
}
