package quote

import (
	"context"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/layout"
	"github.com/newsgraph/newsgraph/internal/text"
)

// checkQuotes reports every quotation whose offsets leave the text or
// split a rune, or whose Text is not the text at its span.
func checkQuotes(t *testing.T, d *doc.Document) {
	t.Helper()
	ok := func(what string, s doc.Span) {
		if !doc.ValidUTF8Span(d.Text, s) {
			t.Fatalf("%s %v outside the text (%d bytes) or not on a rune boundary", what, s, len(d.Text))
		}
	}
	for _, q := range d.Quotes {
		ok("quote", q.Span)
		if q.Text != d.Text[q.Start:q.End] {
			t.Fatalf("quote text %q is not the text at %v", q.Text, q.Span)
		}
		if q.Cue != "" {
			ok("cue", doc.Span{Start: q.CueStart, End: q.CueEnd})
		}
		if (q.SpeakerStart == nil) != (q.SpeakerEnd == nil) {
			t.Fatalf("speaker offsets half set: %+v", q)
		}
		if q.SpeakerStart != nil {
			ok("speaker", doc.Span{Start: *q.SpeakerStart, End: *q.SpeakerEnd})
		}
		if q.Speaker != nil && q.SpeakerStart == nil {
			t.Fatalf("speaker %s without a mention", *q.Speaker)
		}
		switch q.Kind {
		case doc.Direct, doc.Partial, doc.Indirect:
		default:
			t.Fatalf("quote kind %q", q.Kind)
		}
	}
}

func FuzzQuotes(f *testing.F) {
	for _, s := range []string{
		"“There’s no deal until there’s a deal,” Mr Trump said.",
		"He said: \"We won.\nAnd we will win again.\"",
		"“Open and never closed. Mr Putin said “again",
		"‘Alaska 2025″ and the ’90s, don’t, Putin’s “the Beast”",
		"''Nusra is Al Qaeda,'' Mr. Kerry said. « Oui », dit-il.",
		"“First paragraph.\n\n“Second paragraph,” she added.",
		"\"\"\"'''“”“”‘’‘’",
		"According to officials, the talks failed, he said, adding that “x”.",
		"a\xffb “c\xfe” said d",
		"“We never quit.”\n— Maria Lopez, 34, Phoenix\n\n\"I worry.\nDean Baker, CEPR.\"\n“No.” (Carlos, 45)",
		"Maria Lopez\n“We work hard.”\n\nTAPPER: Why?\nFALLIN: Because.\n\nPollsters agree - Carl Bialik: “Yes.”",
		"“A.” ―@x_1.\n1. Ana Torres (27)\n“B” Here’s Clinton in 1992: “C.“[AP.]",
	} {
		f.Add(s, uint8(3))
	}
	marks := []string{"\"", "'", "“", "”", "‘", "’", "«", "»", "″", "''", "\n", ": ", ", ", " said ", " he ", "."}
	f.Fuzz(func(t *testing.T, s string, seed uint8) {
		// Sprinkle quotation marks into the input, deterministically.
		b := []byte(s)
		r := uint32(seed) | 1
		for i := 0; i < int(seed%8); i++ {
			r = r*1664525 + 1013904223
			at := 0
			if len(b) > 0 {
				at = int(r>>8) % (len(b) + 1)
			}
			m := marks[int(r>>20)%len(marks)]
			b = append(b[:at:at], append([]byte(m), b[at:]...)...)
		}
		d := &doc.Document{Text: string(b)}
		if !utf8.ValidString(d.Text) {
			d.Text = string([]rune(d.Text)) // as the source stage does
		}
		for _, st := range []doc.Stage{layout.Stage{}, text.Stage{}} {
			if err := st.Run(context.Background(), d); err != nil {
				t.Fatal(err)
			}
		}
		// A person mentioned by every capitalised token, a pronoun reference
		// on every "he".
		e := doc.Entity{ID: "e1", Name: "Someone", Type: doc.Person}
		for _, tk := range d.Tokens {
			w := d.Text[tk.Start:tk.End]
			if w == "he" || w == "He" {
				e.References = append(e.References, doc.Mention{Span: tk.Span, Text: w, Kind: doc.PronounMention})
			} else if c, _ := utf8.DecodeRuneInString(w); 'A' <= c && c <= 'Z' {
				e.Mentions = append(e.Mentions, doc.Mention{Span: tk.Span, Text: w, Kind: doc.NameMention})
			}
		}
		d.Entities = []doc.Entity{e}
		if err := (Stage{}).Run(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		checkQuotes(t, d)
	})
}
