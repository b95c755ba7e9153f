package source

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
)

func readFixture(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "html", name))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func TestHTML(t *testing.T) {
	for _, tc := range []struct {
		file, url           string
		wantURL             string
		title, author, site string
		published           string // YYYY-MM-DD, "" when unknown
		first, last         string // first and last line of Text
		lines               []string
		absent              []string
		images              []Image
	}{{
		file:      "harbour-ferry.html",
		url:       "https://herald.example.com/news/2025/03/14/harbour-ferry-resumes",
		wantURL:   "https://herald.example.com/news/2025/03/14/harbour-ferry-resumes",
		title:     "Harbour ferry service to resume after two-year pause",
		author:    "Maria Lindqvist",
		site:      "The Coastal Herald",
		published: "2025-03-14",
		first:     "The harbour ferry between the north pier and Kalvholmen will carry passengers again from the first of April, the city council said on Thursday, ending a two-year pause caused by a shortage of crew and repairs to the landing stages.",
		last:      "The first departure is planned for 6.40 in the morning on the first of April.",
		lines: []string{
			"Repairs cost more than planned", // a heading of the body is its own line
			`"People have been asking us every week when the boat is coming back," said Anna Ek, who chairs the council's transport committee. "Now we can give them a date."`,
		},
		absent: []string{"Subscribe today", "Share on Facebook", "Related", "Bridge closure", "Comments", "scandal", "All rights reserved", "Photo:", "News › Local"},
		images: []Image{
			{URL: "https://herald.example.com/img/ferry-lead.jpg", Caption: "The ferry Skarven at the north pier on Thursday.", Credit: "Photo: Jonas Berg/Coastal Herald"},
			{URL: "https://herald.example.com/img/landing-stage.jpg", Caption: "New piles at the Kalvholmen landing stage.", Credit: "Photo: Lena Sund"},
		},
	}, {
		file:      "potager-cp1252.html",
		title:     "Cinq conseils pour un potager d’hiver",
		author:    "Céline Moreau",
		site:      "Le Jardin de Céline",
		published: "2024-11-02",
		first:     "Beaucoup de jardiniers rangent leurs outils dès la fin d’octobre. C’est dommage : un potager bien préparé peut nourrir une famille pendant tout l’hiver, avec très peu de travail une fois les semis faits.",
		last:      "N’hésitez pas à me raconter vos propres essais : chaque jardin a son climat, et c’est en comparant que l’on apprend le plus.",
		lines: []string{
			// list items are lines, and words in inline elements keep their spaces
			"Choisir des légumes rustiques comme la mâche, le poireau et le chou kale.",
			"Pailler généreusement le sol avec des feuilles mortes ou de la paille.",
			"Protéger les jeunes plants avec un voile d’hivernage quand le gel arrive.",
		},
		absent: []string{"Accueil", "Articles récents", "Tailler les rosiers", "WordPress", "Publié le"},
	}} {
		t.Run(tc.file, func(t *testing.T) {
			a, err := HTML(readFixture(t, tc.file), tc.url)
			if err != nil {
				t.Fatal(err)
			}
			checkText(t, a.Text)
			for _, f := range []struct{ name, got, want string }{
				{"URL", a.URL, tc.wantURL},
				{"Title", a.Title, tc.title},
				{"Author", a.Author, tc.author},
				{"SiteName", a.SiteName, tc.site},
			} {
				if f.got != f.want {
					t.Errorf("%s = %q, want %q", f.name, f.got, f.want)
				}
			}
			if got := dateOf(a.Published); got != tc.published {
				t.Errorf("Published = %s, want %s", got, tc.published)
			}
			lines := strings.Split(a.Text, "\n")
			if lines[0] != tc.first {
				t.Errorf("first line = %q, want %q", lines[0], tc.first)
			}
			if l := lines[len(lines)-1]; l != tc.last {
				t.Errorf("last line = %q, want %q", l, tc.last)
			}
			for _, want := range tc.lines {
				if !hasLine(lines, want) {
					t.Errorf("no line %q in\n%s", want, a.Text)
				}
			}
			for _, bad := range tc.absent {
				if strings.Contains(a.Text, bad) {
					t.Errorf("text has %q", bad)
				}
			}
			if tc.images != nil && fmt.Sprint(a.Images) != fmt.Sprint(tc.images) {
				t.Errorf("Images =\n%+v\nwant\n%+v", a.Images, tc.images)
			}
		})
	}
}

func dateOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func hasLine(lines []string, want string) bool {
	for _, l := range lines {
		if l == want {
			return true
		}
	}
	return false
}

// checkText asserts the invariants of Article.Text.
func checkText(t *testing.T, text string) {
	t.Helper()
	if !utf8.ValidString(text) {
		t.Errorf("text is not valid UTF-8")
	}
	for i, l := range strings.Split(text, "\n") {
		if l == "" || strings.TrimSpace(l) != l {
			t.Errorf("line %d %q is blank or has surrounding space", i+1, l)
		}
		if strings.ContainsAny(l, "\r\t\u200b\u00ad") {
			t.Errorf("line %d %q has a control, zero width space or soft hyphen", i+1, l)
		}
	}
}

