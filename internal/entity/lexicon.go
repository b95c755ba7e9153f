package entity

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/doc"
)

//go:embed titles.tsv
var titlesTSV string

//go:embed orgs.tsv
var orgsTSV string

//go:embed firstnames.txt
var firstNamesTxt string

//go:embed usstates.tsv
var usStatesTSV string

//go:embed orgwords.tsv
var orgWordsTSV string

// title is one entry of titles.tsv.
type title struct {
	sector string
	gender byte // 'M', 'F' or 0
	head   bool // head of state or government
	abbr   bool // a form of address (Mr, Dr), not a role
}

// org is one entry of orgs.tsv.
type org struct {
	name    string
	sector  string
	country string // ISO3 of a national body ("Kremlin" → RUS)
}

// lexicons holds the parsed data files, built once.
type lexicons struct {
	titles    map[string]title // lower-case word → title
	titleList []title          // the titles, for wordInfo.title
	orgs      []org
	orgFull   map[string]int    // lower-case full name, words joined by one space → index in orgs
	orgAbbr   map[string]int    // abbreviation or one-word name as written → index in orgs
	orgHead   map[string]uint8  // lower-case first word of a multi-word name → longest name in words
	gender    map[string]byte   // given name → 'M' or 'F'
	states    map[string]string // AP abbreviation of a US state ("Mich.") → its name
	sectors   map[string]string // lower-case word of an organisation's name → sector

	// words classifies lower-case words for the per-token passes; table
	// holds the same in an open-addressing table probed without folding
	// the token first, maxLen the longest key.
	words  map[string]wordInfo
	table  []wordSlot // open addressing over words' ASCII keys
	maxLen int
	// filter has bit hashFold(w)>>15 set for every key w: most tokens are
	// in no lexicon, and a test in this 16 KB bit set turns them away
	// without a probe of table, which is too large for the fastest cache.
	filter [1 << 11]uint64
}

// wordSlot is one slot of lexicons.table; an empty key marks a free slot.
type wordSlot struct {
	key  string
	info wordInfo
}

// hashFold is FNV-1a over the bytes of w folded to lower case (ASCII).
func hashFold(w string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}

// wordInfo returns what the lexicons know about w, ignoring case.
func (l *lexicons) wordInfo(w string) wordInfo {
	if len(w) > l.maxLen || len(w) == 0 {
		return wordInfo{}
	}
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			wi, _ := lookupFold(l.words, w) // not ASCII: the map, by strings.ToLower
			return wi
		}
	}
	hw := hashFold(w)
	if l.filter[hw>>21]&(1<<(hw>>15&63)) == 0 {
		return wordInfo{}
	}
	mask := uint32(len(l.table) - 1)
	for h := hw & mask; ; h = (h + 1) & mask {
		sl := &l.table[h]
		if sl.key == "" {
			return wordInfo{}
		}
		if len(sl.key) == len(w) && equalFoldASCII(sl.key, w) {
			return sl.info
		}
	}
}

// wordInfo is what the lexicons know about a lower-case word.
type wordInfo struct {
	flags wordFlag
	orgN  uint8  // for wOrgHead: the most words of an organisation's name it starts
	title uint16 // for wTitle: index in lexicons.titleList
	pron  pronoun
}

// wordFlag is a set of word classes.
type wordFlag uint16

// The word classes of wordInfo.
const (
	wTitle        wordFlag = 1 << iota // titles.tsv
	wPronoun                           // he, him, his, she, her …
	wOrgHead                           // first word of a multi-word name in orgs.tsv
	wOrgAbbr                           // an abbreviation in orgs.tsv, in some case
	wFacHead                           // facHeads
	wModifier                          // modifiers
	wThe                               // the determiner "the"
	wEventHead                         // eventHeads
	wGroup                             // groupWords
	wTrail                             // trailWords
	wInterjection                      // interjections
)

// trailWords never end a name; a chunk ending in one was read off a
// title-case headline.
var trailWords = []string{
	"was", "is", "are", "were", "will", "would", "says", "said", "has", "had", "have",
	"be", "been", "to", "in", "on", "of", "at", "for", "and", "but", "or", "the",
	"not", "by", "with", "from", "after", "before", "that", "this", "between", "among",
}

