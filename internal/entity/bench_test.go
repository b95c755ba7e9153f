package entity

import (
	"context"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/layout"
	"github.com/newsgraph/newsgraph/internal/ner"
	"github.com/newsgraph/newsgraph/internal/text"
)

// prepared returns a document of text with blocks, sentences and tokens.
func prepared(tb testing.TB, txt string) *doc.Document {
	tb.Helper()
	d := &doc.Document{Text: txt}
	ctx := context.Background()
	for _, s := range []doc.Stage{layout.Stage{}, text.Stage{}} {
		if err := s.Run(ctx, d); err != nil {
			tb.Fatal(err)
		}
	}
	return d
}

func BenchmarkStage(b *testing.B) {
	raw, err := os.ReadFile("../../examples/alaska-summit.txt")
	if err != nil {
		b.Skip(err)
	}
	d := prepared(b, string(raw))
	ctx := context.Background()
	Stage{}.Run(ctx, d) // load the model and lexicons
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if err := (Stage{}).Run(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time rather than wall time: the figure that matters on a busy machine.
	b.ReportMetric(float64((cpuTime()-c0).Microseconds())/float64(b.N), "cpu-µs/article")
}

// BenchmarkOwn times the stage with the tagger's labels given, so that
// only the stage's own work (rules, resolution, references, places) counts.
func BenchmarkOwn(b *testing.B) {
	raw, err := os.ReadFile("../../examples/alaska-summit.txt")
	if err != nil {
		b.Skip(err)
	}
	d := prepared(b, string(raw))
	labels := make([]ner.Label, len(d.Tokens))
	ner.Default().TagDocumentInto(sentenceWords(d), labels)
	given := func(_ [][]string, out []ner.Label) { copy(out, labels) }
	run(d, given)
	b.ReportAllocs()
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		run(d, given)
	}
	b.ReportMetric(float64((cpuTime()-c0).Microseconds())/float64(b.N), "cpu-µs/article")
}

// sentenceWords returns the words of d's sentences.
func sentenceWords(d *doc.Document) [][]string {
	out := make([][]string, len(d.Sentences))
	for _, t := range d.Tokens {
		out[t.Sentence] = append(out[t.Sentence], d.Text[t.Start:t.End])
	}
	return out
}

// BenchmarkTagger times the ner model alone on the same article, to tell
// the stage's own share from the tagger's.
func BenchmarkTagger(b *testing.B) {
	raw, err := os.ReadFile("../../examples/alaska-summit.txt")
	if err != nil {
		b.Skip(err)
	}
	d := prepared(b, string(raw))
	sents := sentenceWords(d)
	labels := make([]ner.Label, len(d.Tokens))
	b.ReportAllocs()
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		ner.Default().TagDocumentInto(sents, labels)
	}
	b.ReportMetric(float64((cpuTime()-c0).Microseconds())/float64(b.N), "cpu-µs/article")
}

// cpuTime returns the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkOwnScaling times the stage's own work on the example article
// repeated to about 5 KB and to about 5 MB: cpu-µs/KB should be about the
// same for both (the stage is linear in the length of an article).
func BenchmarkOwnScaling(b *testing.B) {
	raw, err := os.ReadFile("../../examples/alaska-summit.txt")
	if err != nil {
		b.Skip(err)
	}
	for _, size := range []int{5 << 10, 5 << 20} {
		b.Run(strconv.Itoa(size>>10)+"KB", func(b *testing.B) {
			var sb strings.Builder
			for sb.Len() < size {
				sb.Write(raw)
				sb.WriteString("\n\n")
			}
			txt := sb.String()[:size]
			txt = txt[:strings.LastIndexByte(txt, '\n')+1]
			d := prepared(b, txt)
			labels := make([]ner.Label, len(d.Tokens))
			ner.Default().TagDocumentInto(sentenceWords(d), labels)
			given := func(_ [][]string, out []ner.Label) { copy(out, labels) }
			run(d, given)
			b.ResetTimer()
			c0 := cpuTime()
			for i := 0; i < b.N; i++ {
				run(d, given)
			}
			b.ReportMetric(float64((cpuTime()-c0).Microseconds())/float64(b.N)/float64(len(txt)>>10), "cpu-µs/KB")
		})
	}
}
