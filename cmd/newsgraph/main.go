// Command newsgraph turns news articles into a structured, searchable record
// of who said what, who met whom, where and when. Run "newsgraph help".
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/newsgraph/newsgraph/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], cli.Std())
	stop()
	os.Exit(code)
}