// interjections are not people when the model takes one alone for a name.
var interjections = []string{"well", "yes", "no", "oh", "so", "now", "okay", "ok", "thanks", "please", "hello", "hey", "wow"}

var lex = sync.OnceValue(func() *lexicons {
	l := &lexicons{
		titles:  make(map[string]title, 200),
		orgFull: make(map[string]int, 64),
		orgAbbr: make(map[string]int, 64),
		orgHead: make(map[string]uint8, 64),
		gender:  make(map[string]byte, 600),
	}
	for _, line := range dataLines(titlesTSV) {
		f := strings.Split(line, "\t")
		for len(f) < 4 {
			f = append(f, "")
		}
		t := title{sector: strings.TrimSpace(f[1]), head: f[3] == "head", abbr: f[3] == "abbr"}
		if g := strings.TrimSpace(f[2]); g != "" {
			t.gender = g[0]
		}
		l.titles[f[0]] = t
	}
	for _, line := range dataLines(orgsTSV) {
		f := strings.Split(line, "\t")
		for len(f) < 4 {
			f = append(f, "")
		}
		i := len(l.orgs)
		l.orgs = append(l.orgs, org{name: f[0], sector: f[2], country: f[3]})
		names := []string{f[0]}
		if f[1] != "" {
			names = append(names, strings.Split(f[1], "|")...)
		}
		for _, n := range names {
			words := strings.Fields(n)
			if len(words) == 1 {
				l.orgAbbr[n] = i
				continue
			}
			k := strings.ToLower(strings.Join(words, " "))
			l.orgFull[k] = i
			h := strings.ToLower(words[0])
			if uint8(len(words)) > l.orgHead[h] {
				l.orgHead[h] = uint8(len(words))
			}
		}
	}
	l.words = make(map[string]wordInfo, 512)
	set := func(w string, f func(*wordInfo)) {
		wi := l.words[w]
		f(&wi)
		l.words[w] = wi
	}
	for w, t := range l.titles {
		set(w, func(wi *wordInfo) { wi.flags |= wTitle; wi.title = uint16(len(l.titleList)) })
		l.titleList = append(l.titleList, t)
	}
	for w, p := range pronouns {
		set(w, func(wi *wordInfo) { wi.flags |= wPronoun; wi.pron = p })
	}
	for w, n := range l.orgHead {
		set(w, func(wi *wordInfo) { wi.flags |= wOrgHead; wi.orgN = n })
	}
	for w := range l.orgAbbr {
		set(strings.ToLower(w), func(wi *wordInfo) { wi.flags |= wOrgAbbr })
	}
	for w := range facHeads {
		set(w, func(wi *wordInfo) { wi.flags |= wFacHead })
	}
	for w := range modifiers {
		set(w, func(wi *wordInfo) { wi.flags |= wModifier })
	}
	for w := range eventHeads {
		set(w, func(wi *wordInfo) { wi.flags |= wEventHead })
	}
	for w := range groupWords {
		set(w, func(wi *wordInfo) { wi.flags |= wGroup })
	}
	set("the", func(wi *wordInfo) { wi.flags |= wThe })
	for _, w := range trailWords {
		set(w, func(wi *wordInfo) { wi.flags |= wTrail })
	}
	for _, w := range interjections {
		set(w, func(wi *wordInfo) { wi.flags |= wInterjection })
	}
	l.sectors = make(map[string]string, 96)
	for _, line := range dataLines(orgWordsTSV) {
		if w, sec, ok := strings.Cut(line, "\t"); ok {
			l.sectors[w] = sec
		}
	}
	l.states = make(map[string]string, 64)
	for _, line := range dataLines(usStatesTSV) {
		if abbr, name, ok := strings.Cut(line, "\t"); ok {
			l.states[abbr] = name
		}
	}
	n := 64
	for n < 4*len(l.words) {
		n *= 2
	}
	l.table = make([]wordSlot, n)
	for w, wi := range l.words {
		l.maxLen = max(l.maxLen, len(w))
		hw := hashFold(w)
		l.filter[hw>>21] |= 1 << (hw >> 15 & 63)
		for h := hw & uint32(n-1); ; h = (h + 1) & uint32(n-1) {
			if l.table[h].key == "" {
				l.table[h] = wordSlot{w, wi}
				break
			}
		}
	}
	for _, line := range dataLines(firstNamesTxt) {
		g, name, ok := strings.Cut(line, " ")
		if ok && (g == "M" || g == "F") {
			l.gender[name] = g[0]
		}
	}
	return l
})

