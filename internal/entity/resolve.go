package entity

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/geo"
)

// entity is an entity while it is being built.
type entity struct {
	out      doc.Entity
	mentions []int // indices into analysis.mentions, in text order
	key      string
	words    []string // the words of the longest name, for surname matching
	org      int      // index into lex().orgs, or -1
	gender   byte     // 'M', 'F' or 0
	head     bool     // holds a head-of-state or -government title
	dropped  bool
}

// text returns the text of mention m.
func (a *analysis) text(m *mention) string { return a.d.Text[m.Start:m.End] }

// nameWords splits a name into its words: tokens for model and rule
// mentions, white-space fields for credit parts.
func (a *analysis) nameWords(m *mention) []string {
	if m.tok >= 0 {
		return a.words[m.tok:m.end]
	}
	if m.words == nil {
		s := len(a.fields)
		for f := range strings.FieldsSeq(a.text(m)) {
			a.fields = append(a.fields, f)
		}
		m.words = a.fields[s:len(a.fields):len(a.fields)]
	}
	return m.words
}

// appendKey appends the words of a name to b in lower case, one space
// between them.
func appendKey(b []byte, words []string) []byte {
	for i, w := range words {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendLower(b, w)
	}
	return b
}

// resolve groups the mentions into entities and orders the entities by
// their first mention.
func (a *analysis) resolve() {
	if a.byKey == nil {
		a.byKey = make(map[string]int)
		a.ends.head = make(map[string]int32)
	}
	clear(a.byKey)
	byKey := a.byKey
	newEntity := func(key string, mi int) int {
		m := &a.mentions[mi]
		if len(a.store) == cap(a.store) {
			a.store = make([]entity, 0, max(16, 2*cap(a.store)))
		}
		a.store = append(a.store, entity{key: key, org: -1, mentions: a.store[len(a.store):cap(a.store)][0].mentions[:0]})
		e := &a.store[len(a.store)-1]
		e.out.Type = m.typ
		a.ents = append(a.ents, e)
		byKey[key] = len(a.ents) - 1
		return len(a.ents) - 1
	}
	add := func(ei, mi int) {
		a.mentions[mi].ent = ei
		a.ents[ei].mentions = append(a.ents[ei].mentions, mi)
	}
	l := lex()
	// Pass 1: full names, organisations, places and groups. Names of
	// people, organisations and places share a key, so that the model's
	// occasional odd type is outvoted by the others. (The key of a name
	// of a type is always the same: it is made again rather than
	// remembered, which costs less.)
	kb := a.kb[:0] // keys are built here and become strings only when new
	for mi := range a.mentions {
		m := &a.mentions[mi]
		words := a.nameWords(m)
		org := -1
		switch m.typ {
		case doc.Person:
			if len(words) < 2 {
				continue // a surname alone: pass 2
			}
			kb = appendKey(appendNamePrefix(kb[:0], m.typ), words)
		case doc.Org:
			if len(words) > 1 && (words[0] == "The" || words[0] == "the") {
				words = words[1:] // "The United Nations" is the United Nations
			}
			kb = appendKey(appendNamePrefix(kb[:0], m.typ), words)
			if i, ok := orgByKey(words, kb[len(m.typ)+1:]); ok {
				org = i
				kb = strconv.AppendInt(append(kb[:0], "O#"...), int64(i), 10)
			}
		case doc.Loc, doc.Fac:
			iso, ok := "", false
			if m.typ == doc.Loc {
				iso, ok = a.country(a.text(m))
			}
			if ok {
				kb = append(append(kb[:0], "L#"...), iso...)
			} else {
				kb = appendKey(appendNamePrefix(kb[:0], m.typ), words)
			}
		case doc.NORP:
			iso, ok := "", false
			if len(words) == 1 {
				iso, ok = geo.Demonym(words[0])
			}
			if ok {
				kb = append(append(kb[:0], "N#"...), iso...)
			} else {
				kb = appendKey(append(kb[:0], "N "...), words)
			}
		default:
			kb = appendKey(append(append(kb[:0], m.typ...), ' '), words)
		}
		ei, ok := byKey[string(kb)]
		if !ok {
			ei = newEntity(string(kb), mi)
			a.ents[ei].org = org
		}
		add(ei, mi)
	}
	// Full names of people by their first and last words.
	ends := &a.ends
	ends.build(a)
	// Pass 2: a lone name joins the person whose full name it ends (or
	// starts), nearest before it first, then nearest after; otherwise it
	// is a person of its own.
	full := &a.full
	full.reset(a)
	for mi := range a.mentions {
		m := &a.mentions[mi]
		if m.ent >= 0 || m.typ != doc.Person {
			continue
		}
		kb = appendKey(appendNamePrefix(kb[:0], doc.Person), a.nameWords(m)[:1])
		best, bestDist := -1, 0
		for k := ends.first(kb[len(doc.Person)+1:]); k >= 0; k = ends.links[k].next {
			ei := int(ends.links[k].ei)
			// The nearest full name of ei: any earlier one beats a later one.
			starts := full.of(ei)
			k, _ := slices.BinarySearch(starts, m.Start+1) // starts[:k] are at or before m
			dist := 0
			switch {
			case k > 0:
				dist = m.Start - starts[k-1]
			case k < len(starts):
				dist = starts[k] - m.Start + len(a.d.Text)
			default:
				continue
			}
			if best < 0 || dist < bestDist {
				best, bestDist = ei, dist
			}
		}
		if best < 0 {
			if ei, ok := byKey[string(kb)]; ok {
				best = ei
			} else {
				best = newEntity(string(kb), mi)
			}
		}
		add(best, mi)
		full.added(best, mi)
	}
	a.kb = kb
	a.acronyms()
	a.orgHeads()
	if !off("permerge") {
		a.mergePeople()
	}
	if !off("retype") {
		a.retypeSurnames()
	}
	// Order entities by first mention and name them.
	for _, e := range a.ents {
		slices.Sort(e.mentions) // mentions are in text order, so their indices are too
	}
	slices.SortStableFunc(a.ents, func(x, y *entity) int { return a.firstStart(x) - a.firstStart(y) })
	for ei, e := range a.ents {
		for _, mi := range e.mentions {
			a.mentions[mi].ent = ei // the indices changed with the order
		}
	}
	n := 0
	for _, e := range a.ents {
		if len(e.mentions) == 0 {
			e.dropped = true
			continue
		}
		n++
		e.out.ID = entityID(n)
		if !off("vote") {
			a.vote(e)
		}
		a.name(e, l)
	}
}

