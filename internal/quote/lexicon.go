package quote

import (
	_ "embed"
	"maps"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/doc"
)

//go:embed cues.txt
var cueData string

//go:embed words.txt
var wordData string

// cueClass is the class of a reporting verb (see cues.txt).
type cueClass uint8

const (
	noCue     cueClass = iota
	sayCue             // speech: quotations, that-clauses and bare clauses
	tellCue            // speech to a hearer: "told reporters (that) …"
	askCue             // questions: quotations only
	thinkCue           // belief: that-clauses and bare clauses
	writeCue           // writing and posting: quotations and that-clauses
	callCue            // "called it “…”", "accused Obama of …": quotations and objects
	stanceCue          // "endorsed Clinton", "wants to win": quotations and objects
	topicCue           // "spoke about the economy": the object of a preposition
	seemCue            // "Trump appeared paralyzed": the writer's view, the whole clause
)

var cueClasses = map[string]cueClass{
	"say": sayCue, "tell": tellCue, "ask": askCue, "think": thinkCue, "write": writeCue, "call": callCue, "stance": stanceCue, "topic": topicCue, "seem": seemCue,
}

// flags are the word classes of a token (see words.txt), and facts about
// its form and place.
type flags uint16

const (
	fPronoun flags = 1 << iota
	fDet
	fSkip
	fTitle
	fNaming
	fWork
	fPeople
	fPrep
	fStop
	fCap     // starts with an upper-case letter
	fWord    // starts with a letter or digit
	fInQuote // inside the content of a quotation
	fMark    // a quotation mark
	fSurvey  // a source of figures: poll, survey, study
	fBase    // the bare form of a cue verb ("attack", "retort"), which is also a noun
	fSaid    // a noun for something said or held ("assertion", "criticism")
)

// fAdverb marks a lower-case word in -ly, skipped between a speaker and
// the cue ("Clinton emphatically proclaimed"); it shares fSkip.
const fAdverb = fSkip

var wordClasses = map[string]flags{
	"pronoun": fPronoun, "det": fDet, "skip": fSkip, "title": fTitle, "naming": fNaming,
	"work": fWork, "people": fPeople, "prep": fPrep, "noun": 0, "survey": fSurvey, "said": fSaid,
}

// stopWords end a noun phrase: conjunctions, complementisers and
// prepositions that do not continue a description.
const stopWords = "and or but nor yet so that which whom whose when where while as if because than though although since until unless whether after before during about against into through over under between among without within upon via per like to by not " +
	// discourse adverbs that open sentences ("However, he said")
	"however meanwhile instead now later today yesterday tonight tomorrow indeed moreover furthermore nevertheless nonetheless thus therefore hence otherwise afterwards afterward overall again earlier here there " +
	// days and months ("On Thursday, Sanders said")
	"monday tuesday wednesday thursday friday saturday sunday january february march april june july august september october november december"

// pastToo reports whether the bare form w of a verb is also its past
// ("read", "cut").
func pastToo(w string) bool {
	switch w {
	case "read", "cut", "hit", "put", "set", "let", "quit", "spread", "bet":
		return true
	}
	return false
}

// entry is what the lexicon knows about one lower-case word.
type entry struct {
	f    flags
	cue  cueClass
	tags wordTags
}

// wordTags mark the words that a few rules look for, so that the others
// can be passed over quickly.
type wordTags uint8

const (
	tParticle wordTags = 1 << iota // one of particles
	tReport                        // a cue, a noun for something said, or "according": a report may start there (see indirect)
	tContext                       // a particle or a word with fSkip: one whose entry depends on the word before (see reset)
)

// table is an open-addressing hash table from lower-case words of at most
// 16 bytes to their entries, faster than a map for the one lookup per token
// that the stage makes: a key is packed into two little-endian words, zero
// beyond its end, so that a probe compares numbers, and most tokens are
// packed and lower-cased eight bytes at a time.
type table struct {
	slots [tableSize]slot // a key's first slot is the top tableBits bits of its hash
}

// tableBits is the log2 of the number of slots in a table: a fixed size,
// so that an index into it needs no bounds check. The lexicon's 1,450
// words fill about a third of it (at most half, newTable checks): the
// probes of a document mostly miss the caches, the other stages running
// between two documents, and 128 KB are missed less than 256 KB were
// (quote.lookup 4.0% -> 3.0% of a cold run, perf cpu-clock).
const (
	tableBits = 12
	tableSize = 1 << tableBits
)

// slot is one place in a table; n == 0 for an empty slot. (n is a whole
// word, first, and a slot 32 bytes, for the quickest probe.)
type slot struct {
	n      uint64 // the key's length in bytes
	k0, k1 uint64 // the key, packed
	e      entry
}

// maxKey is the length in bytes of the longest key a table can hold.
const maxKey = 16

// keyHash is the hash of the packed key k0, k1 of length n.
func keyHash(k0, k1 uint64, n int) uint64 {
	return (k0 ^ bits.RotateLeft64(k1, 29) ^ uint64(n)) * 0x9E3779B97F4A7C15
}

