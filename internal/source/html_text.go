package source

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/htmlindex"
)

// decode returns data as UTF-8. A byte-order mark wins; then valid UTF-8 is
// taken as UTF-8 whatever the page declares (mislabelled pages are common,
// and Latin-1 text that happens to be valid UTF-8 is rare); then the
// <meta charset> declaration; then a statistical guess.
func decode(data []byte) []byte {
	enc, name, certain := charset.DetermineEncoding(data, "")
	if certain && name != "utf-8" { // a BOM
		if out, err := enc.NewDecoder().Bytes(data); err == nil {
			return bytes.TrimPrefix(out, bom)
		}
	}
	data = bytes.TrimPrefix(data, bom)
	if utf8.Valid(data) {
		return data
	}
	if !declared(data) {
		if r, err := chardet.NewHtmlDetector().DetectBest(data); err == nil {
			if e, err := htmlindex.Get(r.Charset); err == nil {
				enc = e
			}
		}
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return []byte(strings.ToValidUTF8(string(data), "\uFFFD"))
	}
	return out
}

var bom = []byte("\ufeff")

// declared reports whether the first KiB of the page declares a charset,
// the window browsers and charset.DetermineEncoding look at.
func declared(data []byte) bool {
	if len(data) > 1024 {
		data = data[:1024]
	}
	s := strings.ToLower(string(data))
	return strings.Contains(s, "charset") || strings.Contains(s, "encoding=")
}

// blockTags are the elements that start and end a line of Text.
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true,
	"body": true, "dd": true, "details": true, "div": true, "dl": true,
	"dt": true, "fieldset": true, "figcaption": true, "figure": true,
	"footer": true, "form": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "head": true, "header": true,
	"hr": true, "li": true, "list": true, "item": true, "main": true,
	"nav": true, "ol": true, "p": true, "pre": true, "section": true,
	"summary": true, "table": true, "tr": true, "row": true, "ul": true,
	"quote": true, "caption": true, "title": true,
}

// skipTags are elements whose text is not article text.
var skipTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true,
	"svg": true, "button": true, "select": true,
	"textarea": true, "iframe": true,
}

// nodeText renders an extracted content tree as Text: one block per line,
// white space inside a block collapsed to single spaces, table cells
// separated by a space, <br> a line break, <pre> lines kept.
func nodeText(n *html.Node) string {
	w := textWriter{}
	w.walk(n, false)
	w.flush()
	return validNFC(strings.Join(w.lines, "\n"))
}

type textWriter struct {
	lines []string
	cur   strings.Builder
	space bool // a space is pending before the next word on the line
}

func (w *textWriter) flush() {
	if w.cur.Len() > 0 {
		w.lines = append(w.lines, w.cur.String())
	}
	w.cur.Reset()
	w.space = false
}

func (w *textWriter) text(s string, pre bool) {
	if pre {
		for i, line := range strings.Split(s, "\n") {
			if i > 0 {
				w.flush()
			}
			w.text(line, false)
		}
		return
	}
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		switch {
		case unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff':
			w.space = true
		case r == 0 || (unicode.IsControl(r) && r != '\t'):
			// drop
		default:
			if w.space && w.cur.Len() > 0 {
				w.cur.WriteByte(' ')
			}
			w.space = false
			w.cur.WriteRune(r)
		}
	}
}

func (w *textWriter) walk(n *html.Node, pre bool) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data, pre)
		return
	case html.ElementNode:
		tag := n.Data
		if skipTags[tag] {
			return
		}
		switch tag {
		case "br", "lb":
			w.flush()
			return
		case "img", "graphic":
			return
		case "td", "th", "cell":
			w.space = true
		case "pre":
			pre = true
		}
		block := blockTags[tag]
		if tag == "code" && !isInline(n.Parent) && !isInline(n.PrevSibling) && !isInline(n.NextSibling) &&
			(n.Parent == nil || n.Parent.Data != "p" && n.Parent.Data != "li") {
			// a code block: the extractor turns <pre> into <code>
			block, pre = true, true
		}
		if block {
			w.flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c, pre)
		}
		if block {
			w.flush()
		} else if tag == "td" || tag == "th" || tag == "cell" {
			w.space = true
		}
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, pre)
	}
}