// dataLines returns the lines of a data file that are neither empty nor comments.
func dataLines(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimRight(line, "\r")
		if line != "" && line[0] != '#' {
			out = append(out, line)
		}
	}
	return out
}

// lookupFold looks s up in m, whose keys are lower case, without
// allocating for ASCII words of up to 64 bytes.
func lookupFold[V any](m map[string]V, s string) (V, bool) {
	var buf [64]byte
	if len(s) > len(buf) {
		v, ok := m[strings.ToLower(s)]
		return v, ok
	}
	b := buf[:len(s)]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			v, ok := m[strings.ToLower(s)]
			return v, ok
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	v, ok := m[string(b)] // no allocation: the compiler reads b in place
	return v, ok
}

// lookupTitle returns the title entry of word, ignoring case.
func lookupTitle(word string) (title, bool) {
	return lookupFold(lex().titles, word)
}

// isPossessive reports whether a token is the possessive clitic 's or ’s
// or a lone apostrophe.
func isPossessive(w string) bool {
	switch w {
	case "'s", "’s", "'S", "’S", "'", "’":
		return true
	}
	return false
}

// isCapitalised reports whether w starts with an upper-case letter.
func isCapitalised(w string) bool {
	if w != "" && w[0] < utf8.RuneSelf {
		return 'A' <= w[0] && w[0] <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// isAllCaps reports whether w has at least two letters and no lower-case one.
func isAllCaps(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 2
}

// groupWords are MISC words that name religious or political groups.
var groupWords = map[string]bool{
	"republican": true, "republicans": true, "democrat": true, "democrats": true,
	"conservative": true, "conservatives": true, "tory": true, "tories": true,
	"socialist": true, "socialists": true, "communist": true, "communists": true,
	"muslim": true, "muslims": true, "christian": true, "christians": true,
	"jew": true, "jews": true, "jewish": true, "catholic": true, "catholics": true,
	"protestant": true, "protestants": true, "sunni": true, "sunnis": true, "shia": true,
	"shi'ite": true, "shi'ites": true, "shiite": true, "shiites": true, "hindu": true,
	"hindus": true, "sikh": true, "sikhs": true, "buddhist": true, "buddhists": true,
	"islamist": true, "islamists": true, "kurd": true, "kurds": true, "kurdish": true,
	"arab": true, "arabs": true, "palestinians": true, "palestinian": true, "serbs": true,
	"croats": true, "taliban": true, "orthodox": true, "bolshevik": true, "bolsheviks": true,
}

// eventHeads end the name of an event ("World Cup", "Cold War", "Olympic Games").
var eventHeads = map[string]bool{
	"war": true, "wars": true, "games": true, "olympics": true, "cup": true, "summit": true,
	"championship": true, "championships": true, "revolution": true, "crisis": true,
	"conference": true, "festival": true, "uprising": true, "massacre": true, "genocide": true,
	"olympiad": true, "tournament": true, "grand prix": true, "open": true,
}

// miscType says what a MISC chunk of tokens [s, e) is: NORP for
// nationalities and groups, EventName for named events, or "" to drop it.
func (a *analysis) miscType(s, e int) doc.EntityType {
	norp := true
	for i := s; i < e; i++ {
		if _, ok := a.demonym(i); ok && !isAllCapsShort(a.words[i]) {
			continue
		}
		if a.info[i].flags&wGroup != 0 {
			continue
		}
		norp = false
		break
	}
	if norp {
		return doc.NORP
	}
	if e-s >= 2 && a.info[e-1].flags&wEventHead != 0 && isCapitalised(a.word(e-1)) {
		return doc.EventName
	}
	return ""
}

// isAllCapsShort reports whether w is a short acronym such as "US" or
// "UK": a country, not a nationality.
func isAllCapsShort(w string) bool { return len(w) <= 4 && isAllCaps(w) }

// lookupBool reports whether m holds s, ignoring case.
func lookupBool(m map[string]bool, s string) bool {
	v, _ := lookupFold(m, s)
	return v
}
