package tone

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/jonreiter/govader"
)

// The VADER constants, as in govader and the reference Python code.
const (
	capIncr     = 0.733 // a word in capitals among lower-case ones
	negScalar   = -0.74 // a negated word
	scale1      = 0.95  // a booster two words back
	scale2      = 0.9   // a booster three words back
	negScale    = 1.25  // "never so good"
	butScale    = 0.5   // words before and after "but"
	epScale     = 0.292 // per exclamation mark, at most 4
	qmScale     = 0.18  // per question mark, 2 or 3 of them
	maxQM       = 0.96
	alpha       = 15
	maxExclaims = 4
)

// vader computes VADER compound scores over pre-split words with the
// lexicon, booster words and negations of a govader analyzer. It follows
// govader's PolarityScores step by step but takes the words from the text
// stage's tokens instead of splitting the text with regular expressions,
// which makes it some twenty times faster.
type vader struct {
	// words holds every word VADER knows something about: lexicon
	// valence, booster value, negation, part of an idiom, and the words
	// the rules name. One lookup a word.
	words   lexTable
	special map[string]float64 // special-case idioms ("the bomb")
	booster map[string]float64 // including multi-word boosters ("kind of")
}

// facts is what VADER knows about one lower-case word.
type facts struct {
	val      float64 // lexicon valence
	boost    float64 // booster value
	inLex    bool    // in the lexicon
	isBoost  bool    // a booster word
	negation bool    // a negation ("not", "didn't")
	idiom    bool    // part of a multi-word idiom or booster
	kw       keyword // one of the words the rules look for, or 0
}

// keyword names the words that VADER's rules compare words with, so that
// the rules compare small numbers instead of strings.
type keyword uint8

const (
	kwNone keyword = iota
	kwNo
	kwOr
	kwNor
	kwLeast
	kwAt
	kwVery
	kwNever
	kwSo
	kwThis
	kwWithout
	kwDoubt
	kwKind
	kwOf
	kwBut
)

var keywords = [...]string{kwNo: "no", kwOr: "or", kwNor: "nor", kwLeast: "least", kwAt: "at",
	kwVery: "very", kwNever: "never", kwSo: "so", kwThis: "this", kwWithout: "without",
	kwDoubt: "doubt", kwKind: "kind", kwOf: "of", kwBut: "but"}

// newScorer builds the table of VADER's words from the lexicon text
// (lexicon.tsv: word, tab, valence; "#" comment lines) and govader's
// booster words, negations and idioms.
func newScorer(lexicon string, c *govader.TermConstants) *vader {
	s := &vader{special: c.SpecialCaseIdioms, booster: c.BoosterDict}
	s.words = newLexTable(strings.Count(lexicon, "\n") + len(c.BoosterDict) + len(c.NegateList) + 64)
	for lexicon != "" {
		var line string
		line, lexicon, _ = strings.Cut(lexicon, "\n")
		if line == "" || line[0] == '#' {
			continue
		}
		w, val, _ := strings.Cut(line, "\t")
		v := parseValence(val)
		f := s.words.upsert(w)
		f.val, f.inLex = v, true
	}
	for w, v := range c.BoosterDict {
		f := s.words.upsert(w)
		f.boost, f.isBoost = v, true
	}
	for _, w := range c.NegateList {
		s.words.upsert(w).negation = true
	}
	for _, m := range []map[string]float64{s.special, s.booster} {
		for k := range m {
			if strings.Contains(k, " ") {
				for _, w := range strings.Fields(k) {
					s.words.upsert(w).idiom = true
				}
			}
		}
	}
	for kw, w := range keywords {
		if w != "" {
			s.words.upsert(w).kw = keyword(kw)
		}
	}
	return s
}

// parseValence returns the lexicon valence v, a number as strconv.ParseFloat
// reads it, or 0 if it is not one (as govader). The lexicon's form, "d.d"
// or "-d.d", is read directly: ten times it is a small integer, and that
// over ten, rounded once, is the float64 ParseFloat returns.
func parseValence(v string) float64 {
	d := strings.TrimPrefix(v, "-")
	if len(d) == 3 && '0' <= d[0] && d[0] <= '9' && d[1] == '.' && '0' <= d[2] && d[2] <= '9' {
		x := float64(10*int(d[0]-'0')+int(d[2]-'0')) / 10
		if len(d) < len(v) {
			x = -x
		}
		return x
	}
	x, _ := strconv.ParseFloat(v, 64)
	return x
}