func newTable(m map[string]entry) *table {
	if 2*len(m) > tableSize {
		panic("quote: " + strconv.Itoa(len(m)) + " lexicon words fill more than half a table; raise tableBits")
	}
	t := new(table)
	for _, k := range slices.Sorted(maps.Keys(m)) { // the same layout, and the same probes, every run
		e := m[k]
		if len(k) == 0 || len(k) > maxKey {
			panic("quote: lexicon word " + strconv.Quote(k) + " is empty or longer than 16 bytes")
		}
		var buf [maxKey]byte
		copy(buf[:], k)
		k0, k1 := le64(buf[:8]), le64(buf[8:])
		for i := keyHash(k0, k1, len(k)) >> (64 - tableBits); ; i = (i + 1) % tableSize {
			if t.slots[i].n == 0 {
				t.slots[i] = slot{n: uint64(len(k)), k0: k0, k1: k1, e: e}
				break
			}
		}
	}
	return t
}

// get returns the entry of the packed key k0, k1 of length n (never found
// if n > maxKey: the key is longer than its packed form).
func (t *table) get(k0, k1 uint64, n int) (entry, bool) {
	for i := keyHash(k0, k1, n) >> (64 - tableBits); ; i++ {
		s := &t.slots[i%tableSize]
		if s.k0 == k0 && s.k1 == k1 && s.n == uint64(n) {
			return s.e, true
		}
		if s.n == 0 {
			return entry{}, false
		}
	}
}

var lexicon = sync.OnceValue(func() *table { return newTable(lexiconMap()) })

func lexiconMap() map[string]entry {
	m := make(map[string]entry, 1024)
	for _, line := range strings.Split(cueData, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		class, forms, _ := strings.Cut(line, "\t")
		c := cueClasses[class]
		for k, w := range strings.Fields(forms) {
			e := m[w]
			if e.cue == noCue {
				e.cue = c
			}
			if k == 0 && !pastToo(w) {
				e.f |= fBase
			}
			m[w] = e
		}
	}
	for _, line := range strings.Split(wordData, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		class, words, _ := strings.Cut(line, "\t")
		for _, w := range strings.Fields(words) {
			e := m[w]
			e.f |= wordClasses[class]
			m[w] = e
		}
	}
	for _, w := range strings.Fields(stopWords) {
		e := m[w]
		e.f |= fStop
		m[w] = e
	}
	for _, w := range strings.Fields(particles) {
		e := m[w]
		e.tags |= tParticle
		m[w] = e
	}
	e := m["according"]
	e.tags |= tReport
	m["according"] = e
	for w, e := range m {
		if e.cue != noCue || e.f&fSaid != 0 {
			e.tags |= tReport
		}
		if e.tags&tParticle != 0 || e.f&fSkip != 0 {
			e.tags |= tContext
		}
		m[w] = e
	}
	return m
}

// lookup sets info[i] to the lexicon entry of token i of s, matched in
// lower case, with the form flags fCap and fWord set, and words[i] to its
// text. A token that is not a valid span of s, or lies in none of the
// nSent sentences, gets the zero entry (and the text "" if its span is out
// of range). An ASCII token of at most 16 bytes that is not among the last
// 16 bytes of s (most tokens) is packed, lower-cased and hashed eight
// bytes at a time in a first loop without calls; the others are left to a
// second one, their indices kept in pend, which it returns. It allocates
// only if pend has less room than there are tokens.
func lookup(lex *table, info []winfo, words []string, pend []int, s string, toks []doc.Token, nSent int) []int {
	info, words = info[:len(toks)], words[:len(toks)]
	if cap(pend) < len(toks) {
		pend = make([]int, len(toks))
	}
	pend = pend[:len(toks)]
	np := 0 // pend[:np] are the tokens left for the second loop
	for i := range toks {
		t := &toks[i]
		start, end := t.Start, t.End
		n := end - start
		if uint(n-1) >= maxKey || start < 0 || start > len(s)-maxKey || uint(t.Sentence) >= uint(nSent) {
			pend[np], np = i, np+1
			continue
		}
		w, mask := s[start:start+maxKey], &keyMasks[n&31]
		k0, k1 := le64(w)&mask[0], le64(w[8:])&mask[1]
		if (k0|k1)&highs != 0 || end < len(s) && !utf8.RuneStart(s[end]) {
			pend[np], np = i, np+1
			continue
		}
		// ASCII, so start is a rune boundary, and so is end.
		words[i] = w[:n]
		e := entry{f: firstFlags[byte(k0)]}
		if n == 1 && e.f == 0 {
			info[i] = e // punctuation: in no word class
			continue
		}
		k0 = lowerASCII(k0)
		if n > 8 {
			k1 = lowerASCII(k1)
		}
		x, found := lex.get(k0, k1, n)
		info[i] = classify(e, x, found, w, n, n) // w, not s: the word ends at n
	}
	for _, i := range pend[:np] {
		t := toks[i]
		info[i] = lex.entryOf(s, t.Span, t.Sentence, nSent)
		if uint(t.Start) <= uint(t.End) && uint(t.End) <= uint(len(s)) {
			words[i] = s[t.Start:t.End]
		} else {
			words[i] = ""
		}
	}
	return pend
}

