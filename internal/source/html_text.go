package source

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/net/html"
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
			return out
		}
	}
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
	"quote": true, "code": true, "caption": true, "title": true,
}

// skipTags are elements whose text is not article text.
var skipTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true,
	"svg": true, "math": false, "button": true, "select": true,
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
