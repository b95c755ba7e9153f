// Command newsgraph turns news articles into a structured, searchable record
// of who said what, who met whom, where and when. Run "newsgraph help".
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"syscall"

	"github.com/newsgraph/newsgraph/internal/cli"
	_ "github.com/newsgraph/newsgraph/internal/gcpace" // GOGC 400 before the packages' init
)

func main() {
	// GOGC is 400 from package initialisation on (gcpace). The soft limit
	// keeps the heap inside the memory budgets where the live heap is
	// larger (an ingest, a 5 MB article: about 250 MB at peak instead of
	// 400–450 MB at 384 MiB, for a few per cent more CPU there; an
	// ordinary analyze stays under it). GOMEMLIMIT in the environment
	// still wins.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(192 << 20)
	}
	stopProfile := startProfile(os.Getenv("NEWSGRAPH_CPUPROFILE"))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], cli.Std())
	stop()
	stopProfile()
	os.Exit(code)
}

// startProfile writes a CPU profile of the whole run to path (for
// "go tool pprof") when path is not empty, and returns what stops it.
func startProfile(path string) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		os.Stderr.WriteString("newsgraph: NEWSGRAPH_CPUPROFILE: " + err.Error() + "\n")
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
