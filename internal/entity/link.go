package entity

import (
	"slices"
	"sort"

	"github.com/newsgraph/newsgraph/doc"
)

// reference is a pronoun or description linked to an entity.
type reference struct {
	doc.Span
	kind doc.MentionKind
	ent  int // index into analysis.ents
	sent int
}

// pronoun describes a personal pronoun: its gender and whether it is an
// object, which prefers the nearest person rather than the subject.
type pronoun struct {
	gender byte
	object bool
}

var pronouns = map[string]pronoun{
	"he": {'M', false}, "his": {'M', false}, "him": {'M', true}, "himself": {'M', true},
	"she": {'F', false}, "her": {'F', false}, "hers": {'F', false}, "herself": {'F', true},
}

// lookBack is how many sentences before a pronoun are searched for the
// person it refers to.
const lookBack = 3

// cand is a person mentioned (by name or reference) in a sentence.
type cand struct {
	start int
	ent   int
	poss  bool // followed by 's: "the Russian leader's first visit" is no subject
}

// link finds pronouns and descriptions of people and links each to the
// entity it refers to where the evidence is clear. Candidates are the
// people mentioned by name, and the references already linked, in the same
// sentence before the word or in the nearest earlier sentence of the same
// kind of block (a body pronoun never refers into a caption).
func (a *analysis) link() {
	d := a.d
	if len(d.Sentences) == 0 {
		return
	}
	// People mentioned per sentence, in text order.
	for len(a.per) < len(d.Sentences) {
		a.per = append(a.per, nil)
	}
	per := a.per[:len(d.Sentences)]
	for i := range per {
		per[i] = per[i][:0]
	}
	for _, m := range a.mentions {
		if m.sent >= 0 && m.ent >= 0 && a.ents[m.ent].out.Type == doc.Person {
			per[m.sent] = append(per[m.sent], cand{m.Start, m.ent, a.possessed(m.end)})
		}
	}
	a.starts = a.starts[:0]
	for _, t := range a.marked {
		i := int(t)
		f := a.info[i].flags
		if f&(wPronoun|wThe) == 0 {
			continue
		}
		si := d.Tokens[i].Sentence
		if f&wPronoun != 0 {
			kind := d.Blocks[d.Sentences[si].Block].Kind
			if ei := a.antecedent(per, si, d.Tokens[i].Start, a.info[i].pron, kind); ei >= 0 {
				a.addRef(per, si, d.Tokens[i].Span, doc.PronounMention, ei)
			}
			continue
		}
		if sp, ei, ok := a.description(i, a.sentTok[si+1]); ok {
			a.addRef(per, si, sp, doc.DescriptionMention, ei)
		}
	}
}

// possessed reports whether token i is a possessive clitic.
func (a *analysis) possessed(i int) bool {
	return i >= 0 && i < len(a.words) && isPossessive(a.words[i])
}

// addRef records a reference and makes it a candidate for later pronouns.
func (a *analysis) addRef(per [][]cand, si int, sp doc.Span, kind doc.MentionKind, ei int) {
	a.refs = append(a.refs, reference{Span: sp, kind: kind, ent: ei, sent: si})
	// the first token at or after the end of sp (tokens are in text order)
	end := sort.Search(len(a.d.Tokens), func(j int) bool { return a.d.Tokens[j].Start >= sp.End })
	per[si] = append(per[si], cand{sp.Start, ei, kind == doc.DescriptionMention && a.possessed(end)})
	// Keep the sentence's candidates in text order.
	c := per[si]
	for j := len(c) - 1; j > 0 && c[j].start < c[j-1].start; j-- {
		c[j], c[j-1] = c[j-1], c[j]
	}
}

// antecedent picks the person a pronoun at byte off of sentence si refers
// to, or -1. In its own sentence a subject pronoun ("he", "his") prefers
// the first person named before it and an object pronoun ("him") the
// nearest; otherwise the first person of the nearest earlier sentence
// that names one. People known to be of the pronoun's gender (by Mr or
// Ms, a gendered title or a given name) are looked for first, in the
// sentence and then up to farBack sentences before; people of unknown
// gender only when there is none.
func (a *analysis) antecedent(per [][]cand, si, off int, p pronoun, kind doc.BlockKind) int {
	strict := func(ei int) bool { return a.ents[ei].gender == p.gender }
	loose := func(ei int) bool { return a.ents[ei].gender == 0 }
	if ei := a.inSentence(per[si], off, p, strict); ei >= 0 {
		return ei
	}
	if ei := a.before(per, si, kind, strict, farBack); ei >= 0 {
		return ei
	}
	if ei := a.inSentence(per[si], off, p, loose); ei >= 0 {
		return ei
	}
	return a.before(per, si, kind, loose, lookBack)
}

// farBack is how many sentences back a person known to be of a
// pronoun's gender is preferred to one of unknown gender nearer.
const farBack = 8

// inSentence picks the candidate of a sentence before byte off that fits.
func (a *analysis) inSentence(cs []cand, off int, p pronoun, fits func(int) bool) int {
	best, bestPoss := -1, false
	for _, c := range cs {
		if c.start >= off {
			break
		}
		if !fits(c.ent) {
			continue
		}
		if best < 0 || p.object || bestPoss && !c.poss {
			best, bestPoss = c.ent, c.poss
		}
	}
	return best
}

