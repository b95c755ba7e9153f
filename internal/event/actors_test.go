package event

import (
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/doc"
)

// TestEntityChunks checks the token range of every mention found from
// the table of 64-byte blocks against a scan of all the tokens, for a
// mention at every byte offset of a text, and mentions outside it.
func TestEntityChunks(t *testing.T) {
	d := build(t, "Vladimir Putin met Donald Trump in Anchorage, Alaska, on Friday — the first summit since 2021. "+
		"Ukrainian officials said the talks, held at Joint Base Elmendorf-Richardson, ended without a deal.")
	e := doc.Entity{ID: "e1", Name: "x", Type: doc.Person}
	for start := -3; start < len(d.Text)+3; start++ {
		e.Mentions = append(e.Mentions, doc.Mention{Span: doc.Span{Start: start, End: start + 7}})
	}
	d.Entities = []doc.Entity{e}
	c := newCoder(d, mustDict(t))
	defer c.done()
	var want []chunk
	for _, m := range e.Mentions {
		first := len(d.Tokens)
		for i, tok := range d.Tokens {
			if tok.End > m.Start {
				first = i
				break
			}
		}
		last := first
		for last < len(d.Tokens) && d.Tokens[last].Start < m.End {
			last++
		}
		if last > first {
			want = append(want, chunk{first: first, last: last, name: true, typ: doc.Person})
		}
	}
	// by first token, longest first, then in the order of the mentions
	slices.SortStableFunc(want, func(x, y chunk) int {
		if x.first != y.first {
			return x.first - y.first
		}
		return y.last - x.last
	})
	if len(c.ents) != len(want) {
		t.Fatalf("%d chunks, want %d", len(c.ents), len(want))
	}
	for i := range want {
		if c.ents[i] != want[i] {
			t.Errorf("chunk %d: %+v, want %+v", i, c.ents[i], want[i])
		}
	}
}

func mustDict(t *testing.T) *Dict {
	t.Helper()
	d, err := defaultDict()
	if err != nil {
		t.Fatal(err)
	}
	return d
}
