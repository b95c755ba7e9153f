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
	d := new(doc.Document)
	if err := AnalyzeInto(ctx, d, input, opts); err != nil {
		return nil, err
	}
	return d, nil
}

// AnalyzeInto is Analyze writing the record into d and reusing its memory:
// d is reset (doc.Document.Reset) and the stages append into its layers'
// old capacity. It is for a caller that analyses articles one after
// another and is done with each record before the next, as newsgraph
// analyze is once it has written the record out; a caller that keeps
// records (a store, a server) must use Analyze. After an error d holds
// no record. input is not referenced once AnalyzeInto returns.
func AnalyzeInto(ctx context.Context, d *doc.Document, input []byte, opts Options) error {
	d.Reset()
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
		return err
	}
	d.URL, d.Source, d.Title, d.Author, d.Text = a.URL, a.SiteName, a.Title, a.Author, a.Text
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
		d.Reset()
		return err
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
	return nil
}

// ContentID returns the document id of a text: the hex SHA-256 of the text
// with runs of white space folded to one space and the ends trimmed, so
// that copies differing only in spacing get the same id. Bytes that are not
// UTF-8 count as U+FFFD.
func ContentID(text string) string {
	text = strings.TrimSpace(text)
	h := sha256.New()
	// The folded text goes to the hash through buf in runs copied whole:
	// a run ends only at white space other than one ' ' between two
	// non-spaces, or at a byte that is not UTF-8. Most of a news text is
	// one run per paragraph.
	var buf [1024]byte
	b := buf[:0]
	put := func(s string) {
		for len(s) > 0 {
			if len(b) == len(buf) {
				h.Write(b)
				b = buf[:0]
			}
			n := copy(buf[len(b):], s)
			b, s = buf[:len(b)+n], s[n:]
		}
	}
	run := 0 // start of the bytes not yet put
	for i := 0; i < len(text); {
		if j := plainRun(text, i); j > i {
			i = j
			continue
		}
		switch byteKind[text[i]] {
		case plainByte:
			i++
		case spaceByte:
			if i+1 < len(text) && byteKind[text[i+1]] == plainByte {
				i += 2 // one space between words: kept as it is
				continue
			}
			fallthrough
		case ctrlSpaceByte:
			put(text[run:i])
			i = skipSpace(text, i)
			put(" ") // the text is trimmed: something follows
			run = i
		default:
			r, n := utf8.DecodeRuneInString(text[i:])
			switch {
			case r == utf8.RuneError && n == 1:
				put(text[run:i])
				put("\uFFFD")
				i++
				run = i
			case unicode.IsSpace(r):
				put(text[run:i])
				i = skipSpace(text, i)
				put(" ")
				run = i
			default:
				i += n
			}
		}
	}
	put(text[run:])
	h.Write(b)
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0]))
}

// plainRun returns the end of the bytes from text[i] on that ContentID
// keeps as they are, eight at a time: ASCII with no white space but single
// spaces between other ASCII bytes (looking at the byte after each eight
// too). It may stop early, before the last eight bytes or at a byte that
// needs a closer look.
func plainRun(text string, i int) int {
	const ones, highs, spaces = 0x0101010101010101, 0x8080808080808080, 0x2020202020202020
	for ; i+9 <= len(text); i += 8 {
		x := le64(text[i : i+8])
		if x&highs != 0 || (x-spaces)&highs != 0 { // not ASCII, or a byte below ' '
			break
		}
		y := x ^ spaces
		z := (y - ones) &^ y & highs // the top bit of each space (and maybe of the byte after one)
		if z&(z>>8) != 0 || text[i+7] == ' ' && byteKind[text[i+8]] != plainByte {
			break
		}
	}
	return i
}

// Kinds of byte for ContentID.
const (
	plainByte     = iota // ASCII, not white space
	spaceByte            // ' '
	ctrlSpaceByte        // '\t', '\n', '\v', '\f', '\r'
	highByte             // part of a multi-byte sequence (or not UTF-8)
)

var byteKind = func() (k [256]uint8) {
	for c := utf8.RuneSelf; c < 256; c++ {
		k[c] = highByte
	}
	k[' '] = spaceByte
	for _, c := range "\t\n\v\f\r" {
		k[c] = ctrlSpaceByte
	}
	return k
}()

// skipSpace returns the end of the run of white space at text[i:].
func skipSpace(text string, i int) int {
	for i < len(text) {
		if k := byteKind[text[i]]; k != highByte {
			if k == plainByte {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return i
}

// le64 returns the first eight bytes of s as a little-endian number (one
// load, once the compiler has merged the byte loads).
func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}
