// Package cli implements the newsgraph command line. Each command is a value
// with a Run method that tests call directly.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
)

// IO is where a command reads and writes.
type IO struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

// Std returns the process's standard streams.
func Std() IO { return IO{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr} }

// Command is one subcommand.
type Command interface {
	// Run runs the command with its arguments and returns the exit status.
	Run(ctx context.Context, args []string, sio IO) int
	// Summary is a one-line description for the help text.
	Summary() string
}

// commands lists the subcommands by name.
var commands = map[string]Command{
	"analyze": analyzeCmd{},
	"eval":    evalCmd{},
	"ingest":  ingestCmd{},
	"query":   queryCmd{},
	"stats":   statsCmd{},
	"export":  exportCmd{},
	"serve":   serveCmd{},
}

// Run runs the command line args (without the program name) and returns
// the exit status.
func Run(ctx context.Context, args []string, sio IO) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(sio.Stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(sio.Stderr, "newsgraph: unknown command %q\n", args[0])
		usage(sio.Stderr)
		return 2
	}
	return c.Run(ctx, args[1:], sio)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "newsgraph turns news articles into who said what, who met whom, where and when.")
	fmt.Fprintln(w, "\nUsage: newsgraph COMMAND [flags] [args]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].Summary())
	}
	fmt.Fprintln(w, "\nRun \"newsgraph COMMAND -h\" for a command's flags.")
}

// parseFlags parses args with fs, allowing flags after positional
// arguments ("analyze a.txt --format text"); "--" ends the flags. It prints
// errors to sio.Stderr and returns the positional arguments, or ok=false and
// the exit status when the command should stop.
func parseFlags(fs *flag.FlagSet, args []string, sio IO) (pos []string, ok bool, code int) {
	fs.SetOutput(sio.Stderr)
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, false, 0
			}
			return nil, false, 2
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, true, 0
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), true, 0
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