// word is one VADER word: its span in the text, the FNV-1a hash of its
// lower-case form (ASCII letters lowered), what its letters are like, and
// its lexicon facts (shared with the table: read only).
type word struct {
	start, end int
	hash       uint32
	flags      wordFlags
	*facts
}

type wordFlags uint8

const (
	hasLetter wordFlags = 1 << iota // an ASCII letter or digit, or a byte outside ASCII
	hasLower                        // an ASCII lower-case letter
	hasUpper                        // an ASCII capital
	hasApos                         // an ASCII apostrophe
	hasNT                           // "n't" in any case
)

// upper reports whether the word is in capitals: it has an ASCII capital
// and no lower-case ASCII letter (VADER's isupper, for ASCII).
func (w *word) upper() bool { return w.flags&(hasUpper|hasLower) == hasUpper }

// negated reports whether the word is a negation: in VADER's list, or
// with "n't" in it.
func (w *word) negated() bool { return w.negation || w.flags&hasNT != 0 }

// compound returns the VADER compound score of words, words of doc; text
// is the sentence, for its exclamation and question marks.
func (s *vader) compound(words []word, doc, text string) float64 {
	if len(words) == 0 {
		return 0
	}
	// Without a branch on which words VADER knows, which the processor
	// cannot predict: the facts of a word it does not know are noFacts's
	// zeros, in the nearest cache.
	ncaps, but, nLex := 0, -1, 0
	for i := range words {
		w := &words[i]
		if w.upper() {
			ncaps++
		}
		if w.kw == kwBut && but < 0 {
			but = i
		}
		if w.inLex {
			nLex++
		}
	}
	if nLex == 0 {
		return 0 // every valence is 0: so is the sum, with or without emphasis
	}
	capDiff := ncaps > 0 && ncaps < len(words)
	sum := 0.0 // of the sentiments in order, scaled around "but"
	for i := range words {
		w := &words[i]
		v := 0.0
		switch {
		case !w.inLex: // valence would say 0
		case w.isBoost:
		case w.kw == kwKind && i+1 < len(words) && words[i+1].kw == kwOf:
		default:
			v = s.valence(doc, words, i, capDiff)
		}
		if but >= 0 {
			if i < but {
				v *= 1 - butScale
			} else if i > but {
				v *= 1 + butScale
			}
		}
		sum += v
	}
	ep := min(strings.Count(text, "!"), maxExclaims)
	emph := float64(ep) * epScale
	if qm := strings.Count(text, "?"); qm > 1 {
		if qm <= 3 {
			emph += float64(qm) * qmScale
		} else {
			emph += maxQM
		}
	}
	if sum > 0 {
		sum += emph
	} else if sum < 0 {
		sum -= emph
	}
	c := sum / math.Sqrt(sum*sum+alpha)
	return max(-1, min(1, c))
}

func (s *vader) valence(doc string, words []word, i int, capDiff bool) float64 {
	w := words[i]
	if !w.inLex {
		return 0
	}
	base := w.val
	kw := func(k int) keyword { return words[k].kw }
	v := base
	if w.kw == kwNo && i+1 < len(words) && words[i+1].inLex {
		v = 0
	}
	if (i > 0 && kw(i-1) == kwNo) || (i > 1 && kw(i-2) == kwNo) ||
		(i > 2 && kw(i-3) == kwNo && (kw(i-1) == kwOr || kw(i-1) == kwNor)) {
		v = base * negScalar
	}
	if capDiff && w.upper() {
		if v > 0 {
			v += capIncr
		} else {
			v -= capIncr
		}
	}
	for start := 0; start < 3; start++ {
		k := i - (start + 1)
		if k < 0 {
			break
		}
		if words[k].inLex {
			continue
		}
		sc := 0.0
		if words[k].isBoost {
			sc = words[k].boost
			if v < 0 {
				sc = -sc
			}
			if capDiff && words[k].upper() {
				if v > 0 {
					sc += capIncr
				} else {
					sc -= capIncr
				}
			}
		}
		switch start {
		case 1:
			sc *= scale1
		case 2:
			sc *= scale2
		}
		v += sc
		v = s.negation(v, words, start, i)
		if start == 2 {
			v = s.idioms(doc, v, words, i)
		}
	}
	// "least" check
	if i > 0 {
		if !words[i-1].inLex && kw(i-1) == kwLeast {
			if i == 1 || (kw(i-2) != kwAt && kw(i-2) != kwVery) {
				v *= negScalar
			}
		}
	}
	return v
}

