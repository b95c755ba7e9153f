package geo

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// latin1 folds U+00C0..U+00FF to lower-case ASCII; "" marks a separator.
var latin1 = [64]string{
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", // C0
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss", // D0
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", // E0
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y", // F0
}

// latinA folds U+0100..U+017F (Latin Extended-A) to lower-case ASCII.
var latinA = [128]string{
	"a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d", // 100
	"d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g", // 110
	"g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i", // 120
	"i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l", // 130
	"l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o", // 140
	"o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s", // 150
	"s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u", // 160
	"u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s", // 170
}

// fold returns the lookup key for a place name or word: lower case, Latin
// diacritics removed ("São Paulo" → "sao paulo"), apostrophes and dots
// dropped ("Xi'an" → "xian", "St." → "st"), every other run of punctuation or
// space turned into one space, and a leading "the " removed. Letters of other
// scripts are kept, lower-cased.
func fold(s string) string {
	var buf [64]byte
	return string(appendFold(buf[:0], s))
}

// appendFold appends the fold of s to dst and returns the extended slice.
func appendFold(dst []byte, s string) []byte {
	start := len(dst)
	// Most names are, or start with, ASCII letters and digits: those are
	// copied in a tight loop, the rest by the general one.
	dst = slices.Grow(dst, len(s))
	b := dst[start : start+len(s)]
	i := 0
	for ; i < len(b); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		} else if (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			break
		}
		b[i] = c
	}
	dst = dst[:start+i]
	space := false // a separator is pending
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == '\'' || c == '.' || c == '`':
				continue
			default:
				space = true
				continue
			}
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			dst = append(dst, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		var t string
		switch {
		case r >= 0xC0 && r <= 0xFF:
			t = latin1[r-0xC0]
		case r >= 0x100 && r <= 0x17F:
			t = latinA[r-0x100]
		case r == 0x218 || r == 0x219: // Ș ș
			t = "s"
		case r == 0x21A || r == 0x21B: // Ț ț
			t = "t"
		case r >= 0x300 && r <= 0x36F, r == 0x2BB, r == 0x2BC, r == 0x2018, r == 0x2019:
			continue // combining marks and apostrophe-like letters: dropped
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
			continue
		}
		if t == "" {
			space = true
			continue
		}
		if space && len(dst) > start {
			dst = append(dst, ' ')
		}
		space = false
		dst = append(dst, t...)
	}
	if k := dst[start:]; len(k) > 4 && string(k[:4]) == "the " {
		dst = append(dst[:start], k[4:]...)
	}
	return dst
}

// maxAcronym is the most letters of an acronym.
const maxAcronym = 16

// acronym returns s without dots and spaces if it is written in capitals
// ("US", "U.S.", "U.A.E."), and "" otherwise. Acronyms are matched
// case-sensitively so that the pronoun "us" is not the United States.
func acronym(s string) string {
	var buf [maxAcronym]byte
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			if n == len(buf) {
				return ""
			}
			buf[n] = c
			n++
		case c == '.' || c == ' ':
		default:
			return ""
		}
	}
	if n < 2 {
		return ""
	}
	return string(buf[:n])
}

// trimPossessive removes a final "'s", "’s", or apostrophe after s
// ("Russia's" → "Russia", "Philippines'" → "Philippines").
func trimPossessive(s string) string {
	// Every form ends in 's', 'S', an apostrophe or the last byte of "’";
	// most words do not.
	if n := len(s); n == 0 || s[n-1] != 's' && s[n-1] != 'S' && s[n-1] != '\'' && s[n-1] != "’"[2] {
		return s
	}
	for _, suf := range []string{"'s", "’s", "'S", "’S"} {
		if len(s) > len(suf) && s[len(s)-len(suf):] == suf {
			return s[:len(s)-len(suf)]
		}
	}
	if n := len(s); n > 2 && (s[n-1] == '\'' && s[n-2] == 's') {
		return s[:n-1]
	}
	if n := len(s); n > 4 && s[n-3:] == "’" && s[n-4] == 's' {
		return s[:n-3]
	}
	return s
}
