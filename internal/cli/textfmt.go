package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/doc"
)

// writeText prints a readable summary of d: the body, then quotes grouped
// by speaker, entities with roles, photo credits and related links.
func writeText(w io.Writer, path string, d *doc.Document, header bool) error {
	var b strings.Builder
	if header {
		fmt.Fprintf(&b, "=== %s\n", path)
	}
	if d.Title != "" {
		fmt.Fprintf(&b, "%s\n", d.Title)
	}
	if d.Published != nil {
		fmt.Fprintf(&b, "Published %s\n", d.Published.Format("2 January 2006"))
	}
	b.WriteString("\n")
	for _, bl := range d.Blocks {
		switch bl.Kind {
		case doc.Title:
			fmt.Fprintf(&b, "# %s\n\n", d.Slice(bl.Span))
		case doc.Body, doc.Byline:
			fmt.Fprintf(&b, "%s\n\n", d.Slice(bl.Span))
		}
	}
	section(&b, "Quotes")
	bySpeaker := map[string][]doc.Quote{}
	var speakers []string
	for _, q := range d.Quotes {
		name := q.SpeakerName
		if name == "" {
			name = "(unattributed)"
		}
		if _, ok := bySpeaker[name]; !ok {
			speakers = append(speakers, name)
		}
		bySpeaker[name] = append(bySpeaker[name], q)
	}
	for _, s := range speakers {
		fmt.Fprintf(&b, "%s\n", s)
		for _, q := range bySpeaker[s] {
			fmt.Fprintf(&b, "  [%s] “%s” (%s)\n", q.Kind, q.Text, q.Cue)
		}
	}
	if len(d.Quotes) == 0 {
		b.WriteString("  none found\n")
	}
	section(&b, "People, organisations and places")
	ents := append([]doc.Entity(nil), d.Entities...)
	sort.SliceStable(ents, func(i, j int) bool { return ents[i].Type < ents[j].Type })
	for _, e := range ents {
		fmt.Fprintf(&b, "  %-7s %s", e.Type, e.Name)
		if e.Country != "" {
			fmt.Fprintf(&b, " (%s)", e.Country)
		}
		if len(e.Roles) > 0 {
			fmt.Fprintf(&b, " — %s", strings.Join(e.Roles, "; "))
		}
		fmt.Fprintf(&b, " ×%d\n", len(e.Mentions))
	}
	if len(d.Entities) == 0 {
		b.WriteString("  none found\n")
	}
	if len(d.Events) > 0 {
		section(&b, "Events")
		for _, ev := range d.Events {
			fmt.Fprintf(&b, "  %s/%s %s", ev.Type, ev.Mode, ev.Status)
			if ev.Date != "" {
				fmt.Fprintf(&b, " %s", ev.Date)
			}
			if ev.Location != "" {
				fmt.Fprintf(&b, " in %s", ev.Location)
			}
			fmt.Fprintf(&b, ": %s\n", ev.Evidence)
		}
	}
	section(&b, "Photo credits")
	n := 0
	for _, bl := range d.Blocks {
		if bl.Kind != doc.Caption || bl.Credit == nil {
			continue
		}
		n++
		fmt.Fprintf(&b, "  %s", strings.Join(bl.Credit.Photographers, ", "))
		if len(bl.Credit.Agencies) > 0 {
			fmt.Fprintf(&b, " / %s", strings.Join(bl.Credit.Agencies, ", "))
		}
		caption := d.Text[bl.Start:bl.Credit.Start]
		if len(caption) > 70 {
			caption = caption[:strings.LastIndexByte(caption[:70], ' ')+1] + "…"
		}
		fmt.Fprintf(&b, " — %s\n", strings.TrimSpace(caption))
	}
	if n == 0 {
		b.WriteString("  none found\n")
	}
	for _, bl := range d.Blocks {
		if bl.Kind == doc.Syndication && bl.Credit != nil {
			fmt.Fprintf(&b, "  syndicated from %s\n", strings.Join(bl.Credit.Agencies, ", "))
		}
	}
	if len(d.Related) > 0 {
		section(&b, "Related")
		for _, r := range d.Related {
			fmt.Fprintf(&b, "  %s\n", r.Title)
		}
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func section(b *strings.Builder, title string) {
	fmt.Fprintf(b, "── %s\n", title)
}
