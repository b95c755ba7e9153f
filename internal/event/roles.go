package event

import (
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/doc"
)

// roles finds the source and target actors of trigger t.
func (s *sentence) roles(t trigger, typ string) (src, tgt []chunk) {
	s.c.sc.arena = s.c.sc.arena[:0] // the actors of the trigger before are used
	if t.p == mustPattern {
		tgt = s.subjectBefore(t.first)
		for j := t.first - 1; j >= s.a; j-- {
			if s.is(j, demandVerbs) {
				src = s.subjectBefore(j)
				break
			}
		}
	} else if t.nominal {
		src, tgt = s.nounRoles(t, typ)
	} else if s.passive(t) {
		tgt = s.subjectBefore(t.first)
		src = s.byAgent(t.first + 1)
		if len(src) == 0 && (typ == "ACCUSE" || typ == "COERCE") {
			// "was put under investigation in Italy", "was arrested in
			// Turkey": the authorities of the place.
			src = s.placeTarget(t.last, tgt)
		}
	} else {
		src = s.subjectBefore(t.first)
		if comma := s.participle(t.first); comma >= 0 {
			if main := s.mainSubject(comma); main != nil {
				src = main // "Troops stormed the town, killing 50"
			}
		}
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
	if typ == "CONSULT" {
		tgt = s.notTopics(tgt) // "a summit on Ukraine": what is talked about
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

// notTopics returns chs without the actors named as the subject of a
// meeting: after "on", "about" or "over".
func (s *sentence) notTopics(chs []chunk) []chunk {
	out := s.chunks(len(chs))
	for _, a := range chs {
		switch s.word(a.first - 1) {
		case "on", "about", "over":
			continue
		}
		out = append(out, a)
	}
	return out
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
			return append(s.chunks(1), a)
		}
	}
	return nil
}

// nounRoles: "Russia's invasion of Ukraine", "the Russian invasion", "an
// attack by rebels on the town", "protesters", "the meeting between X and Y".
func (s *sentence) nounRoles(t trigger, typ string) (src, tgt []chunk) {
	for _, a := range s.actors {
		if a.first <= t.first && t.first < a.last && a.ent < 0 {
			src = append(s.chunks(1), a) // the trigger names the actors: "protesters"
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
				(a.last == t.first-1 && !s.is(a.last, preps)) {
				src = append(s.chunks(1), a)
			}
			break
		}
	}
	if src == nil {
		src = s.byAgent(t.last)
	}
	for j := t.last; j < t.last+2 && j < s.b; j++ {
		w := s.word(j)
		if s.is(j, nounTargetPreps) && !(w == "on" && typ == "CONSULT") {
			tgt = s.objectAfter(j + 1)
			if w == "in" {
				tgt = dropPlaces(tgt)
			}
			break
		}
	}
	if src == nil {
		src = s.subjectBefore(t.first)
		if comma := s.participle(t.first); comma >= 0 {
			if main := s.mainSubject(comma); main != nil {
				src = main
			}
		}
	}
	return src, tgt
}

// participle returns, when token i is in a participle clause opened after
// a comma with no actor of its own before i ("…, pointing to the
// potential for cooperation", "…, killing 50"), the index of that comma;
// else -1.
func (s *sentence) participle(i int) int {
	for j := i; j > s.a; j-- {
		w := s.c.words[j]
		if j < i && s.is(j, clauseStop) {
			return -1
		}
		if strings.HasSuffix(w, "ing") && len(w) > 4 && s.c.words[j-1] == "," {
			for _, a := range s.actors {
				if a.first > j && a.first < i {
					return -1 // "…, encouraging his supporters to visit"
				}
			}
			return j - 1
		}
	}
	return -1
}

// mainSubject returns the subject of the sentence for a participle clause
// after the comma at token end: the actor that opens the sentence (after a
// determiner at most), in the same clause as the comma; nil when there is
// none or the sentence opens with a dateline ("CLEVELAND - Donald Trump
// …").
func (s *sentence) mainSubject(end int) []chunk {
	if len(s.actors) == 0 {
		return nil
	}
	a := s.actors[0]
	if a.last > end || a.first > s.a+1 || a.first == s.a+1 && !s.is(s.a, determiners) || s.word(a.last) == "'s" || s.word(a.last) == "’s" {
		return nil
	}
	for j := a.last; j < end; j++ {
		switch w := s.c.words[j]; {
		case s.is(j, clauseStop), s.is(j, reporting), s.is(j, boundary) && w != "," && w != "and", w == "-", w == "," && j == a.last:
			return nil // another clause, a dateline or an apposition
		}
	}
	out := append(s.chunks(4), a)
	for _, b := range s.actors[1:] {
		if b.first >= end {
			break
		}
		switch p := s.word(b.first - 1); {
		case b.first <= out[len(out)-1].last+2 && s.conjunction(out[len(out)-1].last, b.first):
			out = append(out, b) // "Hillary Clinton and Senator Elizabeth Warren"
		case b.first == a.last || b.first <= a.last+2 && !s.is(b.first-1, preps) && b.ent >= 0 && (b.typ == doc.Person || b.typ == doc.Org):
			return nil // a is a modifier: "White House hopeful Hillary Clinton", "House Democrats"
		case p == "and" || s.is(b.first-1, determiners) && s.word(b.first-2) == "and":
			return nil // a second clause: "… and the Department of Homeland Security completed …"
		}
	}
	return out
}

// dropPlaces returns chs without the places, filtered in place, or nil.
func dropPlaces(chs []chunk) []chunk {
	out := chs[:0]
	for _, ch := range chs {
		if ch.typ != doc.Loc && ch.typ != doc.Fac {
			out = append(out, ch)
		}
	}
	if len(out) == 0 {
		return nil
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
			return src, append(s.chunks(1), a)
		}
	}
	for _, a := range s.actors {
		if contains(src, a) || (a.typ != doc.Person && a.typ != doc.Org) || a.first <= t.first-12 || a.first >= t.last+12 {
			continue
		}
		if a.ent >= 0 && sameEntity(src, a.ent) || s.word(a.first-1) == "," && s.attribution(a.last) {
			continue // the source again, or the speaker of the sentence
		}
		return src, append(s.chunks(1), a)
	}
	return src, tgt
}

