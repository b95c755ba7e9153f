package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"github.com/newsgraph/newsgraph/internal/store/open"
)

// statsCmd is "newsgraph stats": what the corpus holds, as JSON.
type statsCmd struct{}

func (statsCmd) Summary() string {
	return "print counts of documents, quotes, entities, events, stories and errors (JSON)"
}

func (statsCmd) Run(ctx context.Context, args []string, sio IO) int {
	fs := flag.NewFlagSet("stats", flag.ContinueOnError)
	dbPath := fs.String("db", defaultDB, "database `path` or postgres:// URL (else $"+open.EnvDB+")")
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
	*dbPath = open.DSN(fs, "db") // --db, else $NEWSGRAPH_DB, else the default
	st, err := openStore(ctx, *dbPath)
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