// appendNamePrefix appends the start of the resolution key of a name of
// type t to b. Names typed differently are kept apart: in sports and
// business news "New York" the team and "New York" the city are both
// common, and merging them loses more than it gains (measured on
// CoNLL-2003 dev). A facility and a place of the same name are one.
func appendNamePrefix(b []byte, t doc.EntityType) []byte {
	if t == doc.Fac {
		t = doc.Loc
	}
	return append(append(b, t...), ' ')
}

// entityIDs are the IDs of the first entities of a document, "e1" to
// "e255", made once rather than for every document.
var entityIDs = func() (ids [256]string) {
	for n := 1; n < len(ids); n++ {
		ids[n] = "e" + strconv.Itoa(n)
	}
	return ids
}()

// entityID returns the ID of the nth entity of a document, n ≥ 1.
func entityID(n int) string {
	if n < len(entityIDs) {
		return entityIDs[n]
	}
	return "e" + strconv.Itoa(n)
}

// orgIndex returns the orgs.tsv entry that words name.
func (a *analysis) orgIndex(words []string) (int, bool) {
	if len(words) > 1 {
		a.kb = appendKey(a.kb[:0], words)
	}
	return orgByKey(words, a.kb)
}

// orgByKey returns the orgs.tsv entry that words name, given their key
// (appendKey) if there are several.
func orgByKey(words []string, key []byte) (int, bool) {
	l := lex()
	if len(words) == 1 {
		i, ok := l.orgAbbr[words[0]]
		return i, ok
	}
	i, ok := l.orgFull[string(key)]
	return i, ok
}

