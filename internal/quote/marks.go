package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A quoted is one stretch of text between quotation marks, inside one
// paragraph. A quotation that runs over several paragraphs is several
// quoteds; all but the first have cont set.
type quoted struct {
	open, openEnd   int  // the opening mark [open, openEnd)
	close, closeEnd int  // the closing mark; close == closeEnd == paragraph end when unclosed
	closed          bool // a closing mark was found
	single          bool // ‘…’ or '…' rather than double marks
	cont            bool // continues the quotation of the previous paragraph
	runsOn          bool // unclosed, and the next paragraph continues it
}

// markRole says what a quotation mark can do where it stands.
type markRole uint8

const (
	roleNone   markRole = iota
	roleOpen            // can only open
	roleClose           // can only close
	roleEither          // either, decided by the glyph and the state
)

// doubleMark returns the width of a double quotation mark at s[i] and
// whether its glyph normally opens, closes or both (straight marks).
func doubleMark(s string, i int) (n int, glyph markRole) {
	c := s[i]
	switch {
	case c == '"':
		return 1, roleEither
	case c == '\'' && i+1 < len(s) && s[i+1] == '\'':
		return 2, roleEither // ''…'' as in the New York Times archive
	case c == '`' && i+1 < len(s) && s[i+1] == '`':
		return 2, roleOpen // ``…'' as in LaTeX and the Penn Treebank
	case c < utf8.RuneSelf:
		return 0, roleNone
	}
	if strings.HasPrefix(s[i:], "’’") {
		return len("’’"), roleClose // a typist's ”
	}
	if strings.HasPrefix(s[i:], "‘‘") {
		return len("‘‘"), roleOpen
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	switch r {
	case '“', '„', '«':
		return n, roleOpen
	case '”', '»', '″':
		return n, roleClose
	}
	return 0, roleNone
}

// singleMark is doubleMark for single quotation marks and apostrophes.
func singleMark(s string, i int) (n int, glyph markRole) {
	c := s[i]
	if c == '\'' {
		return 1, roleEither
	}
	if c < utf8.RuneSelf {
		return 0, roleNone
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	switch r {
	case '‘', '‹':
		return n, roleOpen
	case '’', '›':
		return n, roleClose
	}
	return 0, roleNone
}

// before and after return the rune on either side of s[i:j] within
// [lo, hi), or -1 at the edge.
func before(s string, lo, i int) rune {
	if i <= lo {
		return -1
	}
	r, _ := utf8.DecodeLastRuneInString(s[lo:i])
	return r
}

func after(s string, j, hi int) rune {
	if j >= hi {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(s[j:hi])
	return r
}

// leftSide reports whether r, the rune before a mark, lets the mark open:
// the edge, a space, an opening bracket or dash, or another mark.
func leftSide(r rune) bool {
	switch r {
	case -1, '(', '[', '{', '—', '–', '-', '/', '“', '‘', '"', '\'', '«', '„':
		return true
	}
	return unicode.IsSpace(r)
}

// rightSide reports whether r, the rune after a mark, lets the mark close.
func rightSide(r rune) bool {
	switch r {
	case -1, '.', ',', ';', ':', '!', '?', ')', ']', '}', '—', '–', '-', '”', '’', '"', '\'', '»', '…', '/':
		return true
	}
	return unicode.IsSpace(r)
}

// role decides what the mark s[i:j] does in the paragraph [lo, hi): the
// spacing around it first, its glyph when the spacing says nothing.
func role(s string, lo, hi, i, j int, glyph markRole) markRole {
	b, a := before(s, lo, i), after(s, j, hi)
	l, r := leftSide(b), rightSide(a)
	switch {
	case l && !r:
		return roleOpen
	case r && !l:
		return roleClose
	case !l && !isWordRune(a) && (b == '.' || b == '?' || b == '!' || b == '…'):
		return roleClose // glued to the end of a sentence: …the headline.“[HuffPost.]
	}
	return glyph
}

// isWordRune reports whether r is a letter or digit.
func isWordRune(r rune) bool {
	return r >= 0 && (r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') ||
		r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)))
}

// findQuoteds appends to dst the quoted stretches of text, paragraph by
// paragraph (a paragraph is a line). Marks that pair with nothing are
// ignored; a mark left open at the end of a paragraph closes there, so an
// odd number of marks never swallows the rest of the article. Single
// quotation marks inside double ones are part of the content and are not
// reported; apostrophes (don’t, Putin’s, the ’90s) are never marks.
func findQuoteds(dst []quoted, s string) []quoted {
	first := len(dst)
	f := newMarkFinder(s)
	for lo := 0; lo < len(s); {
		hi := strings.IndexByte(s[lo:], '\n')
		if hi < 0 {
			hi = len(s)
		} else {
			hi += lo
		}
		dst = paragraphQuoteds(dst, &f, lo, hi)
		lo = hi + 1
	}
	// A quotation left open at the end of a paragraph runs on when the
	// next non-blank paragraph opens with a mark of the same style.
	for k := first; k < len(dst); k++ {
		q := &dst[k]
		if q.closed || q.single {
			continue
		}
		j := q.closeEnd
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsSpace(r) {
				break
			}
			j += n
		}
		if k+1 < len(dst) && dst[k+1].open == j && !dst[k+1].single && straight(s[q.open]) == straight(s[j]) {
			// (of the same style: "… / “…” is a quotation inside an excerpt)
			q.runsOn = true
			dst[k+1].cont = true
		}
	}
	return dst
}

