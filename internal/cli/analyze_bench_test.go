package cli

import (
	"encoding/json"
	"io"
	"os"
	"testing"

	"github.com/newsgraph/newsgraph"
	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/polnear"
)

// polnearDocs analyses up to n PolNeAR training texts, or skips when the
// shared data is absent.
func polnearDocs(b *testing.B, n int) []*doc.Document {
	var docs []*doc.Document
	for _, f := range polnear.Files(b, n, "train") {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		d, err := newsgraph.Analyze(b.Context(), data, newsgraph.Options{Name: f})
		if err != nil {
			b.Fatal(err)
		}
		d.Path = f
		docs = append(docs, d)
	}
	return docs
}

// BenchmarkWriteJSON encodes the records of 200 analysed PolNeAR texts as
// analyze prints them: with encoding/json as before, and with AppendJSON.
func BenchmarkWriteJSON(b *testing.B) {
	docs := polnearDocs(b, 200)
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			enc := json.NewEncoder(io.Discard)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(docs[i%len(docs)]); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("AppendJSON", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for i := 0; b.Loop(); i++ {
			var err error
			if buf, err = docs[i%len(docs)].AppendJSON(buf[:0]); err != nil {
				b.Fatal(err)
			}
			buf = append(buf, '\n')
		}
	})
}
