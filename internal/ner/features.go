package ner

import (
	"unicode"
	"unicode/utf8"
)

// Features are hashed: a template id and one to three 64-bit values (word
// hashes, shapes, small codes) are mixed into 64 bits whose top bits pick a
// row of the weight table. Nothing is allocated per feature.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
	mulA      = 0x9E3779B97F4A7C15
	mulB      = 0xff51afd7ed558ccd
)

func mix(h uint64) uint64 {
	h *= mulB
	h ^= h >> 31
	h *= mulA
	return h
}

func fh1(t, a uint64) uint64    { return mix(t*mulA ^ a) }
func fh2(t, a, b uint64) uint64 { return mix(mix(t*mulA^a) ^ b) }

// Shape classes of a token.
const (
	clsLower    = iota // "said"
	clsTitle           // "Paris", "A"
	clsUpper           // "NATO", "U.S."
	clsMixed           // "McDonald", "iPhone"
	clsDigit           // "1996-08-22", "3.5", "F-16"
	clsPunct           // ",", "(", "--"
	clsBoundary        // outside the sentence
)

// Token flags.
const (
	flHyphen = 1 << iota
	flApos
	flPeriod
	flHasDigit
	flHasUpper
	flHasLower
	flOneRune
	flAmp
)

// tokInfo holds what is computed once per token and read by most of
// them; its affixes, read only to make a word's own features, are kept
// apart. It fills 32 bytes, half a cache line.
type tokInfo struct {
	// The word (digits as 0, quotes folded; 0 in a token the word cache
	// analysed, whose entry holds it), lowercased word, compressed shape.
	hw, hl, shape uint64
	tokCodes
}

// tokCodes are the small fields of a tokInfo, apart so that the word
// memo copies them at once (memoSlot).
type tokCodes struct {
	naff       uint8 // number of valid affixes (min(4, runes))
	cls, flags uint8
	ocls       uint8 // cls as written, before truecasing
	title      bool  // a title or role word ("president", "mr")
	// With gazKnown set, what the gazetteer of the Model whose word
	// cache made t holds for the word alone (see gazetteer.mark).
	gaz uint8
}

// affixes are the hashes of a token's lowercased prefixes and suffixes of
// 1 to 4 runes, tokInfo.naff of each valid.
type affixes struct {
	pre, suf [4]uint64
}

// normRune folds typographic variants onto the ASCII forms CoNLL uses and
// maps every decimal digit to '0'.
func normRune(r rune) rune {
	switch r {
	case '\u2019', '\u2018', '\u201B', '\u2032', '`', '\u00B4':
		return '\''
	case '\u201C', '\u201D', '\u201E', '\u2033', '\u00AB', '\u00BB':
		return '"'
	case '\u2013', '\u2014', '\u2012', '\u2212', '\u2010', '\u2011':
		return '-'
	}
	if r >= '0' && r <= '9' || r > 127 && unicode.IsDigit(r) {
		return '0'
	}
	return r
}

func lowerRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 32
		}
		return r
	}
	return unicode.ToLower(r)
}

// punctFlags returns the token flags a rune other than a letter or digit
// sets.
func punctFlags(r rune) uint8 {
	switch r {
	case '-':
		return flHyphen
	case '\'':
		return flApos
	case '.':
		return flPeriod
	case '&':
		return flAmp
	}
	return 0
}

// asciiChar is what analyseFold computes from an ASCII character.
type asciiChar struct {
	norm, lower uint8 // normRune, and lowerRune of that
	shape       uint8 // its character in the word's shape: 'd', 'X', 'x' or norm
	flags       uint8 // the flags it sets: flHasDigit, flHasUpper, flHasLower or punctFlags
	letter      uint8 // 1 for a letter
	alnum       bool  // a letter or digit
	upper       bool  // an upper-case letter
}

// asciiInfo gives the asciiChar of each ASCII character.
var asciiInfo = func() (t [utf8.RuneSelf]asciiChar) {
	for c := rune(0); c < utf8.RuneSelf; c++ {
		r := normRune(c)
		lr := lowerRune(r)
		e := &t[c]
		e.norm, e.lower = uint8(r), uint8(lr)
		switch {
		case r == '0':
			e.shape, e.flags, e.alnum = 'd', flHasDigit, true
		case lr != r || unicode.IsUpper(r):
			e.shape, e.flags, e.letter, e.alnum, e.upper = 'X', flHasUpper, 1, true, true
		case unicode.IsLetter(r):
			e.shape, e.flags, e.letter, e.alnum = 'x', flHasLower, 1, true
		default:
			e.shape, e.flags = uint8(r), punctFlags(r)
		}
	}
	return t
}()

