package entity

import (
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/internal/geo"

	"github.com/newsgraph/newsgraph/doc"
)

// facHeads are the words that make a capitalised name a facility: "Joint
// Base Elmendorf-Richardson", "Ben Gurion Airport", "Wembley Stadium".
var facHeads = map[string]bool{
	"base": true, "airbase": true, "airport": true, "airfield": true, "palace": true,
	"bridge": true, "stadium": true, "arena": true, "tower": true, "towers": true,
	"square": true, "cathedral": true, "mosque": true, "temple": true, "hospital": true,
	"prison": true, "dam": true, "embassy": true, "shipyard": true, "barracks": true,
	"course": true,
}

// facNames are facilities whose names have no facility word.
var facNames = map[string]bool{
	"oval office": true, "situation room": true, "west wing": true, "rose garden": true,
	"camp david": true, "mar-a-lago": true, "downing street": true, "red square": true,
}

// notCreditNames are parts of a credit that name no one ("POOL", "Handout").
var notCreditNames = map[string]bool{"pool": true, "handout": true, "file": true, "staff": true}

// rules adds the mentions that the model does not give: credits,
// facilities, organisations from the lexicon and datelines. A rule never
// replaces a model mention except to widen it into a facility.
func (a *analysis) rules() {
	if !off("fac") {
		a.facilities()
	}
	a.credits()
	a.cover = slices.Grow(a.cover[:0], len(a.words))[:len(a.words)]
	clear(a.cover)
	for k := range a.mentions {
		if m := &a.mentions[k]; m.tok >= 0 {
			for i := m.tok; i < m.end; i++ {
				a.cover[i] = true
			}
		}
	}
	if !off("surnames") {
		a.surnames()
	}
	if !off("orglex") {
		a.orgLexicon()
	}
	if !off("dateline") {
		a.datelines()
	}
	if !off("caps") {
		a.capsNames()
	}
	if !off("headline") {
		a.headline()
	}
	if countries, states := !off("countries"), !off("states"); countries || states {
		a.countriesAndStates(countries, states)
	}
	a.sortMentions()
}

// sortMentions puts the mentions in text order. The model's come sorted
// and the rules' after them, so the rules' few are sorted and merged in.
func (a *analysis) sortMentions() {
	ms := a.mentions
	k := 1
	for k < len(ms) && ms[k-1].Start <= ms[k].Start {
		k++
	}
	if k >= len(ms) {
		return
	}
	tail := ms[k:]
	slices.SortStableFunc(tail, func(x, y mention) int { return x.Start - y.Start })
	out := a.spare[:0]
	i, j := 0, 0
	for i < k && j < len(tail) {
		if tail[j].Start < ms[i].Start {
			out = append(out, tail[j])
			j++
		} else {
			out = append(out, ms[i])
			i++
		}
	}
	out = append(out, ms[i:k]...)
	out = append(out, tail[j:]...)
	a.mentions, a.spare = out, ms[:0]
}

// credits turns the parts of every caption's credit into mentions:
// photographers are PERSON, agencies ORG.
func (a *analysis) credits() {
	for _, b := range a.d.Blocks {
		c := b.Credit
		if c == nil {
			continue
		}
		for _, p := range c.Parts {
			if !p.Valid(len(a.d.Text)) || p.Len() == 0 || lookupBool(notCreditNames, p.Name) || !isCapitalised(a.d.Text[p.Start:p.End]) {
				continue // not a name: "POOL", or "01" of a date read as a credit
			}
			m := mention{Span: p.Span, tok: -1, end: -1, sent: -1, src: fromCredit, ent: -1}
			switch p.Role {
			case "photographer":
				m.typ, m.role = doc.Person, "photographer"
			case "agency":
				m.typ = doc.Org
			default:
				continue
			}
			a.mentions = append(a.mentions, m)
		}
	}
}

// facilities widens model mentions into facility names when a facility
// word is part of them or of the capitalised words around them, and finds
// facility names the model missed.
func (a *analysis) facilities() {
	fx := facIndex{a: a}
	next := 0 // the first token not yet in a facility
	for _, k := range a.marked {
		i := int(k)
		if i < next || a.info[i].flags&wFacHead == 0 || !a.capital(i) {
			continue
		}
		si := a.d.Tokens[i].Sentence
		if a.caps[si] {
			continue
		}
		s0, s1 := a.sentTok[si], a.sentTok[si+1]
		fx.build()
		// The capitalised run around the head.
		s, e := i, i+1
		for s > s0 && a.nameWord(s-1) && !(s-1 == s0 && !fx.inMention(s-1)) {
			s--
		}
		for e < s1 && a.nameWord(e) {
			e++
		}
		if e-s < 2 {
			continue
		}
		fx.setFacility(si, s, e)
		next = e
	}
	fx.compact()
}

