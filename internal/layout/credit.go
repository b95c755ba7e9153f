package layout

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/doc"
)

//go:embed agencies.txt
var agencyData string

var agencies = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool)
	for _, line := range strings.Split(agencyData, "\n") {
		if line != "" && line[0] != '#' {
			m[strings.ToLower(line)] = true
		}
	}
	return m
})

// creditLabels introduce a photo credit ("Photograph: Andrew Harnik/Getty
// Images"). Matched without regard to case; longest first.
var creditLabels = []string{
	"photograph by", "photographs by", "photo credit:", "photo by", "photos by",
	"photograph:", "photographs:", "photography:", "illustration:", "photo:", "photos:",
	"picture:", "pictures:", "image:", "images:", "credit:", "video:",
}

// agencyWords make a credit part an agency rather than a person.
var agencyWords = map[string]bool{
	"images": true, "photo": true, "photos": true, "press": true, "news": true, "agency": true,
	"times": true, "post": true, "pool": true, "service": true, "wire": true, "media": true,
	"features": true, "library": true, "archive": true, "archives": true, "handout": true,
	"office": true, "ministry": true, "department": true, "house": true, "tv": true, "stock": true,
}

// findCredit returns the span of a photo credit at the end of the line
// text[start:end], or ok=false. Spans are byte offsets into text.
func findCredit(text string, start, end int) (doc.Span, bool) {
	line := text[start:end]
	lineEnd := start + len(strings.TrimRight(line, " \t\r"))
	// Labelled credits end their label at a colon or at " by": look at each
	// from the end of the line back, so the last credit wins.
	var buf [16]int
	for _, i := range labelEnds(buf[:0], line) {
		ls, ok := labelEndingAt(line, i+1)
		if !ok || !labelBoundary(line, ls) {
			continue
		}
		tail := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(line[i+1:]), ")"))
		if !plausibleCredit(tail) {
			continue
		}
		if ls > 0 && line[ls-1] == '(' {
			ls--
		}
		return doc.Span{Start: start + ls, End: lineEnd}, true
	}
	// A label-less wire credit: "… in Kyiv. REUTERS/Gleb Garanich" or "(AP Photo/Evan Vucci)".
	if strings.IndexByte(line, '/') < 0 {
		return doc.Span{}, false
	}
	seg := lastSegment(line)
	inner := strings.Trim(strings.TrimSpace(seg), "()")
	if r, _ := utf8.DecodeRuneInString(inner); r == '-' || r == '–' || r == '—' {
		return doc.Span{}, false // "– Bloomberg/Guardian" is a syndication line
	}
	if strings.Contains(inner, "/") && plausibleCredit(inner) && hasAgency(inner) {
		off := len(line) - len(seg) + (len(seg) - len(strings.TrimLeft(seg, " ")))
		return doc.Span{Start: start + off, End: lineEnd}, true
	}
	return doc.Span{}, false
}

// labelEnds appends to dst the offsets in line of every ':' and of the 'y'
// of every " by" and " By", from the last to the first: where a credit
// label can end.
func labelEnds(dst []int, line string) []int {
	n := len(dst)
	colon, by := nextColon(line, 0), nextBy(line, 0)
	for colon >= 0 || by >= 0 {
		if by < 0 || colon >= 0 && colon < by {
			dst = append(dst, colon)
			colon = nextColon(line, colon+1)
		} else {
			dst = append(dst, by)
			by = nextBy(line, by+1)
		}
	}
	slices.Reverse(dst[n:])
	return dst
}

// nextColon returns the offset of the first ':' in line at or after from, or -1.
func nextColon(line string, from int) int {
	if i := strings.IndexByte(line[from:], ':'); i >= 0 {
		return from + i
	}
	return -1
}

// nextBy returns the offset of the 'y' of the first " by" or " By" that
// ends in line at or after from, or -1.
func nextBy(line string, from int) int {
	for {
		i := strings.IndexByte(line[from:], 'y')
		if i < 0 {
			return -1
		}
		i += from
		if i >= 2 && (line[i-1] == 'b' || line[i-1] == 'B') && line[i-2] == ' ' {
			return i
		}
		from = i + 1
	}
}

// labelEndingAt reports whether a credit label ends at line[:end] and
// returns where it starts.
func labelEndingAt(line string, end int) (int, bool) {
	for _, label := range creditLabels {
		if s := end - len(label); s >= 0 && strings.EqualFold(line[s:end], label) {
			return s, true
		}
	}
	return 0, false
}