// headlineWindow is how many lines at the top of the text dropHeadline
// looks at.
const headlineWindow = 3

// dropHeadline removes the headline the extractor often keeps as the
// first line of the body, with anything above it (breadcrumbs, kicker,
// section name): the title is returned separately and is not body text.
// A line is the headline when its words are nearly the title's words.
func dropHeadline(text, title string) string {
	tw := wordSet(title)
	if len(tw) == 0 {
		return text
	}
	lines := strings.SplitN(text, "\n", headlineWindow+1)
	cut := -1
	for i := 0; i < len(lines) && i < headlineWindow; i++ {
		if similar(wordSet(lines[i]), tw) {
			cut = i
		}
	}
	if cut < 0 || cut == len(lines)-1 {
		return text
	}
	return text[len(strings.Join(lines[:cut+1], "\n"))+1:]
}

// wordSet returns the lower-cased words of s.
func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	}) {
		m[w] = true
	}
	return m
}

// similar reports whether the word sets a and b overlap by at least 80%
// of the larger (Jaccard would punish a title with a site-name suffix, so
// the line's words must nearly all be in the title, and cover most of it).
func similar(a, b map[string]bool) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return float64(n) >= 0.8*float64(len(a)) && float64(n) >= 0.6*float64(len(b))
}

// inlineTags are the phrasing elements a word boundary can hide beside.
var inlineTags = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true,
	"code": true, "data": true, "del": true, "dfn": true, "em": true,
	"font": true, "i": true, "ins": true, "kbd": true, "mark": true, "q": true,
	"s": true, "samp": true, "small": true, "span": true, "strike": true,
	"strong": true, "sub": true, "sup": true, "time": true, "tt": true,
	"u": true, "var": true,
}

// zwsp stands in for white space the extractor would trim away.
const zwsp = "\u200b"

// protectSpaces keeps word boundaries at the edges of inline elements.
// go-trafilatura trims the text and tail of every element inside list
// items ("to <em>reach</em> prospects" becomes "toreachprospects"); white
// space at an edge that touches an inline element is replaced by a zero
// width space, which it does not trim and nodeText turns back into a space.
//
// It also renames custom elements (<hl-trusted-source>) inside paragraphs
// to <span>: the extractor drops an unknown child of a paragraph together
// with the rest of the paragraph after it; and embedded tweets
// (<blockquote class="twitter-tweet">), which it drops as link-heavy
// quotes, to paragraphs, since they are quoted in the article (+0.01 F1
// on the pages of the benchmark that embed tweets).
func protectSpaces(n *html.Node) {
	inP := n.Type == html.ElementNode && (n.Data == "p" || inlineTags[n.Data])
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if inP && strings.Contains(c.Data, "-") {
			c.Data, c.DataAtom = "span", atom.Span
		}
		if c.Data == "blockquote" && hasClassLike(c, "twitter-tweet") {
			c.Data, c.DataAtom = "p", atom.P
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.ElementNode:
			if !skipTags[c.Data] {
				protectSpaces(c)
			}
		case html.TextNode:
			inParent := n.Type == html.ElementNode && inlineTags[n.Data]
			before := inParent && c.PrevSibling == nil || isInline(c.PrevSibling)
			after := inParent && c.NextSibling == nil || isInline(c.NextSibling)
			if before || after {
				c.Data = protectEdges(c.Data, before, after)
			}
		}
	}
}

func isInline(n *html.Node) bool {
	return n != nil && n.Type == html.ElementNode && inlineTags[n.Data]
}

// protectEdges replaces the leading (when lead) and trailing (when trail)
// white space of s by a zero width space.
func protectEdges(s string, lead, trail bool) string {
	t := strings.TrimLeftFunc(s, unicode.IsSpace)
	if t == "" {
		return zwsp
	}
	if lead && len(t) < len(s) {
		s = zwsp + t
	}
	t = strings.TrimRightFunc(s, unicode.IsSpace)
	if trail && len(t) < len(s) {
		s = t + zwsp
	}
	return s
}
