package event

import (
	"math/bits"
	"strings"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/wordtab"
)

// sentence is one sentence being coded: tokens [a, b) of the document.
type sentence struct {
	c      *coder
	index  int
	a, b   int
	actors []chunk
}

// trigger is a pattern matched at tokens [first, last).
type trigger struct {
	p           *Pattern
	first, last int
	nominal     bool // the head is used as a noun: "the attack", "his visit"
}

func (s *sentence) word(i int) string {
	if i < s.a || i >= s.b {
		return ""
	}
	return s.c.words[i]
}

// triggers returns the patterns matched in the sentence, in text order,
// without those that are the complement of an earlier verb ("agreed to
// hold talks" is AGREE, "threatened to impose sanctions" THREATEN).
func (s *sentence) triggers() []trigger {
	sc := s.c.sc
	out, set := sc.trigs[:0], sc.set // reused: one sentence at a time
	defer func() { sc.trigs, sc.set = out[:0], set }()
	reported := -1 // a demand verb is before token reported; -1: not known yet
	words, lex, dict := s.c.words[:s.b], s.c.lex[:s.b], s.c.dict
	heads, must := dict.heads, dict.must
	// Only the tokens that are a head form or "must" (coder.cands), told
	// by newCoder without a branch: here a test of every token was a
	// branch guessed wrong at about every head.
	for i := s.c.nextCand(s.a, s.b); i < len(lex); i = s.c.nextCand(i+1, s.b) {
		k := lex[i]
		if (k == must || k == capWord) && words[i] == "must" && s.demandBefore(i, &reported) {
			// "X said Y must …" is a demand.
			t := trigger{p: mustPattern, first: i, last: i + 1}
			if !s.subsumed(out, t) {
				out = append(out, t)
			}
			continue
		}
		if k <= noEntry || k > heads || s.inName(i) {
			continue // not a head (headsOf), or in a name
		}
		hi := dict.index(dict.entries[k].head)
		// The patterns whose next word is in the window, or that have
		// none, in the order of hi.all.
		set = grow(set, hi.words)
		hi.present(set, lex[i+1:min(s.b, i+2+maxGap)], s.c.dict.entries[:s.c.dict.withIDs+1])
		if p, last := s.firstMatch(hi, set, i); p != nil {
			t := trigger{p: p, first: i, last: last, nominal: p.Noun || determiners.has(s.word(i-1))}
			if p.Type != none && !s.purpose(i) && !s.subsumed(out, t) {
				out = append(out, t)
			}
			i = last - 1
		}
	}
	return out
}

// firstMatch returns the first pattern of the set of hi.all (as bits)
// that matches at token i, and the end of its match; or nil.
func (s *sentence) firstMatch(hi *headIndex, set []uint64, i int) (*Pattern, int) {
	for w, m := range set {
		for ; m != 0; m &= m - 1 {
			p := hi.all[64*w+bits.TrailingZeros64(m)]
			if last, ok := s.matchRest(p, i); ok {
				return p, last
			}
		}
	}
	return nil, 0
}

// demandBefore reports whether a verb of demandVerbs comes before token i
// in the sentence; *known is the token up to which the answer was no, or
// -1 at first.
func (s *sentence) demandBefore(i int, known *int) bool {
	from := s.a
	if *known > from {
		from = *known
	}
	for j := from; j < i; j++ {
		if w := s.c.words[j]; len(w) >= 4 && demandVerbs.has(w) {
			return true
		}
	}
	*known = i
	return false
}

// purpose reports whether the verb at token i says what a thing is for,
// not what was done: "military aircraft designed to oppose Russia".
func (s *sentence) purpose(i int) bool {
	return s.word(i-1) == "to" && purposeVerbs.has(s.word(i-2))
}

// mustPattern codes "X said Y must …" as a demand by X on Y.
var mustPattern = &Pattern{Type: "REQUEST", src: "event: said … must"}

// salient keeps the triggers that say what the sentence reports: the
// verbs of its main clauses; failing those, the first verb of a
// subordinate clause; failing that, the first event noun. A trigger with a
// date of its own right after it ("the invasion of Ukraine in 2022") is a
// background event and is kept as well.
func (s *sentence) salient(trigs []trigger, dated func(trigger) bool) []trigger {
	sc := s.c.sc
	main, sub, noun, out := sc.main[:0], sc.sub[:0], sc.noun[:0], sc.salient[:0]
	defer func() { sc.main, sc.sub, sc.noun, sc.salient = main[:0], sub[:0], noun[:0], out[:0] }()
	for _, t := range trigs {
		switch {
		case t.nominal:
			noun = append(noun, t)
		case s.subordinate(t):
			sub = append(sub, t)
		default:
			main = append(main, t)
		}
	}
	keep := main
	switch {
	case len(main) > 0:
	case len(sub) > 0:
		keep = sub[:1]
	case len(noun) > 0:
		keep = noun[:1]
	}
	for _, t := range trigs {
		k := false
		for _, x := range keep {
			k = k || x.first == t.first
		}
		if k || dated(t) {
			out = append(out, t)
		}
	}
	return out
}

