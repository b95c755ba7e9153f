package entity

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/doc"
)

// analyse runs layout, text and the entity stage over txt.
func analyse(tb testing.TB, txt string) *doc.Document {
	tb.Helper()
	d := prepared(tb, txt)
	if err := (Stage{}).Run(context.Background(), d); err != nil {
		tb.Fatal(err)
	}
	checkInvariants(tb, d)
	return d
}

// find returns the entity named name, or nil.
func find(d *doc.Document, name string) *doc.Entity {
	for i := range d.Entities {
		if d.Entities[i].Name == name {
			return &d.Entities[i]
		}
	}
	return nil
}

// texts returns the surface texts of ms.
func texts(ms []doc.Mention) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Text
	}
	return out
}

// checkInvariants checks what every document must satisfy: spans in range,
// on rune boundaries and equal to their text; ids e1, e2, … in order of
// first mention; places pointing at entities.
func checkInvariants(tb testing.TB, d *doc.Document) {
	tb.Helper()
	ids := map[string]bool{}
	prev := -1
	for i, e := range d.Entities {
		if want := "e" + itoa(i+1); e.ID != want {
			tb.Errorf("entity %d has id %q, want %q", i, e.ID, want)
		}
		ids[e.ID] = true
		if len(e.Mentions) == 0 {
			tb.Errorf("%s %q has no mention", e.ID, e.Name)
			continue
		}
		if e.Mentions[0].Start < prev {
			tb.Errorf("%s %q is out of order of first mention", e.ID, e.Name)
		}
		prev = e.Mentions[0].Start
		for _, ms := range [][]doc.Mention{e.Mentions, e.References} {
			for _, m := range ms {
				if !doc.ValidUTF8Span(d.Text, m.Span) || m.Len() == 0 {
					tb.Errorf("%s %q: bad span %+v", e.ID, e.Name, m.Span)
					continue
				}
				if got := d.Slice(m.Span); got != m.Text {
					tb.Errorf("%s %q: mention text %q but the span holds %q", e.ID, e.Name, m.Text, got)
				}
			}
		}
		if !slices.IsSortedFunc(e.Mentions, func(x, y doc.Mention) int { return x.Start - y.Start }) {
			tb.Errorf("%s %q: mentions not in text order", e.ID, e.Name)
		}
	}
	for _, p := range d.Places {
		if !ids[p.Entity] {
			tb.Errorf("place %q points at unknown entity %q", p.Name, p.Entity)
		}
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// entityCase is one text and what must (and must not) be found in it.
type entityCase struct {
	name string
	text string
	want []string // "TYPE|Name|Country" ("-" for no country), optional "|mention;mention;…" (all of them, in order)
	not  []string // names that must not be entities
}

func runCases(t *testing.T, cases []entityCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := analyse(t, tc.text)
			for _, w := range tc.want {
				f := strings.Split(w, "|")
				e := find(d, f[1])
				if e == nil {
					t.Errorf("no entity %q; have %s", f[1], summary(d))
					continue
				}
				if string(e.Type) != f[0] {
					t.Errorf("%q: type %s, want %s", f[1], e.Type, f[0])
				}
				if c := strings.TrimPrefix(f[2], "-"); e.Country != c {
					t.Errorf("%q: country %q, want %q", f[1], e.Country, c)
				}
				if len(f) > 3 {
					if got := strings.Join(texts(e.Mentions), ";"); got != f[3] {
						t.Errorf("%q: mentions %q, want %q", f[1], got, f[3])
					}
				}
			}
			for _, n := range tc.not {
				if e := find(d, n); e != nil {
					t.Errorf("unwanted entity %q (%s)", n, e.Type)
				}
				for _, p := range d.Places {
					if p.Name == n {
						t.Errorf("unwanted place %q", n)
					}
				}
			}
		})
	}
}

