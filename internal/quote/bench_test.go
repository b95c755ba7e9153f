package quote

import (
	"context"
	"os"
	"testing"
)

// BenchmarkStage runs the quote stage alone on the example article.
func BenchmarkStage(b *testing.B) {
	raw, err := os.ReadFile("../../examples/alaska-summit.txt")
	if err != nil {
		b.Skip(err)
	}
	d := analyze(b, string(raw),
		testEntity{name: "Donald Trump", mentions: []string{"US President Donald Trump", "Mr Trump", "Trump"}},
		testEntity{name: "Vladimir Putin", mentions: []string{"Vladimir Putin", "Mr Putin", "Putin"}, refs: []testRef{{"He", 0}, {"He", 1}, {"He", 2}}},
	)
	ctx := context.Background()
	b.SetBytes(int64(len(d.Text)))
	b.ReportAllocs()
	for b.Loop() {
		if err := (Stage{}).Run(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
}
