// Package entity finds the people, organisations, places, groups and named
// events of a document and resolves them within it.
//
// Mentions come from the learned tagger of package ner (PER, ORG, LOC and
// MISC chunks over the tokens of package text) combined with rules and
// small lexicons: photo credits (photographers are PERSON, agencies ORG),
// facility names ("Joint Base Elmendorf-Richardson", "… Airport"),
// international organisations written out in any case ("the international
// criminal court"), and titles and possessives, which are never part of a
// name's span. Mentions are then grouped into entities ("US President Donald
// Trump", "Mr Trump" and "Trump" are one PERSON named "Donald Trump"; "ICC"
// and "International Criminal Court" one ORG), titles and appositions give
// roles, sector and country, pronouns and descriptions ("he", "the Russian
// leader") are linked where the evidence is clear, and places are resolved
// with the gazetteer of package geo.
//
// All offsets are byte offsets into Document.Text.
package entity

import (
	"context"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/geo"
	"github.com/newsgraph/newsgraph/internal/ner"
)

// Stage fills Document.Entities and Document.Places. The zero value is
// ready to use; it is safe for concurrent use.
type Stage struct{}

var _ doc.Stage = Stage{}

// Name implements doc.Stage.
func (Stage) Name() string { return "entity" }

// Requires implements doc.Stage.
func (Stage) Requires() []doc.Layer {
	return []doc.Layer{doc.LayerBlocks, doc.LayerSentences, doc.LayerTokens}
}

// Provides implements doc.Stage.
func (Stage) Provides() []doc.Layer { return []doc.Layer{doc.LayerEntities, doc.LayerPlaces} }

// Run implements doc.Stage.
func (Stage) Run(_ context.Context, d *doc.Document) error {
	run(d, ner.Default().TagDocumentInto)
	return nil
}

// run analyses d, tagging its sentences with tag.
func run(d *doc.Document, tag func(sents [][]string, labels []ner.Label)) {
	a := pool.Get().(*analysis)
	a.reset(d)
	a.tag(tag)
	a.rules()
	a.resolve()
	a.describe()
	if !off("placenames") {
		a.placeNames()
	}
	a.link()
	a.places()
	a.emit()
	a.d = nil
	pool.Put(a)
}

var pool = sync.Pool{New: func() any { return new(analysis) }}

// source says where a mention came from.
type source uint8

const (
	fromModel  source = iota // a chunk of the ner tagger
	fromCredit               // a photo credit's part
	fromRule                 // a facility, organisation or dateline rule
)

// mention is a name mention found in the text, before resolution.
type mention struct {
	doc.Span
	typ      doc.EntityType
	tok, end int // tokens [tok, end) in Document.Tokens; -1 for credit parts
	sent     int // sentence index; -1 for credit parts
	src      source
	ent      int      // index into analysis.ents
	role     string   // a role given by the source ("photographer")
	words    []string // the words of a credit part's name, once split
}

// analysis is the scratch state of one run, pooled between documents.
type analysis struct {
	d          *doc.Document
	sentTok    []int // first token of each sentence, plus len(Tokens) at the end
	words      []string
	sents      [][]string
	labels     []ner.Label
	info       []wordInfo    // per token
	tf         []tokFlag     // per token
	look       []int32       // tag: the tokens the lexicon may know
	marked     []int32       // the tokens that start with a capital or are "the", a pronoun or an organisation's word (markedFlags), in order
	fields     []string      // nameWords: the words of credit parts
	votes      []countryVote // describe: an entity's votes for its country
	refAt      []int         // emit: references per entity
	dem        []string      // per token: ISO3 of a demonym or country word, where tf has tHasDem
	caps       []bool        // per sentence: written all in capitals
	cover      []bool        // per token: part of a mention (from rules on)
	mentions   []mention
	spare      []mention // the other buffer of sortMentions
	ents       []*entity
	store      []entity // backing store of ents, reused between documents
	refs       []reference
	per        [][]cand          // link: people mentioned per sentence
	byKey      map[string]int    // resolve: entity by key
	ends       nameEnds          // resolve: people by the first and last words of their full names
	kb         []byte            // resolve: key buffer
	ccache     map[string]string // country: countryWord's answers ("" for none)
	starts     []mentionStarts   // link: the starts of each entity's mentions, built on demand
	full       fullNames         // resolve: full names of people, built on demand
	bySent     sentenceIndex     // places: mentions by sentence (the buffers)
	facOwner   []int32           // facilities: facIndex.owner
	facRemoved []bool            // facilities: facIndex.removed

	// The maps of single rules, made on first use and emptied for the
	// next (emptied).
	people        map[string]int  // mergePeople
	surname, lone map[string]int  // retypeSurnames
	last          map[string]bool // surnames
}

