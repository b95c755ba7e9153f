package text

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/doc"
)

func tokens(s string) []string {
	var out []string
	for _, t := range Tokenize(nil, s, 0, len(s)) {
		out = append(out, s[t.Start:t.End])
	}
	return out
}

func TestTokenize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Mr Trump said on Friday.", "Mr|Trump|said|on|Friday|."},
		{"Mr. Trump met the U.S. envoy.", "Mr.|Trump|met|the|U.S.|envoy|."},
		{"Putin’s plane and Trump's car", "Putin|’s|plane|and|Trump|'s|car"},
		{"I don't know, he can't.", "I|do|n't|know|,|he|ca|n't|."},
		{"Joint Base Elmendorf-Richardson", "Joint|Base|Elmendorf-Richardson"},
		{"It cost $1,200.50 in 2018.", "It|cost|$|1,200.50|in|2018|."},
		{"“There’s no deal until there’s a deal,” Mr Trump said", "“|There|’s|no|deal|until|there|’s|a|deal|,|”|Mr|Trump|said"},
		{"at 3 p.m. local time", "at|3|p.m.|local|time"},
		{"O'Brien and AT&T", "O'Brien|and|AT&T"},
		{"wait... what -- now", "wait|...|what|--|now"},
		{"Sergey Bobylev/POOL/AFP", "Sergey|Bobylev|/|POOL|/|AFP"},
		{"more than 2½ hours", "more|than|2½|hours"},
		{"the Jones' house", "the|Jones|'|house"},
		{"J. Smith of Apple Inc. said", "J.|Smith|of|Apple|Inc.|said"},
		{"Rep. Hakeem Jeffries (D-N.Y.) reacted", "Rep.|Hakeem|Jeffries|(|D-N.Y.|)|reacted"},
	}
	for _, c := range cases {
		if got := strings.Join(tokens(c.in), "|"); got != c.want {
			t.Errorf("Tokenize(%q)\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

func sentences(s string) []string {
	toks := Tokenize(nil, s, 0, len(s))
	var out []string
	for _, r := range Sentences(nil, s, toks) {
		out = append(out, s[toks[r.First].Start:toks[r.Last-1].End])
	}
	return out
}

func TestSentences(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Mr. Smith went to Washington. He met Dr. Jones.", "Mr. Smith went to Washington.|He met Dr. Jones."},
		{"“We had a very productive meeting. There were many points,” Mr Trump added.",
			"“We had a very productive meeting.|There were many points,” Mr Trump added."},
		{"He said it was “like this.” Then he left.", "He said it was “like this.”|Then he left."},
		{"“Are you OK?” he asked. She nodded.", "“Are you OK?” he asked.|She nodded."},
		{"He moved to the U.S. in 2018. The rest followed.", "He moved to the U.S. in 2018.|The rest followed."},
		{"It grew in the U.S. The rest followed.", "It grew in the U.S.|The rest followed."},
		{"Shares of Apple Inc. rose on Jan. 5 to $3.50 a share.", "Shares of Apple Inc. rose on Jan. 5 to $3.50 a share."},
		{"The talks ended at 5 p.m. on Friday.", "The talks ended at 5 p.m. on Friday."},
		{"Gen. John Smith spoke. Sen. Jane Doe replied!", "Gen. John Smith spoke.|Sen. Jane Doe replied!"},
		{"no terminal punctuation", "no terminal punctuation"},
		{"Rep. Hakeem Jeffries (D-N.Y.) reacted on Friday.", "Rep. Hakeem Jeffries (D-N.Y.) reacted on Friday."},
		{"Rep. Steve Israel (D-N.Y) said so. He left.", "Rep. Steve Israel (D-N.Y) said so.|He left."},
		{"It ended.The next day he left.", "It ended.|The next day he left."},
	}
	for _, c := range cases {
		if got := strings.Join(sentences(c.in), "|"); got != c.want {
			t.Errorf("Sentences(%q)\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

func TestStageSkipsCredit(t *testing.T) {
	text := "Leaders meet in Alaska. Photograph: Sergey Bobylev/POOL/AFP via Getty Images\nBody text here."
	credit := strings.Index(text, "Photograph:")
	nl := strings.IndexByte(text, '\n')
	d := &doc.Document{Text: text, Blocks: []doc.Block{
		{Kind: doc.Caption, Span: doc.Span{Start: 0, End: nl}, Credit: &doc.Credit{Span: doc.Span{Start: credit, End: nl}}},
		{Kind: doc.Body, Span: doc.Span{Start: nl + 1, End: len(text)}},
	}}
	if err := (Stage{}).Run(t.Context(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Sentences) != 2 {
		t.Fatalf("got %d sentences, want 2", len(d.Sentences))
	}
	for _, s := range d.Sentences {
		if strings.Contains(d.Slice(s.Span), "Photograph") {
			t.Errorf("credit leaked into sentence %q", d.Slice(s.Span))
		}
	}
	for i, tok := range d.Tokens {
		if !d.Sentences[tok.Sentence].Contains(tok.Span) {
			t.Errorf("token %d %q outside its sentence", i, d.Slice(tok.Span))
		}
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"Mr. Smith went to Washington. He met Dr. Jones.",
		"“We had a meeting. There were points,” he said.",
		"U.S.A. p.m. e.g. don't can't O'Brien ’s 1,000.5 ... -- ½",
		"\xff\xfe\x00 abc. Def",
		"a'b'c' ’’ n't 'n'",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(nil, s, 0, len(s))
		prev := 0
		for _, tk := range toks {
			if tk.Start < prev || tk.End <= tk.Start || tk.End > len(s) {
				t.Fatalf("bad token %+v after %d in %q", tk, prev, s)
			}
			if utf8.ValidString(s) && !doc.ValidUTF8Span(s, tk) {
				t.Fatalf("token %+v not on rune boundaries in %q", tk, s)
			}
			prev = tk.End
		}
		rs := Sentences(nil, s, toks)
		next := 0
		for _, r := range rs {
			if r.First != next || r.Last <= r.First {
				t.Fatalf("sentences %+v do not tile %d tokens", rs, len(toks))
			}
			next = r.Last
		}
		if next != len(toks) {
			t.Fatalf("sentences cover %d of %d tokens", next, len(toks))
		}
	})
}

// TestAlnumEnd compares alnumEnd over eight bytes with a byte-by-byte
// count, for every byte value at every position and for random bytes.
func TestAlnumEnd(t *testing.T) {
	slow := func(s string) int {
		n := 0
		for n < 8 && asciiClass[s[n]] >= letter && asciiClass[s[n]] <= digit && s[n] < utf8.RuneSelf {
			n++
		}
		return n
	}
	check := func(b []byte) {
		if got, want := alnumEnd(string(b), 0), slow(string(b)); got != want {
			t.Fatalf("alnumEnd(%q) = %d, want %d", b, got, want)
		}
	}
	for p := 0; p < 8; p++ {
		for c := 0; c < 256; c++ {
			b := []byte("aZ09bY18")
			b[p] = byte(c)
			check(b)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		var b [8]byte
		for i := range b {
			const pool = "aZ09.-' \x80\xe2é"
			b[i] = pool[r.IntN(len(pool))]
		}
		check(b[:])
	}
}