func hashRunes(rs []rune) uint64 {
	h := uint64(fnvOffset)
	for _, r := range rs {
		h = (h ^ uint64(r)) * fnvPrime
	}
	return h | 1
}

// Case folds applied by truecasing.
const (
	foldNone = iota
	foldLower
	foldTitle
	foldUpper
)

// analyse fills t from the token s and returns its affixes.
func (t *tokInfo) analyse(s string) affixes { return t.analyseFold(s, foldNone) }

// analyseFold fills t from the token s as if it were written in the case
// fold says ("MACRON" read as "Macron") and returns its affixes.
func (t *tokInfo) analyseFold(s string, fold uint8) (a affixes) {
	var (
		hw, hl, hs   = uint64(fnvOffset), uint64(fnvOffset), uint64(fnvOffset)
		first        [4]rune
		last         [4]rune
		n            int
		lastShape    rune = -1
		shapeLen     int
		flags        uint8
		firstUp      bool
		upperAfter   bool
		letters      int
		digitOrAlpha bool
	)
	for _, r := range s {
		var lr, sc rune
		if r < utf8.RuneSelf {
			// ASCII, most runes: the same steps as below, from a table.
			if fold != foldNone {
				switch {
				case fold == foldLower || fold == foldTitle && n > 0:
					if 'A' <= r && r <= 'Z' {
						r += 'a' - 'A'
					}
				case fold == foldUpper || fold == foldTitle:
					if 'a' <= r && r <= 'z' {
						r -= 'a' - 'A'
					}
				}
			}
			a := &asciiInfo[r&(utf8.RuneSelf-1)]
			r, lr, sc = rune(a.norm), rune(a.lower), rune(a.shape)
			flags |= a.flags
			letters += int(a.letter)
			digitOrAlpha = digitOrAlpha || a.alnum
			if a.upper {
				if n == 0 {
					firstUp = true
				} else {
					upperAfter = true
				}
			}
		} else {
			switch {
			case fold == foldLower || fold == foldTitle && n > 0:
				r = lowerRune(r)
			case fold == foldUpper || fold == foldTitle:
				r = unicode.ToUpper(r)
			}
			r = normRune(r)
			lr = lowerRune(r)
			switch {
			case r == '0':
				sc = 'd'
				flags |= flHasDigit
				digitOrAlpha = true
			case lr != r || unicode.IsUpper(r):
				sc = 'X'
				flags |= flHasUpper
				letters++
				digitOrAlpha = true
				if n == 0 {
					firstUp = true
				} else {
					upperAfter = true
				}
			case unicode.IsLetter(r):
				sc = 'x'
				flags |= flHasLower
				letters++
				digitOrAlpha = true
			default:
				sc = r
				flags |= punctFlags(r)
			}
		}
		hw = (hw ^ uint64(r)) * fnvPrime
		hl = (hl ^ uint64(lr)) * fnvPrime
		if sc != lastShape && shapeLen < 12 {
			hs = (hs ^ uint64(sc)) * fnvPrime
			lastShape = sc
			shapeLen++
		}
		if n < 4 {
			first[n] = lr
		}
		last[n&3] = lr
		n++
	}
	t.hw, t.hl, t.shape = hw|1, hl|1, hs|1
	if n == 1 {
		flags |= flOneRune
	}
	t.flags = flags
	k := n
	if k > 4 {
		k = 4
	}
	t.naff = uint8(k)
	// tail holds the last k runes in order, ending at tail[3].
	var tail [4]rune
	for j := 4 - k; j < 4; j++ {
		tail[j] = last[(n-4+j)&3]
	}
	hp := uint64(fnvOffset)
	for i := 1; i <= k; i++ {
		hp = (hp ^ uint64(first[i-1])) * fnvPrime
		a.pre[i-1] = hp | 1 // hashRunes(first[:i])
		a.suf[i-1] = hashRunes(tail[4-i:])
	}
	switch {
	case !digitOrAlpha:
		t.cls = clsPunct
	case flags&flHasDigit != 0:
		t.cls = clsDigit
	case firstUp && flags&flHasLower == 0:
		if letters >= 2 {
			t.cls = clsUpper
		} else {
			t.cls = clsTitle
		}
	case firstUp && !upperAfter:
		t.cls = clsTitle
	case firstUp || upperAfter:
		t.cls = clsMixed
	default:
		t.cls = clsLower
	}
	t.title = titleWords.has(t.hl)
	if fold == foldNone {
		t.ocls = t.cls
	}
	return a
}