// subordinate reports whether a verb trigger is in a subordinate clause
// or a participle phrase: a subordinating word before it since the last
// comma, or an -ing form right after a comma or preposition.
func (s *sentence) subordinate(t trigger) bool {
	w := s.c.words[t.first]
	prev := s.word(t.first - 1)
	if strings.HasSuffix(w, "ing") && (prev == "," || s.is(t.first-1, preps) || prev == "") {
		return true
	}
	for j := t.first - 1; j >= s.a; j-- {
		x := s.c.words[j]
		if x == "," || x == ";" {
			return false
		}
		if s.is(j, subordinators) {
			return true
		}
	}
	return false
}

// inName reports whether token i is part of a proper name: capitalised
// inside the sentence ("Strike Force", "the March for Life") or inside a
// name mention of an entity.
func (s *sentence) inName(i int) bool {
	ch := s.c.initial[i]
	if 'A' <= ch && ch <= 'Z' && i > s.a && !opener.has(s.c.words[i-1]) {
		return true
	}
	return s.c.named[i]
}

// matchRest matches the words of p after the head at token i; it returns
// the end of the match.
func (s *sentence) matchRest(p *Pattern, i int) (int, bool) {
	j := i + 1
	for k := range p.Rest {
		e := &p.Rest[k]
		limit := j
		if e.Gap {
			limit = j + maxGap
		}
		found := false
		for ; j <= limit && j < s.b; j++ {
			w := s.c.words[j]
			// (A word and its singular start with the same byte.)
			if e.firsts&(1<<(w[0]&63)) != 0 && e.matchWord(w) {
				found = true
				break
			}
			if len(w) <= 3 && (w[0] < 'a' || w[0] == 0xE2) && hardStop.has(w) {
				break
			}
		}
		if !found {
			return 0, false
		}
		j++
	}
	return j, true
}

// subsumed reports whether t is the complement of an earlier verb
// trigger: within six tokens of it with no clause boundary between.
func (s *sentence) subsumed(prev []trigger, t trigger) bool {
	if len(prev) == 0 {
		return false
	}
	p := prev[len(prev)-1]
	if p.nominal || t.first-p.last > 6 {
		return false
	}
	for j := p.last; j < t.first; j++ {
		if boundary.has(s.c.words[j]) {
			return false
		}
	}
	return true
}

// status says whether the event at t is reported as done, intended,
// hypothetical or denied, from the words before the trigger in its clause.
func (s *sentence) status(t trigger) doc.EventStatus {
	st := doc.Occurred
	if s.is(t.first, planning) && !s.is(t.first, be) {
		st = doc.Intended // the trigger is the plan: "plans to host talks"
	}
	for j := t.first - 1; j >= s.a && j >= t.first-7; j-- {
		w := s.c.words[j]
		if s.is(j, boundary) && w != "to" {
			break
		}
		switch {
		case s.is(j, negators):
			return doc.Negated
		case w == "if" || w == "unless" || w == "whether":
			return doc.Hypothetical
		case s.is(j, hedges):
			if st == doc.Occurred {
				st = doc.Hypothetical
			}
		case w == "would":
			if st == doc.Occurred {
				st = doc.Intended
				if s.has("if") || s.has("unless") {
					st = doc.Hypothetical
				}
			}
		case s.is(j, future):
			if st == doc.Occurred {
				st = doc.Intended
			}
		case w == "to" && j > s.a && s.is(j-1, planning):
			if st == doc.Occurred {
				st = doc.Intended
			}
		case t.nominal && s.is(j, upcoming):
			if st == doc.Occurred {
				st = doc.Intended
			}
		}
	}
	if st == doc.Occurred && !t.nominal && s.word(t.last) == "if" {
		return doc.Hypothetical
	}
	return st
}

// has reports whether the sentence contains the word w.
func (s *sentence) has(w string) bool {
	for j := s.a; j < s.b; j++ {
		if s.c.words[j] == w {
			return true
		}
	}
	return false
}

