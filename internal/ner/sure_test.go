package ner

import (
	"strings"
	"testing"
)

// TestMarkSure checks which lowercase words are labelled O without being
// scored: in running text, those not within farO tokens before a
// capitalised word (farO = 1), and so every lowercase word after one; none
// in a headline.
func TestMarkSure(t *testing.T) {
	tests := []struct {
		sent string
		want string // one letter a token: s sure, . scored
	}{
		{"the talks in the city went on for a very long time after that", "ssssssssssssss"},
		{"the talks in the city went on as Mr Putin said he was late in the day", "sssssss...sssssss"},
		{"Putin said the talks went on for a very long time", ".ssssssssss"},
		{"the talks went on , Putin ( who was late ) said", "ssss...sssss"},
		{"talks went on for a long time , said the Kremlin", "sssssssss.."},
		{"PUTIN AND TRUMP MEET IN ALASKA TO TALK ABOUT THE WAR", "..........."},
	}
	for _, tt := range tests {
		words := strings.Fields(tt.sent)
		tg := &tagger{infer: true, skipFar: true}
		tg.prepareQ([][]string{words}, Default())
		got := []byte(strings.Repeat("s", len(words)))
		for _, r := range tg.runs {
			for i := r.from; i < r.to; i++ {
				got[i] = '.'
			}
		}
		if string(got) != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.sent, got, tt.want)
		}
	}
}

// TestSkipFarSameLabels checks that labelling far lowercase words O
// without scoring them gives the labels of scoring every token on news
// text.
func TestSkipFarSameLabels(t *testing.T) {
	m := Default()
	for _, doc := range newsDocs(t, 40) {
		n := 0
		for _, s := range doc {
			n += len(s)
		}
		var got [2][]Label
		for k, skip := range []bool{false, true} {
			tg := &tagger{infer: true, skipFar: skip}
			tg.prepareQ(doc, m)
			tg.decode(m)
			got[k] = append([]Label(nil), tg.pred[:n]...)
		}
		for i := range got[0] {
			if got[0][i] != got[1][i] {
				t.Fatalf("token %d: %v scored, %v skipped", i, got[0][i], got[1][i])
			}
		}
	}
}