// summary lists a document's entities for failure messages.
func summary(d *doc.Document) string {
	var b strings.Builder
	for _, e := range d.Entities {
		b.WriteString(string(e.Type) + ":" + e.Name + " ")
	}
	return b.String()
}

func TestEntities(t *testing.T) {
	runCases(t, []entityCase{
		{
			name: "titles stripped and one person",
			text: "US President Donald Trump met Russian counterpart Vladimir Putin in Anchorage, Alaska. Mr Trump said the talks were productive. President Trump and Mr. Putin then left.",
			want: []string{
				"PERSON|Donald Trump|USA|Donald Trump;Trump;Trump",
				"PERSON|Vladimir Putin|RUS|Vladimir Putin;Putin",
				"LOC|Anchorage|USA", "LOC|Alaska|USA",
			},
			not: []string{"Mr Trump", "President Trump", "US President Donald Trump"},
		},
		{
			name: "possessives",
			text: "Russian President Vladimir Putin arrived in Alaska on Friday. Soldiers secured the carpet at the foot of Putin's plane. Aides said Ukraine’s position had not changed, and Putin’s spokesman agreed.",
			want: []string{"PERSON|Vladimir Putin|RUS|Vladimir Putin;Putin;Putin", "LOC|Ukraine|UKR|Ukraine"},
			not:  []string{"Putin's", "Putin’s", "Ukraine’s"},
		},
		{
			name: "acronym and expansion",
			text: "The International Criminal Court (ICC) issued a warrant in March. The ICC said the case would go on. Later the Organization of American States said the OAS would meet.",
			want: []string{
				"ORG|International Criminal Court|-|International Criminal Court;ICC;ICC",
				"ORG|Organization of American States|-|Organization of American States;OAS",
			},
			not: []string{"ICC", "OAS"},
		},
		{
			name: "organisation by its last word",
			text: "The Security Council met in New York on Tuesday to discuss the war. Diplomats said the Council would vote on Friday.",
			want: []string{"ORG|Security Council|-|Security Council;Council"},
		},
		{
			name: "organisation written in lower case",
			text: "The Russian president, who is wanted by the international criminal court, appeared to shrug.",
			want: []string{"ORG|International Criminal Court|-|international criminal court"},
		},
		{
			name: "demonyms and groups",
			text: "Ukrainians watching from afar noticed the red carpet. Ukrainian officials and Russian diplomats met Republicans in Washington.",
			want: []string{"NORP|Ukrainian|UKR", "NORP|Russian|RUS", "NORP|Republicans|-"},
		},
		{
			name: "dateline",
			text: "PARIS (Reuters) - French President Emmanuel Macron flew to Berlin on Tuesday to meet German Chancellor Angela Merkel.",
			want: []string{
				"LOC|Paris|FRA|PARIS", "ORG|Reuters|-|Reuters",
				"PERSON|Emmanuel Macron|FRA", "PERSON|Angela Merkel|DEU", "LOC|Berlin|DEU",
			},
		},
		{
			name: "all-caps headline",
			text: "GERMAN CHANCELLOR MERKEL MEETS MACRON IN BERLIN\n\nBERLIN (Reuters) - German Chancellor Angela Merkel met French President Emmanuel Macron in Berlin on Tuesday.",
			want: []string{
				"PERSON|Angela Merkel|DEU|MERKEL;Angela Merkel",
				"PERSON|Emmanuel Macron|FRA|MACRON;Emmanuel Macron",
			},
		},
		{
			name: "facility",
			text: "Protesters held up Ukrainian flags outside Joint Base Elmendorf-Richardson in Anchorage, Alaska. Later the two leaders met in the Oval Office.",
			want: []string{"FAC|Joint Base Elmendorf-Richardson|USA", "FAC|Oval Office|USA"},
		},
		{
			name: "airports placed by the city after them",
			text: "The plane landed at John F. Kennedy International Airport in New York before flying on to Sheremetyevo Airport outside Moscow.",
			want: []string{
				"FAC|John F. Kennedy International Airport|USA", "FAC|Sheremetyevo Airport|RUS",
				"LOC|New York|USA", "LOC|Moscow|RUS",
			},
		},
		{
			name: "named events",
			text: "The Cold War ended in 1991. The World Cup opened in Qatar on Sunday as Ukrainians and Russians watched.",
			want: []string{"EVENT|Cold War|-", "EVENT|World Cup|-", "NORP|Ukrainians|UKR", "NORP|Russians|RUS"},
		},
		{
			name: "slogan and nickname are not names",
			text: "Mustafa Nayyem, a Ukrainian journalist-turned-politician, posted an image with the caption: “Make Kneeling Great Again”. Putin then joined Trump in the limousine nicknamed “the Beast”.",
			want: []string{"PERSON|Mustafa Nayyem|UKR"},
			not:  []string{"Make Kneeling Great Again", "Beast"},
		},
		{
			name: "title-case headline",
			text: "Pence: Gennifer Flowers Won’t Be at Debate, Trump Was ‘Mocking’ Clinton Camp.\n\nVice presidential nominee Mike Pence said Donald Trump was joking.\n",
			not:  []string{"Gennifer Flowers Wo", "Trump Was"},
		},
		{
			name: "no city by an alternate name for a building",
			text: "The White House said on Monday that the president would travel to Texas.",
			not:  []string{"Casablanca"},
		},
		{
			name: "country owning a title",
			text: "Ukraine’s President Volodymyr Zelenskiy met the mayor on Monday.",
			want: []string{"PERSON|Volodymyr Zelenskiy|UKR"},
		},
	})
}

