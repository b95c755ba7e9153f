// Package ingest turns files and folders of articles into stored documents:
// it walks the inputs, reads every record (plain text, HTML, WARC, RSS/Atom,
// JSON Lines), analyses the records on all cores and writes them to a
// store.Store in batches, one transaction each.
//
// Ingesting is idempotent and crash-safe because the store is: documents
// are keyed by content id and a batch is stored whole or not at all, so a
// run that is killed is finished by running it again.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/newsgraph/newsgraph"
	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/source"
	"github.com/newsgraph/newsgraph/internal/store"
)

// Options configure Run. Store is required; the zero value of every other
// field works.
type Options struct {
	Store store.Store
	// Workers is the number of records analysed at once; 0 means one per CPU.
	Workers int
	// Published is the publication date of records that carry none, in
	// their metadata, their markup or a YYYY-MM-DD date in the file name
	// (plain text files, say); zero if unknown.
	Published time.Time
	// BatchSize is the number of documents written per transaction; 0 means 256.
	BatchSize int
	// FlushEvery bounds how long an analysed document waits for its batch;
	// 0 means one second.
	FlushEvery time.Duration
	// Exclude lists files never read (the database itself and its journal
	// when it lies inside an input folder).
	Exclude []string
	// Report is called, from one goroutine, with every failure.
	Report func(store.IngestError)
	// Progress is told about the work; nil for none.
	Progress Progress
	// Log receives debug and info messages; nil discards them.
	Log *slog.Logger
}

// Progress is told how far a Run is. Its methods may be called from
// several goroutines.
type Progress interface {
	// Start is called once with the total size of the input files in bytes.
	Start(totalBytes int64)
	// Read is called as input bytes are consumed.
	Read(n int64)
	// Stored is called after each batch with the number of records done
	// (stored, duplicate or failed).
	Stored(n int)
	// Finish is called once at the end.
	Finish()
}

// Summary counts what a Run did.
type Summary struct {
	Ingested   int           `json:"ingested"`   // documents newly stored
	Duplicates int           `json:"duplicates"` // documents already stored
	Failed     int           `json:"failed"`     // records and files that could not be ingested
	Files      int           `json:"files"`
	Bytes      int64         `json:"bytes"`
	Elapsed    time.Duration `json:"elapsed"`
}

// String is the one-line summary printed at the end of an ingest.
func (s Summary) String() string {
	return fmt.Sprintf("ingested %d, duplicates %d, failed %d", s.Ingested, s.Duplicates, s.Failed)
}

// job is one record to analyse, or a failure met while reading.
type job struct {
	file, record string
	rec          source.Record
	err          error
}

// result is an analysed record or a failure.
type result struct {
	rec  *store.Record
	fail *store.IngestError
}