// straight reports whether the first byte c of a double mark is a
// typewriter mark (a straight double mark, or two apostrophes) rather
// than a typographic one.
func straight(c byte) bool { return c == '"' || c == '\'' || c == '`' }

// outerCloses reports whether a double mark of the style of the pending
// quotation (straight or not) closes it in s[j:hi], after a nested one of
// the other style: otherwise the pending mark is a stray (an excerpt that
// opens with " and quotes someone with “…”).
func outerCloses(s string, j, hi int, outerStraight bool) bool {
	inner := 0
	for i := j; i < hi; i++ {
		c := s[i]
		if c != '"' && c != '\'' && c < utf8.RuneSelf {
			continue
		}
		n, g := doubleMark(s, i)
		if n == 0 {
			continue
		}
		if straight(c) != outerStraight {
			inner++
		} else if inner >= 1 && (g == roleClose || g == roleEither && rightSide(after(s, i+n, hi))) {
			return true
		}
		i += n - 1
	}
	return false
}

// markBytes are the bytes that can begin a quotation mark: the ASCII
// marks, and the first bytes of the UTF-8 forms of “ ” „ ″ ‘ ’ ‹ › (E2)
// and of « » (C2). Neither is ever inside another character.
const markBytes = "\"'`\xE2\xC2"

// markFinder finds the next byte of text that may begin a quotation mark.
type markFinder struct {
	s    string
	next [len(markBytes)]int // next[k]: the first markBytes[k] at or after the last search from before it, len(s) if none
}

func newMarkFinder(s string) markFinder {
	f := markFinder{s: s}
	for k := range f.next {
		f.next[k] = -1 // not searched yet
	}
	return f
}

// find returns the index of the first byte in s[i:hi] that may begin a
// quotation mark (one of markBytes), or hi if there is none; i is on a
// rune boundary. Each kind of byte is searched for with strings.IndexByte
// only when the search reaches its last position.
func (f *markFinder) find(i, hi int) int {
	m := hi
	for k, p := range f.next {
		if p < i {
			if p = strings.IndexByte(f.s[i:], markBytes[k]); p < 0 {
				p = len(f.s)
			} else {
				p += i
			}
			f.next[k] = p
		}
		m = min(m, p)
	}
	return m
}