// facIndex speeds up facilities: the model's mentions cover disjoint runs
// of tokens, so the mention covering each token, kept up to date, answers
// inMention and finds the mentions a facility replaces without a pass
// over all of them. Replaced mentions are marked and dropped at the end,
// which leaves the same list, in the same order, as setFacility. Where the
// mentions overlap, or in setFacility's odd case (a replaced mention
// before one that reaches outside the run), it falls back to
// inMention and setFacility.
type facIndex struct {
	a       *analysis
	built   bool
	slow    bool    // use inMention and setFacility
	owner   []int32 // per token: the mention covering it, or -1
	removed []bool  // per mention: replaced by a facility
	dropped int     // how many are marked removed
}

// build indexes the mentions on first use.
func (x *facIndex) build() {
	if x.built {
		return
	}
	x.built = true
	if off("facindex") {
		x.slow = true // the reference, for TestFacilityIndex
		return
	}
	a := x.a
	x.owner = slices.Grow(a.facOwner[:0], len(a.words))[:len(a.words)]
	a.facOwner = x.owner
	for i := range x.owner {
		x.owner[i] = -1
	}
	x.removed = slices.Grow(a.facRemoved[:0], len(a.mentions))[:len(a.mentions)]
	a.facRemoved = x.removed
	clear(x.removed)
	for k := range a.mentions {
		m := &a.mentions[k]
		if m.tok < 0 || m.end <= m.tok || m.end > len(x.owner) {
			x.slow = true
			return
		}
		for i := m.tok; i < m.end; i++ {
			if x.owner[i] >= 0 {
				x.slow = true // overlapping mentions
				return
			}
			x.owner[i] = int32(k)
		}
	}
}

// inMention is analysis.inMention.
func (x *facIndex) inMention(i int) bool {
	if x.slow {
		return x.a.inMention(i)
	}
	return x.owner[i] >= 0
}

// setFacility is analysis.setFacility.
func (x *facIndex) setFacility(si, s, e int) {
	a := x.a
	if x.slow {
		a.setFacility(si, s, e)
		return
	}
	first, outside := int32(-1), false // the first mention in the run, in list order
	for i := s; i < e; i++ {
		k := x.owner[i]
		if k < 0 {
			continue
		}
		m := &a.mentions[k]
		if first < 0 || k < first {
			first = k
		}
		if m.tok < s || m.end > e {
			outside = true
		}
	}
	if outside {
		if m := &a.mentions[first]; m.tok < s || m.end > e {
			return // setFacility keeps them all
		}
		x.compact() // the odd case: let setFacility do it
		x.slow = true
		a.setFacility(si, s, e)
		return
	}
	for i := s; i < e; i++ {
		if k := x.owner[i]; k >= 0 && !x.removed[k] {
			x.removed[k] = true
			x.dropped++
		}
	}
	a.addTokens(si, s, e, doc.Fac, fromRule)
	k := int32(len(a.mentions) - 1)
	x.removed = append(x.removed, false)
	for i := s; i < e; i++ {
		x.owner[i] = k
	}
}

// compact drops the mentions marked removed, keeping the order.
func (x *facIndex) compact() {
	if x.dropped == 0 {
		return
	}
	a := x.a
	out := a.mentions[:0]
	for k, m := range a.mentions {
		if !x.removed[k] {
			out = append(out, m)
		}
	}
	a.mentions = out
	x.dropped = 0
}

// nameWord reports whether token i can be part of a capitalised name.
func (a *analysis) nameWord(i int) bool {
	return a.capital(i) && a.info[i].flags&wTitle == 0
}

// inMention reports whether a model mention covers token i.
func (a *analysis) inMention(i int) bool {
	for k := range a.mentions {
		if m := &a.mentions[k]; m.tok <= i && i < m.end {
			return true
		}
	}
	return false
}

