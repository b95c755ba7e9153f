package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"

	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"
	"golang.org/x/net/html"
)

// ErrNotFeed is wrapped by the error for a file that is not an RSS, Atom or
// JSON feed.
var ErrNotFeed = errors.New("not a feed")

// maxFeed bounds a feed file.
const maxFeed = 64 << 20

// Feed reads an RSS, Atom or JSON feed and yields one record per item: its
// link, title, date (published, else updated), author, the feed's title as
// the outlet, the item's content (content:encoded or Atom content, else the
// description) as plain text, and its pictures with Media RSS captions and
// credits. An item without text is yielded as an error wrapping
// ErrBadRecord; a file that is not a feed yields one error wrapping
// ErrNotFeed.
func Feed(r io.Reader) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		data, err := io.ReadAll(io.LimitReader(r, maxFeed+1))
		if err != nil {
			yield(Record{}, err)
			return
		}
		if len(data) > maxFeed {
			yield(Record{}, fmt.Errorf("feed larger than %d MB", maxFeed>>20))
			return
		}
		f, err := parseFeed(data)
		if err != nil {
			yield(Record{}, fmt.Errorf("%w: %v", ErrNotFeed, err))
			return
		}
		for i, it := range f.Items {
			if it == nil {
				continue
			}
			rec, err := feedItem(f, it)
			rec.ID = fmt.Sprintf("item %d", i+1)
			if rec.URL != "" {
				rec.ID += " (" + rec.URL + ")"
			}
			if err != nil {
				err = fmt.Errorf("%s: %w", rec.ID, err)
			}
			if !yield(rec, err) {
				return
			}
		}
	}
}

// parseFeed runs gofeed, which may panic on hostile input.
func parseFeed(data []byte) (f *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("parser failed: %v", r)
		}
	}()
	return gofeed.NewParser().Parse(bytes.NewReader(data))
}

func feedItem(f *gofeed.Feed, it *gofeed.Item) (Record, error) {
	rec := Record{Format: PlainText}
	rec.URL = strings.TrimSpace(it.Link)
	if rec.URL == "" && len(it.Links) > 0 {
		rec.URL = strings.TrimSpace(it.Links[0])
	}
	rec.Title = clean(it.Title)
	rec.SiteName = clean(f.Title)
	if len(it.Authors) > 0 && it.Authors[0] != nil {
		rec.Author = clean(it.Authors[0].Name)
	}
	if it.PublishedParsed != nil {
		rec.Published = it.PublishedParsed.UTC()
	} else if it.UpdatedParsed != nil {
		rec.Published = it.UpdatedParsed.UTC()
	}
	rec.Images = feedImages(it)
	content := it.Content
	if strings.TrimSpace(content) == "" {
		content = it.Description
	}
	text := fragmentText(content)
	if text == "" {
		return rec, fmt.Errorf("%w: item has no text", ErrBadRecord)
	}
	rec.Data = []byte(text)
	return rec, nil
}

// fragmentText renders an HTML fragment (or plain text) as Text.
func fragmentText(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	if !strings.ContainsAny(s, "<&") {
		return clean(s)
	}
	root, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return clean(s)
	}
	return strings.TrimSpace(nodeText(root))
}

// feedImages collects the item's pictures: Media RSS content, thumbnails and
// groups with their description and credit, image enclosures, the item image.
func feedImages(it *gofeed.Item) []Image {
	var out []Image
	seen := map[string]bool{}
	add := func(im Image) {
		if im.URL == "" || seen[im.URL] {
			return
		}
		seen[im.URL] = true
		out = append(out, im)
	}
	media := it.Extensions["media"]
	itemCredit := extText(media["credit"])
	itemCaption := extText(media["description"])
	var visit func(es []ext.Extension)
	visit = func(es []ext.Extension) {
		for _, e := range es {
			switch e.Name {
			case "group":
				visit(e.Children["content"])
				visit(e.Children["thumbnail"])
				continue
			case "content", "thumbnail":
			default:
				continue
			}
			if m := e.Attrs["medium"]; m != "" && m != "image" {
				continue
			}
			if t := e.Attrs["type"]; t != "" && !strings.HasPrefix(t, "image/") {
				continue
			}
			im := Image{URL: e.Attrs["url"], Credit: extText(e.Children["credit"]), Caption: extText(e.Children["description"])}
			if im.Caption == "" {
				im.Caption = extText(e.Children["title"])
			}
			if im.Credit == "" {
				im.Credit = itemCredit
			}
			if im.Caption == "" {
				im.Caption = itemCaption
			}
			add(im)
		}
	}
	visit(media["content"])
	visit(media["group"])
	visit(media["thumbnail"])
	for _, enc := range it.Enclosures {
		if enc != nil && strings.HasPrefix(enc.Type, "image/") {
			add(Image{URL: enc.URL, Credit: itemCredit, Caption: itemCaption})
		}
	}
	if it.Image != nil {
		add(Image{URL: it.Image.URL, Caption: clean(it.Image.Title), Credit: itemCredit})
	}
	return out
}

func extText(es []ext.Extension) string {
	var parts []string
	for _, e := range es {
		if v := clean(fragmentText(e.Value)); v != "" {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, "; ")
}

// IsFeed reports whether the start of a file looks like an RSS, RDF or
// Atom feed.
func IsFeed(head []byte) bool {
	h := bytes.ToLower(head[:min(len(head), 2048)])
	return bytes.Contains(h, []byte("<rss")) || bytes.Contains(h, []byte("<feed")) || bytes.Contains(h, []byte("<rdf:rdf"))
}
