package event

import (
	"context"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/layout"
	"github.com/newsgraph/newsgraph/internal/text"
)

// ent is a hand-built entity for a test document: every occurrence of
// Name in the text becomes a name mention.
type ent struct {
	name    string
	typ     doc.EntityType
	country string
}

// pub is Saturday 16 August 2025.
var pub = time.Date(2025, 8, 16, 0, 0, 0, 0, time.UTC)

// build runs the layout and text stages on s and adds the entities, with
// a Place for every LOC entity that has a country.
func build(t testing.TB, s string, ents ...ent) *doc.Document {
	t.Helper()
	p := pub
	d := &doc.Document{Text: s + "\n", Published: &p}
	for _, st := range []doc.Stage{layout.Stage{}, text.Stage{}} {
		if err := st.Run(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	for i, e := range ents {
		id := "e" + itoa(i+1)
		en := doc.Entity{ID: id, Name: e.name, Type: e.typ, Country: e.country}
		for off := 0; ; {
			k := strings.Index(d.Text[off:], e.name)
			if k < 0 {
				break
			}
			sp := doc.Span{Start: off + k, End: off + k + len(e.name)}
			en.Mentions = append(en.Mentions, doc.Mention{Span: sp, Text: e.name, Kind: doc.NameMention})
			off = sp.End
		}
		d.Entities = append(d.Entities, en)
		if e.typ == doc.Loc && e.country != "" {
			d.Places = append(d.Places, doc.Place{Name: e.name, Country: e.country, Entity: id})
		}
	}
	return d
}

func run(t testing.TB, d *doc.Document) {
	t.Helper()
	if err := (Stage{}).Run(context.Background(), d); err != nil {
		t.Fatal(err)
	}
}

// names returns the names of the entities ids, joined by "+".
func names(d *doc.Document, ids []string) string {
	var out []string
	for _, id := range ids {
		for _, e := range d.Entities {
			if e.ID == id {
				out = append(out, e.Name)
			}
		}
	}
	return strings.Join(out, "+")
}

var (
	putin  = ent{"Vladimir Putin", doc.Person, "RUS"}
	trump  = ent{"Donald Trump", doc.Person, "USA"}
	russia = ent{"Russia", doc.Loc, "RUS"}
)

func TestStage(t *testing.T) {
	cases := []struct {
		in     string
		ents   []ent
		typ    string
		mode   string
		status doc.EventStatus
		src    string
		tgt    string
		loc    string
		date   string
	}{
		// One sentence for each of the 16 PLOVER types.
		{"Iran agreed to resume talks with the European Union.", []ent{{"Iran", doc.Loc, "IRN"}, {"European Union", doc.Org, ""}},
			"AGREE", "", doc.Occurred, "Iran", "European Union", "", ""},
		{"Vladimir Putin met Donald Trump in Anchorage on Friday.", []ent{putin, trump, {"Anchorage", doc.Loc, "USA"}},
			"CONSULT", "visit", doc.Occurred, "Vladimir Putin", "Donald Trump", "Anchorage, USA", "2025-08-15"},
		{"Germany praised Poland for its handling of the crisis.", []ent{{"Germany", doc.Loc, "DEU"}, {"Poland", doc.Loc, "POL"}},
			"SUPPORT", "", doc.Occurred, "Germany", "Poland", "", ""},
		{"The government lifted the curfew in Nairobi on Monday.", []ent{{"Nairobi", doc.Loc, "KEN"}},
			"CONCEDE", "", doc.Occurred, "government", "Nairobi", "Nairobi, KEN", "2025-08-11"},
		{"Norway shared intelligence with Sweden.", []ent{{"Norway", doc.Loc, "NOR"}, {"Sweden", doc.Loc, "SWE"}},
			"COOPERATE", "", doc.Occurred, "Norway", "Sweden", "", ""},
		{"Japan sent humanitarian aid to Bangladesh.", []ent{{"Japan", doc.Loc, "JPN"}, {"Bangladesh", doc.Loc, "BGD"}},
			"AID", "", doc.Occurred, "Japan", "Bangladesh", "", ""},
		{"Rebels released three hostages in Mali yesterday.", []ent{{"Mali", doc.Loc, "MLI"}},
			"RETREAT", "release", doc.Occurred, "Rebels", "Mali", "Mali, MLI", "2025-08-15"},
		{"The United Nations urged Ethiopia to allow aid convoys.", []ent{{"United Nations", doc.Org, ""}, {"Ethiopia", doc.Loc, "ETH"}},
			"REQUEST", "", doc.Occurred, "United Nations", "Ethiopia", "", ""},
		{"Ukraine accused Russia of shelling Kharkiv.", []ent{{"Ukraine", doc.Loc, "UKR"}, russia, {"Kharkiv", doc.Loc, "UKR"}},
			"ACCUSE", "allege", doc.Occurred, "Ukraine", "Russia", "", ""},
		{"Venezuela rejected the proposal from Brazil.", []ent{{"Venezuela", doc.Loc, "VEN"}, {"Brazil", doc.Loc, "BRA"}},
			"REJECT", "", doc.Occurred, "Venezuela", "Brazil", "", ""},
		{"North Korea threatened South Korea with military action.", []ent{{"North Korea", doc.Loc, "PRK"}, {"South Korea", doc.Loc, "KOR"}},
			"THREATEN", "", doc.Occurred, "North Korea", "South Korea", "", ""},
		{"Thousands of protesters marched in Belgrade on Sunday.", []ent{{"Belgrade", doc.Loc, "SRB"}},
			"PROTEST", "demo", doc.Occurred, "protesters", "", "Belgrade, SRB", "2025-08-10"},
		{"The European Union imposed sanctions on Belarus.", []ent{{"European Union", doc.Org, ""}, {"Belarus", doc.Loc, "BLR"}},
			"SANCTION", "", doc.Occurred, "European Union", "Belarus", "", ""},
		{"Russia deployed troops along its border last week.", []ent{russia},
			"MOBILIZE", "troops", doc.Occurred, "Russia", "", "", "2025-08"},
		{"Turkish police detained 40 journalists in Istanbul.", []ent{{"Turkish", doc.NORP, "TUR"}, {"Istanbul", doc.Loc, "TUR"}},
			"COERCE", "arrest", doc.Occurred, "Turkish police", "journalists", "Istanbul, TUR", ""},
		{"Russian forces shelled Kharkiv on Tuesday.", []ent{{"Russian", doc.NORP, "RUS"}, {"Kharkiv", doc.Loc, "UKR"}},
			"ASSAULT", "heavy-weapons", doc.Occurred, "Russian forces", "Kharkiv", "", "2025-08-12"},

		// Status.
		{"Iran did not attack Israel.", []ent{{"Iran", doc.Loc, "IRN"}, {"Israel", doc.Loc, "ISR"}},
			"ASSAULT", "", doc.Negated, "Iran", "Israel", "", ""},
		{"China will meet India in Geneva on Friday.", []ent{{"China", doc.Loc, "CHN"}, {"India", doc.Loc, "IND"}, {"Geneva", doc.Loc, "CHE"}},
			"AGREE", "", doc.Intended, "China", "India", "Geneva, CHE", "2025-08-22"},
		{"Egypt plans to host talks between Israel and Hamas.", []ent{{"Egypt", doc.Loc, "EGY"}, {"Israel", doc.Loc, "ISR"}, {"Hamas", doc.Org, ""}},
			"AGREE", "", doc.Intended, "Egypt", "Israel+Hamas", "", ""},
		{"If Russia invaded Finland, NATO would respond.", []ent{russia, {"Finland", doc.Loc, "FIN"}, {"NATO", doc.Org, ""}},
			"THREATEN", "", doc.Hypothetical, "Russia", "Finland", "", ""},

		// Passive voice: the agent after "by" is the source.
		{"Vladimir Putin was indicted by the International Criminal Court.", []ent{putin, {"International Criminal Court", doc.Org, ""}},
			"ACCUSE", "allege", doc.Occurred, "International Criminal Court", "Vladimir Putin", "", ""},
		{"The Russian president, who is wanted by the international criminal court, appeared to shrug.", nil,
			"ACCUSE", "allege", doc.Occurred, "international criminal court", "Russian president", "", ""},

		// A place after "in" is the target when no one else is (PLOVER's
		// coding), but not of a meeting, a protest or a deployment.
		{"Sudan's government on Sunday lifted a state of emergency in West Darfur State.", []ent{{"Sudan", doc.Loc, "SDN"}, {"West Darfur State", doc.Loc, "SDN"}},
			"CONCEDE", "", doc.Occurred, "Sudan's government", "West Darfur State", "West Darfur State, SDN", "2025-08-10"},
		{"The Hamas threatened Monday to resume attacks in Israel.", []ent{{"Hamas", doc.Org, ""}, {"Israel", doc.Loc, "ISR"}},
			"THREATEN", "", doc.Occurred, "Hamas", "Israel", "Israel, ISR", "2025-08-11"},
		{"Pakistan has refused to deploy peacekeepers in Iraq.", []ent{{"Pakistan", doc.Loc, "PAK"}, {"Iraq", doc.Loc, "IRQ"}},
			"REJECT", "", doc.Occurred, "Pakistan", "Iraq", "Iraq, IRQ", ""},

		// The speaker of a trailing attribution is no partner; a group
		// of a nation is a target of its own; a group noun named by the
		// word before it is an actor even as a modifier.
		{"France is ready to contribute up to 4,000 troops to an international peace-keeping force in Liberia, Defence Minister Pierre Joxe said on Monday.",
			[]ent{{"France", doc.Loc, "FRA"}, {"Liberia", doc.Loc, "LBR"}, {"Defence", doc.Org, ""}, {"Pierre Joxe", doc.Person, "FRA"}},
			"AGREE", "", doc.Intended, "France", "Liberia", "Liberia, LBR", "2025-08-18"},
		{"Peru has granted diplomatic asylum to five Panamanian army officers holed up in a diplomatic residence since last month's U.S. invasion.",
			[]ent{{"Peru", doc.Loc, "PER"}, {"Panamanian", doc.NORP, "PAN"}, {"U.S.", doc.Loc, "USA"}},
			"AID", "", doc.Occurred, "Peru", "Panamanian army officers", "", "2025-07"},
		{"Burmese troops have captured part of a Karen guerrilla stronghold on the Thai border.", []ent{{"Burmese", doc.NORP, "MMR"}, {"Thai", doc.NORP, "THA"}},
			"ASSAULT", "", doc.Occurred, "Burmese troops", "Karen guerrilla", "", ""},

		// A group after "in" is a place, not a target.
		{"Salaheddine Sidhoum staged a 24-hour hunger strike in prison on Sunday.", []ent{{"Salaheddine Sidhoum", doc.Person, "DZA"}},
			"PROTEST", "boycott", doc.Occurred, "Salaheddine Sidhoum", "", "", "2025-08-10"},
		// The agent of a passive may come after a long complement.
		{"Ousted president Jean-Bertrand Aristide has been accused of misusing up to US $50 million in public funds, much of it believed to have been embezzled, by current Haitian government officials.",
			[]ent{{"Jean-Bertrand Aristide", doc.Person, "HTI"}, {"US", doc.Loc, "USA"}, {"Haitian", doc.NORP, "HTI"}},
			"ACCUSE", "allege", doc.Occurred, "Haitian government officials", "Jean-Bertrand Aristide", "", ""},
		// An abbreviation in brackets is the name before it, not an actor of its own.
		{"Montenegro Municipality Association (AKK) officials demanded support from the Montenegro Assembly.",
			[]ent{{"Montenegro Municipality Association", doc.Org, "MNE"}, {"AKK", doc.Org, "MNE"}, {"Montenegro Assembly", doc.Org, "MNE"}},
			"REQUEST", "", doc.Occurred, "Montenegro Municipality Association", "Montenegro Assembly", "", ""},

		// A date or place after a dash belongs to its own clause; "peace
		// in Ukraine" is a topic, not a place.
		{"He spoke with Vladimir Putin on Friday — a session longer than their 2018 summit discussions in Helsinki.",
			[]ent{putin, {"Helsinki", doc.Loc, "FIN"}},
			"CONSULT", "phone", doc.Occurred, "", "Vladimir Putin", "", "2025-08-15"},
		{"Donald Trump and Vladimir Putin walk towards their waiting car ahead of talks focused on peace in Ukraine.",
			[]ent{trump, putin, {"Ukraine", doc.Loc, "UKR"}},
			"CONSULT", "", doc.Occurred, "Vladimir Putin+Donald Trump", "", "", ""},
		{"Mr Putin said the next conversation should take place in Moscow, a suggestion that Donald Trump didn’t reject.",
			[]ent{putin, trump, {"Moscow", doc.Loc, "RUS"}},
			"REJECT", "", doc.Negated, "Donald Trump", "", "Moscow, RUS", ""},

		// A group in brackets after a word is a gloss; "between A and B"
		// names two parties; a passive without agent is by the place.
		{"The Hamas threatened Monday to resume terrorist activities in Israel in an escalation of the intifada (uprising).",
			[]ent{{"Hamas", doc.Org, ""}, {"Israel", doc.Loc, "ISR"}},
			"THREATEN", "", doc.Occurred, "Hamas", "Israel", "Israel, ISR", "2025-08-11"},
		{"King Hassan said he would be ready to host a meeting between an Israeli peace movement and the Palestine Liberation Organization.",
			[]ent{{"Hassan", doc.Person, "MAR"}, {"Israeli", doc.NORP, "ISR"}, {"Palestine Liberation Organization", doc.Org, ""}},
			"AGREE", "", doc.Intended, "Hassan", "Israeli+Palestine Liberation Organization", "", ""},
		{"A US national has been put under investigation in Italy for her possible role in rioting.",
			[]ent{{"US", doc.Loc, "USA"}, {"Italy", doc.Loc, "ITA"}},
			"ACCUSE", "investigate", doc.Occurred, "Italy", "US", "Italy, ITA", ""},

		// A participle clause after a comma has the subject of the sentence.
		{"Vietnamese-led forces launched artillery, mortar, and rocket fire against Kampuchean guerrilla camps near the eastern Thai border today, killing or wounding 50, Thai military sources said.",
			[]ent{{"Thai", doc.NORP, "THA"}},
			"ASSAULT", "", doc.Occurred, "Vietnamese-led forces", "", "", "2025-08-16"},

		// What a meeting is about is not a party to it.
		{"Donald Trump and Vladimir Putin meet during a US-Russia summit on Ukraine in Anchorage.",
			[]ent{trump, putin, {"Ukraine", doc.Loc, "UKR"}, {"Anchorage", doc.Loc, "USA"}},
			"CONSULT", "visit", doc.Occurred, "Vladimir Putin+Donald Trump", "", "Anchorage, USA", ""},

		// Background: an event of its own year inside another sentence.
		{"Russia has been a pariah since launching a full-scale invasion of Ukraine in 2022.", []ent{russia, {"Ukraine", doc.Loc, "UKR"}},
			"ASSAULT", "", doc.Occurred, "Russia", "Ukraine", "", "2022"},
	}
	for _, c := range cases {
		d := build(t, c.in, c.ents...)
		run(t, d)
		var ev *doc.Event
		for i := range d.Events {
			if d.Events[i].Type == c.typ {
				ev = &d.Events[i]
				break
			}
		}
		if ev == nil {
			var got []string
			for _, e := range d.Events {
				got = append(got, e.Type+":"+d.Slice(e.Trigger))
			}
			t.Errorf("%q: no %s event; got %v", c.in, c.typ, got)
			continue
		}
		got := []string{ev.Mode, string(ev.Status), names(d, ev.Source), names(d, ev.Target), ev.Location, ev.Date}
		want := []string{c.mode, string(c.status), c.src, c.tgt, c.loc, c.date}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%q: %s\n got mode|status|source|target|location|date %s\nwant %s", c.in, c.typ, strings.Join(got, "|"), strings.Join(want, "|"))
		}
		if ev.Evidence != strings.TrimSpace(c.in) || !strings.HasPrefix(c.in[ev.Trigger.Start:], d.Slice(ev.Trigger)) {
			t.Errorf("%q: evidence %q, trigger %v", c.in, ev.Evidence, ev.Trigger)
		}
	}
}

// TestPossessiveInList checks that "X and his Y" is a list of two actors
// even though "his" is a reference to X.
func TestPossessiveInList(t *testing.T) {
	in := "Rwandan rebels announced that President Kagame and his Rwandan Patriotic Front must agree to major constitutional changes."
	d := build(t, in, ent{"Rwandan", doc.NORP, "RWA"}, ent{"Kagame", doc.Person, "RWA"}, ent{"Rwandan Patriotic Front", doc.Org, "RWA"})
	his := strings.Index(d.Text, "his ")
	d.Entities[1].References = append(d.Entities[1].References, doc.Mention{Span: doc.Span{Start: his, End: his + 3}, Text: "his", Kind: doc.PronounMention})
	run(t, d)
	for _, ev := range d.Events {
		if ev.Type == "REQUEST" {
			if got := names(d, ev.Source) + " -> " + names(d, ev.Target); got != "Rwandan rebels -> Rwandan Patriotic Front+Kagame" {
				t.Errorf("REQUEST %s", got)
			}
			return
		}
	}
	t.Errorf("no REQUEST in %q", in)
}

// TestGroupEntities checks the entities appended for unnamed groups: ids
// after the last one, a sector, references rather than name mentions.
func TestGroupEntities(t *testing.T) {
	d := build(t, "Protesters clashed with riot police in Minsk. Later the protesters marched again.",
		ent{"Minsk", doc.Loc, "BLR"})
	run(t, d)
	if len(d.Events) == 0 {
		t.Fatal("no events")
	}
	groups := d.Entities[1:]
	if len(groups) < 2 {
		t.Fatalf("group entities: %+v", groups)
	}
	for i, g := range groups {
		if g.ID != "e"+itoa(i+2) || g.Sector == "" || len(g.Mentions) != 0 || len(g.References) == 0 {
			t.Errorf("group entity %+v", g)
		}
		for _, r := range g.References {
			if d.Slice(r.Span) != r.Text || r.Kind != doc.DescriptionMention {
				t.Errorf("reference %+v", r)
			}
		}
	}
	if g := groups[0]; strings.ToLower(g.Name) != "protesters" || len(g.References) != 2 {
		t.Errorf("protesters: %+v", g)
	}
}

// TestNoEvent checks words that look like an event and are none: NONE
// patterns of verbs.txt and purpose clauses.
func TestNoEvent(t *testing.T) {
	cases := []struct{ in, typ string }{
		{"US president Donald Trump extends his hand to greet Russian president Vladimir Putin in Alaska.", "AID"},
		{"The friendly, tactile body language offered a stark contrast to Mr Trump’s shakedown of the Ukrainian president.", "AGREE"},
		{"US President Donald Trump called his meeting with Russian counterpart Vladimir Putin “extremely productive”.", "AGREE"},
		{"B-2s and F-22s – military aircraft designed to oppose Russia during the cold war – flew over to mark the moment.", "REJECT"},
		{"B-2s and F-22s – military aircraft designed to oppose Russia during the cold war – flew over to mark the moment.", "AGREE"},
		// a gap in a pattern stops at a curly quote or a dash
		{"Donald Trump says he has “big plans” for the final month of the campaign.", "AGREE"},
	}
	for _, c := range cases {
		d := build(t, c.in, trump, putin, russia)
		run(t, d)
		for _, ev := range d.Events {
			if ev.Type == c.typ {
				t.Errorf("%q: %s event at %q", c.in, c.typ, d.Slice(ev.Trigger))
			}
		}
	}
}

func TestNoEventInQuestion(t *testing.T) {
	d := build(t, "“President Putin, will you stop killing civilians?”")
	run(t, d)
	if len(d.Events) != 0 {
		t.Errorf("events in a question: %+v", d.Events)
	}
}

func TestDict(t *testing.T) {
	dict, err := defaultDict()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for k := range dict.specs {
		for _, p := range dict.patterns(int32(k)) {
			if strings.HasPrefix(p.Line(), "verbs.txt:") {
				seen[p.Type] = true
			}
		}
	}
	for _, ty := range typeOrder {
		if !seen[ty] {
			t.Errorf("verbs.txt has no pattern for %s", ty)
		}
	}
	if dict.Len() < 1000 {
		t.Errorf("only %d patterns", dict.Len())
	}
	for _, bad := range []string{"MEET\t-\tmeet", "CONSULT\tmeet", "CONSULT\t-\t"} {
		if err := new(Dict).Add("x.txt", bad); err == nil {
			t.Errorf("Add(%q): no error", bad)
		}
	}
	forms := strings.Join(verbForms("meet{met}"), " ")
	for _, f := range []string{"meet", "meets", "met", "meeting"} {
		if !strings.Contains(" "+forms+" ", " "+f+" ") {
			t.Errorf("verbForms(meet{met}) = %s, lacks %s", forms, f)
		}
	}
}

// TestPluralOf checks pluralOf and plural against singular.
func TestPluralOf(t *testing.T) {
	words := []string{"parties", "party", "ties", "tie", "ti", "boxes", "box", "boxe", "rebels", "rebel",
		"class", "clas", "bus", "bu", "news", "new", "officials", "official", "ies", "y", "s", "es", "",
		"abies", "aby", "abie", "police"}
	for _, w := range words {
		sg := singular(w)
		if plural(w) != (sg[1] != "") {
			t.Errorf("plural(%q) = %v, singular gives %q", w, plural(w), sg)
		}
		for _, a := range words {
			want := a != "" && (a == sg[1] || a == sg[2])
			if got := pluralOf(w, a); got != want {
				t.Errorf("pluralOf(%q, %q) = %v, want %v", w, a, got, want)
			}
		}
	}
}

// TestWordSetBits checks the word sets of lexicon entries, which
// coder.mark gives tokens, against the sets' own test.
func TestWordSetBits(t *testing.T) {
	d, err := defaultDict()
	if err != nil {
		t.Fatal(err)
	}
	words := []string{"the", "said", "meeting", ",", "—", "putin", "'s", "xyzzy", "1990", "a"}
	for _, ws := range sets {
		words = append(words, ws.words...)
	}
	for _, w := range words {
		for _, ws := range sets {
			want := ws.has(w)
			if got := d.entries[d.find(w)].sets&ws.bit != 0; got != want {
				t.Errorf("entry of %q: in set %v = %v, want %v", w, ws.words[:1], got, want)
			}
			if got := d.marks1[w[0]]&ws.bit != 0; len(w) == 1 && got != want {
				t.Errorf("marks1 of %q: in set %v = %v, want %v", w, ws.words[:1], got, want)
			}
		}
	}
}

// TestAgentFirstWords checks what actorChunks relies on: every first word
// of an agent phrase, plurals included, starts with a letter a–z.
func TestAgentFirstWords(t *testing.T) {
	for w := range loadAgents(agentsData) {
		if w == "" || w[0] < 'a' || w[0] > 'z' {
			t.Errorf("agent phrase starting with %q", w)
		}
	}
}

func BenchmarkStage(b *testing.B) {
	src, err := os.ReadFile("../../examples/alaska-summit.txt")
	if err != nil {
		b.Skip(err)
	}
	d := build(b, strings.TrimSpace(string(src)), putin, trump, russia,
		ent{"Anchorage", doc.Loc, "USA"}, ent{"Alaska", doc.Loc, "USA"}, ent{"Ukraine", doc.Loc, "UKR"})
	if err := Load(); err != nil {
		b.Fatal(err)
	}
	ents := d.Entities
	b.ReportAllocs()
	c0 := cpuTime()
	for b.Loop() {
		d.Entities = ents[:len(ents):len(ents)]
		run(b, d)
	}
	b.ReportMetric(float64((cpuTime()-c0).Microseconds())/float64(b.N), "cpu-µs/article")
}

// cpuTime returns the CPU time of the process, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestLowerASCII checks the word-at-a-time folding against a byte
// loop, for every byte value at every offset of a word, and texts of
// lengths that end in each of its loops.
func TestLowerASCII(t *testing.T) {
	var in []byte
	for c := range 256 {
		for off := range 9 {
			in = append(in, "abcdefgh"[:off]...)
			in = append(in, byte(c))
			in = append(in, "ZÉ·x"...)
		}
	}
	want := make([]byte, len(in))
	for i, c := range in {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		want[i] = c
	}
	for _, n := range []int{len(in), len(in) - 7, len(in) - 8, len(in) - 9, 0, 1, 7, 8, 9, 15, 16, 17, 24, 31} {
		got := append([]byte(nil), in[:n]...)
		lowerASCII(got)
		if string(got) != string(want[:n]) {
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("%d bytes: byte %d: %#x folded to %#x, want %#x", n, i, in[i], got[i], want[i])
				}
			}
		}
	}
}

