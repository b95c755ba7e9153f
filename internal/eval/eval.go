// Package eval scores newsgraph's stages on the benchmark data in
// shared/data, the same way shared/tools/score.py does, from Go.
package eval

import "errors"

// ErrNoData is returned, wrapped with the path looked at, when a
// benchmark's data directory or files are absent.
var ErrNoData = errors.New("benchmark data absent")

// Result is the score of one run over a benchmark.
type Result struct {
	Name     string  // the benchmark, e.g. "extract"
	P, R, F1 float64 // precision, recall and their harmonic mean, in [0, 1]
	N        int     // pages or documents scored
}
