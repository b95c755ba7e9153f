package tone

import (
	"context"
	"fmt"
	"maps"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/jonreiter/govader"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/layout"
	"github.com/newsgraph/newsgraph/internal/polnear"
	"github.com/newsgraph/newsgraph/internal/text"
)

// analyzer is govader's own analyser, for comparisons.
var analyzer = sync.OnceValue(govader.NewSentimentIntensityAnalyzer)

// TestLexiconCurrent checks that lexicon.tsv holds govader's lexicon: run
// go generate if it fails after a govader update.
func TestLexiconCurrent(t *testing.T) {
	want := analyzer().Lexicon
	got := map[string]float64{}
	for _, line := range strings.Split(lexicon, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		w, v, _ := strings.Cut(line, "\t")
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatalf("lexicon.tsv: %q: %v", line, err)
		}
		got[w] = f
	}
	if !maps.Equal(got, want) {
		t.Errorf("lexicon.tsv has %d words, govader %d, or their valences differ: run go generate", len(got), len(want))
	}
	sc := newScorer(lexicon, govader.NewTermConstants())
	for w, v := range want {
		if string(appendLower(nil, w)) != w {
			continue // words are looked up in lower case: ":D" is never found
		}
		if f := sc.words.get(w, fnv(w)); !f.inLex || f.val != v {
			t.Errorf("%q: table has %v, govader %v", w, f.val, v)
		}
	}
}

func analyse(t testing.TB, s string) *doc.Document {
	t.Helper()
	d := &doc.Document{Text: s}
	for _, st := range []doc.Stage{layout.Stage{}, text.Stage{}} {
		if err := st.Run(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

func TestStage(t *testing.T) {
	cases := []struct {
		in   string
		sign int
	}{
		{"The talks were extremely productive and friendly.", 1},
		{"Rebels killed twelve civilians in a brutal attack.", -1},
		{"The committee meets on Tuesday in Geneva.", 0},
		{"The deal is not good.", -1},
	}
	for _, c := range cases {
		d := analyse(t, c.in+"\n")
		if err := (Stage{}).Run(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		if len(d.Tone.Sentences) != len(d.Sentences) {
			t.Fatalf("%q: %d scores for %d sentences", c.in, len(d.Tone.Sentences), len(d.Sentences))
		}
		got := d.Tone.Score
		if sign(got) != c.sign || got < -1 || got > 1 {
			t.Errorf("%q: tone %.3f, want sign %d", c.in, got, c.sign)
		}
		// The shortcut must agree with VADER on the whole sentence.
		if v := analyzer().PolarityScores(c.in).Compound; math.Abs(v-got) > 1e-9 {
			t.Errorf("%q: stage %.4f, VADER %.4f", c.in, got, v)
		}
	}
}

func sign(f float64) int {
	switch {
	case f > 0.05:
		return 1
	case f < -0.05:
		return -1
	}
	return 0
}

func BenchmarkStage(b *testing.B) {
	src, err := os.ReadFile("../../examples/alaska-summit.txt")
	if err != nil {
		b.Skip(err)
	}
	d := analyse(b, string(src))
	Load()
	b.ReportAllocs()
	c0 := cpuTime()
	for b.Loop() {
		if err := (Stage{}).Run(context.Background(), d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cpuTime()-c0).Microseconds())/float64(b.N), "cpu-µs/article")
}

// BenchmarkStagePolNeAR scores 200 PolNeAR news texts, split by the layout
// and text stages, and reports articles/s.
func BenchmarkStagePolNeAR(b *testing.B) {
	var docs []*doc.Document
	for _, data := range polnear.Texts(b, 200, "train") {
		docs = append(docs, analyse(b, string(data)))
	}
	Load()
	b.ReportAllocs()
	c0 := cpuTime()
	for i := 0; b.Loop(); i++ {
		if err := (Stage{}).Run(b.Context(), docs[i%len(docs)]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cpuTime()-c0).Nanoseconds())/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkVADERAll scores every sentence with VADER, for comparison.
func BenchmarkVADERAll(b *testing.B) {
	src, err := os.ReadFile("../../examples/alaska-summit.txt")
	if err != nil {
		b.Skip(err)
	}
	d := analyse(b, string(src))
	a := analyzer()
	for b.Loop() {
		for _, s := range d.Sentences {
			a.PolarityScores(d.Slice(s.Span))
		}
	}
}

// TestAgreesWithGovader compares the stage with govader's PolarityScores
// on every sentence of the example article.
func TestAgreesWithGovader(t *testing.T) {
	src, err := os.ReadFile("../../examples/alaska-summit.txt")
	if err != nil {
		t.Skip(err)
	}
	d := analyse(t, string(src))
	if err := (Stage{}).Run(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	bad := 0
	for i, s := range d.Sentences {
		want := analyzer().PolarityScores(d.Slice(s.Span)).Compound
		if got := d.Tone.Sentences[i]; math.Abs(got-want) > 0.02 {
			bad++
			t.Logf("sentence %d: stage %.4f, govader %.4f: %s", i, got, want, d.Slice(s.Span))
		}
	}
	if bad > len(d.Sentences)/10 {
		t.Errorf("%d of %d sentences differ from govader", bad, len(d.Sentences))
	}
}

// cpuTime returns the CPU time of the process, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkLoad reads lexicon.idx, as the first document of a process
// does.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := readTable(tableFile); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild builds the VADER tables from lexicon.tsv, as the first
// document of a process did before lexicon.idx.
func BenchmarkBuild(b *testing.B) {
	b.ReportAllocs()
	c0 := cpuTime()
	defer func() { b.ReportMetric(float64((cpuTime()-c0).Nanoseconds())/float64(b.N), "cpu-ns/op") }()
	for b.Loop() {
		newScorer(lexicon, govader.NewTermConstants())
	}
}

func TestLexTable(t *testing.T) {
	if size := unsafe.Sizeof(entry{}); size != 64 {
		t.Errorf("an entry is %d bytes, want one 64-byte cache line", size)
	}
	tab := newLexTable(4)
	long := strings.Repeat("abcdefghij", 4) // longer than maxInlineKey
	tab.upsert("good").val = 1.9
	tab.upsert(long).val = 2
	for w, want := range map[string]float64{"good": 1.9, "GOOD": 1.9, "Good": 1.9, long: 2, strings.ToUpper(long): 2, "goods": 0, "goo": 0, long + "x": 0} {
		if got := tab.get(w, fnv(string(appendLower(nil, w)))).val; got != want {
			t.Errorf("get(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestParseValence checks the short path of parseValence against
// strconv.ParseFloat, bit for bit, and the fallback.
func TestParseValence(t *testing.T) {
	var cases []string
	for n := 0; n < 100; n++ {
		s := fmt.Sprintf("%d.%d", n/10, n%10)
		cases = append(cases, s, "-"+s)
	}
	cases = append(cases, "1.25", "-3", "12.5", "x", "", "-", "1e2", "0.")
	for _, s := range cases {
		want, _ := strconv.ParseFloat(s, 64)
		if got := parseValence(s); math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("parseValence(%q) = %v, want %v", s, got, want)
		}
	}
}