// setFacility makes tokens [s, e) of sentence si one FAC mention,
// replacing the model mentions inside it.
func (a *analysis) setFacility(si, s, e int) {
	out := a.mentions[:0]
	for _, m := range a.mentions {
		if m.tok >= 0 && m.tok < e && s < m.end {
			if m.tok < s || m.end > e {
				// The model's mention reaches outside the run: keep it.
				a.mentions = append(out, a.mentions[len(out):]...)
				return
			}
			continue
		}
		out = append(out, m)
	}
	a.mentions = out
	a.addTokens(si, s, e, doc.Fac, fromRule)
}

// allCapsSentence reports whether the tokens [s, e) have no lower-case word.
func (a *analysis) allCapsSentence(s, e int) bool {
	letters := false
	for i := s; i < e; i++ {
		w := a.word(i)
		for j := 0; j < len(w); j++ {
			c := w[j]
			if 'a' <= c && c <= 'z' {
				return false
			}
			if 'A' <= c && c <= 'Z' {
				letters = true
			}
		}
	}
	return letters
}

// orgLexicon finds the organisations of orgs.tsv: written out in any case
// ("the international criminal court"), abbreviated in capitals ("ICC").
func (a *analysis) orgLexicon() {
	l := lex()
	var buf []byte
	var ends []int
	next := 0 // the first token not yet in a name
	for _, t := range a.marked {
		i := int(t)
		f := a.info[i].flags
		if i < next || f&(wOrgAbbr|wOrgHead) == 0 {
			continue
		}
		si := a.d.Tokens[i].Sentence
		if f&wOrgAbbr != 0 && !a.caps[si] {
			if _, ok := l.orgAbbr[a.words[i]]; ok {
				a.addIfFree(si, i, i+1, doc.Org)
				continue
			}
		}
		if f&wOrgHead == 0 {
			continue
		}
		// The key of the longest name, whose first k words are the key of
		// the name of k words: buf[:ends[k-1]].
		n := min(int(a.info[i].orgN), a.sentTok[si+1]-i)
		buf, ends = buf[:0], ends[:0]
		for j := i; j < i+n; j++ {
			if j > i {
				buf = append(buf, ' ')
			}
			buf = appendLower(buf, a.word(j))
			ends = append(ends, len(buf))
		}
		for k := n; k >= 2; k-- {
			if _, ok := l.orgFull[string(buf[:ends[k-1]])]; ok {
				a.addIfFree(si, i, i+k, doc.Org)
				next = i + k
				break
			}
		}
	}
}

// addIfFree adds a rule mention over tokens [s, e) unless a mention
// already overlaps them.
func (a *analysis) addIfFree(si, s, e int, t doc.EntityType) {
	for i := s; i < e; i++ {
		if a.cover[i] {
			return
		}
	}
	a.addTokens(si, s, e, t, fromRule)
}

// datelines finds wire datelines at the start of a body block, "PARIS
// (Reuters) -": the capitalised place is LOC and the agency ORG.
func (a *analysis) datelines() {
	prevBlock := -1
	for si, st := range a.d.Sentences {
		first := st.Block != prevBlock
		prevBlock = st.Block
		if !first || a.d.Blocks[st.Block].Kind != doc.Body {
			continue
		}
		s0, s1 := a.sentTok[si], a.sentTok[si+1]
		i := s0
		for i < s1 && isAllCaps(a.word(i)) && i-s0 < 4 {
			i++
		}
		if i == s0 || i+3 >= s1 || a.word(i) != "(" || a.word(i+2) != ")" || !isDash(a.word(i+3)) {
			continue
		}
		a.setType(si, s0, i, doc.Loc)
		if a.capital(i + 1) {
			a.addIfFree(si, i+1, i+2, doc.Org)
		}
	}
}