func TestCredits(t *testing.T) {
	d := analyse(t, "Mr Putin landed in Alaska on Friday.\nRussian president Vladimir Putin and US president Donald Trump before their summit at Joint Base Elmendorf-Richardson in Anchorage, Alaska. Photograph: Sergey Bobylev/POOL/AFP via Getty Images\nMr Trump said it was a good meeting.\n")
	for _, w := range []struct{ name, typ, role string }{
		{"Sergey Bobylev", "PERSON", "photographer"},
		{"AFP", "ORG", ""},
		{"Getty Images", "ORG", ""},
	} {
		e := find(d, w.name)
		if e == nil {
			t.Errorf("no entity %q; have %s", w.name, summary(d))
			continue
		}
		if string(e.Type) != w.typ {
			t.Errorf("%q: type %s, want %s", w.name, e.Type, w.typ)
		}
		if w.role != "" && !slices.Contains(e.Roles, w.role) {
			t.Errorf("%q: roles %q, want %q", w.name, e.Roles, w.role)
		}
	}
	for _, e := range d.Entities {
		for _, m := range e.Mentions {
			if strings.Contains(m.Text, "/") || strings.EqualFold(m.Text, "pool") {
				t.Errorf("credit glued into a name: %s %q", e.Type, m.Text)
			}
		}
	}
	if e := find(d, "Donald Trump"); e == nil || len(e.Mentions) != 2 {
		t.Errorf("Donald Trump: want the caption and the body mention, have %s", summary(d))
	}
}

func TestNationalBodies(t *testing.T) {
	d := analyse(t, "The White House and the Kremlin said President Vladimir Putin of Russia would meet Emmanuel Macron in Paris. Officials at the Pentagon agreed.")
	for name, want := range map[string]string{"White House": "USA", "Kremlin": "RUS", "Pentagon": "USA", "Vladimir Putin": "RUS"} {
		if e := find(d, name); e == nil || e.Country != want {
			t.Errorf("%s: want country %s; have %s", name, want, summary(d))
		}
	}
}

