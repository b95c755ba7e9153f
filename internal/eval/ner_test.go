package eval

import (
	"errors"
	"github.com/newsgraph/newsgraph/internal/conll"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// conllData is the CoNLL-2003 folder of the shared data; NEWSGRAPH_DATA
// overrides the shared data directory.
func conllData() string {
	if d := os.Getenv("NEWSGRAPH_DATA"); d != "" {
		return filepath.Join(d, "conll2003")
	}
	return filepath.Join("..", "..", "..", "shared", "data", "conll2003")
}

const tinyConll = `-DOCSTART- -X- -X- O

EU NNP B-NP B-ORG
rejects VBZ B-VP O
German JJ B-NP B-MISC
call NN I-NP O
. . O O

Peter NNP B-NP B-PER
Blackburn NNP I-NP I-PER
said VBD B-VP O
" " O O
( ( O O
Reuters NNP B-NP B-ORG
) ) O O
- : O O
it PRP B-NP O
's VBZ B-VP O
" " O O
São NNP B-NP B-LOC
Paulo NNP I-NP I-LOC
. . O O
`

// TestDetokenize pins the text and token offsets to those of score.py's
// detokenize on the same tokens (printed by running it).
func TestDetokenize(t *testing.T) {
	docs, err := conll.ReadDocs(strings.NewReader(tinyConll))
	if err != nil || len(docs) != 1 {
		t.Fatalf("conll.ReadDocs: %d docs, %v", len(docs), err)
	}
	text, spans := detokenize(docs[0])
	if want := "EU rejects German call.\n\nPeter Blackburn said \"(Reuters) - it's\" São Paulo.\n"; text != want {
		t.Errorf("text %q\nwant %q", text, want)
	}
	want := [][2]int{{0, 2}, {3, 10}, {11, 17}, {18, 22}, {22, 23}, {25, 30}, {31, 40}, {41, 45}, {46, 47}, {47, 48}, {48, 55}, {55, 56}, {57, 58}, {59, 61}, {61, 63}, {63, 64}, {65, 68}, {69, 74}, {74, 75}}
	if !reflect.DeepEqual(spans, want) {
		t.Errorf("spans %v\nwant  %v", spans, want)
	}
	gold := goldChunks(docs[0], spans)
	wantGold := map[nerSpan]bool{{0, 2, "ORG"}: true, {25, 40, "PER"}: true, {48, 55, "ORG"}: true, {65, 74, "LOC"}: true}
	if !reflect.DeepEqual(gold, wantGold) {
		t.Errorf("gold %v\nwant %v", gold, wantGold)
	}
}

func TestNERTiny(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "dev.conll"), []byte(tinyConll), 0o644); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	res, err := NER(dir, &out)
	if err != nil {
		t.Fatal(err)
	}
	if res.N != 1 || !strings.Contains(out.String(), "ner: PER/ORG/LOC micro F1 = ") {
		t.Errorf("n=%d, output:\n%s", res.N, out.String())
	}
	if res.F1 < 0.5 {
		t.Errorf("F1 %.3f on four easy names:\n%s", res.F1, out.String())
	}
}

func TestNERDev(t *testing.T) {
	var out strings.Builder
	res, err := NER(conllData(), &out)
	if errors.Is(err, ErrNoData) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + out.String())
	if res.F1 < 0.88 {
		t.Errorf("PER/ORG/LOC micro F1 %.3f on CoNLL-2003 dev, want >= 0.88", res.F1)
	}
}

func TestNERNoData(t *testing.T) {
	_, err := NER(filepath.Join(t.TempDir(), "absent"), io.Discard)
	if !errors.Is(err, ErrNoData) || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %v, want ErrNoData and fs.ErrNotExist", err)
	}
}
