package source

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/net/html"
)

// maxImages bounds how many images one article reports.
const maxImages = 50

// images lists the pictures of the article: the lead image the page
// declares (og:image), then every image inside the element of the original
// page that holds the extracted text, in page order, each with the caption
// and credit printed around it. URLs are resolved against base when it is
// not nil.
func images(doc *html.Node, text, lead string, base *url.URL) []Image {
	var out []Image
	seen := map[string]bool{}
	add := func(im Image) {
		im.URL = resolve(base, im.URL)
		if im.URL == "" || seen[im.URL] || len(out) >= maxImages {
			return
		}
		seen[im.URL] = true
		out = append(out, im)
	}

	// Index the original page's images by every source they name, so that
	// the lead image can be found again with its caption.
	orig := map[string]*html.Node{}
	walkElements(doc, func(n *html.Node) bool {
		if n.Data == "img" {
			for _, s := range imageSources(n) {
				if s = resolve(base, s); s != "" && orig[s] == nil {
					orig[s] = n
				}
			}
		}
		return true
	})
	if lead = strings.TrimSpace(lead); lead != "" {
		im := Image{URL: lead}
		if n := orig[resolve(base, lead)]; n != nil {
			im.Caption, im.Credit = caption(n)
		}
		add(im)
	}
	walkElements(bodyContainer(doc, text), func(n *html.Node) bool {
		if n.Data == "nav" || n.Data == "aside" || n.Data == "footer" {
			return false
		}
		if n.Data != "img" || tiny(n) || linksAway(n) {
			return true
		}
		if srcs := imageSources(n); len(srcs) > 0 {
			im := Image{URL: srcs[0]}
			im.Caption, im.Credit = caption(n)
			add(im)
		}
		return true
	})
	return out
}

// bodyContainer returns the deepest element of the original page that
// holds at least 80% of the paragraphs found in the extracted text, or
// nil when none of them can be found.
func bodyContainer(doc *html.Node, text string) *html.Node {
	lines := map[string]bool{}
	for _, l := range strings.Split(text, "\n") {
		if len(l) >= 40 {
			lines[l] = true
		}
	}
	count := map[*html.Node]int{}
	total := 0
	walkElements(doc, func(n *html.Node) bool {
		switch n.Data {
		case "p", "li", "blockquote", "h2", "h3", "h4", "pre", "td", "div":
			if n.Data == "div" && hasBlockChild(n) {
				return true
			}
			if lines[textOf(n, nil)] {
				total++
				for p := n.Parent; p != nil; p = p.Parent {
					count[p]++
				}
				return false
			}
		}
		return true
	})
	if total == 0 {
		return nil
	}
	var best *html.Node
	walkElements(doc, func(n *html.Node) bool {
		if float64(count[n]) >= 0.8*float64(total) {
			best = n // deeper nodes are visited later
			return true
		}
		return false
	})
	return best
}

func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && blockTags[c.Data] {
			return true
		}
	}
	return false
}

// linksAway reports whether an image is the link to another page, as the
// thumbnails of related articles are; a link to the picture itself is fine.
func linksAway(n *html.Node) bool {
	for p, depth := n.Parent, 0; p != nil && depth < 4; p, depth = p.Parent, depth+1 {
		if p.Type == html.ElementNode && p.Data == "a" {
			href := strings.ToLower(attr(p, "href"))
			if i := strings.IndexAny(href, "?#"); i >= 0 {
				href = href[:i]
			}
			for _, ext := range []string{".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"} {
				if strings.HasSuffix(href, ext) {
					return false
				}
			}
			return href != ""
		}
	}
	return false
}

// tiny reports whether an image declares itself smaller than 100 pixels
// on a side: icons, avatars, tracking pixels.
func tiny(n *html.Node) bool {
	for _, k := range []string{"width", "height"} {
		if v := strings.TrimSuffix(strings.TrimSpace(attr(n, k)), "px"); v != "" {
			if x, err := strconv.Atoi(v); err == nil && x < 100 {
				return true
			}
		}
	}
	return false
}

