// Package text splits blocks into sentences and tokens with byte offsets.
//
// Tokens follow the conventions of Reuters/Penn Treebank style corpora, so
// that models trained on them see the same units at run time: punctuation
// marks are tokens of their own, "'s" and "n't" are split off, hyphenated
// words stay whole, and abbreviations keep their period ("U.S.", "Mr.").
package text

import (
	_ "embed"

	"github.com/newsgraph/newsgraph/doc"

	"math/bits"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed abbreviations.txt
var abbrevData string

type abbrevKind uint8

const (
	notAbbrev abbrevKind = iota
	titleAbbrev
	wordAbbrev
)

// abbrevTable is abbreviations.txt: the kind of each abbreviation, and
// the length in bytes of the longest.
type abbrevTable struct {
	kinds  map[string]abbrevKind
	maxLen int
}

var abbrevs = sync.OnceValue(func() abbrevTable {
	t := abbrevTable{kinds: make(map[string]abbrevKind)}
	for _, line := range strings.Split(abbrevData, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		w, kind, _ := strings.Cut(line, "\t")
		if kind == "title" {
			t.kinds[w] = titleAbbrev
		} else {
			t.kinds[w] = wordAbbrev
		}
		t.maxLen = max(t.maxLen, len(w))
	}
	return t
})

// abbrev returns the kind of abbreviation w is (without its dot), or
// notAbbrev; a word longer than every abbreviation, as most words before
// a full stop are, without a lookup.
func abbrev(w string) abbrevKind {
	t := abbrevs()
	if len(w) > t.maxLen {
		return notAbbrev
	}
	return t.kinds[w]
}

// class is a coarse character class used by the tokenizer.
type class uint8

const (
	space class = iota
	letter
	digit
	punct
)

var asciiClass = func() (t [256]class) { // 256 entries: indexing with a byte needs no bounds check
	for c := 0; c < 128; c++ {
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			t[c] = space
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			t[c] = letter
		case '0' <= c && c <= '9':
			t[c] = digit
		default:
			t[c] = punct
		}
	}
	return t
}()

// classAt returns the class of the rune at s[i] and its width in bytes.
// The loops over every byte (Tokenize, wordEnd) test for ASCII themselves
// and call classAtSlow only for other runes, saving a call a byte.
func classAt(s string, i int) (class, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return asciiClass[c], 1
	}
	return classAtSlow(s, i)
}

// classAtSlow is classAt for a rune outside ASCII.
func classAtSlow(s string, i int) (class, int) {
	r, n := utf8.DecodeRuneInString(s[i:])
	switch {
	case 0x2010 <= r && r <= 0x2027: // dashes, curly quotes, bullets, "…": all punctuation (P*)
		return punct, n
	case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
		return letter, n
	case unicode.IsNumber(r):
		return digit, n
	case unicode.IsSpace(r):
		return space, n
	}
	return punct, n
}

// isAlnum reports whether s[i] starts a letter or digit.
func isAlnum(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	c, _ := classAt(s, i)
	return c == letter || c == digit
}

func isLetterAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	c, _ := classAt(s, i)
	return c == letter
}

func isDigitAt(s string, i int) bool { return i < len(s) && '0' <= s[i] && s[i] <= '9' }

// apostropheAt returns the width of an apostrophe (' or ’) at s[i], or 0.
func apostropheAt(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	switch s[i] {
	case '\'':
		return 1
	case "’"[0]:
		if strings.HasPrefix(s[i:], "’") {
			return len("’")
		}
	}
	return 0
}

// clitic returns the length of a clitic ("'s", "'re", "'ve", "'ll", "'d",
// "'m") starting with the apostrophe at s[i], or 0.
func clitic(s string, i int) int {
	a := apostropheAt(s, i)
	if a == 0 {
		return 0
	}
	j := i + a
	if j >= len(s) {
		return 0
	}
	n := 0 // the length of the clitic's letters, by their first
	switch s[j] {
	case 's', 'S', 'd', 'D', 'm', 'M':
		n = 1
	case 'r', 'v', 'l', 'R', 'V', 'L':
		if j+1 < len(s) && s[j+1] == clitic2[s[j]] {
			n = 2
		}
	}
	if n > 0 && !isLetterAt(s, j+n) {
		return a + n
	}
	return 0
}

// clitic2 is the second letter of the clitics of two letters ('re, 've,
// 'll, in lower or upper case), by their first.
var clitic2 = [256]byte{'r': 'e', 'v': 'e', 'l': 'l', 'R': 'E', 'V': 'E', 'L': 'L'}