// headline drops the model's mentions in a title-case headline (a Title
// block in title case, not all in capitals) that nothing else backs: the same
// name in the body, a person's known given name or surname, a country or
// big city, an organisation of the lexicon. In "Pence: Gennifer Flowers
// Won't Be at Debate, Trump Was 'Mocking' Clinton Camp" every word is
// capitalised and the model sees names everywhere.
func (a *analysis) headline() {
	var title []bool
	for si, st := range a.d.Sentences {
		if a.d.Blocks[st.Block].Kind == doc.Title && !a.caps[si] && a.titleCase(si) {
			if title == nil {
				title = make([]bool, len(a.d.Sentences))
			}
			title[si] = true
		}
	}
	if title == nil {
		return
	}
	// The names the model found in the title, and whether the body names
	// them too: the body's names, and the surnames of its people.
	inBody := make(map[string]bool)
	for k := range a.mentions {
		if m := &a.mentions[k]; m.src == fromModel && m.sent >= 0 && title[m.sent] {
			inBody[a.text(m)] = false
		}
	}
	if len(inBody) == 0 {
		return
	}
	for k := range a.mentions {
		if m := &a.mentions[k]; m.sent >= 0 && !title[m.sent] {
			if _, ok := inBody[a.text(m)]; ok {
				inBody[a.text(m)] = true
			}
			if m.typ == doc.Person && m.end-m.tok >= 2 {
				if _, ok := inBody[a.words[m.end-1]]; ok {
					inBody[a.words[m.end-1]] = true
				}
			}
		}
	}
	l := lex()
	out := a.mentions[:0]
	for _, m := range a.mentions {
		if m.src == fromModel && m.sent >= 0 && title[m.sent] && !inBody[a.text(&m)] && !a.backed(&m, l) {
			for i := m.tok; i < m.end; i++ {
				a.cover[i] = false
			}
			continue
		}
		out = append(out, m)
	}
	a.mentions = out
}

// smallWords may stay in lower case in a title-case headline.
var smallWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "in": true, "on": true, "at": true, "to": true,
	"for": true, "and": true, "or": true, "but": true, "by": true, "with": true, "from": true,
	"as": true, "vs": true, "v": true, "is": true, "are": true, "into": true, "over": true,
}

// titleCase reports whether sentence si is written in title case: four
// or more capitalised words, no number and no lower-case word but small
// ones.
func (a *analysis) titleCase(si int) bool {
	capital := 0
	for i := a.sentTok[si]; i < a.sentTok[si+1]; i++ {
		w := a.words[i]
		switch c := w[0]; {
		case 'A' <= c && c <= 'Z':
			capital++
		case 'a' <= c && c <= 'z':
			if !smallWords[w] {
				return false
			}
		case '0' <= c && c <= '9':
			return false
		}
	}
	return capital >= 4
}

// backed reports whether a lexicon or the gazetteer knows the name of m.
func (a *analysis) backed(m *mention, l *lexicons) bool {
	words := a.words[m.tok:m.end]
	switch m.typ {
	case doc.Person:
		_, ok := l.gender[words[0]]
		return ok && len(words) >= 2
	case doc.Org:
		if _, ok := a.orgIndex(words); ok {
			return true
		}
		for _, w := range words {
			if _, ok := lookupFold(l.sectors, w); ok {
				return true // "Bay Co Building Authority", "Homegate Hospitality Inc."
			}
		}
		return false
	case doc.Loc, doc.Fac:
		if _, ok := a.country(a.text(m)); ok || m.end-m.tok == 1 && a.stateAbbr(m.tok) != "" {
			return true
		}
		for _, p := range geo.Lookup(a.text(m)) {
			if strings.EqualFold(p.Name, a.text(m)) && p.Population >= smallPlace {
				return true
			}
		}
		return false
	}
	return true
}

// personLike are country names that are also given names; the model
// decides those.
var personLike = map[string]bool{"Chad": true, "Jordan": true, "Georgia": true, "Israel": true, "India": true}

// countriesAndStates finds, if countries, country names the model left
// untagged, one or two capitalised words ("Ukraine", "South Korea"), and,
// if states, abbreviated US states after a place and a comma, "Paris,
// Tex.". It is one pass over the tokens: a token a country takes is no
// state, and neither rule reads what the other adds after the token.
func (a *analysis) countriesAndStates(countries, states bool) {
	next := 0 // the first token after a two-word country
	for _, t := range a.marked {
		i := int(t)
		if a.cover[i] {
			continue
		}
		si := a.d.Tokens[i].Sentence
		if countries && i >= next && a.capital(i) && !a.caps[si] {
			if i+1 < a.sentTok[si+1] && !a.cover[i+1] && a.capital(i+1) {
				two := a.d.Text[a.d.Tokens[i].Start:a.d.Tokens[i+1].End]
				if _, ok := a.country(two); ok {
					a.addIfFree(si, i, i+2, doc.Loc)
					next = i + 2
					continue
				}
			}
			if iso, ok := a.demonym(i); ok && !personLike[a.words[i]] && geo.CountryName(iso) != "" {
				if _, ok := a.country(a.words[i]); ok {
					a.addIfFree(si, i, i+1, doc.Loc)
					continue
				}
			}
		}
		if states && i >= 2 && a.words[i-1] == "," && a.cover[i-2] && a.stateAbbr(i) != "" && a.d.Tokens[i-2].Sentence == si {
			a.addIfFree(si, i, i+1, doc.Loc)
		}
	}
}

