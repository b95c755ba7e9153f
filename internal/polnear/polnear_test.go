package polnear

import (
	"strings"
	"testing"
)

func TestFiles(t *testing.T) {
	if _, ok := Path("train"); !ok {
		t.Skip("PolNeAR absent")
	}
	files := Files(t, 5, "train", "dev")
	if len(files) != 5 {
		t.Fatalf("got %d files, want 5", len(files))
	}
	for i, f := range files {
		if !strings.HasSuffix(f, ".txt") || i > 0 && files[i-1] > f {
			t.Errorf("file %d %q: not a sorted .txt", i, f)
		}
	}
	texts := Texts(t, 2, "train")
	if len(texts) != 2 || len(texts[0]) == 0 {
		t.Errorf("Texts: %d texts", len(texts))
	}
	if _, ok := Path("no-such-split"); ok {
		t.Error("Path found a split that does not exist")
	}
}
