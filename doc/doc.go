// Package doc is the newsgraph document model: one text and the annotation
// layers that the pipeline stages add over it.
//
// Every layer is a slice of values that embed Span: half-open byte offsets
// into Document.Text. Nothing is copied out of the text except for
// convenience strings (a mention's surface form, a quote's content) that are
// always equal to the text at their span.
package doc

import (
	"fmt"
	"time"
	"unicode/utf8"
)

// Span is a half-open range of byte offsets [Start, End) into Document.Text.
// The zero Span is empty and at the start of the text.
type Span struct {
	Start int `json:"start"` // first byte
	End   int `json:"end"`   // first byte after
}

// Len returns the length of the span in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies entirely within s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Valid reports whether s lies inside a text of n bytes and is not reversed.
func (s Span) Valid(n int) bool { return 0 <= s.Start && s.Start <= s.End && s.End <= n }

// Document is one article and everything the pipeline found in it.
type Document struct {
	ID        string     `json:"id"`             // sha256 of the normalised text, hex
	Path      string     `json:"path,omitempty"` // the input file, when there was one
	URL       string     `json:"url"`
	Source    string     `json:"source"` // outlet or site name
	Title     string     `json:"title"`
	Author    string     `json:"author,omitempty"`
	Published *time.Time `json:"published"` // nil when unknown
	Text      string     `json:"text"`      // the text that all offsets point into

	Blocks    []Block    `json:"blocks"`
	Sentences []Sentence `json:"sentences"`
	Tokens    []Token    `json:"-"`
	Entities  []Entity   `json:"entities"`
	Quotes    []Quote    `json:"quotes"`
	Events    []Event    `json:"events"`
	Places    []Place    `json:"places"`
	Related   []Related  `json:"related"`
	Images    []Image    `json:"images,omitempty"`
	Tone      Tone       `json:"tone"`

	Diagnostics []Diagnostic `json:"diagnostics,omitempty"`
}

// Slice returns the text under s.
func (d *Document) Slice(s Span) string { return d.Text[s.Start:s.End] }

// Diagnose records a problem found at span s by stage; the stage carries on.
func (d *Document) Diagnose(stage string, s Span, format string, args ...any) {
	d.Diagnostics = append(d.Diagnostics, Diagnostic{Span: s, Stage: stage, Message: fmt.Sprintf(format, args...)})
}

// Position returns the 1-based line and column (in bytes) of offset off in d.Text.
func (d *Document) Position(off int) (line, col int) {
	line, col = 1, 1
	for i := 0; i < off && i < len(d.Text); i++ {
		if d.Text[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

// Diagnostic is a problem a stage met in the input and worked around.
type Diagnostic struct {
	Span
	Stage   string `json:"stage"`
	Message string `json:"message"`
}

// BlockKind names what a block of the text is.
type BlockKind string

// The kinds of block that layout assigns.
const (
	Body        BlockKind = "body"
	Title       BlockKind = "title"
	Byline      BlockKind = "byline"
	Caption     BlockKind = "caption"
	RelatedLink BlockKind = "related"
	Syndication BlockKind = "syndication"
)

// Block is a paragraph-sized piece of the text with its layout role.
// Blocks are sorted, do not overlap, and together cover every byte of the
// text that is not white space.
type Block struct {
	Kind BlockKind `json:"kind"`
	Span
	Credit *Credit `json:"credit,omitempty"` // the photo credit of a caption
}

// Credit is a photo credit as printed ("Photograph: Sergey Bobylev/POOL/AFP
// via Getty Images") and parsed into people and agencies.
type Credit struct {
	Span                       // the credit text, label included
	Text          string       `json:"text"`
	Photographers []string     `json:"photographers"`
	Agencies      []string     `json:"agencies"`
	Parts         []CreditPart `json:"parts"`
}

// CreditPart is one name in a credit with its role.
type CreditPart struct {
	Span
	Name string `json:"name"`
	Role string `json:"role"` // "photographer" or "agency"
}

// Sentence is a sentence of a block. Sentences never cross block
// boundaries and never include a caption's credit.
type Sentence struct {
	Span
	Block int `json:"block"` // index into Document.Blocks
}

// Token is a word, number or punctuation mark. Tokens are sorted and each
// lies inside exactly one sentence.
type Token struct {
	Span
	Sentence int // index into Document.Sentences
}

// Related is a link to another article printed in the text.
type Related struct {
	Span
	Title string `json:"title"`
}

// Image is a picture that belonged to the article (HTML and feed input).
type Image struct {
	URL     string `json:"url"`
	Caption string `json:"caption,omitempty"`
	Credit  string `json:"credit,omitempty"`
}

// Tone is the sentiment of the document and of each sentence, from -1
// (negative) to +1 (positive).
type Tone struct {
	Score     float64   `json:"score"`
	Sentences []float64 `json:"sentences,omitempty"` // parallel to Document.Sentences
}

// ValidUTF8Span reports whether s is in range and both ends fall on rune boundaries of text.
func ValidUTF8Span(text string, s Span) bool {
	if !s.Valid(len(text)) {
		return false
	}
	return (s.Start == len(text) || utf8.RuneStart(text[s.Start])) && (s.End == len(text) || utf8.RuneStart(text[s.End]))
}

// Fill replaces nil layers with empty ones, so that the JSON form always has
// every array of the contract ([] rather than null).
func (d *Document) Fill() {
	if d.Blocks == nil {
		d.Blocks = []Block{}
	}
	if d.Sentences == nil {
		d.Sentences = []Sentence{}
	}
	if d.Entities == nil {
		d.Entities = []Entity{}
	}
	if d.Quotes == nil {
		d.Quotes = []Quote{}
	}
	if d.Events == nil {
		d.Events = []Event{}
	}
	if d.Places == nil {
		d.Places = []Place{}
	}
	if d.Related == nil {
		d.Related = []Related{}
	}
}

// Reset empties d for the analysis of another text while keeping the memory
// of its layers: every layer is cut to length zero, and the stages, which
// start each layer they provide at d.Layer[:0], append into the old
// capacity instead of allocating it afresh. The layers that hold strings
// or pointers are cleared first, so the old record is not kept alive.
// After Reset nothing read from d before (a layer, or a slice of one) may
// be used: it will be overwritten.
func (d *Document) Reset() {
	clear(d.Blocks)
	clear(d.Entities)
	clear(d.Quotes)
	clear(d.Events)
	clear(d.Places)
	clear(d.Related)
	clear(d.Images)
	clear(d.Diagnostics)
	*d = Document{
		Blocks:      d.Blocks[:0],
		Sentences:   d.Sentences[:0],
		Tokens:      d.Tokens[:0],
		Entities:    d.Entities[:0],
		Quotes:      d.Quotes[:0],
		Events:      d.Events[:0],
		Places:      d.Places[:0],
		Related:     d.Related[:0],
		Images:      d.Images[:0],
		Tone:        Tone{Sentences: d.Tone.Sentences[:0]},
		Diagnostics: d.Diagnostics[:0],
	}
}
