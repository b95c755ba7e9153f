package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
)

// statsCmd is "newsgraph stats": what the corpus holds, as JSON.
type statsCmd struct{}

func (statsCmd) Summary() string {
	return "print counts of documents, quotes, entities, events, stories and errors (JSON)"
}

func (statsCmd) Run(ctx context.Context, args []string, sio IO) int {
	fs := flag.NewFlagSet("stats", flag.ContinueOnError)
	dbFlag(fs)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: newsgraph stats [--db PATH]")
		fs.PrintDefaults()
	}
	pos, ok, code := parseFlags(fs, args, sio)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fs.Usage()
		return 2
	}
	st, _, err := openStore(ctx, fs, nil)
	if err != nil {
		fmt.Fprintf(sio.Stderr, "newsgraph stats: %v\n", err)
		return 1
	}
	defer st.Close()
	s, err := st.Stats(ctx)
	if err != nil {
		fmt.Fprintf(sio.Stderr, "newsgraph stats: %v\n", err)
		return 1
	}
	b, _ := json.MarshalIndent(s, "", "  ")
	fmt.Fprintln(sio.Stdout, string(b))
	return 0
}