// capitalised reports whether the token starts with a capital letter
// (Title, UPPER or Mixed case), the tokens that can be names.
func (t *tokInfo) capitalised() bool {
	// clsTitle, clsUpper and clsMixed follow one another: one comparison.
	return t.cls-clsTitle <= clsMixed-clsTitle
}

// Sentence modes.
const (
	modeNormal  = 0
	modeAllCaps = 1 // a headline or dateline in capitals
	modeTitle   = 2 // Title Case Headline
)

// sentenceMode classifies a sentence by its capitalisation.
func sentenceMode(toks []tokInfo) uint8 {
	// Counted without branches, which the mix of words would mispredict:
	// a token without letters is neither lower, UPPER, Title nor Mixed.
	var letterTok, withLower, upper, longTok, longCap uint64
	for i := range toks {
		t := &toks[i]
		lower := uint64(t.flags/flHasLower) & 1
		letterTok += uint64(t.flags/flHasUpper|t.flags/flHasLower) & 1
		withLower += lower
		upper += b2u(t.cls == clsUpper)
		long := lower & b2u(t.naff == 4)
		longTok += long
		longCap += long & b2u(t.cls|2 == clsMixed) // clsTitle or clsMixed
	}
	switch {
	case upper >= 1 && withLower == 0, letterTok >= 6 && withLower*8 <= letterTok:
		return modeAllCaps
	case longTok >= 3 && longCap*4 >= longTok*3:
		return modeTitle
	}
	return modeNormal
}

// titleWords are lowercased role words that often precede a name. They
// generalise what the word features learn for the frequent ones to rarer
// titles. Written by hand for newsgraph.
var titleWords = newWordSet(
	"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "sir", "dame", "lord", "lady",
	"president", "vice", "prime", "minister", "secretary", "chancellor", "premier", "king", "queen",
	"prince", "princess", "pope", "sheikh", "emir", "sultan", "ayatollah", "rabbi", "father", "bishop",
	"archbishop", "cardinal", "senator", "sen.", "sen", "rep.", "rep", "representative", "congressman",
	"congresswoman", "governor", "gov.", "gov", "mayor", "judge", "justice", "ambassador", "envoy",
	"general", "gen.", "gen", "colonel", "col.", "major", "maj.", "captain", "capt.", "lt.", "sgt.",
	"admiral", "adm.", "commander", "chairman", "chairwoman", "chair", "chief", "ceo", "director",
	"spokesman", "spokeswoman", "spokesperson", "leader", "counterpart", "coach", "manager", "striker",
	"midfielder", "defender", "goalkeeper", "forward", "champion", "analyst", "economist", "officer",
	"official", "attorney", "lawyer", "professor", "dean", "deputy", "commissioner", "treasurer",
	"president-elect", "st.", "saint", "mp", "mep", "speaker", "actor", "actress", "singer",
	"photographer", "correspondent", "editor", "reporter", "founder", "owner", "head", "boss",
)

// orgWords are lowercased words that end company and institution names.
// Written by hand for newsgraph.
var orgWords = newWordSet(
	"inc", "inc.", "corp", "corp.", "corporation", "co", "co.", "ltd", "ltd.", "limited", "plc", "llc",
	"ag", "sa", "s.a.", "spa", "nv", "n.v.", "bv", "gmbh", "ab", "asa", "oy", "oyj", "kk", "bhd",
	"group", "holdings", "holding", "bank", "bancorp", "bancshares", "airlines", "airways",
	"industries", "international", "technologies", "systems", "partners", "motors", "pharmaceuticals",
	"university", "institute", "association", "federation", "union", "party", "council", "committee",
	"ministry", "agency", "commission", "club", "fc", "united", "city", "rovers", "athletic",
)

// inWords are prepositions that put a place after them.
var inWords = newWordSet("in", "near", "at")

// wordSet is a small open-addressing set of lowercased word hashes, faster
// than a map for the per-token lookups.
type wordSet struct {
	keys []uint64
	mask uint64
}

func newWordSet(words ...string) wordSet {
	size := 16
	for size < 4*len(words) {
		size *= 2
	}
	s := wordSet{keys: make([]uint64, size), mask: uint64(size - 1)}
	for _, w := range words {
		h := hashRunes([]rune(w))
		i := (h >> 40) & s.mask
		for s.keys[i] != 0 && s.keys[i] != h {
			i = (i + 1) & s.mask
		}
		s.keys[i] = h
	}
	return s
}

// has reports whether the word with hash h (as in tokInfo.hl) is in s.
func (s wordSet) has(h uint64) bool {
	for i := (h >> 40) & s.mask; ; i = (i + 1) & s.mask {
		switch s.keys[i] {
		case h:
			return true
		case 0:
			return false
		}
	}
}
