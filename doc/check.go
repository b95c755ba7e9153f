package doc

import (
	"errors"
	"fmt"
	"strings"
)

// Check verifies the invariants every Document must keep and returns all
// violations joined, or nil: every span lies in the text on rune boundaries;
// blocks are sorted, do not overlap and cover all non-space text; sentences
// lie in their block and tokens in their sentence, both in order; mention
// and quote texts equal the text at their spans.
func (d *Document) Check() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	span := func(what string, s Span) bool {
		if !ValidUTF8Span(d.Text, s) {
			bad("%s: span %d-%d invalid in a text of %d bytes", what, s.Start, s.End, len(d.Text))
			return false
		}
		return true
	}
	prev := 0
	for i, b := range d.Blocks {
		if !span(fmt.Sprintf("block %d", i), b.Span) {
			continue
		}
		if b.Start < prev {
			bad("block %d starts at %d, inside the block before it", i, b.Start)
		} else if gap := strings.TrimSpace(d.Text[prev:b.Start]); gap != "" {
			bad("text at %d before block %d is in no block: %.40q", prev, i, gap)
		}
		prev = max(prev, b.End)
		if b.Credit != nil && !b.Contains(b.Credit.Span) {
			bad("block %d: credit outside its block", i)
		}
	}
	if len(d.Blocks) > 0 {
		if gap := strings.TrimSpace(d.Text[min(prev, len(d.Text)):]); gap != "" {
			bad("text at %d after the last block is in no block: %.40q", prev, gap)
		}
	}
	prev = 0
	for i, s := range d.Sentences {
		if !span(fmt.Sprintf("sentence %d", i), s.Span) {
			continue
		}
		if s.Start < prev {
			bad("sentence %d overlaps the one before", i)
		}
		prev = s.End
		if s.Block < 0 || s.Block >= len(d.Blocks) || !d.Blocks[s.Block].Contains(s.Span) {
			bad("sentence %d is not inside its block %d", i, s.Block)
		}
	}
	prev = 0
	for i, t := range d.Tokens {
		if !span(fmt.Sprintf("token %d", i), t.Span) {
			continue
		}
		if t.Start < prev {
			bad("token %d overlaps the one before", i)
		}
		prev = t.End
		if t.Sentence < 0 || t.Sentence >= len(d.Sentences) || !d.Sentences[t.Sentence].Contains(t.Span) {
			bad("token %d is not inside its sentence %d", i, t.Sentence)
		}
	}
	for _, e := range d.Entities {
		for _, ms := range [][]Mention{e.Mentions, e.References} {
			for _, m := range ms {
				if span("mention of "+e.ID, m.Span) && d.Slice(m.Span) != m.Text {
					bad("mention of %s at %d: text %q differs from the text at its span %q", e.ID, m.Start, m.Text, d.Slice(m.Span))
				}
			}
		}
	}
	for i, q := range d.Quotes {
		what := fmt.Sprintf("quote %d", i)
		if span(what, q.Span) && d.Slice(q.Span) != q.Text {
			bad("%s: text differs from the text at its span", what)
		}
		span(what+" cue", Span{q.CueStart, q.CueEnd})
		if (q.SpeakerStart == nil) != (q.SpeakerEnd == nil) {
			bad("%s: only one of speaker_start and speaker_end is set", what)
		} else if q.SpeakerStart != nil {
			span(what+" speaker", Span{*q.SpeakerStart, *q.SpeakerEnd})
		}
	}
	for i, ev := range d.Events {
		if ev.Sentence < 0 || ev.Sentence >= len(d.Sentences) {
			bad("event %d: sentence %d out of range", i, ev.Sentence)
		}
	}
	for i, r := range d.Related {
		span(fmt.Sprintf("related %d", i), r.Span)
	}
	return errors.Join(errs...)
}