// country is countryWord, its gazetteer part remembered for the
// document: most words are no demonym, which geo.Demonym tells faster
// than a map would.
func (a *analysis) country(s string) (string, bool) {
	iso, ok := geo.Demonym(s)
	if !ok {
		return "", false
	}
	if a.ccache == nil {
		a.ccache = make(map[string]string)
	}
	if c, ok := a.ccache[s]; ok {
		return c, c != ""
	}
	c, _ := isCountry(s, iso)
	a.ccache[s] = c
	return c, c != ""
}

// countryWord returns the ISO3 code of a country named by s ("US",
// "United States", "Russia"), so that its forms group together.
func countryWord(s string) (string, bool) {
	iso, ok := geo.Demonym(s)
	if !ok {
		return "", false
	}
	return isCountry(s, iso)
}

// isCountry returns iso if s, whose demonym it is, names that country in
// the gazetteer.
func isCountry(s, iso string) (string, bool) {
	if geo.CountryName(iso) == "" {
		return "", false
	}
	for _, p := range geo.Lookup(s) {
		if p.Kind == geo.Country && p.Country == iso {
			return iso, true
		}
	}
	return "", false
}

// acronyms merges an organisation written in capitals ("ICC") into one
// whose words it abbreviates ("International Criminal Court").
func (a *analysis) acronyms() {
	for ai, e := range a.ents {
		if e.out.Type != doc.Org || len(e.mentions) == 0 || e.org >= 0 {
			continue
		}
		w := a.nameWords(&a.mentions[e.mentions[0]])
		if len(w) != 1 || !isAllCaps(w[0]) || len(w[0]) > 8 {
			continue
		}
		acr := strings.ReplaceAll(w[0], ".", "")
		for bi, f := range a.ents {
			if bi == ai || f.out.Type != doc.Org || len(f.mentions) == 0 {
				continue
			}
			fw := a.nameWords(&a.mentions[f.mentions[0]])
			if len(fw) >= 2 && initials(fw) == acr {
				a.merge(bi, ai)
				break
			}
		}
	}
}

// orgHeads merges an organisation named by one capitalised word into the
// organisation whose name ends with it: "the Council" after "the Security
// Council", "the Court" after "the International Criminal Court". With
// several candidates the most mentioned wins.
func (a *analysis) orgHeads() {
	var heads map[string]int
	for ei, e := range a.ents {
		if e.out.Type != doc.Org || len(e.mentions) == 0 {
			continue
		}
		w := a.nameWords(&a.mentions[e.mentions[0]])
		if len(w) < 2 || !isCapitalised(w[len(w)-1]) {
			continue
		}
		if heads == nil {
			heads = make(map[string]int)
		}
		k := w[len(w)-1]
		if i := slices.Index(w, "of"); i > 0 {
			k = w[i-1] // "Court" of "European Court of Human Rights"
		}
		if bi, ok := heads[k]; !ok || len(a.ents[bi].mentions) < len(e.mentions) {
			heads[k] = ei
		}
	}
	if heads == nil {
		return
	}
	for ei, e := range a.ents {
		if e.out.Type != doc.Org || len(e.mentions) == 0 || e.org >= 0 {
			continue
		}
		w := a.nameWords(&a.mentions[e.mentions[0]])
		if len(w) != 1 || isAllCaps(w[0]) {
			continue
		}
		if bi, ok := heads[w[0]]; ok && bi != ei {
			a.merge(bi, ei)
		}
	}
}

