// Package polnear gives the tests and benchmarks that read real news the
// PolNeAR texts of the shared data (../shared/data/polnear beside the
// repository), and skips them when that data is absent.
package polnear

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// Path returns the folder of the texts of a split ("train", "dev") and
// whether it exists. It is found from the module root, whatever the
// package directory the test runs in.
func Path(split string) (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", false
		}
		dir = up
	}
	p := filepath.Join(dir, "..", "shared", "data", "polnear", split, "text")
	_, err = os.Stat(p)
	return p, err == nil
}

// Files returns the paths of the first n texts, by name, of the given
// splits taken together, or skips tb when none is there.
func Files(tb testing.TB, n int, splits ...string) []string {
	var files []string
	for _, s := range splits {
		if p, ok := Path(s); ok {
			f, _ := filepath.Glob(filepath.Join(p, "*.txt"))
			files = append(files, f...)
		}
	}
	if len(files) == 0 {
		tb.Skipf("PolNeAR texts absent (../shared/data/polnear/%v/text)", splits)
	}
	sort.Strings(files)
	return files[:min(n, len(files))]
}

// Texts returns the contents of Files(tb, n, splits...).
func Texts(tb testing.TB, n int, splits ...string) [][]byte {
	var out [][]byte
	for _, f := range Files(tb, n, splits...) {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}
