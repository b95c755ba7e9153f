// Package layout classifies the paragraphs of an article: body, title,
// byline, photo caption (with its credit parsed into photographers and
// agencies), related-article link and syndication line.
//
// Scraped text mixes these freely; layout keeps them apart so that no
// caption or credit ever reaches a body sentence.
package layout

import (
	"context"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/doc"
)

// Stage fills Document.Blocks and Document.Related.
type Stage struct{}

// Name implements doc.Stage.
func (Stage) Name() string { return "layout" }

// Requires implements doc.Stage.
func (Stage) Requires() []doc.Layer { return nil }

// Provides implements doc.Stage.
func (Stage) Provides() []doc.Layer { return []doc.Layer{doc.LayerBlocks} }

// Run implements doc.Stage.
func (Stage) Run(_ context.Context, d *doc.Document) error {
	d.Related = d.Related[:0]
	buf := linesPool.Get().(*[]line)
	defer linesPool.Put(buf)
	lines := paragraphs((*buf)[:0], d.Text)
	*buf = lines
	if len(lines) > 0 {
		d.Blocks = slices.Grow(d.Blocks[:0], len(lines)+1) // one allocation at most; +1: a syndication line split off
	} else {
		d.Blocks = d.Blocks[:0]
	}
	for i, ln := range lines {
		d.Blocks = classify(d, ln, i, lines)
	}
	splitSyndication(d)
	return nil
}

// line is a paragraph of the text; blank says whether a blank line follows.
type line struct {
	doc.Span
	blankAfter bool
}

// linesPool keeps the lines of a text (paragraphs) from document to
// document.
var linesPool = sync.Pool{New: func() any { return new([]line) }}

// paragraphs appends the non-blank lines of text, trimmed of surrounding
// white space, to out and returns it.
func paragraphs(out []line, text string) []line {
	out = slices.Grow(out, strings.Count(text, "\n")+1)
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		next := start + end + 1
		if end < 0 {
			end, next = len(text)-start, len(text)
		}
		s, e := trim(text, start, start+end)
		if s < e {
			out = append(out, line{Span: doc.Span{Start: s, End: e}})
		} else if len(out) > 0 {
			out[len(out)-1].blankAfter = true
		}
		start = next
	}
	return out
}