// TestWordSet checks set membership against a map, for the words of a
// set, their prefixes and extensions, and words of every length class.
func TestWordSet(t *testing.T) {
	words := []string{".", ",", "—", "and", "said", "dogs", "the", "a", "i", "n't", "n’t", "although",
		"throughout", "forthcoming", "potentially", "counterpart"}
	s := set(words...)
	t.Cleanup(func() { sets = sets[:len(sets)-1] }) // the dictionary's sets stay those of dict.idx
	in := map[string]bool{}
	for _, w := range words {
		in[w] = true
	}
	probe := []string{"", "x", "s", "d", ";", "–", "an", "said ", "sai", "saiD", "thee", "the", "although!",
		"throughou", "throughouts", "forthcomin", "potentially", "counterparts", "n‘t", "aaaaaaaa",
		strings.Repeat("a", 63), strings.Repeat("a", 64)}
	for _, w := range append(probe, words...) {
		if s.has(w) != in[w] {
			t.Errorf("has(%q) = %v", w, s.has(w))
		}
	}
}

// TestParticipleSubject checks the subject given to a participle clause
// after a comma: the actor that opens the sentence, unless that is a
// dateline, a modifier of a name, or in another clause.
func TestParticipleSubject(t *testing.T) {
	cases := []struct {
		in   string
		ents []ent
		typ  string
		src  string
	}{
		{"Trump denied the accusations through a spokeswoman, dismissing O'Donnell as a disgruntled former employee.",
			[]ent{{"Trump", doc.Person, "USA"}, {"O'Donnell", doc.Person, "USA"}}, "REJECT", "Trump"},
		{"Kasich has won newspaper endorsements and cut a distinctive course in the Republican contest, supporting a path to legal status for illegal immigrants.",
			[]ent{{"Kasich", doc.Person, "USA"}, {"Republican", doc.NORP, "USA"}}, "SUPPORT", "Kasich"},
		// a dateline opens the sentence
		{"LOS ANGELES (AP) — Hillary Clinton dove deeper into Donald Trump's record Tuesday, launching a new round of attacks on the businessman.",
			[]ent{{"LOS ANGELES", doc.Loc, "USA"}, {"Hillary Clinton", doc.Person, "USA"}, {"Donald Trump", doc.Person, "USA"}}, "ASSAULT", "Hillary Clinton"},
		// another clause between: "that"
		{"He suggested that Ukraine was only one of multiple issues, pointing to the potential for increased trade and business cooperation.",
			[]ent{{"Ukraine", doc.Loc, "UKR"}}, "AGREE", "Ukraine"},
	}
	for _, c := range cases {
		d := build(t, c.in, c.ents...)
		run(t, d)
		found := false
		for _, ev := range d.Events {
			if ev.Type == c.typ {
				found = true
				if got := names(d, ev.Source); got != c.src {
					t.Errorf("%q: %s source %q, want %q", c.in, c.typ, got, c.src)
				}
				break
			}
		}
		if !found {
			t.Errorf("%q: no %s", c.in, c.typ)
		}
	}
}
