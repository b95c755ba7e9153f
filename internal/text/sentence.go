package text

import (
	"github.com/newsgraph/newsgraph/doc"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentences appends to dst the sentences of s[start:end], given its tokens
// (as returned by Tokenize for the same range), as half-open ranges of
// token indices [First, Last) into toks.
//
// A sentence ends at ".", "?", "!" or "…" (with any closing quotation marks
// and brackets that follow it) when the next token can start a sentence.
// A period that belongs to an abbreviation ends a sentence only when the
// next word is an unmistakable sentence start.
func Sentences(dst []Range, s string, toks []doc.Span) []Range {
	first := 0
	for i := 0; i < len(toks); i++ {
		if i = mayEnd(s, toks, i); i == len(toks) {
			break
		}
		t := s[toks[i].Start:toks[i].End]
		strength := terminator(t)
		if strength == 0 {
			continue
		}
		// Take closing quotes and brackets that follow with no space.
		j := i + 1
		for j < len(toks) && toks[j].Start == toks[j-1].End && isCloser(s[toks[j].Start:toks[j].End]) {
			j++
		}
		if j >= len(toks) {
			break
		}
		next := s[toks[j].Start:toks[j].End]
		if toks[j].Start == toks[i].End {
			w := t // the period and the word it ends
			if t == "." && i > 0 && toks[i-1].End == toks[i].Start {
				w = s[toks[i-1].Start:toks[i].End]
			}
			if initialsGo(w, next) {
				continue // "(D-N.Y) said": one letter after another's period
			}
		}
		if canStart(next, strength) {
			dst = append(dst, Range{first, j})
			first = j
			i = j - 1
		}
	}
	if first < len(toks) {
		dst = append(dst, Range{first, len(toks)})
	}
	return dst
}

// mayEnd returns the index of the first token of toks from i on whose
// last byte may end a sentence (the others terminator would say notEnd),
// or len(toks): a loop of its own, with few values to keep in registers.
func mayEnd(s string, toks []doc.Span, i int) int {
	for ; i < len(toks); i++ {
		if e := toks[i].End; e > 0 && endsTerminator[s[e-1]] {
			break
		}
	}
	return i
}

// initialsGo reports whether next, written right after t with no space,
// continues a run of initials: t ends in a single letter and a period
// ("D-N.", "U.") and next is one capital letter ("Y", "S").
func initialsGo(t, next string) bool {
	n := len(t)
	return len(next) == 1 && isUpperAt(next, 0) && n >= 2 && t[n-1] == '.' && isLetterByte(t[n-2]) &&
		(n == 2 || !isLetterByte(t[n-3]))
}

func isLetterByte(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// Range is a half-open range of indices [First, Last).
type Range struct{ First, Last int }

const (
	notEnd    = iota
	weakEnd   // an abbreviation's period: "Inc.", "U.S."
	strongEnd // ".", "?", "!", "…"
)

// endsTerminator marks the last bytes of the tokens terminator looks at.
var endsTerminator = [256]bool{'.': true, '?': true, '!': true, 0xA6: true} // 0xA6: the last byte of "…"

func terminator(t string) int {
	// Every terminator ends in '.', '?', '!' or the last byte of "…" (a
	// token that starts with ".." is a run of dots).
	if t == "" {
		return notEnd
	}
	switch t[len(t)-1] {
	case '.', '?', '!', "…"[2]:
	default:
		return notEnd
	}
	switch t {
	case ".", "?", "!", "…", "...", "?!", "!!":
		return strongEnd
	}
	if len(t) > 1 && t[len(t)-1] == '.' {
		w := t[:len(t)-1]
		if abbrev(w) == titleAbbrev || isSingleUpper(w) {
			return notEnd
		}
		return weakEnd
	}
	if strings.HasPrefix(t, "..") {
		return strongEnd
	}
	return notEnd
}

func isCloser(t string) bool {
	switch t {
	case "\"", "”", "’", "'", ")", "]", "»", "″":
		return true
	}
	return false
}

// sentenceStarters are words that begin sentences far more often than they
// continue a name after an abbreviation.
var sentenceStarters = map[string]bool{
	"The": true, "He": true, "She": true, "It": true, "They": true, "We": true, "I": true,
	"In": true, "But": true, "A": true, "An": true, "This": true, "That": true, "There": true,
	"His": true, "Her": true, "Their": true, "Its": true, "Our": true, "And": true, "As": true,
	"On": true, "At": true, "For": true, "If": true, "When": true, "While": true, "After": true,
	"Mr.": true, "Mrs.": true, "Ms.": true, "Mr": true, "Mrs": true, "Ms": true,
}

func canStart(next string, strength int) bool {
	r, _ := utf8.DecodeRuneInString(next)
	if strength == weakEnd {
		return sentenceStarters[next]
	}
	switch {
	case unicode.IsUpper(r), unicode.IsDigit(r):
		return true
	case r == '"' || r == '“' || r == '‘' || r == '\'' || r == '(' || r == '[' || r == '«' || r == '—' || r == '-':
		return true
	}
	return false
}