// keyMasks[n] keeps the first n bytes of a 16-byte key, 0 <= n <= 16, in
// its two halves.
var keyMasks = func() (m [32][2]uint64) {
	for n := 1; n <= maxKey; n++ {
		m[n][0] = lowBytes(min(n, 8))
		if n > 8 {
			m[n][1] = lowBytes(n - 8)
		}
	}
	return m
}()

// highs has the top bit of each byte set: a packed key has none of them
// unless its word is not ASCII.
const highs = 0x8080808080808080

// entryOf returns the entry of a token at the span t of s in sentence
// sent, as lookup does; it is the general case, for the tokens that
// lookup does not pack itself.
func (lex *table) entryOf(s string, t doc.Span, sent, nSent int) entry {
	start, end := t.Start, t.End
	if start >= end || !doc.ValidUTF8Span(s, t) || uint(sent) >= uint(nSent) {
		return entry{}
	}
	e := entry{f: firstFlags[s[start]]}
	if c := s[start]; c >= utf8.RuneSelf {
		e.f = runeFlags(s[start:end])
	} else if end-start == 1 && e.f == 0 {
		return e // punctuation: in no word class
	}
	if end-start > 24 {
		return e
	}
	k0, k1, n := foldKey(s[start:end])
	x, found := lex.get(k0, k1, n)
	return classify(e, x, found, s, end, n)
}

// classify returns e, the form flags of a word of s that ends at end and
// is n bytes long in lower case, with its lexicon entry x if found; if
// not, and the word is in lower case and ends in -ly, with fAdverb.
func classify(e, x entry, found bool, s string, end, n int) entry {
	if found {
		x.f |= e.f
		return x
	}
	if n > 4 && s[end-2]|0x20 == 'l' && s[end-1]|0x20 == 'y' && e.f&fCap == 0 {
		e.f |= fAdverb
	}
	return e
}

// runeFlags returns the form flags of the word w, which starts with a
// character beyond ASCII.
func runeFlags(w string) flags {
	r, _ := utf8.DecodeRuneInString(w)
	switch {
	case '\u2000' <= r && r <= '\u206F':
		return 0 // general punctuation, “ ” ’ —: quick, and no letter or digit there
	case unicode.IsUpper(r):
		return fWord | fCap
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return fWord
	}
	return 0
}

// firstFlags are the form flags of a word by its first byte, if ASCII.
var firstFlags = func() (t [256]flags) {
	for c := '0'; c <= '9'; c++ {
		t[c] = fWord
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = fWord
		t[c-'a'+'A'] = fWord | fCap
	}
	return t
}()

// foldKey returns w lower-cased in ASCII, with ’ as ', and its length n
// after that, packed as a table key when n <= maxKey. w has at most 24
// bytes.
func foldKey(w string) (k0, k1 uint64, n int) {
	var buf [24]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c == 0xE2 && i+2 < len(w) && w[i+1] == 0x80 && w[i+2] == 0x99 { // ’ → '
			c = '\''
			i += 2
		}
		buf[n] = c
		n++
	}
	return le64(buf[:8]), le64(buf[8:16]), n
}

// lowBytes returns a mask of the low n bytes of a word, 0 < n <= 8.
func lowBytes(n int) uint64 { return ^uint64(0) >> (64 - 8*uint(n)) }

// lowerASCII lower-cases the ASCII letters of the eight bytes x, which are
// all below 0x80.
func lowerASCII(x uint64) uint64 {
	const ones = 0x0101010101010101
	upper := (x + (0x80-'A')*ones) &^ (x + (0x80-'Z'-1)*ones) & (0x80 * ones)
	return x | upper>>2
}

// particles are the particles of the phrasal verbs of speech that phrasal
// knows: the lexicon marks them, so that most tokens need no call.
const particles = "back out in up it"

// phrasal reports whether the verb v and the particle p after it form a
// verb of speech that neither word is alone: "shot back", "fired back",
// "cried out", "chimed in" (PolNeAR train cues).
func phrasal(v, p string) bool {
	switch p {
	case "back":
		switch v {
		case "shot", "shoots", "shoot", "fired", "fires", "fire", "hit", "hits", "struck", "strikes", "snapped", "snaps", "pushed", "pushes":
			return true
		}
	case "out":
		switch v {
		case "cried", "cries", "cry", "shouted", "yelled", "spoke", "speaks", "lashed", "lashes":
			return true
		}
	case "in":
		switch v {
		case "chimed", "chimes", "chime", "weighed", "weighs", "weigh", "cut", "cuts":
			return true
		}
	case "up":
		return v == "piped" || v == "pipes"
	case "it":
		return v == "put" || v == "puts" // as Cornyn put it: (before punctuation only)
	}
	return false
}

// isPunct reports whether t is a comma, colon or full stop.
func isPunct(t string) bool { return t == "," || t == ":" || t == "." || t == ";" }
