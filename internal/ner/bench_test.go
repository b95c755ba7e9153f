package ner

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/newsgraph/newsgraph/internal/text"
)

// newsDocs returns up to n PolNeAR training texts, split into sentences
// and tokens as the pipeline does, or skips when the shared data is absent.
func newsDocs(tb testing.TB, n int) [][][]string {
	files, _ := filepath.Glob("../../../shared/data/polnear/train/text/*.txt")
	if len(files) == 0 {
		tb.Skip("PolNeAR texts absent (../shared/data/polnear/train/text)")
	}
	sort.Strings(files)
	var docs [][][]string
	for _, f := range files[:min(n, len(files))] {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
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