func TestRolesAndCountries(t *testing.T) {
	d := analyse(t, "US President Donald Trump called his meeting with Russian counterpart Vladimir Putin productive. "+
		"Mustafa Nayyem, a Ukrainian journalist-turned-politician, posted an image. "+
		"The friendly body language offered a contrast to Mr Trump’s shakedown of the Ukrainian president, Volodymyr Zelenskiy, in February. "+
		"Sergei Lavrov, Russia's foreign minister, arrived later. Rep. Jim Jordan (R-Ohio) said the R-IN lawmakers agreed.")
	for _, w := range []struct{ name, country, sector, role string }{
		{"Sergei Lavrov", "RUS", "GOV", "Russia's foreign minister"},
		{"Jim Jordan", "USA", "GOV", "Rep."},
		{"Donald Trump", "USA", "GOV", "US President"},
		{"Vladimir Putin", "RUS", "GOV", "Russian counterpart"},
		{"Mustafa Nayyem", "UKR", "GOV", "Ukrainian journalist-turned-politician"},
		{"Volodymyr Zelenskiy", "UKR", "GOV", "Ukrainian president"},
	} {
		e := find(d, w.name)
		if e == nil {
			t.Errorf("no entity %q; have %s", w.name, summary(d))
			continue
		}
		if e.Country != w.country || e.Sector != w.sector || !slices.Contains(e.Roles, w.role) {
			t.Errorf("%q: country %q sector %q roles %q; want %q %q %q", w.name, e.Country, e.Sector, e.Roles, w.country, w.sector, w.role)
		}
	}
}

func TestReferences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want map[string]string // entity name → its references, ";"-joined
	}{
		{
			name: "pronouns follow the subject",
			text: "“There’s no deal until there’s a deal,” Mr Trump said as he stood alongside Mr Putin.\n" +
				"Mr Putin cast the conversations as useful. He suggested that Ukraine was only one issue.\n" +
				"He said it was important to turn the page.\n",
			want: map[string]string{"Trump": "he", "Putin": "He;He"},
		},
		{
			name: "descriptions by country and title",
			text: "US President Donald Trump greeted Russian President Vladimir Putin in Alaska. " +
				"It was the Russian leader’s first visit to the US in a decade, and the US president said he was pleased.",
			want: map[string]string{"Donald Trump": "the US president;he", "Vladimir Putin": "the Russian leader"},
		},
		{
			name: "a title with the is not a description",
			text: "Supporters of the US president Donald Trump gathered in Anchorage on Friday.",
			want: map[string]string{"Donald Trump": ""},
		},
		{
			name: "description by title alone",
			text: "Senator Bernie Sanders spoke in Vermont on Monday. The senator said the plan would fail, and the president of France agreed.",
			want: map[string]string{"Bernie Sanders": "The senator"},
		},
		{
			name: "gender from given names",
			text: "German Chancellor Angela Merkel met French President Emmanuel Macron. She said the talks went well.",
			want: map[string]string{"Angela Merkel": "She", "Emmanuel Macron": ""},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := analyse(t, tc.text)
			for name, want := range tc.want {
				e := find(d, name)
				if e == nil {
					t.Errorf("no entity %q; have %s", name, summary(d))
					continue
				}
				if got := strings.Join(texts(e.References), ";"); got != want {
					t.Errorf("%q: references %q, want %q", name, got, want)
				}
			}
		})
	}
}

func TestPlaces(t *testing.T) {
	tests := []struct {
		text, place, admin1, country string
	}{
		{"Police in Paris, Texas, said the man was arrested near Dallas on Sunday.", "Paris", "Texas", "USA"},
		{"Protesters marched in Paris on Saturday, French police said.", "Paris", "Île-de-France", "FRA"},
		{"The summit was held in Anchorage, Alaska, on Friday.", "Anchorage", "Alaska", "USA"},
	}
	for _, tc := range tests {
		d := analyse(t, tc.text)
		found := false
		for _, p := range d.Places {
			if p.Name == tc.place {
				found = true
				if p.Admin1 != tc.admin1 || p.Country != tc.country {
					t.Errorf("%q: %s is in %s, %s; want %s, %s", tc.text, p.Name, p.Admin1, p.Country, tc.admin1, tc.country)
				}
				if p.Lat == 0 && p.Lon == 0 {
					t.Errorf("%q: %s has no coordinates", tc.text, p.Name)
				}
			}
		}
		if !found {
			t.Errorf("%q: no place %s in %+v", tc.text, tc.place, d.Places)
		}
	}
}

