package ner

import (
	"testing"

	"github.com/newsgraph/newsgraph/internal/polnear"
	"github.com/newsgraph/newsgraph/internal/text"
)

// newsDocs returns up to n PolNeAR training texts, split into sentences
// and tokens as the pipeline does, or skips when the shared data is absent.
func newsDocs(tb testing.TB, n int) [][][]string {
	var docs [][][]string
	for _, data := range polnear.Texts(tb, n, "train") {
		s := string(data)
		spans := text.Tokenize(nil, s, 0, len(s))
		var sents [][]string
		for _, r := range text.Sentences(nil, s, spans) {
			ws := make([]string, 0, r.Last-r.First)
			for _, sp := range spans[r.First:r.Last] {
				ws = append(ws, s[sp.Start:sp.End])
			}
			sents = append(sents, ws)
		}
		docs = append(docs, sents)
	}
	return docs
}

// BenchmarkTagNews tags 200 PolNeAR news texts (about 5 KB, 900 tokens
// each), the documents the pipeline sees.
func BenchmarkTagNews(b *testing.B) {
	benchTag(b, newsDocs(b, 200))
}
