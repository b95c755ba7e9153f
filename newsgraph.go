// Package newsgraph turns raw news articles into a structured record of who
// said what, who met whom, where and when, with every fact pointing back at
// the exact bytes of text that support it.
//
// The whole API is Analyze; the record it returns is a *doc.Document.
package newsgraph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/entity"
	"github.com/newsgraph/newsgraph/internal/event"
	"github.com/newsgraph/newsgraph/internal/layout"
	"github.com/newsgraph/newsgraph/internal/quote"
	"github.com/newsgraph/newsgraph/internal/source"
	"github.com/newsgraph/newsgraph/internal/text"
	"github.com/newsgraph/newsgraph/internal/tone"
)

// Format names the kind of an input.
type Format string

// The input formats Analyze reads.
const (
	FormatAuto Format = ""     // from the name and the content
	FormatText Format = "text" // plain text, kept byte for byte
	FormatHTML Format = "html" // a web page; the article is extracted
)

// Options configure Analyze. The zero value works: the format is detected
// and the publication date is unknown.
type Options struct {
	Format    Format
	Name      string    // the input's file name, used to detect the format
	URL       string    // where the input came from
	Published time.Time // when the article was published; zero if unknown
}

// Sentinel errors for inputs that are refused; test with errors.Is.
var (
	ErrEmpty      = source.ErrEmpty
	ErrBinary     = source.ErrBinary
	ErrNotArticle = source.ErrNotArticle
)

// DefaultPipeline returns the full analysis pipeline, built once.
var DefaultPipeline = sync.OnceValue(func() *Pipeline {
	p, err := NewPipeline(layout.Stage{}, text.Stage{}, entity.Stage{}, quote.Stage{}, tone.Stage{}, event.Stage{})
	if err != nil {
		panic(err) // a programming error: the stage order above is wrong
	}
	return p
})

// Analyze reads one article from input and runs the whole pipeline on it.
// A repairable problem in the input (an encoding error, say) is recorded in
// Document.Diagnostics; an input that is not an article is refused with an
// error that wraps ErrEmpty, ErrBinary or ErrNotArticle.
func Analyze(ctx context.Context, input []byte, opts Options) (*doc.Document, error) {
	f := source.Auto
	switch opts.Format {
	case FormatText:
		f = source.PlainText
	case FormatHTML:
		f = source.HTMLPage
	}
	a, _, err := source.Read(opts.Name, input, f)
	var repair *source.RepairError
	if errors.As(err, &repair) {
		err = nil
	}
	if err != nil {
		return nil, err
	}
	d := &doc.Document{
		URL: a.URL, Source: a.SiteName, Title: a.Title, Author: a.Author, Text: a.Text,
	}
	if opts.URL != "" {
		d.URL = opts.URL
	}
	if repair != nil {
		d.Diagnose("source", doc.Span{}, "%s", repair.Error())
	}
	pub := a.Published
	if !opts.Published.IsZero() {
		pub = opts.Published
	}
	if !pub.IsZero() {
		pub = pub.UTC()
		d.Published = &pub
	}
	for _, im := range a.Images {
		d.Images = append(d.Images, doc.Image{URL: im.URL, Caption: im.Caption, Credit: im.Credit})
	}
	d.ID = ContentID(d.Text)
	if err := DefaultPipeline().Run(ctx, d); err != nil {
		return nil, err
	}
	if d.Title == "" {
		for _, b := range d.Blocks {
			if b.Kind == doc.Title {
				d.Title = d.Slice(b.Span)
				break
			}
		}
	}
	d.Fill()
	return d, nil
}

// ContentID returns the document id of a text: the hex SHA-256 of the text
// with runs of white space folded to one space and the ends trimmed, so
// that copies differing only in spacing get the same id.
func ContentID(text string) string {
	h := sha256.New()
	var buf [256]byte
	b := buf[:0]
	space := false
	for _, r := range strings.TrimSpace(text) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = utf8.AppendRune(b, r)
		if len(b) > 200 {
			h.Write(b)
			b = b[:0]
		}
	}
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))
}