// imageSources returns the sources an <img> names, the real picture
// first: lazy-loading attributes (data-src, data-original …), then the
// largest candidate of srcset, then src, which lazy pages fill with a
// placeholder. Placeholders themselves are left out.
func imageSources(n *html.Node) []string {
	var lazy, set, src []string
	best := 0
	for _, a := range n.Attr {
		k := strings.ToLower(a.Key)
		v := strings.TrimSpace(a.Val)
		if v == "" || strings.HasPrefix(v, "data:") {
			continue
		}
		switch {
		case k == "src":
			src = append(src, v)
		case k == "srcset" || k == "data-srcset" || k == "data-lazy-srcset":
			for _, c := range strings.Split(v, ",") {
				f := strings.Fields(c)
				if len(f) == 0 {
					continue
				}
				w := 1
				if len(f) > 1 {
					if x, err := strconv.Atoi(strings.TrimRight(f[1], "wx")); err == nil {
						w = x
					}
				}
				if w > best || len(set) == 0 {
					best = w
					set = append([]string{f[0]}, set...)
				} else {
					set = append(set, f[0])
				}
			}
		case strings.HasPrefix(k, "data-") && (strings.Contains(k, "src") || strings.Contains(k, "original") || k == "data-lazy" || k == "data-url"):
			lazy = append(lazy, v)
		}
	}
	var out []string
	for _, s := range slices.Concat(lazy, set, src) {
		if !placeholderRE().MatchString(s) {
			out = append(out, s)
		}
	}
	return out
}

// placeholderRE matches the URLs of the blank images lazy-loading pages
// put in src until a script swaps the real picture in.
// Compiled on first use: plain-text input never needs it.
var placeholderRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)(placeholder|missing-image|blank|spacer|transparent|1x1|pixel)[^/]*\.(gif|png|jpe?g|svg|webp)|[?&]w=\d\d?(&|$)`)
})

// caption finds the caption printed for img in the original page: the
// <figcaption> of its <figure>, or an element marked as a caption next to
// it. The credit is the part marked as credit, copyright or photographer,
// or failing that a trailing "Photo: …" / "(Credit …)" / "© …" phrase.
func caption(img *html.Node) (capText, credit string) {
	var box *html.Node
	for p, depth := img.Parent, 0; p != nil && depth < 5; p, depth = p.Parent, depth+1 {
		if p.Type != html.ElementNode || p.Data == "body" || p.Data == "article" || p.Data == "main" {
			break
		}
		if p.Data == "figure" {
			box = p
			break
		}
		if box == nil && hasClassLike(p, "figure", "image", "media", "photo", "picture") {
			box = p
		}
	}
	if box == nil {
		return "", ""
	}
	var capNode *html.Node
	var credits []*html.Node
	walkElements(box, func(n *html.Node) bool {
		if n.Data == "figcaption" || attr(n, "itemprop") == "caption" || hasClassLike(n, "caption") {
			if capNode == nil {
				capNode = n
			}
		}
		if hasClassLike(n, "credit", "copyright", "photographer", "byline", "source") || attr(n, "itemprop") == "copyrightHolder" {
			credits = append(credits, n)
			return false
		}
		return true
	})
	for _, c := range credits {
		credit = joinText(credit, textOf(c, nil))
	}
	if capNode != nil {
		skip := map[*html.Node]bool{}
		for _, c := range credits {
			skip[c] = true
		}
		capText = textOf(capNode, skip)
	}
	if credit == "" && capText != "" {
		if m := creditRE().FindStringSubmatchIndex(capText); m != nil {
			credit = strings.TrimSpace(capText[m[2]:m[3]])
			capText = strings.TrimSpace(capText[:m[0]])
		}
	}
	credit = strings.Trim(strings.TrimSpace(credit), "()[] ")
	return capText, credit
}

// creditRE matches a credit printed at the end of a caption.
// Compiled on first use, like placeholderRE.
var creditRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)[\s(\[|]*((?:photo(?:graph)?s?|image|picture|credit|foto|pic)(?:\s+by)?\s*[:/]\s*[^()\[\]]{2,120}|©\s*[^()\[\]]{2,120}|\((?:[^()]{0,40}/)?(?:AP|AFP|Reuters|Getty Images|EPA|Shutterstock|PA)\))[)\]]?\s*$`)
})

// textOf returns n's text with white space collapsed, leaving out the
// subtrees in skip.
func textOf(n *html.Node, skip map[*html.Node]bool) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if skip[n] {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
			return
		}
		if n.Type == html.ElementNode && skipTags[n.Data] {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return clean(b.String())
}

func joinText(a, b string) string {
	if a == "" || b == "" || strings.Contains(a, b) {
		return a + b
	}
	return a + " " + b
}

// walkElements calls f on n and every element below it in document
// order; f returns false to skip an element's children.
func walkElements(n *html.Node, f func(*html.Node) bool) {
	if n == nil {
		return
	}
	if n.Type == html.ElementNode && !f(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkElements(c, f)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hasClassLike reports whether n's class attribute contains one of words.
func hasClassLike(n *html.Node, words ...string) bool {
	c := strings.ToLower(attr(n, "class"))
	if c == "" {
		return false
	}
	for _, w := range words {
		if strings.Contains(c, w) {
			return true
		}
	}
	return false
}

// resolve makes ref absolute against base, or returns it cleaned when it
// cannot be resolved.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.HasPrefix(ref, "data:") {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	return u.String()
}
