package quote

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
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
	f   flags
	cue cueClass
}

// table is an open-addressing hash table from lower-case words to their
// entries, faster than a map for the one lookup per token that the stage
// makes: the hash is computed while the word is lower-cased.
type table struct {
	hashes  []uint32 // the hash of each slot's key, 0 for an empty slot: probed first, they fit the cache
	keys    []string
	entries []entry
	mask    uint32
}

// slotHash is the hash h as stored in table.hashes, never 0.
func slotHash(h uint32) uint32 { return h | 1 }

// fnv is the FNV-1a step.
func fnv(h uint32, c byte) uint32 { return (h ^ uint32(c)) * 16777619 }

const fnvBasis = 2166136261

func newTable(m map[string]entry) *table {
	n := 1
	for n < 4*len(m) {
		n <<= 1
	}
	t := &table{hashes: make([]uint32, n), keys: make([]string, n), entries: make([]entry, n), mask: uint32(n - 1)}
	for k, e := range m {
		h := uint32(fnvBasis)
		for i := 0; i < len(k); i++ {
			h = fnv(h, k[i])
		}
		for i := h & t.mask; ; i = (i + 1) & t.mask {
			if t.hashes[i] == 0 {
				t.hashes[i], t.keys[i], t.entries[i] = slotHash(h), k, e
				break
			}
		}
	}
	return t
}

// get returns the entry of key, whose hash is h.
func (t *table) get(key []byte, h uint32) (entry, bool) {
	sh := slotHash(h)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		switch t.hashes[i] {
		case 0:
			return entry{}, false
		case sh:
			if t.keys[i] == string(key) {
				return t.entries[i], true
			}
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
	return m
}

// lookup returns the lexicon entry of word w, matched in lower case, with
// the form flags fCap and fWord set. It does not allocate.
func lookup(lex *table, w string) entry {
	var e entry
	if w == "" {
		return e
	}
	if c := w[0]; len(w) == 1 && c < utf8.RuneSelf && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
		return e // punctuation: in no word class
	}
	r, _ := utf8.DecodeRuneInString(w)
	switch {
	case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
		e.f = fWord
	case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
		e.f = fWord | fCap
	case r >= utf8.RuneSelf && unicode.IsUpper(r):
		e.f = fWord | fCap
	case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
		e.f = fWord
	}
	if len(w) > 24 {
		return e
	}
	var buf [24]byte
	n := 0
	h := uint32(fnvBasis)
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
		h = fnv(h, c)
		n++
	}
	if x, ok := lex.get(buf[:n], h); ok {
		e.f |= x.f
		e.cue = x.cue
	} else if n > 4 && buf[n-2] == 'l' && buf[n-1] == 'y' && e.f&fCap == 0 {
		e.f |= fAdverb
	}
	return e
}

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
