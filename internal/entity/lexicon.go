package entity

import (
	_ "embed"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/lazy"
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
	// the token to a string first, maxLen the longest key.
	words  map[string]wordInfo
	table  wordTable
	maxLen int
	// sig has bit signature(k) set for every key k whose signature is
	// ASCII: a test of mayKnow.
	sig [sigBits / 64]uint64
}

// sigBits is the size of lexicons.sig in bits, 1<<sigLog.
const (
	sigLog  = 14
	sigBits = 1 << sigLog
)

// signature returns the bit of lexicons.sig for word w, len(w) > 0, or
// ok false if one of its first two or last two bytes is not ASCII. The
// bit depends on those four bytes, with bit 0x20 set (which folds letters
// to lower case): a token whose four are ASCII keeps them, in lower case,
// where strings.ToLower leaves them, so a key it is in any case has its
// signature.
func signature(w string) (bit uint32, ok bool) {
	// The one byte of a one-byte word is first, second, last but one and
	// last: the indexes say so without a branch (one is 0 for that word,
	// 1 for longer ones).
	n := len(w)
	one := 1 - 1>>uint(n-1)
	x := uint32(w[0]) | uint32(w[one])<<8 | uint32(w[n-1-one])<<16 | uint32(w[n-1])<<24
	x |= 0x20202020
	return x * 0x9e3779b1 >> (32 - sigLog), x&0x80808080 == 0
}

// mayKnow returns 1 if words may hold a word whose signature is bit, or
// not ASCII (ok false), ignoring case, and 0 if no key has that signature.
// Most tokens get 0, a test cheaper than a lookup; it is computed without
// a branch, as which tokens pass depends on their bytes, which the
// processor cannot predict. (Call it as l.mayKnow(signature(w)).)
func (l *lexicons) mayKnow(bit uint32, ok bool) int {
	var notASCII uint64
	if !ok {
		notASCII = 1
	}
	return int(l.sig[bit>>6]>>(bit&63)&1 | notASCII)
}

// wordTable is an open-addressing table of the ASCII keys of
// lexicons.words. A key is matched by its first eight bytes, packed into
// one number and folded to lower case, its length and, for longer keys,
// the rest of its bytes: most tokens are found, or found missing, with
// one probe that reads no string memory.
type wordTable struct {
	slots []wordSlot
	tails []string // tails[i]: the key of slots[i] after its first eight bytes
	shift uint     // 64 - log2(len(slots))
}

// wordSlot is one slot of wordTable; n == 0 marks a free slot.
type wordSlot struct {
	head uint64 // the key's first eight bytes (fewer zero-padded), little-endian, folded
	info wordInfo
	n    uint32 // the key's length
}

const (
	ones64 = 0x0101010101010101
	high64 = 0x80 * ones64 // the high bit of every byte
)

// pack8 returns the first eight bytes of s, len(s) ≥ 8, as a
// little-endian number.
func pack8(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// foldPacked folds to lower case the ASCII capitals among the bytes
// packed in x, none of which is 0x80 or more.
func foldPacked(x uint64) uint64 {
	upper := (x + (0x80-'A')*ones64) &^ (x + (0x80-'Z'-1)*ones64) & high64
	return x | upper>>2
}

// find returns the slot of ASCII word w, 0 < len(w), and whether w is
// there; if not, the free slot where it would go. It also returns w's
// folded head, and ascii false, and nothing else, if w is not ASCII.
// Words of up to eight bytes, most of them, are packed here without a
// call.
func (t *wordTable) find(w string) (head uint64, slot int, found, ascii bool) {
	n := len(w)
	var h uint64
	switch {
	case n > 8:
		head = pack8(w)
		last := pack8(w[n-8:])
		h = head | last
		for i := 8; i < n-8; i++ {
			h |= uint64(w[i]) // only the high bits matter here
		}
		if h&high64 != 0 {
			return 0, 0, false, false
		}
		head = foldPacked(head)
		h = head ^ foldPacked(last)*0xc4ceb9fe1a85ec53
	default:
		if n < 4 { // first, middle and last bytes, which overlap in shorter words
			m := n / 2
			head = uint64(w[0]) | uint64(w[m])<<(8*m) | uint64(w[n-1])<<(8*(n-1))
		} else { // two four-byte loads that overlap
			u := w[n-4:]
			head = uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
				(uint64(u[0])|uint64(u[1])<<8|uint64(u[2])<<16|uint64(u[3])<<24)<<(8*(n-4))
		}
		if head&high64 != 0 {
			return 0, 0, false, false
		}
		head = foldPacked(head)
		h = head
	}
	mask := len(t.slots) - 1
	for i := int(((h + uint64(n)) * 0x9e3779b97f4a7c15) >> t.shift); ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.n == 0 {
			return head, i, false, true
		}
		if sl.head == head && int(sl.n) == n && (n <= 8 || equalFoldASCII(t.tails[i], w[8:])) {
			return head, i, true, true
		}
	}
}

// build fills t with the ASCII keys of words, which are lower case.
func (t *wordTable) build(words map[string]wordInfo) {
	size := 64
	for size < 3*len(words) {
		size *= 2
	}
	t.slots, t.tails = make([]wordSlot, size), make([]string, size)
	t.shift = uint(64 - bits.TrailingZeros(uint(size)))
	for w, wi := range words {
		if w == "" {
			continue
		}
		head, i, _, ascii := t.find(w)
		if !ascii {
			continue
		}
		t.slots[i] = wordSlot{head: head, info: wi, n: uint32(len(w))}
		if len(w) > 8 {
			t.tails[i] = w[8:]
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
	wParticle                          // particles (not a word class of the other lexicons: surnames ignores it)
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

var lazyLexicons = lazy.New(buildLexicons)

// lex returns the lexicons, built on first use.
func lex() *lexicons { return lazyLexicons.Get() }

// buildLexicons parses the data files.
func buildLexicons() *lexicons {
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
	for w := range particles {
		set(w, func(wi *wordInfo) { wi.flags |= wParticle })
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
	for w := range l.words {
		l.maxLen = max(l.maxLen, len(w))
		if w == "" {
			continue
		}
		if b, ok := signature(w); ok {
			l.sig[b>>6] |= 1 << (b & 63)
		}
	}
	l.table.build(l.words)
	for _, line := range dataLines(firstNamesTxt) {
		g, name, ok := strings.Cut(line, " ")
		if ok && (g == "M" || g == "F") {
			l.gender[name] = g[0]
		}
	}
	return l
}

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
// allocating for words of up to 64 bytes.
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
			v, ok := m[string(appendLower(buf[:0], s))]
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

// appendLower appends w to b in lower case, as strings.ToLower writes it
// (which maps every rune by unicode.ToLower, an invalid byte to U+FFFD),
// without allocating.
func appendLower(b []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			for _, r := range w[i:] {
				if !punctuation(r) {
					r = unicode.ToLower(r)
				}
				b = utf8.AppendRune(b, r)
			}
			return b
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
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
	return !punctuation(r) && unicode.IsUpper(r)
}

// punctuation reports whether r is in the block General Punctuation
// (“ ” — …), which has no letters: the unicode tables need not be
// searched for its case.
func punctuation(r rune) bool { return 0x2000 <= r && r <= 0x206f }

// isAllCaps reports whether w has at least two letters and no lower-case one.
func isAllCaps(w string) bool {
	n := 0
	for i := 0; i < len(w); {
		if c := w[i]; c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				return false
			}
			if 'A' <= c && c <= 'Z' {
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
		i += size
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
	if e-s >= 2 && a.info[e-1].flags&wEventHead != 0 && a.capital(e-1) {
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