// setType makes tokens [s, e) of sentence si a mention of type t: a
// mention over exactly those tokens is retyped, else one is added if
// nothing overlaps.
func (a *analysis) setType(si, s, e int, t doc.EntityType) {
	for k := range a.mentions {
		if m := &a.mentions[k]; m.tok == s && m.end == e {
			m.typ = t
			return
		}
	}
	a.addIfFree(si, s, e, t)
}

// surnames finds the surnames of people named in full elsewhere in the
// document that the model left untagged ("Zelenskiy's aides" after
// "Volodymyr Zelenskiy").
func (a *analysis) surnames() {
	var last map[string]bool
	var lastSig uint64 // bit surnameSig(w) of every surname w, a quick test
	for _, m := range a.mentions {
		if m.typ != doc.Person || m.src != fromModel || m.end-m.tok < 2 {
			continue
		}
		w := a.words[m.end-1]
		if len(w) < 3 || !isCapitalised(w) || isAllCaps(w) || a.info[m.end-1].flags&^(wTitle|wParticle) != 0 {
			continue
		}
		if last == nil {
			last = emptied(&a.last)
		}
		last[w] = true
		lastSig |= surnameSig(w)
	}
	if last == nil {
		return
	}
	for _, t := range a.marked {
		i, w := int(t), a.words[t]
		if c := w[0]; 'A' <= c && c <= 'Z' && !a.cover[i] && lastSig&surnameSig(w) != 0 && last[w] &&
			(a.info[i].flags&wTitle == 0 || i+1 == len(a.words) || !a.capital(i+1)) { // "King said", not "King Norodom"
			si, s := a.d.Tokens[i].Sentence, i
			for s > a.sentTok[si] && a.info[s-1].flags&wParticle != 0 && isLetterStart(a.words[s-1]) {
				s-- // "Van der Westhuizen"
			}
			a.addIfFree(si, s, i+1, doc.Person)
		}
	}
}

// surnameSig returns a bit of w's first byte and length, w != "".
func surnameSig(w string) uint64 { return 1 << ((uint(w[0]) + 7*uint(len(w))) & 63) }

// maxCapsName bounds the words of a name looked for in an all-caps line.
const maxCapsName = 4

// capsNames finds, in lines written all in capitals (headlines), the
// people that the rest of the document names in mixed case: "MERKEL MEETS
// MACRON" after "Angela Merkel" and "Emmanuel Macron". Only people: for
// places and organisations the model does as well alone (CoNLL-2003 dev).
func (a *analysis) capsNames() {
	var capsSents []int
	for si := range a.d.Sentences {
		if a.caps[si] {
			capsSents = append(capsSents, si)
		}
	}
	if len(capsSents) == 0 {
		return
	}
	names := make(map[string]doc.EntityType)
	var buf []byte
	for _, m := range a.mentions {
		if m.tok < 0 || a.caps[m.sent] || m.end-m.tok > maxCapsName || m.typ != doc.Person && !off("capsall") {
			continue
		}
		buf = appendLower(buf[:0], a.text(&m))
		if _, ok := names[string(buf)]; !ok {
			names[string(buf)] = m.typ
		}
		if m.typ == doc.Person && m.end-m.tok >= 2 {
			names[string(appendLower(buf[:0], a.words[m.end-1]))] = doc.Person
		}
	}
	for _, si := range capsSents {
		s0, s1 := a.sentTok[si], a.sentTok[si+1]
		for i := s0; i < s1; i++ {
			if !isAllCaps(a.words[i]) {
				continue
			}
			for k := min(maxCapsName, s1-i); k >= 1; k-- {
				buf = buf[:0]
				for j := i; j < i+k; j++ {
					if j > i {
						buf = append(buf, ' ')
					}
					buf = appendLower(buf, a.words[j])
				}
				if t, ok := names[string(buf)]; ok {
					a.addIfFree(si, i, i+k, t)
					i += k - 1
					break
				}
			}
		}
	}
}

// isDash reports whether w is a hyphen or dash token.
func isDash(w string) bool {
	switch w {
	case "-", "--", "–", "—":
		return true
	}
	return false
}