// trim narrows [s, e) to exclude leading and trailing white space.
func trim(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

// classify appends the block for paragraph i to d.Blocks and returns it.
func classify(d *doc.Document, ln line, i int, lines []line) []doc.Block {
	text := d.Slice(ln.Span)
	b := doc.Block{Kind: doc.Body, Span: ln.Span}
	cs, credit := findCredit(d.Text, ln.Start, ln.End)
	switch {
	case relatedLink(d, ln.Span):
		b.Kind = doc.RelatedLink
	case credit:
		b.Kind = doc.Caption
		b.Credit = parseCredit(d.Text, cs)
	case strings.HasPrefix(text, "FILE PHOTO:") || strings.HasPrefix(text, "FILE PHOTO -"):
		b.Kind = doc.Caption
	case i == 0 && len(lines) > 1 && isTitle(d, text, ln.blankAfter):
		b.Kind = doc.Title
	case isByline(text):
		b.Kind = doc.Byline
	}
	return append(d.Blocks, b)
}

// relatedLink recognises "[ Title Opens in new window ]" and "Read more:
// Title" lines, and records the link's title.
func relatedLink(d *doc.Document, s doc.Span) bool {
	text := d.Slice(s)
	const opens = "Opens in new window"
	if strings.HasPrefix(text, "[") && strings.HasSuffix(text, "]") && strings.Contains(text, opens) {
		ts, te := trim(d.Text, s.Start+1, s.End-1)
		inner := d.Text[ts:te]
		if i := strings.LastIndex(inner, opens); i >= 0 {
			te = ts + i
			ts, te = trim(d.Text, ts, te)
		}
		d.Related = append(d.Related, doc.Related{Span: doc.Span{Start: ts, End: te}, Title: d.Text[ts:te]})
		return true
	}
	for _, p := range []string{"Read more: ", "READ MORE: ", "Related: ", "RELATED: ", "See also: ", "Also read: "} {
		if strings.HasPrefix(text, p) && utf8.RuneCountInString(text) < 200 {
			ts, te := trim(d.Text, s.Start+len(p), s.End)
			d.Related = append(d.Related, doc.Related{Span: doc.Span{Start: ts, End: te}, Title: d.Text[ts:te]})
			return true
		}
	}
	return false
}

// isTitle reports whether the first paragraph is a headline. With a title
// from the source (HTML, feeds) only a repeat of it is; otherwise a short
// line without closing punctuation, or a short line set off by a blank line.
func isTitle(d *doc.Document, text string, blankAfter bool) bool {
	if d.Title != "" {
		return strings.EqualFold(strings.TrimSpace(d.Title), text)
	}
	words := len(strings.Fields(text))
	if words > 25 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(text)
	closed := strings.ContainsRune(".!…”\"", r)
	return !closed || blankAfter && words <= 20
}

// isByline recognises "By Jane Doe" and wire trailers such as "(Reporting
// by Jane Doe; Editing by John Roe)".
func isByline(text string) bool {
	t := strings.TrimLeft(text, "(")
	for _, p := range []string{"By ", "BY ", "Reporting by ", "Additional reporting by ", "Writing by ", "Editing by ", "Compiled by "} {
		if strings.HasPrefix(t, p) {
			if utf8.RuneCountInString(text) > 160 {
				return false
			}
			rest := strings.Fields(t[len(p):])
			if len(rest) == 0 {
				return false
			}
			r, _ := utf8.DecodeRuneInString(rest[0])
			return unicode.IsUpper(r)
		}
	}
	return false
}

// splitSyndication finds a syndication credit ("– Bloomberg/Guardian",
// "- Reuters") at the end of the last body paragraph and gives it a block of
// its own.
func splitSyndication(d *doc.Document) {
	last := -1
	for i := len(d.Blocks) - 1; i >= 0; i-- {
		if d.Blocks[i].Kind == doc.Body {
			last = i
			break
		}
	}
	if last < 0 {
		return
	}
	b := d.Blocks[last]
	text := d.Slice(b.Span)
	// The names after the last dash may hold no punctuation: look for the
	// dash only after the last mark, not through the whole paragraph.
	from := strings.LastIndexAny(text, ".,;:!?") + 1
	best, dashLen := -1, 0
	for _, dash := range []string{" – ", " — ", " - "} {
		if i := strings.LastIndex(text[from:], dash); i >= 0 && from+i > best {
			best, dashLen = from+i, len(dash)
		}
	}
	if best < 0 {
		return
	}
	names := strings.TrimSpace(text[best+dashLen:])
	parts := splitCredit(names)
	if len(parts) == 0 || len(parts) > 4 || strings.ContainsAny(names, ".,;:!?") {
		return
	}
	for _, p := range parts {
		if !isAgency(p) || !plausibleCredit(p) {
			return
		}
	}
	s := doc.Span{Start: b.Start + best + 1, End: b.End}
	syn := doc.Block{Kind: doc.Syndication, Span: s, Credit: &doc.Credit{Span: s, Text: d.Slice(s), Photographers: []string{}, Agencies: parts}}
	off := s.Start
	for _, p := range parts {
		ps := off + strings.Index(d.Text[off:s.End], p)
		syn.Credit.Parts = append(syn.Credit.Parts, doc.CreditPart{Span: doc.Span{Start: ps, End: ps + len(p)}, Name: p, Role: "agency"})
		off = ps + len(p)
	}
	d.Blocks[last].End = b.Start + best
	d.Blocks = append(d.Blocks, doc.Block{})
	copy(d.Blocks[last+2:], d.Blocks[last+1:])
	d.Blocks[last+1] = syn
}