// initials returns the capital initials of the content words of a name.
func initials(words []string) string {
	var b []byte
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			switch strings.ToLower(w) {
			case "of", "the", "and", "for", "on", "in", "de", "&":
				continue
			}
			return ""
		}
		if r < utf8.RuneSelf {
			b = append(b, byte(r))
		}
	}
	return string(b)
}

// merge moves the mentions of entity from into entity into.
func (a *analysis) merge(into, from int) {
	e, f := a.ents[into], a.ents[from]
	for _, mi := range f.mentions {
		a.mentions[mi].ent = into
		a.mentions[mi].typ = e.out.Type
	}
	e.mentions = append(e.mentions, f.mentions...)
	f.mentions = nil
	if e.org < 0 {
		e.org = f.org
	}
}

// mergePeople merges an organisation or place into the person of the
// same full name ("Donald Trump" tagged ORG once and PERSON elsewhere)
// when the person is named at least as often and has a known given name
// or a title:
// two-word names of people are seldom those of teams or towns, unlike
// the one-word names that typed keys keep apart. The vote on mention
// types then decides what the entity is.
func (a *analysis) mergePeople() {
	var people map[string]int
	for ei, e := range a.ents {
		if e.out.Type == doc.Person && strings.Contains(e.key, " ") && strings.Count(e.key, " ") >= 2 {
			if people == nil {
				people = emptied(&a.people)
			}
			people[e.key[strings.IndexByte(e.key, ' ')+1:]] = ei
		}
	}
	if people == nil {
		return
	}
	for ei, e := range a.ents {
		if (e.out.Type != doc.Org && e.out.Type != doc.Loc) || len(e.mentions) == 0 {
			continue
		}
		i := strings.IndexByte(e.key, ' ')
		if i < 0 {
			continue
		}
		if pi, ok := people[e.key[i+1:]]; ok && len(a.ents[pi].mentions) >= len(e.mentions) && a.knownPerson(a.ents[pi]) {
			a.mergeVoting(pi, ei)
		}
	}
}

// knownPerson reports whether something besides the model says e is a
// person: a known given name or a title before one of its names.
func (a *analysis) knownPerson(e *entity) bool {
	w := a.nameWords(&a.mentions[e.mentions[0]])
	if _, ok := lex().gender[w[0]]; ok {
		return true
	}
	return a.titled(e)
}

// mergeVoting moves the mentions of entity from into entity into,
// keeping the types the model gave them for the vote.
func (a *analysis) mergeVoting(into, from int) {
	e, f := a.ents[into], a.ents[from]
	for _, mi := range f.mentions {
		a.mentions[mi].ent = into
	}
	e.mentions = append(e.mentions, f.mentions...)
	f.mentions = nil
}

// retypeSurnames makes a lone word that the model typed ORG or LOC, but
// that is the surname of a person named in full elsewhere in the
// document ("TRUMP" in a headline), or that names a person at least as
// often elsewhere who has a title ("Mr Trump") or, for a "place", that is
// no country or big city of the gazetteer, a mention of that person.
func (a *analysis) retypeSurnames() {
	var surname map[string]int // lower-case last word of a full name → person
	var lone map[string]int    // lower-case lone name → person
	for ei, e := range a.ents {
		if e.out.Type != doc.Person || len(e.mentions) == 0 {
			continue
		}
		if surname == nil {
			surname, lone = emptied(&a.surname), emptied(&a.lone)
		}
		fw := a.nameWords(&a.mentions[e.mentions[0]])
		k := strings.ToLower(fw[len(fw)-1])
		if len(fw) >= 2 {
			surname[k] = ei
		} else {
			lone[k] = ei
		}
	}
	if surname == nil {
		return
	}
	var buf [64]byte
	for ai, e := range a.ents {
		if e.out.Type != doc.Org && e.out.Type != doc.Loc || len(e.mentions) == 0 || e.org >= 0 {
			continue
		}
		if strings.HasPrefix(e.key, "L#") {
			continue
		}
		w := a.nameWords(&a.mentions[e.mentions[0]])
		if len(w) != 1 {
			continue
		}
		k := appendLower(buf[:0], w[0])
		if bi, ok := surname[string(k)]; ok {
			a.merge(bi, ai)
		} else if bi, ok := lone[string(k)]; ok && len(a.ents[bi].mentions) >= len(e.mentions) &&
			(a.titled(a.ents[bi]) || e.out.Type == doc.Loc && !off("noplace") && !bigPlace(w[0])) {
			a.merge(bi, ai) // "Mr Trump" … "Trump" (ORG); "Obama" … "Obama" (LOC, no such place)
		}
	}
}

