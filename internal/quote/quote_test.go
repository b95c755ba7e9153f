package quote

import (
	"context"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/layout"
	"github.com/newsgraph/newsgraph/internal/text"
)

// analyze runs layout, text and the quote stage on s, with the entities
// given as name → mentions (surface forms found in s) and references.
func analyze(t testing.TB, s string, ents ...testEntity) *doc.Document {
	t.Helper()
	d := &doc.Document{Text: s}
	for _, st := range []doc.Stage{layout.Stage{}, text.Stage{}} {
		if err := st.Run(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	for i, e := range ents {
		de := doc.Entity{ID: "e" + string(rune('1'+i)), Name: e.name, Type: doc.Person}
		for _, m := range e.mentions {
			for _, sp := range findAll(s, m) {
				de.Mentions = append(de.Mentions, doc.Mention{Span: sp, Text: m, Kind: doc.NameMention})
			}
		}
		for _, r := range e.refs {
			sp := nth(s, r.text, r.n)
			de.References = append(de.References, doc.Mention{Span: sp, Text: r.text, Kind: doc.PronounMention})
		}
		d.Entities = append(d.Entities, de)
	}
	if err := (Stage{}).Run(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return d
}

type testEntity struct {
	name     string
	mentions []string
	refs     []testRef
}

// testRef is the n-th (from 0) occurrence of text, as a whole word.
type testRef struct {
	text string
	n    int
}

func findAll(s, w string) []doc.Span {
	var out []doc.Span
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return out
		}
		a := i + j
		b := a + len(w)
		if (a == 0 || !isWordByte(s[a-1])) && (b == len(s) || !isWordByte(s[b])) {
			out = append(out, doc.Span{Start: a, End: b})
		}
		i = b
	}
}

func nth(s, w string, n int) doc.Span {
	all := findAll(s, w)
	if n < len(all) {
		return all[n]
	}
	return doc.Span{}
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func dump(d *doc.Document) string {
	var b strings.Builder
	for _, q := range d.Quotes {
		spk := "-"
		if q.SpeakerStart != nil {
			spk = d.Text[*q.SpeakerStart:*q.SpeakerEnd]
		}
		id := "null"
		if q.Speaker != nil {
			id = *q.Speaker
		}
		b.WriteString(string(q.Kind) + " [" + q.Text + "] cue=" + q.Cue + " spk=" + spk + " id=" + id + " name=" + q.SpeakerName + "\n")
	}
	return b.String()
}

func TestNoQuotesInCaptions(t *testing.T) {
	s := "The leaders met in Alaska on Friday.\n" +
		"Trump and Putin stand on a platform announcing their summit in Alaska, and Trump said “we will win”. Photograph: Jane Doe/AFP via Getty Images\n" +
		"“It went well,” Trump said after the talks.\n"
	d := analyze(t, s, testEntity{name: "Donald Trump", mentions: []string{"Trump"}})
	if len(d.Quotes) != 1 || d.Quotes[0].Text != "It went well" {
		t.Errorf("want only the body quote, got:\n%s", dump(d))
	}
}
