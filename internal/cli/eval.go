package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/newsgraph/newsgraph/internal/eval"
)

// evalCmd is "newsgraph eval": scores on the development data.
type evalCmd struct{}

func (evalCmd) Summary() string {
	return "score the pipeline on the development data (extract, ner, quotes, events, seed)"
}

// evalTask scores one task from the data folder, printing details to w.
type evalTask struct {
	name string
	sub  string // the task's folder under the data folder
	run  func(dir string, w io.Writer) (eval.Result, error)
}

var evalTasks = []evalTask{
	{"seed", "../corpus", eval.Seed},
	{"extract", "article-extraction", eval.Extract},
	{"ner", "conll2003", eval.NER},
	{"quotes", "polnear", eval.Quotes},
	{"events", "plover", eval.Events},
}

func (evalCmd) Run(ctx context.Context, args []string, sio IO) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	data := fs.String("data", "../shared/data", "`folder` holding the development data")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: newsgraph eval [--data DIR] [TASK...]   (tasks: all by default)")
		for _, t := range evalTasks {
			fmt.Fprintf(fs.Output(), "  %-8s data in DIR/%s\n", t.name, t.sub)
		}
		fs.PrintDefaults()
	}
	names, ok, code := parseFlags(fs, args, sio)
	if !ok {
		return code
	}
	want, unknown := map[string]bool{}, map[string]bool{}
	for _, n := range names {
		want[n], unknown[n] = true, true
	}
	status, ran := 0, 0
	for _, t := range evalTasks {
		if len(want) > 0 && !want[t.name] {
			continue
		}
		delete(unknown, t.name)
		ran++
		fmt.Fprintf(sio.Stdout, "== %s\n", t.name)
		r, err := t.run(filepath.Join(*data, t.sub), sio.Stdout)
		switch {
		case errors.Is(err, eval.ErrNoData):
			fmt.Fprintf(sio.Stdout, "%s: skipped: %v\n", t.name, err)
		case err != nil:
			fmt.Fprintf(sio.Stderr, "newsgraph eval %s: %v\n", t.name, err)
			status = 1
		default:
			fmt.Fprintf(sio.Stdout, "%s: P %.3f R %.3f F1 %.3f (n=%d)\n", t.name, r.P, r.R, r.F1, r.N)
		}
		if ctx.Err() != nil {
			return 1
		}
	}
	for n := range unknown {
		fmt.Fprintf(sio.Stderr, "newsgraph eval: unknown task %q\n", n)
		status = 2
	}
	if ran == 0 && status == 0 {
		return 2
	}
	return status
}
