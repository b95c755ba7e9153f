package when

import (
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/text"
)

func tokens(s string) []doc.Token {
	var out []doc.Token
	for _, sp := range text.Tokenize(nil, s, 0, len(s)) {
		out = append(out, doc.Token{Span: sp})
	}
	return out
}

// pub is Saturday 16 August 2025, the day after the Alaska summit.
var pub = time.Date(2025, 8, 16, 9, 30, 0, 0, time.UTC)

func TestFind(t *testing.T) {
	cases := []struct {
		in    string
		tense Tense
		want  string // dates as "text=value", joined by "|"
	}{
		{"Mr Trump said on Friday night in Anchorage.", Past, "Friday=2025-08-15"},
		{"Friday’s summit opened with a spectacle.", Past, "Friday=2025-08-15"},
		{"The leaders will meet again on Friday.", Future, "Friday=2025-08-22"},
		{"The talks took place on Saturday.", Past, "Saturday=2025-08-16"},
		{"They met on August 15, 2025 in Alaska.", Past, "August 15, 2025=2025-08-15"},
		{"They met on 15 Aug 2025.", Past, "15 Aug 2025=2025-08-15"},
		{"The decree dated 2025-08-15 was published.", Past, "2025-08-15=2025-08-15"},
		{"They met on Aug. 15 in Alaska.", Past, "Aug. 15=2025-08-15"},
		{"The accord was signed on December 30.", Past, "December 30=2024-12-30"},
		{"since launching a full-scale invasion of Ukraine in 2022", Past, "2022=2022"},
		{"a session longer than their 2018 summit discussions", Past, "2018=2018"},
		{"the 2000 troops stayed", Past, ""},
		{"A survey of 2047 voters found support falling.", Past, ""},
		{"Of the 2047 voters polled, most backed him.", Past, ""},
		{"Turnout rose in the 2018 elections.", Past, "2018=2018"},
		{"Prices have doubled since 2019 and unions want more.", Past, "2019=2019"},
		{"a session longer than their 2018 summit discussions in Helsinki", Past, "2018=2018"},
		{"In 2014 protests toppled the president.", Past, "2014=2014"},
		{"in the Oval Office in February.", Past, "February=2025-02"},
		{"talks are planned in September.", Future, "September=2025-09"},
		{"The minister resigned last week.", Past, "last week=2025-08"},
		{"He visited Kyiv last month.", Past, "last month=2025-07"},
		{"Elections are due next month.", Future, "next month=2025-09"},
		{"Troops withdrew yesterday.", Past, "yesterday=2025-08-15"},
		{"The ceasefire was agreed three days ago.", Past, "three days ago=2025-08-13"},
		{"It happened in March 2014.", Past, "March 2014=2014-03"},
		{"Protesters march through the city.", Past, ""},
		{"Theresa May met the president.", Past, ""},
		{"It may rain, officials said last year.", Past, "last year=2024"},
		{"He arrived last Tuesday.", Past, "last Tuesday=2025-08-12"},
	}
	for _, c := range cases {
		var got []string
		for _, d := range Find(nil, c.in, tokens(c.in), pub, c.tense) {
			got = append(got, c.in[d.Start:d.End]+"="+d.String())
		}
		if g := strings.Join(got, "|"); g != c.want {
			t.Errorf("Find(%q)\n got %s\nwant %s", c.in, g, c.want)
		}
	}
}

func TestFindNoPublication(t *testing.T) {
	in := "They met on Friday, August 15, 2025, and again in 2018 and last week."
	var got []string
	for _, d := range Find(nil, in, tokens(in), time.Time{}, Past) {
		got = append(got, d.String())
	}
	if g := strings.Join(got, "|"); g != "2025-08-15|2018" {
		t.Errorf("without publication date got %s", g)
	}
}

func TestDateString(t *testing.T) {
	if s := (Date{}).String(); s != "" {
		t.Errorf("zero Date = %q", s)
	}
	for _, c := range []struct {
		d    Date
		want string
	}{
		{Date{Year: 2022, Precision: Year}, "2022"},
		{Date{Year: 2025, Month: 2, Precision: Month}, "2025-02"},
		{Date{Year: 987, Month: 12, Day: 3, Precision: Day}, "0987-12-03"},
		{Date{Year: 12345, Month: 1, Day: 31, Precision: Day}, "12345-01-31"},
	} {
		if got := c.d.String(); got != c.want {
			t.Errorf("%+v.String() = %q, want %q", c.d, got, c.want)
		}
	}
	d := Date{Year: 2025, Month: 8, Day: 15, Precision: Day}
	if d.String() != "2025-08-15" || !d.Time().Equal(time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Date = %s %v", d, d.Time())
	}
}

// TestMayStart checks that the filter before at lets through every word
// at knows.
func TestMayStart(t *testing.T) {
	for _, w := range lowerDateWords {
		if !mayStart(w) {
			t.Errorf("mayStart(%q) = false", w)
		}
		toks := tokens(w + " days ago")
		if w == "yesterday" || w == "today" || w == "tonight" || w == "tomorrow" {
			toks = tokens(w)
		}
		s := scanner{text: w + " days ago", toks: toks, pub: pub}
		switch w {
		case "last", "next", "this", "past", "coming":
			s.text, s.toks = w+" week", tokens(w+" week")
		case "earlier", "later":
			s.text, s.toks = w+" this week", tokens(w+" this week")
		}
		if _, n := s.at(0); n == 0 {
			t.Errorf("at(%q) found no date", s.text)
		}
	}
	for _, w := range capDateWords {
		cw := strings.ToUpper(w[:1]) + w[1:]
		for _, v := range []string{cw, cw + ".", strings.ToUpper(w)} {
			if !mayStart(v) {
				t.Errorf("mayStart(%q) = false", v)
			}
		}
	}
	for _, w := range []string{"mid-2018", "Mid-2018", "2018", "Friday", "August", "Aug.", "Yesterday", "Last", "A"} {
		if !mayStart(w) {
			t.Errorf("mayStart(%q) = false", w)
		}
	}
	for _, w := range []string{"", "said", "—", "ukraine", "government", "'s", "Putin", "Ukraine", "the", "to", "that"} {
		if mayStart(w) {
			t.Errorf("mayStart(%q) = true", w)
		}
	}
}
