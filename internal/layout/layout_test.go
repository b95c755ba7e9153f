package layout

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/doc"
)

func run(t *testing.T, text string) *doc.Document {
	t.Helper()
	d := &doc.Document{Text: text}
	if err := (Stage{}).Run(t.Context(), d); err != nil {
		t.Fatal(err)
	}
	checkTiling(t, d)
	return d
}

// checkTiling asserts the block invariants: sorted, not overlapping, every
// non-space byte inside a block.
func checkTiling(t *testing.T, d *doc.Document) {
	t.Helper()
	prev := 0
	for i, b := range d.Blocks {
		if !doc.ValidUTF8Span(d.Text, b.Span) || b.Start < prev || b.Start >= b.End {
			t.Fatalf("block %d %+v out of order or invalid", i, b.Span)
		}
		if gap := strings.TrimSpace(d.Text[prev:b.Start]); gap != "" {
			t.Fatalf("text %q between blocks is in no block", gap)
		}
		prev = b.End
	}
	if gap := strings.TrimSpace(d.Text[prev:]); gap != "" {
		t.Fatalf("text %q after the last block is in no block", gap)
	}
}

func TestCaptions(t *testing.T) {
	cases := []struct {
		line          string
		photographers string
		agencies      string
		credit        string
	}{
		{"Leaders meet in Alaska. Photograph: Sergey Bobylev/POOL/AFP via Getty Images",
			"Sergey Bobylev", "POOL|AFP|Getty Images", "Photograph: Sergey Bobylev/POOL/AFP via Getty Images"},
		{"Supporters gather in Anchorage. Photograph: Ash Adams/The New York Times",
			"Ash Adams", "The New York Times", "Photograph: Ash Adams/The New York Times"},
		{"Trump greets Putin in Alaska. Photo: Andrew Caballero-Reynolds/AFP via Getty Images",
			"Andrew Caballero-Reynolds", "AFP|Getty Images", "Photo: Andrew Caballero-Reynolds/AFP via Getty Images"},
		{"A man walks past a damaged building in Kyiv, Ukraine, May 5, 2024. REUTERS/Gleb Garanich",
			"Gleb Garanich", "REUTERS", "REUTERS/Gleb Garanich"},
		{"President Biden speaks at the White House. (AP Photo/Evan Vucci)",
			"Evan Vucci", "AP", "(AP Photo/Evan Vucci)"},
		{"FILE PHOTO: The logo of the company is seen in Paris, France, March 3, 2023. REUTERS/Gonzalo Fuentes/File Photo",
			"Gonzalo Fuentes", "REUTERS", "REUTERS/Gonzalo Fuentes/File Photo"},
		{"The crowd at the rally. Credit: Jane Smith for The Washington Post",
			"Jane Smith", "The Washington Post", "Credit: Jane Smith for The Washington Post"},
		{"Firefighters at work on Sunday. (Photo by Mario Tama/Getty Images)",
			"Mario Tama", "Getty Images", "(Photo by Mario Tama/Getty Images)"},
	}
	for _, c := range cases {
		d := run(t, "First paragraph of the story, which is long enough to be body text.\n"+c.line+"\nLast paragraph of the story.\n")
		var cap *doc.Block
		for i := range d.Blocks {
			if d.Blocks[i].Kind == doc.Caption {
				cap = &d.Blocks[i]
			}
		}
		if cap == nil || cap.Credit == nil {
			t.Errorf("%q: no caption with a credit; blocks %+v", c.line, d.Blocks)
			continue
		}
		cr := cap.Credit
		if got := strings.Join(cr.Photographers, "|"); got != c.photographers {
			t.Errorf("%q: photographers %q, want %q", c.line, got, c.photographers)
		}
		if got := strings.Join(cr.Agencies, "|"); got != c.agencies {
			t.Errorf("%q: agencies %q, want %q", c.line, got, c.agencies)
		}
		if got := d.Slice(cr.Span); got != c.credit {
			t.Errorf("%q: credit span %q, want %q", c.line, got, c.credit)
		}
		for _, p := range cr.Parts {
			if d.Slice(p.Span) != p.Name {
				t.Errorf("%q: part span %q != name %q", c.line, d.Slice(p.Span), p.Name)
			}
		}
	}
}

func TestNotCaptions(t *testing.T) {
	for _, line := range []string{
		"The photo: a man and a dog, taken in 1990 by a neighbour who later moved away.",
		"He said the photograph was taken in Moscow and sent to the newspaper by email.",
		"Officials in the U.S./Mexico border region said the crossing would reopen on Monday.",
		"The results were published in the journal Nature on Tuesday.",
	} {
		d := run(t, "Opening paragraph here.\n"+line+"\nClosing paragraph here.")
		for _, b := range d.Blocks {
			if b.Kind != doc.Body {
				t.Errorf("%q: got a %s block %q", line, b.Kind, d.Slice(b.Span))
			}
		}
	}
}

