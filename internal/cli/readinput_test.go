package cli

import (
	"path/filepath"
	"sort"
	"testing"
)

// BenchmarkReadInput reads 200 PolNeAR texts as analyze reads its files.
func BenchmarkReadInput(b *testing.B) {
	files, _ := filepath.Glob("../../../shared/data/polnear/train/text/*.txt")
	if len(files) == 0 {
		b.Skip("PolNeAR texts absent (../shared/data/polnear/train/text)")
	}
	sort.Strings(files)
	files = files[:min(200, len(files))]
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := readInput(files[i%len(files)], nil); err != nil {
			b.Fatal(err)
		}
	}
}

func TestReadInput(t *testing.T) {
	dir := writeFiles(t, map[string]string{"empty.txt": "", "a.txt": "The talks ended.\n"})
	for name, want := range map[string]string{"empty.txt": "", "a.txt": "The talks ended.\n"} {
		data, err := readInput(filepath.Join(dir, name), nil)
		if err != nil || string(data) != want {
			t.Errorf("readInput(%s) = %q, %v; want %q", name, data, err, want)
		}
	}
}
