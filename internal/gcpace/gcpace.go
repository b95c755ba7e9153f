// Package gcpace sets the garbage collector's pace for the newsgraph
// command while the packages are being initialised, so that their init
// functions run without a collection. Import it for its side effect, from
// main only.
//
// Analysis makes much short-lived garbage over a small live heap:
// collecting a quarter as often (GOGC 400) saves about 7% of CPU. Set in
// main, the pace would come too late for start-up: the dependencies
// allocate some 4.5 MB while they initialise (go-domdistiller's range
// tables 1.7 MB, gomoji's emoji map 1 MB, compiled regexps), past the
// runtime's first 4 MB goal, and the collection that follows, with its
// mark assists, is about a tenth of the instructions of a one-file run
// (87 M instead of 78 M). A package is initialised as soon as its own
// imports are, in import-path order among those ready, and this one
// imports only os and runtime/debug: it runs before most dependencies.
// GOGC in the environment still wins.
package gcpace

import (
	"os"
	"runtime/debug"
)

// percent is the GOGC that the package sets when the environment sets none.
const percent = 400

func init() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(percent)
	}
}