func (s *vader) negation(v float64, words []word, start, i int) float64 {
	kw := func(k int) keyword { return words[k].kw }
	switch start {
	case 0:
		if words[i-1].negated() {
			return v * negScalar
		}
	case 1:
		switch {
		case kw(i-2) == kwNever && (kw(i-1) == kwSo || kw(i-1) == kwThis):
			return v * negScale
		case kw(i-2) == kwWithout && kw(i-1) == kwDoubt:
			return v
		case words[i-2].negated():
			return v * negScalar
		}
	case 2:
		switch {
		case kw(i-3) == kwNever && (kw(i-2) == kwSo || kw(i-2) == kwThis || kw(i-1) == kwSo || kw(i-1) == kwThis):
			return v * negScale
		case kw(i-3) == kwWithout && (kw(i-2) == kwDoubt || kw(i-1) == kwDoubt):
			return v
		case words[i-3].negated():
			return v * negScalar
		}
	}
	return v
}

// idioms applies VADER's special-case idioms ("the bomb", "kiss of death")
// and two- and three-word boosters ending just before word i (i >= 3).
func (s *vader) idioms(doc string, v float64, words []word, i int) float64 {
	near := false
	for k := i - 3; k <= i+2 && k < len(words); k++ {
		if words[k].idiom {
			near = true
			break
		}
	}
	if !near {
		return v
	}
	// A key of several words can only be made of words marked idiom:
	// join and look up only such runs.
	var buf [64]byte
	join := func(a, b int) (string, bool) {
		for k := a; k <= b; k++ {
			if !words[k].idiom {
				return "", false
			}
		}
		out := buf[:0]
		for k := a; k <= b; k++ {
			if k > a {
				out = append(out, ' ')
			}
			out = appendLower(out, doc[words[k].start:words[k].end])
		}
		return string(out), true
	}
	for _, seq := range [][2]int{{i - 1, i}, {i - 2, i}, {i - 2, i - 1}, {i - 3, i - 1}, {i - 3, i - 2}} {
		if k, ok := join(seq[0], seq[1]); ok {
			if x, ok := s.special[k]; ok {
				v = x
				break
			}
		}
	}
	if i+1 < len(words) {
		if k, ok := join(i, i+1); ok {
			if x, ok := s.special[k]; ok {
				v = x
			}
		}
	}
	if i+2 < len(words) {
		if k, ok := join(i, i+2); ok {
			if x, ok := s.special[k]; ok {
				v = x
			}
		}
	}
	for _, seq := range [][2]int{{i - 3, i - 1}, {i - 3, i - 2}, {i - 2, i - 1}} {
		if k, ok := join(seq[0], seq[1]); ok {
			if x, ok := s.booster[k]; ok {
				v += x
			}
		}
	}
	return v
}

// appendLower appends w with ASCII capitals in lower case.
func appendLower(dst []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// FNV-1a, 32 bits: the hash of the lexTable keys, computed for each word
// while its bytes are scanned.
const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

func fnv(s string) uint32 {
	h := uint32(fnvOffset)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * fnvPrime
	}
	return h
}

// lexTable is a read-only hash table from lower-case words to their facts:
// open addressing over a power-of-two array of entries, at most half full.
// An entry holds the word's hash, the word itself (up to maxInlineKey
// bytes) and its facts in one 64-byte cache line, so that finding a word
// costs one trip to memory; the few longer words are in a map.
//
// In front of it is a bit for each hash value modulo 2¹⁷, set for the
// words in the table: 16 KB that stay in the processor's nearest cache
// while the table itself is pushed out by the other stages, so that most
// words VADER does not know cost no trip to memory at all.
type lexTable struct {
	entries []entry
	n       int               // entries in use
	long    map[string]*facts // words longer than maxInlineKey
	bloom   [filterBits / 64]uint64
}