// name sets the canonical name of e: the name of most words, written in
// mixed case if it can be, the longest of those (for groups the shortest:
// the adjective); for an organisation named only in lower case, the
// lexicon's name.
func (a *analysis) name(e *entity, l *lexicons) {
	best, bestScore := "", math.MinInt
	for _, mi := range e.mentions {
		m := &a.mentions[mi]
		w := a.nameWords(m)
		t := a.text(m)
		if len(w) > 1 && (w[0] == "The" || w[0] == "the") && m.tok >= 0 {
			w = w[1:] // "United Nations" rather than "The United Nations"
			t = a.d.Text[a.d.Tokens[m.tok+1].Start:m.End]
		}
		s := 4 * len(w)
		if isAllCaps(t) {
			s -= 3 // a headline's or a dateline's form
		}
		if !isCapitalised(t) {
			s -= 100 // "international criminal court"
		}
		longer := len(t) > len(best)
		if e.out.Type == doc.NORP {
			longer = len(t) < len(best) // "Ukrainian" rather than "Ukrainians"
		}
		if s > bestScore || s == bestScore && longer {
			best, bestScore = t, s
			e.words = w
		}
	}
	if e.org >= 0 && !isCapitalised(best) {
		best = l.orgs[e.org].name
	}
	e.out.Name = best
	if e.org >= 0 {
		e.out.Sector = l.orgs[e.org].sector
		e.out.Country = l.orgs[e.org].country
	}
}

// firstStart returns where e is first mentioned, or after the text when
// it has no mention left.
func (a *analysis) firstStart(e *entity) int {
	if len(e.mentions) == 0 {
		return len(a.d.Text) + 1
	}
	return a.mentions[e.mentions[0]].Start
}

// vote sets the type of e to the type most of its mentions have (the
// first mention's on a tie); rule and credit mentions count double.
func (a *analysis) vote(e *entity) {
	var types [8]doc.EntityType
	var counts [8]int
	n := 0
	for _, mi := range e.mentions {
		m := &a.mentions[mi]
		w := 1
		if m.src != fromModel {
			w = 2
		}
		k := 0
		for k < n && types[k] != m.typ {
			k++
		}
		if k == n {
			if n == len(types) {
				continue
			}
			types[n] = m.typ
			n++
		}
		counts[k] += w
	}
	best := 0
	for k := 1; k < n; k++ {
		if counts[k] > counts[best] {
			best = k
		}
	}
	if n > 0 {
		e.out.Type = types[best]
	}
}

// titled reports whether a title or form of address stands before one of
// e's mentions ("Mr Trump", "President Trump").
func (a *analysis) titled(e *entity) bool {
	for _, mi := range e.mentions {
		if m := &a.mentions[mi]; m.tok > 0 && a.d.Tokens[m.tok-1].Sentence == m.sent && a.isTitle(m.tok-1) {
			return true
		}
	}
	return false
}

// bigPlace reports whether name is a country or a city of smallPlace
// people or more.
func bigPlace(name string) bool {
	if _, ok := countryWord(name); ok {
		return true
	}
	for _, p := range geo.Lookup(name) {
		if p.Kind == geo.Country || p.Kind == geo.Region || p.Population >= smallPlace {
			return true
		}
	}
	return false
}

