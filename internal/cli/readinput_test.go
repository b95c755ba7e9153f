package cli

import (
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/internal/polnear"
)

// BenchmarkReadInput reads 200 PolNeAR texts as analyze reads its files.
func BenchmarkReadInput(b *testing.B) {
	files := polnear.Files(b, 200, "train")
	b.ReportAllocs()
	var buf []byte
	for i := 0; b.Loop(); i++ {
		data, err := readInput(files[i%len(files)], nil, buf)
		if err != nil {
			b.Fatal(err)
		}
		buf = data[:0]
	}
}

func TestReadInput(t *testing.T) {
	dir := writeFiles(t, map[string]string{"empty.txt": "", "a.txt": "The talks ended.\n"})
	for name, want := range map[string]string{"empty.txt": "", "a.txt": "The talks ended.\n"} {
		data, err := readInput(filepath.Join(dir, name), nil, nil)
		if err != nil || string(data) != want {
			t.Errorf("readInput(%s) = %q, %v; want %q", name, data, err, want)
		}
	}
}