type entry struct {
	facts
	hash uint32
	klen uint8 // 0: an empty entry
	key  [maxInlineKey]byte
}

const (
	maxInlineKey = 35 // makes an entry 64 bytes
	filterBits   = 1 << 17
)

// newLexTable returns an empty table for up to n words.
func newLexTable(n int) lexTable {
	size := 1024
	for size < 2*n {
		size *= 2
	}
	return lexTable{entries: make([]entry, size), long: map[string]*facts{}}
}

// upsert returns the facts of word w for changing, adding w if it is new.
func (t *lexTable) upsert(w string) *facts {
	h := fnv(w)
	b := h >> 15 % filterBits // bits other than those that pick the entry
	t.bloom[b/64] |= 1 << (b % 64)
	if len(w) > maxInlineKey {
		f := t.long[w]
		if f == nil {
			f = new(facts)
			t.long[w] = f
		}
		return f
	}
	mask := uint32(len(t.entries) - 1)
	i := h & mask
	for ; t.entries[i].klen != 0; i = (i + 1) & mask {
		if e := &t.entries[i]; e.hash == h && string(e.key[:e.klen]) == w {
			return &e.facts
		}
	}
	if 2*(t.n+1) > len(t.entries) {
		panic("tone: lexicon table too small")
	}
	t.n++
	e := &t.entries[i]
	e.hash, e.klen = h, uint8(len(w))
	copy(e.key[:], w)
	return &e.facts
}

// maybe reports whether the filter lets a word of hash h through: whether
// it may be in the table.
func (t *lexTable) maybe(h uint32) bool {
	return t.bloom[h>>21]&(1<<(h>>15%64)) != 0 // bit h>>15 % filterBits
}

// probe is one word that passed the filter, for lexTable.look: its index
// in the words and the length byte of the entry its hash points to.
type probe struct {
	word int32
	klen uint8
}

// look sets the facts of each of words, words of text, and returns slots
// (a buffer, returned for reuse) grown as it needed. It works in three
// short loops so that the trips to memory of many words overlap: the
// filter, in the nearest cache, lists the words that may be in the table;
// then one load of each listed word's entry, independent of the others,
// which is all the second loop does; then, the entries in cache, the
// comparison of each word with its key.
func (t *lexTable) look(text string, words []word, slots []probe) []probe {
	slots = slices.Grow(slots, len(words))[:len(words)]
	n := 0
	for i := range words {
		w := &words[i]
		w.facts = &noFacts
		slots[n].word = int32(i)
		if t.maybe(w.hash) {
			n++
		}
	}
	slots = slots[:n]
	mask := uint32(len(t.entries) - 1)
	for k := range slots {
		slots[k].klen = t.entries[words[slots[k].word].hash&mask].klen
	}
	for _, p := range slots {
		if w := &words[p.word]; p.klen != 0 || w.end-w.start > maxInlineKey {
			w.facts = t.find(text[w.start:w.end], w.hash)
		}
	}
	return slots
}

// noFacts are the facts of a word VADER does not know.
var noFacts facts

// get returns the facts of the word w, whose lower-case form has FNV-1a
// hash h; noFacts if there are none.
func (t *lexTable) get(w string, h uint32) *facts {
	if !t.maybe(h) {
		return &noFacts
	}
	return t.find(w, h)
}

// find is get without the filter.
func (t *lexTable) find(w string, h uint32) *facts {
	if len(w) > maxInlineKey {
		if f := t.long[string(appendLower(nil, w))]; f != nil {
			return f
		}
		return &noFacts
	}
	mask := uint32(len(t.entries) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		e := &t.entries[i]
		if e.klen == 0 {
			return &noFacts
		}
		if e.hash == h && int(e.klen) == len(w) && equalLower(w, e.key[:e.klen]) {
			return &e.facts
		}
	}
}

// equalLower reports whether w with ASCII capitals lowered equals k; they
// have the same length.
func equalLower(w string, k []byte) bool {
	for i := 0; i < len(k); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != k[i] {
			return false
		}
	}
	return true
}