// TestExample checks the example article: every person, organisation and
// place a careful reader finds, with type and country, and the invariants.
func TestExample(t *testing.T) {
	raw, err := os.ReadFile("../../examples/alaska-summit.txt")
	if err != nil {
		t.Skip(err)
	}
	d := analyse(t, string(raw))
	for _, w := range []string{
		"PERSON|Donald Trump|USA", "PERSON|Vladimir Putin|RUS", "PERSON|Volodymyr Zelenskiy|UKR",
		"PERSON|Mustafa Nayyem|UKR", "ORG|NATO|", "ORG|International Criminal Court|",
		"LOC|Anchorage|USA", "LOC|Alaska|USA", "LOC|Helsinki|FIN", "LOC|Moscow|RUS", "LOC|Ukraine|UKR",
		"FAC|Joint Base Elmendorf-Richardson|USA",
		"PERSON|Sergey Bobylev|", "PERSON|Gavriil Grigorov|", "PERSON|Andrew Harnik|",
		"PERSON|Andrew Caballero-Reynolds|", "PERSON|Bastien Inzaurralde|", "PERSON|Ash Adams|",
	} {
		f := strings.Split(w, "|")
		e := find(d, f[1])
		if e == nil {
			t.Errorf("no entity %q", f[1])
			continue
		}
		if string(e.Type) != f[0] || e.Country != f[2] {
			t.Errorf("%q: %s %q, want %s %q", f[1], e.Type, e.Country, f[0], f[2])
		}
	}
	for _, e := range d.Entities {
		for _, m := range e.Mentions {
			if strings.HasPrefix(m.Text, "Mr ") || strings.HasSuffix(m.Text, "’s") || strings.Contains(m.Text, "/") {
				t.Errorf("%s: mention %q has a title, a possessive or a credit in it", e.Name, m.Text)
			}
		}
	}
	for _, b := range d.Blocks {
		if b.Credit == nil {
			continue
		}
		for _, e := range d.Entities {
			for _, m := range e.Mentions {
				if m.Overlaps(b.Credit.Span) && !b.Credit.Contains(m.Span) {
					t.Errorf("%q crosses the credit %q", m.Text, b.Credit.Text)
				}
			}
		}
	}
	if e := find(d, "Donald Trump"); e != nil && len(e.References) == 0 {
		t.Error("Donald Trump: no pronoun or description linked")
	}
}

// TestUTF8 checks spans over text with multi-byte letters and marks.
func TestUTF8(t *testing.T) {
	d := analyse(t, "„Wir schaffen das“, sagte Angela Merkel in Düsseldorf. Zelenskiy’s aides met São Paulo’s governor in Kyiv — and Łódź’s mayor.")
	if len(d.Entities) == 0 {
		t.Fatal("no entities")
	}
	for _, e := range d.Entities {
		for _, m := range e.Mentions {
			if !utf8.ValidString(m.Text) {
				t.Errorf("invalid UTF-8 in %q", m.Text)
			}
		}
	}
}

func TestStageContract(t *testing.T) {
	var s Stage
	if s.Name() != "entity" || !slices.Contains(s.Provides(), doc.LayerEntities) || !slices.Contains(s.Provides(), doc.LayerPlaces) ||
		!slices.Contains(s.Requires(), doc.LayerTokens) {
		t.Errorf("stage %s requires %v provides %v", s.Name(), s.Requires(), s.Provides())
	}
	d := &doc.Document{}
	if err := s.Run(context.Background(), d); err != nil || len(d.Entities) != 0 {
		t.Errorf("empty document: %v, %d entities", err, len(d.Entities))
	}
}