// parties completes a meeting whose parties the syntax did not give ("the
// meeting between the two leaders"): the people named nearest the trigger
// in the sentence, until there are two.
func (s *sentence) parties(src, tgt []chunk, t trigger) ([]chunk, []chunk) {
	var buf [8]int
	used := buf[:0] // the entities already parties
	for _, c := range src {
		used = append(used, c.ent)
	}
	for _, c := range tgt {
		used = append(used, c.ent)
	}
	for len(src)+len(tgt) < 2 {
		best, bestDist := -1, 1<<30
		for k, a := range s.actors {
			if a.ent < 0 || slices.Contains(used, a.ent) || a.typ != doc.Person {
				continue
			}
			if dist := gap(a, t); dist < bestDist {
				best, bestDist = k, dist
			}
		}
		if best < 0 {
			break
		}
		a := s.actors[best]
		used = append(used, a.ent)
		if len(src) == 0 {
			src = append(s.chunks(1), a)
		} else {
			tgt = append(s.chunks(1), a)
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
	if !strings.HasSuffix(w, "ed") && !s.is(t.first, participles) {
		return false
	}
	if s.word(t.first+1) == "by" || s.word(t.last) == "by" {
		return true
	}
	// A reduced relative: "a criminal charged with", "the man accused of".
	if (t.p.Type == "ACCUSE" || t.p.Type == "COERCE") && s.is(t.first+1, reducedNext) {
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
		if s.is(j, be) {
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
		if s.is(j, clauseStop) {
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
		if p := s.word(a.first - 1); s.is(a.first-1, preps) && !(p == "of" && s.is(a.first-2, quantity)) {
			continue
		}
		if s.word(a.last) == "'s" || s.word(a.last) == "’s" {
			continue
		}
		if a.typ == doc.Loc && s.is(a.first-2, preps) && s.word(a.first-1) == "," {
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
			if s.word(a.last) == "," && (a.first == start || s.is(a.first-1, determiners) && a.first-1 == start) && s.commaBefore(s.actors[pick].last, i) {
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
			if s.is(j, pronoun) {
				return s.subjectBefore(start - 1)
			}
		}
	}
	if pick < 0 {
		return nil
	}
	out := append(s.chunks(4), s.actors[pick])
	next := s.actors[pick].first
	for k := pick - 1; k >= 0; k-- {
		a := s.actors[k]
		if a.last > next {
			break
		}
		if a.last == next && a.last-a.first == 1 && s.is(a.first, owners) {
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
	return w == "and" || w == "," || s.is(i-1, titles) || s.is(i-1, determiners)
}

// titlesOnly reports whether tokens [a, b) are all titles: capitalised
// words or role nouns ("President", "leader", "foreign minister").
func (s *sentence) titlesOnly(a, b int) bool {
	for j := a; j < b; j++ {
		if !s.is(j, titles) && !s.c.capitalised(j) {
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
	out := s.chunks(4)
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
		if s.is(a.first-1, owners) || s.adjectiveOfName(a) {
			continue // "its troops": the source's own
		}
		if p == "by" || ((a.typ == doc.Loc || a.typ == doc.Fac) && (s.is(a.first-1, placePreps) || p == "of" && s.is(a.first-2, placeNouns))) {
			continue
		}
		if a.ent < 0 && s.is(a.first-1, placePreps) {
			continue // a group after "in" is a place: "a hunger strike in prison"
		}
		out = append(out, a)
	}
	if !and && len(out) > 1 {
		out = out[:1] // "Finland, NATO would …": a comma alone joins no list
	}
	if len(out) == 1 {
		if b, ok := s.betweenAnd(out[0]); ok {
			out = append(out, b)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// betweenAnd returns the second party of "between A and B" when a is A,
// with words of A's name after it that are no actor: "a meeting between
// an Israeli peace movement and the PLO".
func (s *sentence) betweenAnd(a chunk) (chunk, bool) {
	k := a.first - 1
	if s.is(k, determiners) {
		k--
	}
	if s.word(k) != "between" {
		return chunk{}, false
	}
	for j := a.last; j < a.last+4 && j < s.b; j++ {
		w := s.c.words[j]
		if w == "and" {
			if s.is(j+1, determiners) {
				j++
			}
			for _, b := range s.actors {
				if b.first == j+1 {
					return b, true
				}
			}
			return chunk{}, false
		}
		if s.is(j, boundary) || s.c.initial[j] < 'a' {
			return chunk{}, false
		}
	}
	return chunk{}, false
}

// attribution reports whether a reporting verb follows token j after at
// most one other word or a few titles and names: ", the minister said",
// ", Defence Minister Pierre Joxe said".
func (s *sentence) attribution(j int) bool {
	if s.is(j, reporting) || s.is(j+1, reporting) {
		return true
	}
	for k := j; k < j+5 && k < s.b; k++ {
		if s.is(k, reporting) {
			return true
		}
		if !s.is(k, titles) && !s.c.capitalised(k) {
			return false
		}
	}
	return false
}

func (s *sentence) stopBetween(a, b int) bool {
	for j := a; j < b; j++ {
		if s.is(j, clauseStop) && s.c.words[j] != "that" || s.is(j, reporting) {
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
		if s.is(k, reporting) || w == ";" {
			return nil
		}
		if w != "if" && w != "unless" && w != "that" {
			continue
		}
		for _, a := range s.actors {
			if a.first > k && a.first <= k+4 && a.ent >= 0 {
				return append(s.chunks(1), a)
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
		if a.ent >= 0 && !((a.typ == doc.Loc || a.typ == doc.Fac) && s.is(a.first-1, placePreps)) {
			return append(s.chunks(1), a)
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
		if s.is(k, clauseStop) {
			return nil
		}
		if s.c.words[k] == "by" {
			for _, a := range s.actors {
				if a.first > k && a.first <= k+3 {
					return append(s.chunks(1), a)
				}
			}
			return nil
		}
	}
	return nil
}

// chunks returns an empty slice with room for n chunks, carved from the
// scratch of the actors of one trigger (roles empties it): the few
// actors of a role are not allocated one by one.
func (s *sentence) chunks(n int) []chunk {
	sc := s.c.sc
	k := len(sc.arena)
	if cap(sc.arena)-k < n {
		sc.arena = make([]chunk, 0, max(64, 2*cap(sc.arena), n))
		k = 0
	}
	sc.arena = sc.arena[:k+n]
	return sc.arena[k : k : k+n]
}
