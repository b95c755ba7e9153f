package quote

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/doc"
)

// ref is one entity mention or reference, for lookup by offsets.
type ref struct {
	doc.Span
	entity int // index into Document.Entities
	name   bool
}

// indexEntities collects the mentions and references of every entity,
// sorted by start; those with the same start stay in the order of the
// entities, mentions before references.
func (x *analysis) indexEntities() {
	refs, keys := x.refBuf[:0], x.refKeys[:0]
	inRange := true // every start fits in the upper half of a key
	for ei := range x.d.Entities {
		e := &x.d.Entities[ei]
		for _, m := range e.Mentions {
			refs = append(refs, ref{m.Span, ei, true})
			inRange = inRange && uint64(m.Start) <= math.MaxUint32
		}
		for _, m := range e.References {
			refs = append(refs, ref{m.Span, ei, false})
			inRange = inRange && uint64(m.Start) <= math.MaxUint32
		}
	}
	x.refBuf = refs
	if !inRange {
		x.refs = append(x.refs[:0], refs...)
		slices.SortStableFunc(x.refs, func(a, b ref) int { return cmp.Compare(a.Start, b.Start) })
		return
	}
	// Sorting numbers that hold the start above the index is quicker than
	// sorting the refs with a function.
	for i, r := range refs {
		keys = append(keys, uint64(r.Start)<<32|uint64(i))
	}
	slices.Sort(keys)
	x.refKeys = keys
	x.refs = x.refs[:0]
	for _, k := range keys {
		x.refs = append(x.refs, refs[uint32(k)])
	}
}

// entityAt returns the entity whose mention or reference overlaps s, or
// -1. A person wins over anything else; among equals, the mention that
// covers the end of s (the head of "a spokesman for the campaign" is not
// the campaign; the head of "Mr Trump" is Trump).
func (x *analysis) entityAt(s doc.Span, kind mentionKind) int {
	best, bestScore := -1, -1
	i := sort.Search(len(x.refs), func(i int) bool { return x.refs[i].Start >= s.Start-256 })
	for ; i < len(x.refs) && x.refs[i].Start < s.End; i++ {
		r := x.refs[i]
		if !r.Overlaps(s) {
			continue
		}
		if kind == descMention && r.name && !r.Contains(doc.Span{Start: s.End - 1, End: s.End}) && !r.Contains(s) {
			// A name inside a description is not its head, unless the
			// description is possessive-free and ends with it.
			if !strings.HasSuffix(x.s[s.Start:s.End], x.s[r.Start:r.End]) {
				continue
			}
		}
		score := 0
		if x.d.Entities[r.entity].Type == doc.Person {
			score += 4
		}
		if r.End >= s.End {
			score += 2
		}
		if !r.name {
			score++
		}
		if score > bestScore {
			best, bestScore = r.entity, score
		}
	}
	return best
}

// speaker fills the speaker fields of q from the mention m (token indices).
func (x *analysis) speaker(q *doc.Quote, m mention) {
	if !m.ok() || m.b <= m.a || x.junk(m) {
		return
	}
	s := doc.Span{Start: x.toks[m.a].Start, End: x.toks[m.b-1].End}
	start, end := s.Start, s.End
	if m.anteEnd > m.ante && m.ante < m.a {
		// A relative pronoun: the mention runs from its antecedent
		// ("Sanders, who", "a headline that").
		start = x.toks[m.ante].Start
	}
	q.SpeakerStart, q.SpeakerEnd = &start, &end
	if m.anteEnd > m.ante {
		// A relative pronoun: name its antecedent.
		m = mention{a: m.ante, b: m.anteEnd, kind: nameMention}
		s = doc.Span{Start: x.toks[m.a].Start, End: x.toks[m.b-1].End}
		if x.has(m.b-1, fWord) && !x.has(m.b-1, fCap) {
			m.kind = descMention
		}
	}
	ei := x.entityAt(s, m.kind)
	if ei < 0 && m.kind == pronounMention && isPersonalPronoun(x.tokText(m.a)) {
		ei = x.lastPerson(s.Start)
	}
	if ei >= 0 {
		e := &x.d.Entities[ei]
		if head := x.nameHead(m); head == "" || strings.Contains(e.Name, head) {
			id := e.ID
			q.Speaker = &id
			q.SpeakerName = e.Name
			return
		}
		// The entity merged people who share a word ("Bernie Sanders" for
		// "Sanders campaign manager Jeff Weaver"): the mention's own name.
	}
	if a, b := x.personName(m); b > a {
		q.SpeakerName = x.s[x.toks[a].Start:x.toks[b-1].End]
	} else if m.kind == nameMention {
		a := m.a
		for a < m.b-1 && x.has(a, fTitle) {
			a++
		}
		q.SpeakerName = x.s[x.toks[a].Start:x.toks[m.b-1].End]
	}
}