// fullNames gives, for the people of pass 2 of resolve, the byte offsets
// of their full-name mentions in increasing order, built on first use
// and kept up to date as mentions join, so that finding the nearest full
// name costs a binary search rather than a pass over every mention.
type fullNames struct {
	a      *analysis
	starts [][]int // by entity index; nil until built
	built  []bool
}

// full reports whether mention mi counts as a full name.
func (f *fullNames) full(mi int) bool {
	om := &f.a.mentions[mi]
	return om.typ == doc.Person && !(om.tok >= 0 && om.end-om.tok < 2)
}

// reset readies f for a's document, keeping its buffers.
func (f *fullNames) reset(a *analysis) {
	f.a, f.built, f.starts = a, f.built[:0], f.starts[:0]
}

// of returns the starts of the full-name mentions of entity ei, sorted.
func (f *fullNames) of(ei int) []int {
	for n := len(f.built); n <= ei; n++ {
		if n < cap(f.built) && n < cap(f.starts) {
			f.built, f.starts = f.built[:n+1], f.starts[:n+1] // reuse an earlier document's buffer
			f.built[n] = false
		} else {
			f.built, f.starts = append(f.built, false), append(f.starts, nil)
		}
	}
	if !f.built[ei] {
		s := f.starts[ei][:0]
		for _, mi := range f.a.ents[ei].mentions {
			if f.full(mi) {
				s = append(s, f.a.mentions[mi].Start)
			}
		}
		slices.Sort(s)
		f.starts[ei], f.built[ei] = s, true
	}
	return f.starts[ei]
}

// added records that mention mi joined entity ei.
func (f *fullNames) added(ei, mi int) {
	if ei >= len(f.built) || !f.built[ei] || !f.full(mi) {
		return
	}
	at := f.a.mentions[mi].Start
	k, _ := slices.BinarySearch(f.starts[ei], at)
	f.starts[ei] = slices.Insert(f.starts[ei], k, at)
}

// nameEnds gives, for pass 2 of resolve, the people whose full names
// start or end with a word, ignoring case, in the order of a.ents. It
// makes no string per word: the words are written in lower case to one
// buffer that becomes one string, and each word's people are a chain of
// links in one slice.
type nameEnds struct {
	head  map[string]int32 // word → its first link
	links []endLink
	buf   []byte
	words []endWord
}

// endLink is a person of a word of nameEnds.
type endLink struct {
	ei   int32
	next int32 // the word's next link, or -1
	last int32 // in a word's first link: its last link
}

// endWord is a word of nameEnds while it is built: buf[start:end] for
// person ei.
type endWord struct{ start, end, ei int32 }

// build indexes the first and last words of the people of a.ents.
func (x *nameEnds) build(a *analysis) {
	clear(x.head)
	x.links, x.buf, x.words = x.links[:0], x.buf[:0], x.words[:0]
	for ei, e := range a.ents {
		if e.out.Type != doc.Person {
			continue
		}
		w := a.nameWords(&a.mentions[e.mentions[0]])
		s := int32(len(x.buf))
		x.buf = appendLower(x.buf, w[len(w)-1])
		m := int32(len(x.buf))
		x.words = append(x.words, endWord{s, m, int32(ei)})
		x.buf = appendLower(x.buf, w[0])
		if string(x.buf[m:]) != string(x.buf[s:m]) {
			x.words = append(x.words, endWord{m, int32(len(x.buf)), int32(ei)})
		}
	}
	text := string(x.buf)
	for _, w := range x.words {
		k := text[w.start:w.end]
		l := int32(len(x.links))
		x.links = append(x.links, endLink{w.ei, -1, l})
		if h, ok := x.head[k]; ok {
			x.links[x.links[h].last].next = l
			x.links[h].last = l
		} else {
			x.head[k] = l
		}
	}
}

// first returns the first link of word, in lower case, or -1.
func (x *nameEnds) first(word []byte) int32 {
	if l, ok := x.head[string(word)]; ok {
		return l
	}
	return -1
}