// le64 returns the first eight bytes of b as a little-endian number (one
// load, once the compiler has merged the byte loads).
func le64[T string | []byte](b T) uint64 {
	_ = b[7]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// paragraphQuoteds appends the quoted stretches of the paragraph [lo, hi).
func paragraphQuoteds(dst []quoted, f *markFinder, lo, hi int) []quoted {
	s := f.s
	dOpen, dOpenEnd := -1, -1 // the pending double opening mark
	nested := false           // a double quotation of the other style is open inside it
	sOpen, sOpenEnd := -1, -1 // the pending single opening mark, outside double marks
	for i := lo; i < hi; {
		if i = f.find(i, hi); i == hi {
			break
		}
		c := s[i]
		if c == '"' && before(s, lo, i) == '=' {
			// Markup: author="…". Skip the attribute value.
			j := i + 1
			for j < hi && s[j] != '"' && s[j] != '>' {
				j++
			}
			if j < hi && s[j] == '"' {
				j++
			}
			i = j
			continue
		}
		if n, g := doubleMark(s, i); n > 0 {
			j := i + n
			rl := role(s, lo, hi, i, j, g)
			if dOpen >= 0 && (nested || rl == roleOpen && straight(s[dOpen]) != straight(c) && outerCloses(s, j, hi, straight(s[dOpen]))) {
				// "… about “Equal Justice Under Law” anymore": marks of the
				// other style inside a quotation are part of its content.
				if nested && rl != roleOpen && straight(s[dOpen]) != straight(c) {
					nested = false
				} else if !nested {
					nested = true
				} else {
					// A mark of the outer style while nested: the inner
					// quotation was never closed; this one closes the outer.
					nested = false
					if rl != roleOpen {
						dst = append(dst, quoted{open: dOpen, openEnd: dOpenEnd, close: i, closeEnd: j, closed: true})
						dOpen = -1
					}
				}
				i = j
				continue
			}
			switch rl {
			case roleOpen:
				if dOpen >= 0 && g == roleClose {
					// A closing glyph that looks like an opener: ” used as “
					// is rarer than a closer before a word ("”and").
					dst = append(dst, quoted{open: dOpen, openEnd: dOpenEnd, close: i, closeEnd: j, closed: true})
					dOpen = -1
					break
				}
				dOpen, dOpenEnd = i, j // a second opener drops the first
				sOpen = -1
			case roleClose:
				if dOpen >= 0 {
					dst = append(dst, quoted{open: dOpen, openEnd: dOpenEnd, close: i, closeEnd: j, closed: true})
					dOpen = -1
				}
			case roleEither:
				if dOpen >= 0 {
					dst = append(dst, quoted{open: dOpen, openEnd: dOpenEnd, close: i, closeEnd: j, closed: true})
					dOpen = -1
				} else {
					dOpen, dOpenEnd = i, j
					sOpen = -1
				}
			}
			i = j
			continue
		}
		n, g := singleMark(s, i)
		if n == 0 {
			_, w := utf8.DecodeRuneInString(s[i:])
			i += w
			continue
		}
		j := i + n
		if dOpen >= 0 {
			i = j // nested in a double quotation: part of its content
			continue
		}
		pr, nr := before(s, lo, i), after(s, j, hi)
		switch {
		case isWordRune(pr) && isWordRune(nr):
			// don’t, Putin’s, rock'n'roll
		case '0' <= nr && nr <= '9' && !isWordRune(pr) && sOpen < 0:
			// the ’90s, '16
		default:
			switch role(s, lo, hi, i, j, g) {
			case roleOpen:
				sOpen, sOpenEnd = i, j
			case roleClose, roleEither:
				if sOpen >= 0 && i > sOpenEnd {
					dst = append(dst, quoted{open: sOpen, openEnd: sOpenEnd, close: i, closeEnd: j, closed: true, single: true})
					sOpen = -1
				} else if sOpen < 0 && g == roleEither && leftSide(pr) {
					sOpen, sOpenEnd = i, j
				}
			}
		}
		i = j
	}
	if dOpen >= 0 {
		end := hi
		for end > dOpenEnd && (s[end-1] == ' ' || s[end-1] == '\t' || s[end-1] == '\r') {
			end--
		}
		dst = append(dst, quoted{open: dOpen, openEnd: dOpenEnd, close: end, closeEnd: end})
	}
	return dst
}