// junk reports whether the mention m is one capitalised word that names
// nobody: a preposition or question word that opens a sentence ("Of",
// "Why"), a month ("Aug.") or a dateline ("PHILADELPHIA (AP) —"). (A
// determiner alone stands for the phrase it opens: "The" of "The ad
// targets …".)
func (x *analysis) junk(m mention) bool {
	if m.kind == pronounMention || m.b-m.a != 1 || !x.has(m.a, fCap) {
		return false
	}
	t := x.tokText(m.a)
	switch {
	case x.has(m.a, fPrep|fStop) && !x.has(m.a, fDet):
		return true
	case t == "Why" || t == "How" || t == "What" || t == "When" || t == "Where" || t == "Who":
		return true
	case t == "Jan." || t == "Feb." || t == "Aug." || t == "Sept." || t == "Oct." || t == "Nov." || t == "Dec.":
		return true
	}
	if m.a+1 < len(x.toks) && len(t) > 3 && upperWord(t) && (x.tokText(m.a+1) == "(" || isDash(x.tokText(m.a+1))) {
		si := x.toks[m.a].Sentence
		return x.sentFirst[si] == m.a // a dateline
	}
	return false
}

// isPersonalPronoun reports whether w is he or she.
func isPersonalPronoun(w string) bool { return w == "he" || w == "He" || w == "she" || w == "She" }

// lastPerson returns the person whose name was mentioned last before byte
// offset off, within a few paragraphs; or -1.
func (x *analysis) lastPerson(off int) int {
	for i := sort.Search(len(x.refs), func(i int) bool { return x.refs[i].Start >= off }) - 1; i >= 0 && x.refs[i].Start > off-1500; i-- {
		if r := x.refs[i]; r.name && r.End <= off && x.d.Entities[r.entity].Type == doc.Person {
			return r.entity
		}
	}
	return -1
}

// personName returns the tokens [a, b) of the first run of two or more
// capitalised words of mention m that are no titles: the person's name in
// "former secretary of state Hillary Clinton", "CBS moderator Nancy
// Cordes", "Donald Hartley of Madison"; or a, a.
func (x *analysis) personName(m mention) (int, int) {
	for i := m.a; i < m.b; i++ {
		if !x.has(i, fCap) || x.has(i, fTitle|fDet) || !x.isWord(i) {
			continue
		}
		j := i
		for j < m.b && x.has(j, fCap) && !x.has(j, fTitle) && x.isWord(j) {
			j++
		}
		if j-i >= 2 {
			return i, j
		}
		i = j
	}
	return m.a, m.a
}

// inherit copies the speaker of p onto q.
func inherit(q *doc.Quote, p *doc.Quote) {
	q.Speaker, q.SpeakerName = p.Speaker, p.SpeakerName
	if p.SpeakerStart != nil && p.SpeakerEnd != nil {
		start, end := *p.SpeakerStart, *p.SpeakerEnd
		q.SpeakerStart, q.SpeakerEnd = &start, &end
	}
	q.Cue, q.CueStart, q.CueEnd = p.Cue, p.CueStart, p.CueEnd
}

// nameHead returns the last capitalised word of the name mention m, or ""
// for other mentions.
func (x *analysis) nameHead(m mention) string {
	if m.kind != nameMention {
		return ""
	}
	for i := m.b - 1; i >= m.a; i-- {
		if x.has(i, fCap) && !x.has(i, fTitle) {
			return x.tokText(i)
		}
	}
	return ""
}