// Tokenize appends to dst the spans of the tokens of s[start:end] and
// returns the extended slice. Offsets are byte offsets into s.
func Tokenize(dst []doc.Span, s string, start, end int) []doc.Span {
	s = s[:end]
	i := start
	for i < end {
		var c class
		n := 1
		if b := s[i]; b < utf8.RuneSelf {
			c = asciiClass[b]
		} else {
			c, n = classAtSlow(s, i)
		}
		switch {
		case c == space:
			i += n
		case c == letter || c == digit:
			// Most words are ASCII letters and digits up to a space: no
			// need for the rules of wordEnd.
			j := alnumEnd(s, i)
			if j < end && s[j] != ' ' && s[j] != '\n' {
				j = wordEnd(s, i)
			}
			dst = append(dst, doc.Span{Start: i, End: j})
			i = j
			if i < end && s[i] == ' ' {
				i++ // the usual space after a word, without another turn
			}
		default:
			j := punctEnd(s, i, n)
			dst = append(dst, doc.Span{Start: i, End: j})
			i = j
		}
	}
	return dst
}

// wordEnd returns the end of the word that starts at s[i].
func wordEnd(s string, i int) int {
	start := i
	dotted := false // a dotted initialism such as U.S. or p.m.
	for i < len(s) {
		i = alnumEnd(s, i)
		if i == len(s) {
			break
		}
		b := s[i]
		if b == ' ' || b == '\n' {
			return i // the usual end of a word: none of the cases below
		}
		if b < utf8.RuneSelf {
			if c := asciiClass[b]; c == letter || c == digit {
				i++
				continue
			}
		} else if c, n := classAtSlow(s, i); c == letter || c == digit {
			i += n
			continue
		}
		switch {
		case b == '-' && i > start && isAlnum(s, i+1):
			i++
			continue
		case b == '.' && isDigitAt(s, i+1) && isDigitAt(s, i-1):
			i++
			continue
		case b == ',' && isDigitAt(s, i-1) && isDigitAt(s, i+1) && isDigitAt(s, i+2) && isDigitAt(s, i+3) && !isDigitAt(s, i+4):
			i++
			continue
		case b == '.' && isLetterAt(s, i+1) && singleLetterSegment(s, start, i) && (i+2 >= len(s) || s[i+2] == '.'):
			dotted = true
			i++
			continue
		case b == '&' && i > start && isUpperAt(s, i-1) && isUpperAt(s, i+1):
			i++
			continue
		}
		if a := apostropheAt(s, i); a > 0 && isLetterAt(s, i+a) {
			if clitic(s, i) > 0 {
				return i
			}
			// n't: split before the n ("do|n't", "ca|n't").
			if i-start >= 2 && (s[i-1] == 'n' || s[i-1] == 'N') && (s[i+a] == 't' || s[i+a] == 'T') && !isLetterAt(s, i+a+1) {
				return i - 1
			}
			i += a // O'Brien, rock'n'roll
			continue
		}
		break
	}
	if i < len(s) && s[i] == '.' && !isAlnum(s, i+1) {
		w := s[start:i]
		if dotted || abbrev(w) != notAbbrev || isSingleUpper(w) {
			return i + 1
		}
	}
	return i
}

// alnumEnd returns the end of the run of ASCII letters and digits at
// s[i:], looking at eight bytes at a time while eight are left (it may
// stop before the run's end in the last seven bytes of s).
func alnumEnd(s string, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for i+8 <= len(s) {
		x := le64(s[i : i+8])
		// Byte-wise range tests on the low seven bits (no carries cross
		// bytes): the top bit of a byte of in(lo, hi) is set when lo <= b <= hi.
		x7 := x &^ highs
		in := func(v uint64, lo, hi uint64) uint64 { return (v + (0x80-lo)*ones) &^ (v + (0x7f-hi)*ones) & highs }
		alnum := (in(x7, '0', '9') | in(x7|0x20*ones, 'a', 'z')) &^ x // not a byte of a multi-byte rune
		n := bits.TrailingZeros64(^alnum&highs) / 8
		i += n
		if n < 8 {
			break
		}
	}
	return i
}

// singleLetterSegment reports whether the segment of s before the period at
// dot (back to start or the previous period) is a single letter.
func singleLetterSegment(s string, start, dot int) bool {
	j := dot - 1
	for j > start && !utf8.RuneStart(s[j]) {
		j--
	}
	return j == start || s[j-1] == '.' || s[j-1] == '-' // "D-N.Y." after a party letter
}

func isUpperAt(s string, i int) bool { return i >= 0 && i < len(s) && 'A' <= s[i] && s[i] <= 'Z' }

func isSingleUpper(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return n == len(w) && unicode.IsUpper(r)
}

// punctEnd returns the end of the punctuation token that starts at s[i]
// with a first rune of n bytes.
func punctEnd(s string, i, n int) int {
	if n := clitic(s, i); n > 0 && i > 0 && isLetterBefore(s, i) {
		return i + n
	}
	switch s[i] {
	case '.', '-':
		j := i
		for j < len(s) && s[j] == s[i] {
			j++
		}
		return j
	}
	return i + n
}

func isLetterBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r)
}

// le64 returns the first eight bytes of s as a little-endian number (one
// load, once the compiler has merged the byte loads).
func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}
