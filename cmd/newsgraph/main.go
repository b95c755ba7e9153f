// Command newsgraph turns news articles into a structured, searchable record
// of who said what, who met whom, where and when. Run "newsgraph help".
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/newsgraph/newsgraph/internal/cli"
)

func main() {
	// Analysis makes much short-lived garbage over a small live heap:
	// collecting a quarter as often saves about 7% of CPU, and the soft
	// limit keeps the heap well inside the memory budgets. GOGC and
	// GOMEMLIMIT in the environment still win.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(384 << 20)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], cli.Std())
	stop()
	os.Exit(code)
}