func TestHTMLNotArticle(t *testing.T) {
	for name, page := range map[string][]byte{
		"tag index": readFixture(t, "tag-index.html"),
		"empty":     nil,
		"no body":   []byte("<html><head><title>x</title></head></html>"),
		"binary":    {0x89, 'P', 'N', 'G', 0, 0, 0, 0x0d, 0xff, 0xfe},
		"404":       []byte(`<html><body><nav><a href="/">Home</a></nav><h1>Page not found</h1><p>Sorry.</p></body></html>`),
	} {
		t.Run(name, func(t *testing.T) {
			a, err := HTML(page, "https://example.com/x")
			if !errors.Is(err, ErrNotArticle) {
				t.Fatalf("err = %v (text %q), want ErrNotArticle", err, a.Text)
			}
			if !strings.HasPrefix(err.Error(), "html: ") {
				t.Errorf("error %q does not say where it comes from", err)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"utf-8", "<p>café</p>", "<p>café</p>"},
		{"declared latin-1, valid utf-8", `<meta charset="iso-8859-1"><p>café</p>`, `<meta charset="iso-8859-1"><p>café</p>`},
		{"declared windows-1252", "<meta charset=\"windows-1252\"><p>caf\xe9 \x93x\x94</p>", "<meta charset=\"windows-1252\"><p>café “x”</p>"},
		{"utf-16 bom", "\xff\xfe<\x00p\x00>\x00", "<p>"},
	} {
		if got := string(decode([]byte(tc.in))); got != tc.want {
			t.Errorf("%s: decode = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestNodeText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"<p>a <em>b</em> c</p><p>d<br>e</p>", "a b c\nd\ne"},
		{"<h2>Head</h2><ul><li>one <b>two</b></li><li>three</li></ul>", "Head\none two\nthree"},
		{"<p>use <code>go vet</code> often</p>", "use go vet often"},
		{"<code>line 1\n  line 2</code><p>after</p>", "line 1\nline 2\nafter"},
		{"<table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td>d</td></tr></table>", "a b\nc d"},
		{"<p>x\u200by</p><script>var s</script><p>\u00a0 z \t</p>", "x y\nz"},
	} {
		doc, err := html.Parse(strings.NewReader(tc.in))
		if err != nil {
			t.Fatal(err)
		}
		if got := nodeText(doc); got != tc.want {
			t.Errorf("nodeText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestProtectSpaces(t *testing.T) {
	doc, err := html.Parse(strings.NewReader("<ul><li>to <em>reach</em> prospects <b>now</b></li></ul><p>x <hl-src>34</hl-src>).</p>"))
	if err != nil {
		t.Fatal(err)
	}
	protectSpaces(doc)
	var b strings.Builder
	if err := html.Render(&b, doc); err != nil {
		t.Fatal(err)
	}
	want := "<li>to\u200b<em>reach</em>\u200bprospects\u200b<b>now</b></li></ul><p>x\u200b<span>34</span>).</p>"
	if !strings.Contains(b.String(), want) {
		t.Errorf("protectSpaces gave\n%s\nwant it to contain\n%s", b.String(), want)
	}
}

func TestDropHeadline(t *testing.T) {
	for _, tc := range []struct{ text, title, want string }{
		{"Ferry to resume\nThe ferry will run.\nMore.", "Ferry to resume | Herald", "The ferry will run.\nMore."},
		{"News › Local\nFerry to resume\nThe ferry will run.", "Ferry to resume", "The ferry will run."},
		{"The ferry will run.\nMore.", "Ferry to resume", "The ferry will run.\nMore."},
		{"Ferry to resume", "Ferry to resume", "Ferry to resume"}, // never empties the text
		{"Body.\nMore.\nAgain.\nFerry to resume", "Ferry to resume", "Body.\nMore.\nAgain.\nFerry to resume"},
	} {
		if got := dropHeadline(tc.text, tc.title); got != tc.want {
			t.Errorf("dropHeadline(%q, %q) = %q, want %q", tc.text, tc.title, got, tc.want)
		}
	}
}

func FuzzHTML(f *testing.F) {
	for _, name := range []string{"harbour-ferry.html", "potager-cp1252.html", "tag-index.html"} {
		f.Add(readFixture(f, name))
	}
	f.Add([]byte("<p>a<em>b</em> c<hl-x>d</hl-x></p><ul><li>x <b>y</b></li></ul>"))
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := HTML(data, "https://example.com/a/b")
		if err != nil {
			if a.Text != "" {
				t.Errorf("error %v with text %q", err, a.Text)
			}
			return
		}
		for _, s := range []string{a.Text, a.Title, a.Author, a.SiteName, a.URL} {
			if !utf8.ValidString(s) {
				t.Errorf("invalid UTF-8 %q", s)
			}
		}
		for _, im := range a.Images {
			if !utf8.ValidString(im.URL + im.Caption + im.Credit) {
				t.Errorf("invalid UTF-8 in image %+v", im)
			}
		}
		if a.Text == "" || strings.Contains(a.Text, "\n\n") {
			t.Errorf("text %q is empty or has a blank line", a.Text)
		}
	})
}

func BenchmarkHTML(b *testing.B) {
	data := readFixture(b, "harbour-ferry.html")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := HTML(data, "https://herald.example.com/news/2025/03/14/harbour-ferry-resumes"); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleHTML() {
	page, err := os.ReadFile("testdata/html/harbour-ferry.html")
	if err != nil {
		panic(err)
	}
	a, err := HTML(page, "https://herald.example.com/news/2025/03/14/harbour-ferry-resumes")
	if err != nil {
		panic(err)
	}
	fmt.Println(a.Title)
	fmt.Println(a.Author, "|", a.SiteName, "|", a.Published.Format("2006-01-02"))
	fmt.Println(strings.Count(a.Text, "\n")+1, "lines")
	fmt.Println(a.Images[0].Credit)
	// Output:
	// Harbour ferry service to resume after two-year pause
	// Maria Lindqvist | The Coastal Herald | 2025-03-14
	// 8 lines
	// Photo: Jonas Berg/Coastal Herald
}

func TestImageSources(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`<img src="/a.jpg">`, "/a.jpg"},
		{`<img src="/img/placeholder.gif" data-src="/real.jpg">`, "/real.jpg"},
		{`<img src="data:image/gif;base64,R0lGOD" srcset="/s.jpg 320w, /l.jpg 1200w, /m.jpg 640w">`, "/l.jpg"},
		{`<img src="/x.jpg?w=20" data-original="/x.jpg?w=1200">`, "/x.jpg?w=1200"},
		{`<img src="/spacer.gif">`, ""},
	} {
		doc, err := html.Parse(strings.NewReader(tc.in))
		if err != nil {
			t.Fatal(err)
		}
		var got string
		walkElements(doc, func(n *html.Node) bool {
			if n.Data == "img" {
				if s := imageSources(n); len(s) > 0 {
					got = s[0]
				}
			}
			return true
		})
		if got != tc.want {
			t.Errorf("imageSources(%s) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCaption(t *testing.T) {
	for _, tc := range []struct{ in, caption, credit string }{
		{`<figure><img src="a.jpg"><figcaption>The pier. <span class="credit">Photo: J. Berg</span></figcaption></figure>`, "The pier.", "Photo: J. Berg"},
		{`<figure><img src="a.jpg"><figcaption>Piles at the landing stage. (Photo: Lena Sund)</figcaption></figure>`, "Piles at the landing stage.", "Photo: Lena Sund"},
		{`<figure><img src="a.jpg"><figcaption>Leaders meet in Anchorage. (AP Photo/Julia Demaree Nikhinson/AP)</figcaption></figure>`, "Leaders meet in Anchorage.", "AP Photo/Julia Demaree Nikhinson/AP"},
		{`<div class="media"><img src="a.jpg"><p class="caption">Crowds at the rally © Reuters</p></div>`, "Crowds at the rally", "© Reuters"},
		{`<p><img src="a.jpg"> no caption here</p>`, "", ""},
	} {
		doc, err := html.Parse(strings.NewReader(tc.in))
		if err != nil {
			t.Fatal(err)
		}
		var capText, credit string
		walkElements(doc, func(n *html.Node) bool {
			if n.Data == "img" {
				capText, credit = caption(n)
			}
			return true
		})
		if capText != tc.caption || credit != tc.credit {
			t.Errorf("caption(%s) = %q, %q; want %q, %q", tc.in, capText, credit, tc.caption, tc.credit)
		}
	}
}

func TestDropBoilerplate(t *testing.T) {
	body := "The ferry will run every 30 minutes on weekdays and every hour at weekends."
	for _, tc := range []struct{ in, want string }{
		{body + "\nSign up for our daily newsletter.\nFollow us on Twitter and Facebook.", body},
		{"Copyright 2025 The Herald\n" + body, body},
		{body + "\n(Reporting by Jane Doe; Editing by John Roe)\nRelated: Bus lanes on the coast road", body + "\n(Reporting by Jane Doe; Editing by John Roe)\nRelated: Bus lanes on the coast road"},
		{"Subscribe now", "Subscribe now"}, // never empties the text
	} {
		if got := dropBoilerplate(tc.in); got != tc.want {
			t.Errorf("dropBoilerplate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestHTMLConcurrent runs HTML from several goroutines, as a batch does;
// run it with -race.
func TestHTMLConcurrent(t *testing.T) {
	pages := [][]byte{readFixture(t, "harbour-ferry.html"), readFixture(t, "potager-cp1252.html")}
	want := make([]string, len(pages))
	for i, p := range pages {
		a, err := HTML(p, "")
		if err != nil {
			t.Fatal(err)
		}
		want[i] = a.Text
	}
	errs := make(chan error, 8)
	for g := range 8 {
		go func() {
			for i := range 4 {
				k := (g + i) % len(pages)
				a, err := HTML(pages[k], "")
				if err == nil && a.Text != want[k] {
					err = fmt.Errorf("page %d: text differs from a lone run", k)
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