// wordSet is a small set of words, tested for many tokens: a word is
// turned away by bit masks of the lengths, first bytes and last bytes in
// the set; then a word of one byte is looked up in a bit map, and one of
// two to eight bytes is compared, as a number, with the few of its
// length. No hashing, no calls.
//
// Every set also has a bit: the lexicon entry of a word has the bits of
// the sets it is in (lexEntry.sets), and while a sentence is coded the
// coder has those of each of its tokens (coder.marks, sentence.is), so that
// a token is tested without its word.
type wordSet struct {
	lens        uint64
	first, last [4]uint64
	one         [4]uint64    // the words of one byte
	packed      [9][]uint64  // the words of 2 to 8 bytes, by length (wordtab.Pack)
	long        [64][]string // the words of 9 to 63 bytes, by length
	bit         uint32       // the set's bit in lexEntry.sets and coder.marks
	words       []string
}

// sets are all the sets made by set, in order: set i has bit 1<<i.
var sets []*wordSet

// set returns the set of the words ws, each of 1 to 63 bytes.
func set(ws ...string) *wordSet {
	if len(sets) == 32 {
		panic("event: more than 32 word sets")
	}
	s := &wordSet{bit: 1 << len(sets), words: ws}
	sets = append(sets, s)
	for _, w := range ws {
		n := len(w)
		if n == 0 || n >= 64 {
			panic("event: set word of 0 or 64+ bytes: " + w)
		}
		s.lens |= 1 << n
		f, l := w[0], w[n-1]
		s.first[f>>6] |= 1 << (f & 63)
		s.last[l>>6] |= 1 << (l & 63)
		switch {
		case n == 1:
			s.one[f>>6] |= 1 << (f & 63)
		case n <= 8:
			s.packed[n] = append(s.packed[n], wordtab.Pack(w))
		default:
			s.long[n] = append(s.long[n], w)
		}
	}
	return s
}

// is reports whether token j of the sentence is in ws (false outside
// the sentence, as s.word). The tokens' sets are those of coder.mark.
func (s *sentence) is(j int, ws *wordSet) bool {
	return j >= s.a && j < s.b && s.c.marks[j]&ws.bit != 0
}

// has reports whether w is in s.
func (s *wordSet) has(w string) bool {
	n := len(w)
	if n == 0 || n >= 64 || s.lens&(1<<n) == 0 {
		return false
	}
	f, l := w[0], w[n-1]
	if s.first[f>>6]&(1<<(f&63)) == 0 || s.last[l>>6]&(1<<(l&63)) == 0 {
		return false
	}
	switch {
	case n == 1:
		return s.one[f>>6]&(1<<(f&63)) != 0
	case n <= 8:
		x := wordtab.Pack(w)
		for _, y := range s.packed[n] {
			if x == y {
				return true
			}
		}
		return false
	}
	for _, x := range s.long[n] {
		if x == w {
			return true
		}
	}
	return false
}

var (
	determiners = set("the", "a", "an", "his", "her", "their", "its", "our", "this", "that", "these",
		"those", "'s", "’s", "s'", "first", "latest", "new", "recent", "further", "joint")
	opener = set("“", "\"", "‘", "'", "(", "[", "—", "–", "-", ":")
	// hardStop ends a gap in a pattern.
	hardStop = set(".", ";", ":", "?", "!", ",", "—", "–", "(", ")", "“", "”", "\"")
	// boundary ends a clause, for complements, status and actors.
	boundary = set(".", ";", ":", "?", "!", ",", "—", "–", "(", ")", "“", "”", "\"", "and", "but",
		"while", "whereas", "although", "though", "because", "after", "before", "when", "who",
		"which", "that", "said", "says", "say", "told", "added", "as", "since", "where", "or")
	negators = set("not", "n't", "n’t", "never", "no", "without", "neither", "nor", "failed", "fail",
		"fails", "cannot")
	hedges   = set("could", "might", "may", "should", "possible", "possibly", "potential", "potentially")
	future   = set("will", "'ll", "’ll", "shall", "tomorrow", "upcoming")
	planning = set("plan", "plans", "planned", "planning", "intend", "intends", "intended", "expected",
		"set", "going", "aims", "aim", "hopes", "hope", "wants", "want", "seeks", "seek", "scheduled",
		"due", "ready", "prepared", "likely", "poised", "preparing", "prepares", "is", "are", "was", "were")
	subordinators = set("while", "whereas", "although", "though", "because", "after", "before", "when",
		"if", "unless", "since", "who", "which", "that", "as", "where", "whether", "until", "once",
		"despite", "amid", "for", "of", "by", "over", "against", "about")
	demandVerbs = set("said", "says", "declared", "declares", "concluded", "reiterated", "insisted",
		"insists", "stressed", "announced", "told", "warned", "argued", "added", "insist")
	purposeVerbs = set("designed", "meant", "built")
	upcoming     = set("planned", "upcoming", "proposed", "future", "next", "forthcoming", "possible")
)
