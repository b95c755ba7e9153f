package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/open"
)

// defaultDB is the database used when --db is not given.
const defaultDB = "newsgraph.db"

// ingestCmd is "newsgraph ingest": files, folders, archives and feeds into the corpus.
type ingestCmd struct{}

func (ingestCmd) Summary() string {
	return "analyse files, folders, WARC archives, feeds and JSON Lines into the corpus database"
}

func (ingestCmd) Run(ctx context.Context, args []string, sio IO) int {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	dbPath := fs.String("db", defaultDB, "database `path`")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "`number` of records analysed at once")
	published := fs.String("published", "", "publication `date` (YYYY-MM-DD or RFC 3339) of records that carry none")
	strict := fs.Bool("strict", false, "exit with status 1 when any input failed")
	batch := fs.Int("batch", 256, "documents per transaction")
	verbose := fs.Bool("v", false, "log progress details on standard error")
	// PostgreSQL work queue (issue 8) — hook begins.
	queue := fs.Bool("queue", false, "share one job among 'ingest --queue' workers on any machines through the PostgreSQL --db: input files are claimed from a work table")
	job := fs.String("job", "default", "`name` of the shared job, with --queue")
	lease := fs.Duration("lease", time.Minute, "how long a worker that stopped keeps its claimed files before others take them over, with --queue")
	// Hook ends.
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: newsgraph ingest [flags] PATH...   (files or folders, walked recursively)")
		fmt.Fprintln(fs.Output(), "Reads plain text, HTML, WARC (.warc, .warc.gz), RSS/Atom and JSON Lines ({\"url\",\"title\",\"published\",\"text\"|\"html\"}).")
		fs.PrintDefaults()
	}
	paths, ok, code := parseFlags(fs, args, sio)
	if !ok {
		return code
	}
	if len(paths) == 0 {
		fs.Usage()
		return 2
	}
	var pub time.Time
	if *published != "" {
		t, err := ParseDate(*published)
		if err != nil {
			fmt.Fprintf(sio.Stderr, "newsgraph ingest: --published: %v\n", err)
			return 2
		}
		pub = t
	}
	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(sio.Stderr, &slog.HandlerOptions{Level: level}))
	*dbPath = open.DSN(fs, "db") // --db, else $NEWSGRAPH_DB, else the default (issue 8)
	st, err := open.Open(ctx, *dbPath, log)
	if err != nil {
		fmt.Fprintf(sio.Stderr, "newsgraph ingest: %v\n", err)
		return 1
	}
	defer st.Close()

	var bar *barProgress
	if isTerminal(sio.Stderr) {
		bar = &barProgress{w: sio.Stderr}
	}
	var mu sync.Mutex
	opts := ingest.Options{
		Store: st, Workers: *workers, Published: pub, BatchSize: *batch, Log: log,
		Exclude: []string{*dbPath, *dbPath + "-wal", *dbPath + "-shm", *dbPath + "-journal"},
		Report: func(e store.IngestError) {
			mu.Lock()
			defer mu.Unlock()
			if bar != nil {
				bar.clear()
			}
			if e.Record != "" {
				fmt.Fprintf(sio.Stderr, "newsgraph: %s: %s: %s\n", e.File, e.Record, e.Reason)
			} else {
				fmt.Fprintf(sio.Stderr, "newsgraph: %s: %s\n", e.File, e.Reason)
			}
		},
	}
	if bar != nil {
		opts.Progress = bar
	}
	// PostgreSQL work queue (issue 8) — hook begins.
	var sum ingest.Summary
	if *queue {
		start := time.Now()
		err = open.Queue(ctx, st, *job, *lease, paths, func(ctx context.Context, files []string) error {
			s, err := ingest.Run(ctx, files, opts)
			sum.Ingested, sum.Duplicates, sum.Failed = sum.Ingested+s.Ingested, sum.Duplicates+s.Duplicates, sum.Failed+s.Failed
			sum.Files, sum.Bytes = sum.Files+s.Files, sum.Bytes+s.Bytes
			return err
		})
		sum.Elapsed = time.Since(start)
	} else {
		sum, err = ingest.Run(ctx, paths, opts)
	}
	// Hook ends.
	fmt.Fprintln(sio.Stdout, sum.String())
	switch {
	case ingest.IsInterrupted(err):
		fmt.Fprintln(sio.Stderr, "newsgraph ingest: interrupted; run the same command again to finish")
		return 130
	case err != nil:
		fmt.Fprintf(sio.Stderr, "newsgraph ingest: %v\n", err)
		return 1
	case *strict && sum.Failed > 0:
		return 1
	}
	return 0
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// barProgress shows a progress bar over the input bytes, described by the
// number of records done and their rate.
type barProgress struct {
	w     io.Writer
	bar   *progressbar.ProgressBar
	start time.Time
	done  atomic.Int64
}

func (p *barProgress) Start(total int64) {
	p.start = time.Now()
	p.bar = progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription("ingesting"),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
		progressbar.OptionClearOnFinish(),
	)
}

func (p *barProgress) Read(n int64) { p.bar.Add64(n) }

func (p *barProgress) Stored(n int) {
	done := p.done.Add(int64(n))
	rate := float64(done) / max(time.Since(p.start).Seconds(), 1e-3)
	p.bar.Describe(fmt.Sprintf("%d articles, %.0f/s", done, rate))
}

func (p *barProgress) Finish() { p.bar.Finish() }

func (p *barProgress) clear() {
	if p.bar != nil {
		p.bar.Clear()
	}
}

// dbFlag registers the --db flag of the commands that read a corpus.
func dbFlag(fs *flag.FlagSet) {
	fs.String("db", defaultDB, "database `path` or postgres:// URL (else $"+open.EnvDB+")")
}

// openStore opens the existing corpus named by --db, else $NEWSGRAPH_DB,
// else the default, for the commands that read it; it returns the store
// and the DSN it opened.
func openStore(ctx context.Context, fs *flag.FlagSet, log *slog.Logger) (store.Store, string, error) {
	dsn := open.DSN(fs, "db")
	if _, err := os.Stat(dsn); !open.IsPostgres(dsn) && errors.Is(err, os.ErrNotExist) {
		return nil, dsn, fmt.Errorf("no database at %s (create one with newsgraph ingest, or pass --db)", dsn)
	}
	st, err := open.Open(ctx, dsn, log)
	return st, dsn, err
}
