package event_test

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/entity"
	"github.com/newsgraph/newsgraph/internal/event"
	"github.com/newsgraph/newsgraph/internal/layout"
	"github.com/newsgraph/newsgraph/internal/polnear"
	"github.com/newsgraph/newsgraph/internal/quote"
	"github.com/newsgraph/newsgraph/internal/text"
	"github.com/newsgraph/newsgraph/internal/tone"
)

// BenchmarkStagePolNeAR runs the event stage alone over all the PolNeAR
// texts in turn, each prepared by the stages before it. With the
// sub-benchmark "cold", a buffer larger than the caches is read between
// two documents, as the other stages of a whole run do.
func BenchmarkStagePolNeAR(b *testing.B) {
	texts := polnear.Texts(b, 1<<30, "train", "dev")
	if err := event.Load(); err != nil {
		b.Fatal(err)
	}
	docs := make([]doc.Document, len(texts))
	ents := make([][]doc.Entity, len(texts))
	ctx := context.Background()
	for i, t := range texts {
		d := &docs[i]
		d.Text = string(t)
		for _, st := range []doc.Stage{layout.Stage{}, text.Stage{}, entity.Stage{}, quote.Stage{}, tone.Stage{}} {
			if err := st.Run(ctx, d); err != nil {
				b.Fatal(err)
			}
		}
		ents[i] = d.Entities
	}
	for _, cold := range []bool{false, true} {
		name := "warm"
		if cold {
			name = "cold"
		}
		b.Run(name, func(b *testing.B) {
			var junk []uint64
			if cold {
				junk = make([]uint64, 8<<20/8)
			}
			var sum uint64
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				k := i % len(docs)
				d := &docs[k]
				d.Entities, d.Events = ents[k][:len(ents[k]):len(ents[k])], nil
				if cold {
					b.StopTimer()
					for j := 0; j < len(junk); j += 8 {
						junk[j]++
						sum += junk[j]
					}
					b.StartTimer()
				}
				if err := (event.Stage{}).Run(ctx, d); err != nil {
					b.Fatal(err)
				}
			}
			_ = sum
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