// labelBoundary reports whether a label at line[i] starts the line or
// follows the end of a sentence or an opening parenthesis.
func labelBoundary(line string, i int) bool {
	j := i
	for j > 0 && line[j-1] == ' ' {
		j--
	}
	if j == 0 {
		return true
	}
	switch line[j-1] {
	case '.', '?', '!', '(', '|', ')', ':', '"':
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(line[:j])
	return r == '”' || r == '’' || r == '—' || r == '–'
}

// lastSegment returns the part of line after its last sentence end.
func lastSegment(line string) string {
	// The segment starts after the separator that ends last: every one
	// ends in a space, so try each space from the end.
	best := 0
spaces:
	for p := len(line); p > 0; p-- {
		p = strings.LastIndexByte(line[:p], ' ') + 1
		if p == 0 {
			break
		}
		for _, sep := range []string{". ", "? ", "! ", ".” ", ".\" ", ") "} {
			if strings.HasSuffix(line[:p], sep) {
				best = p
				break spaces
			}
		}
	}
	// Keep a parenthesised credit whole.
	if i := strings.LastIndex(line, "("); i >= 0 && i < best && strings.HasSuffix(strings.TrimSpace(line), ")") {
		best = i
	}
	return line[best:]
}

// plausibleCredit reports whether s reads like the names of a credit:
// short, capitalised words joined by "/", "via", "for", "and".
func plausibleCredit(s string) bool {
	if s == "" || len(s) > 160 {
		return false
	}
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '/' || r == ',' || r == ';' })
	if len(words) == 0 || len(words) > 14 {
		return false
	}
	for _, w := range words {
		switch strings.ToLower(w) {
		case "via", "for", "and", "&", "de", "van", "von", "der", "la", "le", "del", "da", "of", "the", "/", "-", "–":
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
		if strings.HasSuffix(w, ".") && len(w) > 3 && !isInitials(w) {
			return false
		}
	}
	return true
}

func isInitials(w string) bool {
	for i, r := range w {
		if (i%2 == 0) != unicode.IsUpper(r) && !(i%2 == 1 && r == '.') {
			return false
		}
	}
	return true
}

// hasAgency reports whether a credit names a known agency or a name made
// of agency words ("Getty Images"), as a label-less credit must.
func hasAgency(s string) bool {
	for _, p := range splitCredit(s) {
		l := strings.TrimSuffix(strings.ToLower(p), " photo")
		if agencies()[l] {
			return true
		}
		for _, w := range strings.Fields(l) {
			if agencyWords[w] && len(strings.Fields(l)) > 1 {
				return true
			}
		}
	}
	return false
}

// splitCredit splits a credit's names: "Sergey Bobylev/POOL/AFP via Getty
// Images" → Sergey Bobylev, POOL, AFP, Getty Images.
func splitCredit(s string) []string {
	var out []string
	for _, a := range strings.Split(s, "/") {
		for _, b := range splitWord(a, " via ") {
			for _, c := range splitWord(b, " for ") {
				for _, d := range strings.Split(c, ";") {
					if d = strings.TrimSpace(strings.Trim(strings.TrimSpace(d), "(),")); d != "" {
						out = append(out, d)
					}
				}
			}
		}
	}
	return out
}

func splitWord(s, sep string) []string {
	i := strings.Index(asciiLower(s), sep)
	if i < 0 {
		return []string{s}
	}
	return append([]string{s[:i]}, splitWord(s[i+len(sep):], sep)...)
}

// isAgency reports whether a credit part names an agency or outlet rather
// than a photographer.
func isAgency(p string) bool {
	l := strings.ToLower(p)
	if agencies()[l] || strings.HasPrefix(l, "the ") {
		return true
	}
	words := strings.Fields(p)
	if len(words) == 1 {
		return true // "POOL", "Reuters", an unknown one-word outlet
	}
	for _, w := range words {
		if agencyWords[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

// parseCredit fills a Credit from the credit text at span s.
func parseCredit(text string, s doc.Span) *doc.Credit {
	c := &doc.Credit{Span: s, Text: text[s.Start:s.End], Photographers: []string{}, Agencies: []string{}}
	names := c.Text
	off := s.Start
	lower := asciiLower(names)
	for _, label := range creditLabels {
		if i := strings.Index(lower, label); i >= 0 && i <= 1 {
			off += i + len(label)
			names = names[i+len(label):]
			break
		}
	}
	for _, p := range splitCredit(names) {
		l := strings.ToLower(p)
		if l == "file photo" || l == "file" || l == "handout" {
			continue
		}
		if strings.HasSuffix(l, " photo") { // "AP Photo"
			p = p[:len(p)-len(" photo")]
		}
		role := "photographer"
		if isAgency(p) {
			role = "agency"
			c.Agencies = append(c.Agencies, p)
		} else {
			c.Photographers = append(c.Photographers, p)
		}
		ps := off + strings.Index(text[off:s.End], p)
		c.Parts = append(c.Parts, doc.CreditPart{Span: doc.Span{Start: ps, End: ps + len(p)}, Name: p, Role: role})
		off = ps + len(p)
	}
	return c
}

// asciiLower lowercases ASCII letters only, so that byte offsets in the
// result are offsets in s (strings.ToLower may change lengths).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