// emptied returns the map *m, empty: made on first use, cleared on the
// next, so that a rule's map is allocated once per pooled analysis rather
// than once per document.
func emptied[K comparable, V any](m *map[K]V) map[K]V {
	if *m == nil {
		*m = make(map[K]V)
	} else {
		clear(*m)
	}
	return *m
}

func (a *analysis) reset(d *doc.Document) {
	a.d = d
	a.sentTok = a.sentTok[:0]
	a.words = a.words[:0]
	a.sents = a.sents[:0]
	a.mentions = a.mentions[:0]
	a.ents = a.ents[:0]
	a.store = a.store[:0]
	a.refs = a.refs[:0]
	a.info = a.info[:0]
	a.tf = a.tf[:0]
	a.marked = a.marked[:0]
	a.dem = a.dem[:0]
	a.fields = a.fields[:0]
	a.caps = a.caps[:0]
	clear(a.ccache)
}

// tokFlag is a set of facts about one token of the document.
type tokFlag uint8

const (
	tCap    tokFlag = 1 << iota // starts with an upper-case letter
	tDem                        // demonym has looked the token up
	tHasDem                     // and found a country, in analysis.dem
)

// markedFlags are the word classes of the tokens in analysis.marked
// besides the capitalised ones.
const markedFlags = wThe | wPronoun | wOrgHead | wOrgAbbr

// capital reports whether token i starts with an upper-case letter.
func (a *analysis) capital(i int) bool { return a.tf[i]&tCap != 0 }

// word returns the text of token i.
func (a *analysis) word(i int) string { return a.d.Text[a.d.Tokens[i].Start:a.d.Tokens[i].End] }

// tag runs the ner model over the document's sentences and records its
// chunks as mentions.
func (a *analysis) tag(tag func(sents [][]string, labels []ner.Label)) {
	d := a.d
	l := lex()
	n := len(d.Tokens)
	// Small passes over the tokens, functions of their own so that the
	// compiler keeps their state in registers: none appends, and only
	// lookUp calls the lexicon, for the tokens it may know.
	ns := len(d.Sentences)
	words := slices.Grow(a.words[:0], n)[:n]
	sentTok := slices.Grow(a.sentTok[:0], ns+1)[:ns+1]
	tf := slices.Grow(a.tf[:0], n)[:n]
	look := slices.Grow(a.look[:0], n)[:n]
	sentenceStarts(d.Tokens, sentTok)
	nl := l.split(d, words, tf, look)
	info := slices.Grow(a.info[:0], n)[:n]
	clear(info)
	l.lookUp(words, look[:nl], info, tf)
	marked := slices.Grow(a.marked[:0], n)[:n]
	a.words, a.info, a.tf, a.marked, a.sentTok, a.look = words, info, tf, marked[:mark(tf, info, marked)], sentTok, look
	a.dem = slices.Grow(a.dem[:0], n)[:n]
	if n == 0 {
		return
	}
	for si := range d.Sentences {
		a.sents = append(a.sents, a.words[a.sentTok[si]:a.sentTok[si+1]])
		a.caps = append(a.caps, a.allCapsSentence(a.sentTok[si], a.sentTok[si+1]))
	}
	if cap(a.labels) < len(d.Tokens) {
		a.labels = make([]ner.Label, len(d.Tokens))
	}
	a.labels = a.labels[:len(d.Tokens)]
	tag(a.sents, a.labels)
	for si := range d.Sentences {
		base := a.sentTok[si]
		a.chunks(si, base, a.labels[base:a.sentTok[si+1]])
	}
}