func TestRelatedSyndicationTitleByline(t *testing.T) {
	text := "Trump and Putin meet in Alaska\n\nBy Jane Doe\n\nThe two leaders met on Friday. They talked for hours.\nPursue it they might, but in Alaska they did not deliver it. – Bloomberg/Guardian\n[ Donald Trump and Vladimir Putin meet in Alaska for high-stakes summit on UkraineOpens in new window ]\n"
	d := run(t, text)
	var kinds []string
	for _, b := range d.Blocks {
		kinds = append(kinds, string(b.Kind))
	}
	if got, want := strings.Join(kinds, " "), "title byline body body syndication related"; got != want {
		t.Fatalf("kinds %q, want %q", got, want)
	}
	if len(d.Related) != 1 || d.Related[0].Title != "Donald Trump and Vladimir Putin meet in Alaska for high-stakes summit on Ukraine" {
		t.Errorf("related %+v", d.Related)
	}
	syn := d.Blocks[4]
	if d.Slice(syn.Span) != "– Bloomberg/Guardian" || strings.Join(syn.Credit.Agencies, "|") != "Bloomberg|Guardian" {
		t.Errorf("syndication %q %+v", d.Slice(syn.Span), syn.Credit)
	}
	if got := d.Slice(d.Blocks[3].Span); got != "Pursue it they might, but in Alaska they did not deliver it." {
		t.Errorf("last body %q", got)
	}
}

func TestNoSyndicationInOrdinaryDash(t *testing.T) {
	d := run(t, "He said the talks went well - and that more would follow.\nThe meeting ended - Moscow next")
	for _, b := range d.Blocks {
		if b.Kind == doc.Syndication {
			t.Errorf("false syndication %q", d.Slice(b.Span))
		}
	}
}

func TestTitleFromSource(t *testing.T) {
	d := &doc.Document{Title: "Summit ends", Text: "Summit ends\nThe summit ended on Friday."}
	if err := (Stage{}).Run(t.Context(), d); err != nil {
		t.Fatal(err)
	}
	if d.Blocks[0].Kind != doc.Title || d.Blocks[1].Kind != doc.Body {
		t.Errorf("blocks %+v", d.Blocks)
	}
	d = &doc.Document{Title: "Something else", Text: "Summit ends\nThe summit ended on Friday."}
	_ = (Stage{}).Run(t.Context(), d)
	if d.Blocks[0].Kind != doc.Body {
		t.Errorf("first line marked %s though the page title differs", d.Blocks[0].Kind)
	}
}

func FuzzLayout(f *testing.F) {
	for _, s := range []string{
		"A caption. Photograph: A B/C\nBody. – X/Y",
		"[ x Opens in new window ]",
		"By \n\n(Photo by /)",
		"\xff\xfe Photo: É/",
		"x – \n – Reuters",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d := &doc.Document{Text: text}
		if err := (Stage{}).Run(t.Context(), d); err != nil {
			t.Fatal(err)
		}
		prev := 0
		for _, b := range d.Blocks {
			if !b.Valid(len(text)) || b.Start < prev {
				t.Fatalf("bad block %+v in %q", b.Span, text)
			}
			prev = b.End
			if c := b.Credit; c != nil {
				if !b.Contains(c.Span) {
					t.Fatalf("credit %+v outside block %+v", c.Span, b.Span)
				}
				for _, p := range c.Parts {
					if !c.Contains(p.Span) {
						t.Fatalf("credit part %+v outside credit %+v in %q", p.Span, c.Span, text)
					}
				}
			}
		}
		for _, r := range d.Related {
			if !r.Valid(len(text)) {
				t.Fatalf("bad related span %+v", r.Span)
			}
		}
	})
}

func TestCaptionFirstLineIsNotTitle(t *testing.T) {
	d := run(t, "Leaders meet in Alaska. Photograph: Sergey Bobylev/POOL/AFP via Getty Images\nThe summit began on Friday.\n")
	if d.Blocks[0].Kind != doc.Caption || d.Blocks[0].Credit == nil {
		t.Errorf("first-line caption classified %s", d.Blocks[0].Kind)
	}
}

func TestNumbersAreNotCredits(t *testing.T) {
	d := run(t, "Report filed.\nDTD: 09/01/96\nMore text follows here.")
	for _, b := range d.Blocks {
		if b.Kind == doc.Caption {
			t.Errorf("%q taken for a caption", d.Slice(b.Span))
		}
	}
}

// TestLabelEndsAndLastSegment compares labelEnds and lastSegment with
// plain definitions, on random lines made of the bytes that matter.
func TestLabelEndsAndLastSegment(t *testing.T) {
	labelEndsRef := func(line string) []int {
		var out []int
		for pos := len(line); pos > 0; {
			i := strings.LastIndexAny(line[:pos], ":y")
			if i < 0 {
				break
			}
			pos = i
			if line[i] == 'y' && (i < 2 || line[i-1] != 'b' && line[i-1] != 'B' || line[i-2] != ' ') {
				continue
			}
			out = append(out, i)
		}
		return out
	}
	lastSegmentRef := func(line string) string {
		best := 0
		for _, sep := range []string{". ", "? ", "! ", ".” ", ".\" ", ") "} {
			if i := strings.LastIndex(line, sep); i >= 0 && i+len(sep) > best {
				best = i + len(sep)
			}
		}
		if i := strings.LastIndex(line, "("); i >= 0 && i < best && strings.HasSuffix(strings.TrimSpace(line), ")") {
			best = i
		}
		return line[best:]
	}
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{" ", "by", "By", "b", "y", ":", ".", "?", "!", ")", "(", "\"", "”", "Photo", "x"}
	for range 20000 {
		var b strings.Builder
		for range r.IntN(20) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		line := b.String()
		if got, want := labelEnds(nil, line), labelEndsRef(line); !slices.Equal(got, want) {
			t.Fatalf("labelEnds(%q) = %v, want %v", line, got, want)
		}
		if got, want := lastSegment(line), lastSegmentRef(line); got != want {
			t.Fatalf("lastSegment(%q) = %q, want %q", line, got, want)
		}
	}
}
