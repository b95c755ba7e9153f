package source

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"
)

// Article is what a reader extracts from one input record.
type Article struct {
	URL, Title, Author, SiteName string
	Published                    time.Time // zero when unknown; HTML gives the day, at 00:00 UTC

	// Text is the article text: paragraphs and headings of the body,
	// one per line, separated by "\n", with no leading, trailing or blank
	// lines. It is valid UTF-8 in Unicode normalisation form NFC. Every
	// offset later in the pipeline points into it (byte offsets).
	Text string

	// Images are the pictures of the article in page order, the lead
	// image (og:image) first when the page declares one.
	Images []Image
}

// Image is a picture of the article with its caption and credit as printed.
// Caption and Credit are empty when the page prints none; URL is absolute
// when the page URL is known.
type Image struct{ URL, Caption, Credit string }

// ErrNotArticle is returned, wrapped with context, when a page has no
// article text: an index page, an error page, a page of links only.
// Test for it with errors.Is.
var ErrNotArticle = errors.New("not an article")

// maxHTMLSize bounds the input HTML accepts; bigger pages are refused
// before parsing so that one huge record cannot stall a batch.
const maxHTMLSize = 32 << 20

// HTML extracts the article from one HTML page. data is the raw page in any
// character encoding a browser would recognise (BOM, <meta charset>, or
// UTF-8 when undeclared and valid); pageURL is where it came from and may be
// empty. It returns an error wrapping ErrNotArticle when the page has no
// article text, and never panics on malformed input.
func HTML(data []byte, pageURL string) (a Article, err error) {
	if len(data) > maxHTMLSize {
		return Article{}, fmt.Errorf("html: page of %d bytes is larger than %d: %w", len(data), maxHTMLSize, ErrNotArticle)
	}
	doc, err := html.Parse(bytes.NewReader(decode(data)))
	if err != nil {
		return Article{}, fmt.Errorf("html: parse: %w", err)
	}
	protectSpaces(doc)
	// The extractor and its fallbacks are big third-party code; a panic in
	// them on hostile markup must not stop a batch.
	defer func() {
		if r := recover(); r != nil {
			a, err = Article{}, fmt.Errorf("html: extractor failed: %v: %w", r, ErrNotArticle)
		}
	}()

	opts := extractOptions
	var base *url.URL
	if pageURL != "" {
		if u, perr := url.Parse(pageURL); perr == nil && u.IsAbs() {
			base = u
			opts.OriginalURL = u
		}
	}
	res, text, err := extract(doc, opts)
	if err != nil {
		return Article{}, err
	}
	if why := notArticle(doc, text); why != "" {
		return Article{}, fmt.Errorf("html: %s: %w", why, ErrNotArticle)
	}

	md := res.Metadata
	a = Article{
		URL:       pageURL,
		Title:     clean(md.Title),
		Author:    dedupe(clean(md.Author)),
		SiteName:  dedupe(clean(md.Sitename)),
		Published: md.Date,
		Text:      text,
	}
	if a.URL == "" {
		a.URL = md.URL
	}
	if base == nil && a.URL != "" {
		if u, perr := url.Parse(a.URL); perr == nil && u.IsAbs() {
			base = u
		}
	}
	a.Images = images(doc, text, md.Image, base)
	return a, nil
}

// extract runs go-trafilatura on doc and renders the body it finds as
// Text without the headline.
func extract(doc *html.Node, opts trafilatura.Options) (*trafilatura.ExtractResult, string, error) {
	res, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil {
		return nil, "", fmt.Errorf("html: %w: %w", ErrNotArticle, err)
	}
	if res == nil || res.ContentNode == nil {
		return nil, "", fmt.Errorf("html: no content found: %w", ErrNotArticle)
	}
	text := dropHeadline(dropBoilerplate(nodeText(res.ContentNode)), res.Metadata.Title)
	if text == "" {
		return nil, "", fmt.Errorf("html: extracted body is empty: %w", ErrNotArticle)
	}
	return res, text, nil
}

// Thresholds of notArticle.
const (
	minWords        = 20  // words in the whole text
	minLongestLine  = 10  // words in the longest line: one real paragraph
	maxLinkFraction = 0.5 // of the text's characters in lines that are links
)

// notArticle says why text extracted from doc is not an article, or
// returns "" when it may be one. The extractor, and its fallbacks even
// more, return whatever text a page has; an index page, a tag page or an
// error page gives lines of links and no paragraph.
func notArticle(doc *html.Node, text string) string {
	words, longest := 0, 0
	for _, l := range strings.Split(text, "\n") {
		n := countWords(l)
		words += n
		longest = max(longest, n)
	}
	if words < minWords {
		return fmt.Sprintf("only %d words of text", words)
	}
	if longest < minLongestLine {
		return fmt.Sprintf("no paragraph: the longest line has %d words", longest)
	}
	links := map[string]bool{}
	walkElements(doc, func(n *html.Node) bool {
		if n.Data == "a" {
			links[textOf(n, nil)] = true
			return false
		}
		return true
	})
	linked := 0
	for _, l := range strings.Split(text, "\n") {
		if links[l] {
			linked += len(l)
		}
	}
	if float64(linked) > maxLinkFraction*float64(len(text)) {
		return fmt.Sprintf("%d%% of the text is links", 100*linked/len(text))
	}
	return ""
}

// countWords counts the words of s: the runs between spaces, and in
// scripts written without spaces (Chinese, Japanese, Thai …) one word for
// every two letters.
func countWords(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		n++
		unspaced := 0
		for _, r := range f {
			if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar, unicode.Tibetan) {
				unspaced++
			}
		}
		n += unspaced / 2
	}
	return n
}

// extractOptions are the go-trafilatura options HTML uses, chosen on the
// development half of the article-extraction benchmark (internal/eval:
// body F1, 92 pages, with the rest of HTML as it is):
//
//   - FavorPrecision with the readability/domdistiller fallbacks: 0.965.
//     Balanced 0.961, FavorRecall 0.953; without the fallbacks recall
//     drops (0.932 with FavorPrecision, 0.958 with Balanced).
//   - IncludeImages off (0.961 with it): the extractor then keeps text
//     around pictures in the body. Images are found in the page instead.
//   - Tables kept (0.953 without); comments excluded (0.964 with);
//     Deduplicate off (0.964 with).
//   - Running Balanced and FavorPrecision and keeping the shorter body
//     gained 0.001 for twice the time: not done.
//   - HtmlDateMode Fast: metadata and the page's date patterns, without
//     the slow multilingual date parser.
var extractOptions = trafilatura.Options{
	EnableFallback:  true,
	Focus:           trafilatura.FavorPrecision,
	ExcludeComments: true,
	HtmlDateMode:    trafilatura.Fast,
}

// clean collapses white space in a metadata value and makes it valid NFC UTF-8.
func clean(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(validNFC(s), zwsp, " ")), " ")
}

// dedupe removes repeated parts from a value the extractor joined with
// "; " from several sources ("Herald; Herald" becomes "Herald").
func dedupe(s string) string {
	parts := strings.Split(s, "; ")
	if len(parts) == 1 {
		return s
	}
	out := parts[:0]
	for _, p := range parts {
		if p != "" && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return strings.Join(out, "; ")
}

// validNFC replaces invalid UTF-8, drops soft hyphens and NULs and returns
// NFC text.
func validNFC(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if strings.ContainsAny(s, "\u00ad\x00") {
		s = strings.NewReplacer("\u00ad", "", "\x00", "").Replace(s)
	}
	return norm.NFC.String(s)
}