// Run ingests paths (files or folders, walked recursively) into opts.Store.
// Bad input never stops it: every failure is reported, stored in the
// errors table and counted. It returns an error only when the store fails
// or ctx is cancelled; the batches written until then are kept.
func Run(ctx context.Context, paths []string, opts Options) (Summary, error) {
	start := time.Now()
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = 256
	}
	if opts.FlushEvery <= 0 {
		opts.FlushEvery = time.Second
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	var sum Summary
	if opts.Progress != nil {
		// A first walk for the total, so that the bar can tell the time left.
		var total int64
		walk(paths, opts.Exclude, func(f fileInfo) bool { total += f.size; return ctx.Err() == nil },
			func(walkFail) bool { return ctx.Err() == nil })
		opts.Progress.Start(total)
		defer opts.Progress.Finish()
	}
	opts.Log.Info("ingest", "paths", len(paths), "workers", opts.Workers)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan job, 4*opts.Workers)
	results := make(chan result, 4*opts.Workers)
	var files, bytes int64 // written by the walker, read after it ends
	walked := make(chan struct{})
	go func() {
		defer close(walked)
		defer close(jobs)
		walk(paths, opts.Exclude, func(f fileInfo) bool {
			files++
			bytes += f.size
			if !readFile(ctx, f.path, jobs) {
				return false
			}
			if opts.Progress != nil {
				opts.Progress.Read(f.size)
			}
			return true
		}, func(f walkFail) bool {
			select {
			case jobs <- job{file: f.path, err: f.err}:
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()
	var wg sync.WaitGroup
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				r, ok := analyze(ctx, j, opts.Published)
				if !ok {
					continue
				}
				select {
				case results <- r:
				case <-ctx.Done():
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	err := write(ctx, results, opts, &sum)
	if err != nil {
		cancel()
		for range results { // let the workers finish
		}
	}
	if err == nil {
		err = ctx.Err()
	}
	<-walked
	sum.Files, sum.Bytes = int(files), bytes
	sum.Elapsed = time.Since(start)
	opts.Log.Info("ingest done", "summary", sum.String(), "elapsed", sum.Elapsed)
	return sum, err
}

// analyze runs the pipeline on one record. ok is false when the work was
// cancelled and there is nothing to report.
func analyze(ctx context.Context, j job, published time.Time) (r result, ok bool) {
	fail := func(err error) (result, bool) {
		return result{fail: &store.IngestError{File: j.file, Record: j.record, Reason: err.Error(), At: time.Now()}}, true
	}
	if j.err != nil {
		return fail(j.err)
	}
	if ctx.Err() != nil {
		return r, false
	}
	rec := j.rec
	o := newsgraph.Options{Name: j.file, URL: rec.URL, Published: rec.Published}
	switch rec.Format {
	case source.PlainText:
		o.Format = newsgraph.FormatText
	case source.HTMLPage:
		o.Format = newsgraph.FormatHTML
	}
	// A date in the file name, else the default, stands in for a missing
	// publication date. Plain text gets it before analysis, so that
	// relative dates resolve against it; a page keeps the date found in
	// its markup when there is one.
	fallback := dateInName(j.file)
	if fallback.IsZero() || j.record != "" {
		fallback = published
	}
	isText := rec.Format == source.PlainText || rec.Format == source.Auto && source.Detect(j.file, rec.Data) == source.PlainText
	if o.Published.IsZero() && isText {
		o.Published = fallback
	}
	d, err := analyzeSafe(ctx, rec.Data, o)
	if err != nil {
		if ctx.Err() != nil {
			return r, false
		}
		return fail(err)
	}
	if d.Published == nil && !fallback.IsZero() {
		t := fallback.UTC()
		d.Published = &t
	}
	d.Path = j.file
	if rec.Title != "" {
		d.Title = rec.Title
	}
	if d.Title == "" {
		d.Title = titleBlock(d)
	}
	if rec.SiteName != "" {
		d.Source = rec.SiteName
	}
	if rec.Author != "" && d.Author == "" {
		d.Author = rec.Author
	}
	for _, im := range rec.Images {
		d.Images = append(d.Images, doc.Image{URL: im.URL, Caption: im.Caption, Credit: im.Credit})
	}
	sr, err := store.Prepare(d)
	if err != nil {
		return fail(err)
	}
	sr.File, sr.Item = j.file, j.record
	d.Tokens = nil // not stored; a batch waiting for the writer need not keep them
	return result{rec: sr}, true
}

// nameDate finds a YYYY-MM-DD date in a file name, as scrapers write them
// ("breitbart_2015-11-11_the-ninth-circle.txt").
var nameDate = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2}-[01][0-9]-[0-3][0-9])(?:[^0-9]|$)`)

// dateInName returns the date in the base name of path, or zero.
func dateInName(path string) time.Time {
	m := nameDate.FindStringSubmatch(filepath.Base(path))
	if m == nil {
		return time.Time{}
	}
	t, err := time.Parse("2006-01-02", m[1])
	if err != nil {
		return time.Time{}
	}
	return t
}

// titleBlock returns the text of the first title block, for documents
// whose source gave no title (plain text).
func titleBlock(d *doc.Document) string {
	for _, b := range d.Blocks {
		if b.Kind == doc.Title && b.Span.Valid(len(d.Text)) {
			return strings.Join(strings.Fields(d.Slice(b.Span)), " ")
		}
	}
	return ""
}

// analyzeSafe runs newsgraph.Analyze, turning a panic in a stage into an
// error so that one bad record cannot stop a batch.
func analyzeSafe(ctx context.Context, data []byte, o newsgraph.Options) (d *doc.Document, err error) {
	defer func() {
		if p := recover(); p != nil {
			d, err = nil, fmt.Errorf("analysis failed: %v", p)
		}
	}()
	return newsgraph.Analyze(ctx, data, o)
}

// write collects results into batches and stores them. One goroutine
// stores a batch while the next one is collected, so that analysis goes on
// while the store writes; a full batch waits for the writer to take it, so
// that at most two batches are held in memory.
func write(ctx context.Context, results <-chan result, opts Options, sum *Summary) (err error) {
	batches := make(chan store.Batch)
	failed := make(chan struct{}) // closed when a Put fails
	var putErr error              // written before failed is closed
	stored := make(chan struct{})
	go func() {
		defer close(stored)
		for b := range batches {
			if putErr != nil {
				continue // drain
			}
			if err := putBatch(ctx, b, opts, sum); err != nil {
				putErr = err
				close(failed)
			}
		}
	}()
	defer func() {
		close(batches)
		<-stored
		if err == nil {
			err = putErr
		}
	}()

	var b store.Batch
	timer := time.NewTimer(opts.FlushEvery)
	timer.Stop()
	flush := func() error {
		if len(b.Records)+len(b.Errors) == 0 {
			return nil
		}
		timer.Stop()
		select {
		case batches <- b:
		case <-failed:
			return putErr
		}
		b = store.Batch{}
		return nil
	}
	for {
		select {
		case r, ok := <-results:
			if !ok {
				return flush()
			}
			if len(b.Records)+len(b.Errors) == 0 {
				timer.Reset(opts.FlushEvery)
			}
			if r.fail != nil {
				b.Errors = append(b.Errors, *r.fail)
				if opts.Report != nil {
					opts.Report(*r.fail)
				}
			} else {
				b.Records = append(b.Records, r.rec)
			}
			if len(b.Records)+len(b.Errors) >= opts.BatchSize {
				if err := flush(); err != nil {
					return err
				}
			}
		case <-timer.C:
			if err := flush(); err != nil {
				return err
			}
		case <-failed:
			return putErr
		}
	}
}

// putBatch stores one batch and counts it in sum.
func putBatch(ctx context.Context, b store.Batch, opts Options, sum *Summary) error {
	// A batch that is complete is stored even when the run is being
	// cancelled, so that an interrupt keeps the work done.
	res, err := opts.Store.Put(context.WithoutCancel(ctx), b)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	sum.Ingested += res.Added
	sum.Duplicates += res.Duplicates
	sum.Failed += len(b.Errors)
	if opts.Progress != nil {
		opts.Progress.Stored(len(b.Records) + len(b.Errors))
	}
	opts.Log.Debug("batch stored", "added", res.Added, "duplicates", res.Duplicates, "errors", res.Errors)
	return nil
}

// IsInterrupted reports whether err means the run was cancelled (an
// interrupt) rather than failed.
func IsInterrupted(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