// split sets words to the texts of d's tokens and tf to tCap for those
// that start with an ASCII capital, and lists in look the words the
// lexicon may know, returning how many. It calls nothing, so that the
// compiler keeps its state in registers.
func (l *lexicons) split(d *doc.Document, words []string, tf []tokFlag, look []int32) int {
	text, tokens, nl := d.Text, d.Tokens, 0
	words, tf, look = words[:len(tokens)], tf[:len(tokens)], look[:len(tokens)]
	for i, t := range tokens {
		w := text[t.Start:t.End]
		words[i] = w
		var f tokFlag
		if w == "" {
			tf[i] = f
			continue // no token is, but it would be no word
		}
		if w[0]-'A' <= 'Z'-'A' {
			f = tCap
		}
		tf[i] = f
		look[nl] = int32(i) // kept if the lexicon may know w: no branch to mispredict
		nl += l.mayKnow(signature(w))
	}
	return nl
}

// sentenceStarts sets sentTok[si] to the first of tokens whose sentence
// is si or later, by binary search (tokens are in text order), and the
// last of sentTok to len(tokens).
func sentenceStarts(tokens []doc.Token, sentTok []int) {
	lo := 0
	for si := range len(sentTok) - 1 {
		hi := len(tokens)
		for lo < hi {
			if mid := int(uint(lo+hi) >> 1); tokens[mid].Sentence < si {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		sentTok[si] = lo
	}
	sentTok[len(sentTok)-1] = len(tokens)
}

// lookUp sets info, zero beforehand, to what the lexicons know about the
// words listed in look, ignoring case, and tf to tCap for those that
// start with a capital other than ASCII. look lists no empty word, and
// every word that starts with a byte other than ASCII.
func (l *lexicons) lookUp(words []string, look []int32, info []wordInfo, tf []tokFlag) {
	t, maxLen := &l.table, l.maxLen
	for _, i := range look {
		w := words[i]
		if len(w) <= maxLen {
			_, s, found, ascii := t.find(w)
			if found {
				info[i] = t.slots[s].info
				continue
			}
			if ascii {
				continue
			}
			info[i], _ = lookupFold(l.words, w) // not ASCII: the map, by strings.ToLower
		}
		if w[0] >= utf8.RuneSelf && isCapitalised(w) {
			tf[i] = tCap
		}
	}
}

// mark lists in marked, returning how many, the tokens that start with a
// capital or have one of the markedFlags. It does so without a branch on
// the token, which the processor cannot predict: every token is written,
// and kept by counting it.
func mark(tf []tokFlag, info []wordInfo, marked []int32) int {
	k := 0
	info, marked = info[:len(tf)], marked[:len(tf)]
	for i, f := range tf {
		m := uint(f) | uint(info[i].flags&markedFlags)
		marked[k] = int32(i)
		k += int((m | -m) >> (bits.UintSize - 1)) // 1 if m != 0
	}
	return k
}

// chunks turns the labels of sentence si, whose first token is base,
// into mentions; it reads them as ner.Spans does, without allocating: a
// chunk runs while the type stays the same and no B- label begins another.
func (a *analysis) chunks(si, base int, labels []ner.Label) {
	for i := 0; i < len(labels); {
		for ; i+8 <= len(labels); i += 8 { // most tokens are O, which is 0: eight at a time
			if l := labels[i : i+8 : i+8]; uint64(l[0])|uint64(l[1])<<8|uint64(l[2])<<16|uint64(l[3])<<24|
				uint64(l[4])<<32|uint64(l[5])<<40|uint64(l[6])<<48|uint64(l[7])<<56 != 0 {
				break
			}
		}
		for i < len(labels) && labels[i] == ner.O {
			i++
		}
		if i == len(labels) {
			break
		}
		typ := labels[i].Type()
		if typ == "" {
			i++
			continue
		}
		start := i
		for i++; i < len(labels) && !labels[i].IsBegin() && labels[i].Type() == typ; i++ {
		}
		a.chunk(si, base+start, base+i, typ)
	}
}

// chunk turns the model's chunk of tokens [s, e) into a mention, or drops it.
// A chunk is split at slashes, which join names but are never inside one
// ("Bobylev/POOL/AFP").
func (a *analysis) chunk(si, s, e int, typ string) {
	for i := s; i < e; i++ {
		if a.words[i] == "/" {
			if i > s {
				a.chunk(si, s, i, typ)
			}
			s = i + 1
		}
	}
	if s >= e {
		return
	}
	var t doc.EntityType
	switch typ {
	case "PER":
		t = doc.Person
		// Titles are not part of a name: "President Trump", "Mr. Putin".
		for s < e-1 && a.isTitle(s) {
			s++
		}
		// Particles before a surname are part of it: "Van der Westhuizen".
		for s > a.sentTok[si] && a.info[s-1].flags&wParticle != 0 && isLetterStart(a.words[s-1]) && !off("particles") {
			s--
			for len(a.mentions) > 0 && a.mentions[len(a.mentions)-1].tok >= s && a.mentions[len(a.mentions)-1].sent == si {
				a.mentions = a.mentions[:len(a.mentions)-1] // the model's "Van" as a place
			}
		}
	case "ORG":
		t = doc.Org
	case "LOC":
		t = doc.Loc
	default:
		t = a.miscType(s, e)
		if t == "" {
			return
		}
	}
	// A name starts with a capital or a particle ("de", "al-"), not with
	// "between" or "the"; it has letters.
	for s < e-1 && !a.capital(s) && (a.info[s].flags&wTrail != 0 || !off("lowerlead") && !particle(a.words[s])) {
		s++
	}
	if e-s >= 3 && a.words[s] == "The" && !off("the") {
		s++ // "The Security Council" at the start of a sentence
	}
	if !a.hasLetter(s, e) || e == s+1 && partyState(a.words[s]) {
		return // "R-Ohio", "D-Calif.": a party and a state, not an organisation
	}
	if e == s+1 && isAllCaps(a.words[s]) && lookupBool(pageLabels, a.words[s]) {
		return // "ABSTRACT", "UPDATE": a label of the page
	}
	// Possessive clitics are tokens of their own; trim any that were
	// tagged, and the verbs of title-case headlines ("Trump Was ‘Mocking’",
	// "Flowers Won’t Be").
	for e > s+1 && (isPossessive(a.words[e-1]) || !off("trail") && a.info[e-1].flags&wTrail != 0 ||
		e < len(a.words) && (a.words[e] == "n't" || a.words[e] == "n’t")) {
		e--
	}
	if e == s+1 && t == doc.Person && a.info[s].flags&wInterjection != 0 {
		return // "Well, …"
	}
	if e == s+1 && (t == doc.Person || t == doc.Org && !off("orgnorp")) && !off("pernorp") {
		if _, ok := a.demonym(s); ok && !isAllCapsShort(a.words[s]) || a.info[s].flags&wGroup != 0 {
			if _, country := a.country(a.words[s]); !country {
				t = doc.NORP // "Muslims", "Mexicans", but not "Jordan"
			}
		}
	}
	if e == s+1 && !off("states") && a.stateAbbr(s) != "" {
		t = doc.Loc // "FLINT, Mich. —"
		if w := a.words[s]; e == a.sentTok[si+1] && w[len(w)-1] == '.' {
			// At the end of a sentence the period ends the sentence too.
			a.mentions = append(a.mentions, mention{
				Span: doc.Span{Start: a.d.Tokens[s].Start, End: a.d.Tokens[s].End - 1},
				typ:  t, tok: s, end: e, sent: si, src: fromModel, ent: -1,
			})
			return
		}
	}
	if t == doc.Org && !off("orgcountry") && e-s <= 3 {
		if _, ok := a.country(a.d.Text[a.d.Tokens[s].Start:a.d.Tokens[e-1].End]); ok {
			t = doc.Loc // "El Salvador"; national teams are places in CoNLL-2003 too
		}
	}
	if t != doc.Person && lookupBool(facNames, a.d.Text[a.d.Tokens[s].Start:a.d.Tokens[e-1].End]) {
		t = doc.Fac
	}
	if t != doc.Person && !off("quoted") && a.quotedPhrase(si, s, e) {
		return
	}
	if t != doc.Person && !off("hyph") && a.countryPair(s, e) {
		return
	}
	a.addTokens(si, s, e, t, fromModel)
}

// quotedPhrase reports whether tokens [s, e) are the whole of a quotation
// of three words or more, or follow "the" inside one: a slogan or a
// nickname (“Make Kneeling Great Again”, “the Beast”), not a name.
func (a *analysis) quotedPhrase(si, s, e int) bool {
	s0, s1 := a.sentTok[si], a.sentTok[si+1]
	q := s - 1
	if q >= s0 && (a.words[q] == "the" || a.words[q] == "The") {
		q--
	} else if e-s < 3 {
		return false
	}
	return q >= s0 && e < s1 && isOpenQuote(a.words[q]) && isCloseQuote(a.words[e])
}

func isOpenQuote(w string) bool  { return w == "“" || w == "\"" || w == "‘" }
func isCloseQuote(w string) bool { return w == "”" || w == "\"" || w == "’" || w == "″" }

// countryPair reports whether tokens [s, e) are one hyphenated word of
// two country names ("US-Russia"): a relation, not a place.
func (a *analysis) countryPair(s, e int) bool {
	if e-s != 1 {
		return false
	}
	l, r, ok := strings.Cut(a.words[s], "-")
	if !ok || !isCapitalised(l) || !isCapitalised(r) {
		return false
	}
	_, ok1 := geo.Demonym(l)
	_, ok2 := geo.Demonym(r)
	return ok1 && ok2
}

// stateAbbr returns the name of the US state that token i abbreviates
// ("Mich." or "Mich" before a period), or "".
func (a *analysis) stateAbbr(i int) string {
	w := a.words[i]
	if w == "" || w[0] < 'A' || w[0] > 'Z' || len(w) > 6 {
		return ""
	}
	states := lex().states
	if w[len(w)-1] == '.' { // every abbreviation ends with a period (TestStates)
		return states[w]
	}
	if i+1 < len(a.words) && a.words[i+1] == "." && a.d.Tokens[i+1].Start == a.d.Tokens[i].End {
		var buf [8]byte
		return states[string(append(append(buf[:0], w...), '.'))]
	}
	return ""
}

// particles may start a name in lower case: "de Gaulle", "al-Assad".
var particles = map[string]bool{
	"de": true, "van": true, "von": true, "al": true, "bin": true, "da": true, "del": true,
	"der": true, "la": true, "le": true, "di": true, "du": true, "dos": true, "das": true,
	"el": true, "ibn": true, "ten": true, "ter": true, "zu": true, "y": true,
}

// particle reports whether w is a name particle, alone or hyphenated ("al-").
func particle(w string) bool {
	if i := strings.IndexByte(w, '-'); i > 0 {
		w = w[:i]
	}
	return particles[w] || !isLetterStart(w)
}

// isLetterStart reports whether w starts with a letter.
func isLetterStart(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLetter(r)
}

// pageLabels are words printed in capitals as labels of a page or a
// paragraph, never names.
var pageLabels = map[string]bool{
	"abstract": true, "update": true, "updated": true, "analysis": true, "exclusive": true,
	"advertisement": true, "photo": true, "photos": true, "video": true, "watch": true,
	"read": true, "more": true, "related": true, "editorial": true, "opinion": true,
	"comment": true, "breaking": true, "live": true, "correction": true, "transcript": true,
	"summary": true, "background": true, "factbox": true, "explainer": true,
}

// partyState reports whether w is a US party-and-state tag such as
// "R-Ohio", "D-Calif." or "R-IN".
func partyState(w string) bool {
	if len(w) < 4 || w[1] != '-' || (w[0] != 'R' && w[0] != 'D' && w[0] != 'I') {
		return false
	}
	st := w[2:]
	if lex().states[st] != "" || lex().states[st+"."] != "" {
		return true
	}
	if len(st) == 2 && isAllCaps(st) {
		return true // postal code
	}
	for _, p := range geo.Lookup(st) {
		if p.Kind == geo.Region && p.Country == "USA" {
			return true
		}
	}
	return false
}

// hasLetter reports whether tokens [s, e) have a letter.
func (a *analysis) hasLetter(s, e int) bool {
	for i := s; i < e; i++ {
		if w := a.words[i]; w != "" && ('a' <= w[0]|0x20 && w[0]|0x20 <= 'z') {
			return true // most names start with an ASCII letter
		}
		for _, r := range a.words[i] {
			if unicode.IsLetter(r) {
				return true
			}
		}
	}
	return false
}

// isTitle reports whether token i is a capitalised title or form of
// address that may stand before a name ("President", "Mr", "Gen.").
func (a *analysis) isTitle(i int) bool {
	return a.info[i].flags&wTitle != 0 && a.capital(i)
}

// demonym returns the ISO3 code of the country that capitalised token i
// names or describes ("Russian", "US", "Ukraine"), looked up once.
func (a *analysis) demonym(i int) (string, bool) {
	f := a.tf[i]
	if f&(tCap|tDem) == tCap {
		f |= tDem
		if iso, ok := geo.Demonym(a.words[i]); ok {
			f |= tHasDem
			a.dem[i] = iso
		}
		a.tf[i] = f
	}
	if f&tHasDem == 0 {
		return "", false
	}
	return a.dem[i], true
}

// addTokens records a mention over tokens [s, e) of sentence si.
func (a *analysis) addTokens(si, s, e int, t doc.EntityType, src source) {
	a.mentions = append(a.mentions, mention{
		Span: doc.Span{Start: a.d.Tokens[s].Start, End: a.d.Tokens[e-1].End},
		typ:  t, tok: s, end: e, sent: si, src: src, ent: -1,
	})
	if len(a.cover) == len(a.words) {
		for i := s; i < e; i++ {
			a.cover[i] = true
		}
	}
}

// emit writes the entities in order of first mention, each with its name
// mentions and references in text order.
func (a *analysis) emit() {
	d := a.d
	// One allocation for every entity's references: counted, then placed.
	if len(a.refs) > 0 {
		at := slices.Grow(a.refAt[:0], len(a.ents))[:len(a.ents)]
		clear(at)
		for _, r := range a.refs {
			at[r.ent]++
		}
		refs, n := make([]doc.Mention, len(a.refs)), 0
		for ei, k := range at {
			if k > 0 {
				a.ents[ei].out.References = refs[n : n : n+k]
			}
			n += k
		}
		for _, r := range a.refs {
			e := a.ents[r.ent]
			e.out.References = append(e.out.References, doc.Mention{Span: r.Span, Text: d.Text[r.Start:r.End], Kind: r.kind})
		}
		a.refAt = at
	}
	n := 0
	for _, e := range a.ents {
		if !e.dropped {
			n++
		}
	}
	d.Entities = slices.Grow(d.Entities[:0], n)
	all := make([]doc.Mention, 0, len(a.mentions)) // one allocation for every entity's mentions
	for _, e := range a.ents {
		if e.dropped {
			continue
		}
		from := len(all)
		for _, mi := range e.mentions {
			m := &a.mentions[mi]
			all = append(all, doc.Mention{Span: m.Span, Text: d.Text[m.Start:m.End], Kind: doc.NameMention})
		}
		e.out.Mentions = all[from:len(all):len(all)]
		d.Entities = append(d.Entities, e.out)
	}
}

// disabled switches rules off by name so that tests can measure what each
// adds to the scores: caps, countries, dateline, fac, headline, hyph,
// lonely, lowerlead, noplace, orgcountry, orglex, orgnorp, particles,
// permerge, pernorp, placenames, quoted, retype, states, surnames, the,
// trail, vote ("capsall" instead widens caps to every type). It is only
// written by tests, before any document is analysed.
var disabled = map[string]bool{}

// off reports whether rule is disabled; it costs a load where, as in
// every run but the tests', no rule is.
func off(rule string) bool { return len(disabled) != 0 && disabled[rule] }
