package conll

import (
	"reflect"
	"strings"
	"testing"
)

func TestDetokenizeByteSpans(t *testing.T) {
	docs, err := ReadDocs(strings.NewReader("-DOCSTART- -X- O O\n\nIn IN B-PP O\nSão NNP B-NP B-LOC\nPaulo NNP I-NP I-LOC\n, , O O\n\" \" O O\nhi UH O O\n\" \" O O\n. . O O\n"))
	if err != nil || len(docs) != 1 {
		t.Fatalf("%d docs, %v", len(docs), err)
	}
	text, spans := Detokenize(docs[0])
	if want := "In São Paulo, \"hi\".\n"; text != want {
		t.Fatalf("text %q, want %q", text, want)
	}
	for i, tok := range docs[0] {
		if got := text[spans[i][0]:spans[i][1]]; got != tok.Word {
			t.Errorf("token %d: span gives %q, want %q", i, got, tok.Word)
		}
	}
	if got, want := Chunks(docs[0], spans), []Chunk{{3, 13, "LOC"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("chunks %v, want %v", got, want)
	}
}