// TestConcurrent runs the stage on several documents at once; run with
// -race to check that pooled state is not shared.
func TestConcurrent(t *testing.T) {
	raw, err := os.ReadFile("../../examples/alaska-summit.txt")
	if err != nil {
		t.Skip(err)
	}
	want := summary(analyse(t, string(raw)))
	texts := []string{string(raw), "PARIS (Reuters) - French President Emmanuel Macron flew to Berlin on Tuesday.", ""}
	done := make(chan string, 12)
	for g := 0; g < 12; g++ {
		go func(g int) {
			for i := 0; i < 5; i++ {
				d := prepared(t, texts[(g+i)%len(texts)])
				if err := (Stage{}).Run(context.Background(), d); err != nil {
					done <- err.Error()
					return
				}
			}
			d := prepared(t, string(raw))
			(Stage{}).Run(context.Background(), d)
			done <- summary(d)
		}(g)
	}
	for g := 0; g < 12; g++ {
		if got := <-done; got != want {
			t.Errorf("concurrent run: %s\nwant %s", got, want)
		}
	}
}

// FuzzStage checks that no text makes the stage panic or break the span
// invariants.
func FuzzStage(f *testing.F) {
	for _, s := range []string{
		"US President Donald Trump met Mr Putin in Anchorage, Alaska.",
		"PARIS (Reuters) - \"the Beast\" “Make Kneeling Great Again” R-Ohio Mich. —",
		"Photograph: Sergey Bobylev/POOL/AFP via Getty Images\nHe said she said him.",
		"ÉLYSÉE Łódź São Paulo’s Zelenskiy’s the US president the Russian leader",
		"", " ", "’s", "Mr", "The", "( ) - - .", "A. B. C. D. E.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || len(s) > 4096 {
			return
		}
		analyse(t, s)
	})
}

// TestStates checks what stateAbbr relies on: every abbreviation of
// usstates.tsv ends with one period.
func TestStates(t *testing.T) {
	for abbr := range lex().states {
		if !strings.HasSuffix(abbr, ".") || strings.HasSuffix(abbr, "..") {
			t.Errorf("usstates.tsv: %q does not end with one period", abbr)
		}
	}
}

// TestMayKnow checks that the signature test lets every lexicon word
// through, in any case, so that tag looks all of them up.
func TestMayKnow(t *testing.T) {
	l := lex()
	for w := range l.words {
		if w == "" {
			continue
		}
		for _, v := range []string{w, strings.ToUpper(w), strings.ToUpper(w[:1]) + w[1:]} {
			info := []wordInfo{{}}
			if l.lookUp([]string{v}, []int32{0}, info, []tokFlag{0}); info[0] != l.words[w] && strings.ToLower(v) == w {
				t.Errorf("lookUp(%q) = %+v, want %+v", v, info[0], l.words[w])
			}
			if l.mayKnow(signature(v)) == 0 && strings.ToLower(v) == w {
				t.Errorf("mayKnow(signature(%q)) = 0", v)
			}
		}
	}
}

// TestAppendLower checks appendLower against strings.ToLower, also for
// punctuation it copies without case mapping and for other runes.
func TestAppendLower(t *testing.T) {
	for _, w := range []string{"", "Trump", "“Élysée”", "—", "‘KIEV’…", "İstanbul", "ΑΘΗΝΑ", "a\xffB", "\u2000\u206f\u2070Ⅻ"} {
		if got, want := string(appendLower([]byte("x"), w)), "x"+strings.ToLower(w); got != want {
			t.Errorf("appendLower(%q) = %q, want %q", w, got, want)
		}
	}
}

// TestPunctuation checks that no rune punctuation reports has a case.
func TestPunctuation(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if punctuation(r) && (unicode.IsUpper(r) || unicode.IsLower(r) || unicode.ToLower(r) != r) {
			t.Errorf("punctuation(%U) but it has a case", r)
		}
	}
}