// before picks the first fitting person of the nearest of the back
// sentences before si in blocks of the same kind (the same caption for a
// caption).
func (a *analysis) before(per [][]cand, si int, kind doc.BlockKind, fits func(int) bool, back int) int {
	seen := 0
	for sj := si - 1; sj >= 0 && seen < back; sj-- {
		if a.d.Blocks[a.d.Sentences[sj].Block].Kind != kind || kind == doc.Caption && a.d.Sentences[sj].Block != a.d.Sentences[si].Block {
			continue
		}
		seen++
		for _, c := range per[sj] {
			if fits(c.ent) {
				return c.ent
			}
		}
	}
	return -1
}

// description matches "the Russian president", "the US president", "the
// Russian leader", "the senator" at token i and returns its span and the
// person it describes: the person of that country whose roles have that
// title (any head of state or government for "leader"), or without a
// country the person whose roles end with that very word, the most
// recently named before it if there are several.
func (a *analysis) description(i, end int) (doc.Span, int, bool) {
	if i+1 >= end {
		return doc.Span{}, -1, false
	}
	iso, ok := a.demonym(i + 1)
	j := i + 1
	if ok {
		j++
	}
	for k := 0; k < 2 && j+1 < end && a.info[j].flags&wModifier != 0; k++ {
		j++
	}
	if j >= end {
		return doc.Span{}, -1, false
	}
	hw := a.words[j]
	t := lex().titleList[a.info[j].title]
	if a.info[j].flags&wTitle == 0 || t.abbr || plural(hw) || j+1 < end && (a.capital(j) && a.capital(j+1) || a.cover[j+1]) {
		return doc.Span{}, -1, false // "the US President Donald Trump": a title, not a description
	}
	if iso == "" && (a.capital(j) || j+2 < end && a.words[j+1] == "of" && a.capital(j+2)) {
		return doc.Span{}, -1, false // "the president of France" may be someone else
	}
	sp := doc.Span{Start: a.d.Tokens[i].Start, End: a.d.Tokens[j].End}
	best, bestAt := -1, -1
	for ei, e := range a.ents {
		if e.dropped || e.out.Type != doc.Person || iso != "" && e.out.Country != iso {
			continue
		}
		if iso == "" && !a.hasRoleWord(e, hw) {
			continue // without a country only the very title will do
		}
		if !e.head || !(t.head || a.hasRoleWord(e, hw)) {
			if !a.hasRoleWord(e, hw) {
				continue
			}
		}
		// The latest name mention before the description.
		at := a.lastMentionBefore(ei, sp.Start)
		if at > bestAt {
			best, bestAt = ei, at
		}
	}
	if best < 0 || bestAt < 0 {
		return doc.Span{}, -1, false // only people already named
	}
	return sp, best, true
}

// hasRoleWord reports whether one of e's roles ends with the word w,
// ignoring case ("US President" for "president").
func (a *analysis) hasRoleWord(e *entity, w string) bool {
	for _, r := range e.out.Roles {
		if len(r) >= len(w) && equalFoldASCII(r[len(r)-len(w):], w) && (len(r) == len(w) || r[len(r)-len(w)-1] == ' ' || r[len(r)-len(w)-1] == '-') {
			return true
		}
	}
	return false
}

// equalFoldASCII reports whether a and b are equal ignoring ASCII case.
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// lastMentionBefore returns the start of the last of entity ei's mentions,
// in the order of its mention list, that starts before off, or -1. The
// starts of an entity's mentions are gathered on first use (link does not
// change the lists); when they are in increasing order, as they usually
// are, a binary search finds the answer, so that the cost does not grow
// with the number of times a person is named.
func (a *analysis) lastMentionBefore(ei, off int) int {
	for n := len(a.starts); n < len(a.ents); n++ {
		if n < cap(a.starts) {
			a.starts = a.starts[:n+1] // reuse the buffer of an earlier document
			a.starts[n].built = false
		} else {
			a.starts = append(a.starts, mentionStarts{})
		}
	}
	ms := &a.starts[ei]
	if !ms.built {
		ms.at, ms.sorted, ms.built = ms.at[:0], true, true
		for _, mi := range a.ents[ei].mentions {
			s := a.mentions[mi].Start
			if n := len(ms.at); n > 0 && s < ms.at[n-1] {
				ms.sorted = false
			}
			ms.at = append(ms.at, s)
		}
	}
	if ms.sorted {
		k, _ := slices.BinarySearch(ms.at, off) // ms.at[:k] start before off
		if k == 0 {
			return -1
		}
		return ms.at[k-1]
	}
	at := -1
	for _, s := range ms.at {
		if s < off {
			at = s
		}
	}
	return at
}

// mentionStarts are the starts of an entity's mentions, in the order of
// its mention list, for lastMentionBefore.
type mentionStarts struct {
	at     []int
	sorted bool // at is in increasing order
	built  bool
}
