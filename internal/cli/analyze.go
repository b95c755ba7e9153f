package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"time"

	"github.com/newsgraph/newsgraph"
	"github.com/newsgraph/newsgraph/doc"
)

// analyzeCmd is "newsgraph analyze": articles in, structured records out.
type analyzeCmd struct{}

func (analyzeCmd) Summary() string {
	return "analyse articles and print the structured record (JSON or text)"
}

// maxInput bounds one input file; larger files are refused with a message.
const maxInput = 256 << 20

func (analyzeCmd) Run(ctx context.Context, args []string, sio IO) int {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	format := fs.String("format", "json", "output `format`: json (JSON Lines with several files) or text")
	input := fs.String("input", "auto", "input `kind`: auto, text or html")
	published := fs.String("published", "", "publication `date` (YYYY-MM-DD or RFC 3339) for resolving relative dates")
	pretty := fs.Bool("pretty", false, "indent JSON output")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "`number` of files analysed at once")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: newsgraph analyze [flags] FILE...   (- reads standard input)")
		fs.PrintDefaults()
	}
	files, ok, code := parseFlags(fs, args, sio)
	if !ok {
		return code
	}
	if len(files) == 0 {
		fs.Usage()
		return 2
	}
	opts := newsgraph.Options{}
	switch *input {
	case "auto":
	case "text":
		opts.Format = newsgraph.FormatText
	case "html":
		opts.Format = newsgraph.FormatHTML
	default:
		fmt.Fprintf(sio.Stderr, "newsgraph analyze: --input %q: want auto, text or html\n", *input)
		return 2
	}
	if *published != "" {
		t, err := ParseDate(*published)
		if err != nil {
			fmt.Fprintf(sio.Stderr, "newsgraph analyze: --published: %v\n", err)
			return 2
		}
		opts.Published = t
	}
	var write func(w io.Writer, r result) error
	switch *format {
	case "json":
		var buf []byte // one record; records are written one at a time
		write = func(w io.Writer, r result) error {
			if len(files) > 1 {
				r.doc.Path = r.path
			}
			if *pretty {
				enc := json.NewEncoder(w)
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
				return enc.Encode(r.doc)
			}
			// The same bytes as json.Encoder with SetEscapeHTML(false),
			// without reflection.
			b, err := r.doc.AppendJSON(buf[:0])
			if err != nil {
				return err
			}
			buf = append(b, '\n')
			_, err = w.Write(buf)
			return err
		}
	case "text":
		write = func(w io.Writer, r result) error { return writeText(w, r.path, r.doc, len(files) > 1) }
	default:
		fmt.Fprintf(sio.Stderr, "newsgraph analyze: --format %q: want json or text\n", *format)
		return 2
	}

	out := bufio.NewWriterSize(sio.Stdout, 64<<10)
	good, bad := 0, 0
	err := analyzeFiles(ctx, files, opts, max(1, *workers), sio.Stdin, func(r result) error {
		if r.err != nil {
			bad++
			fmt.Fprintf(sio.Stderr, "newsgraph: %s: %v\n", r.path, r.err)
			return nil
		}
		good++
		for _, dg := range r.doc.Diagnostics {
			if dg.Stage == "source" {
				fmt.Fprintf(sio.Stderr, "newsgraph: %s: warning: %s\n", r.path, dg.Message)
			}
		}
		if err := write(out, r); err != nil {
			return err
		}
		if len(files) > 1 {
			return out.Flush() // stream: each record as soon as it is ready
		}
		return nil
	})
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		fmt.Fprintf(sio.Stderr, "newsgraph analyze: %v\n", err)
		return 1
	}
	if good == 0 && bad > 0 {
		return 1
	}
	return 0
}

// result is the outcome for one input file.
type result struct {
	path string
	doc  *doc.Document
	err  error
}

// analyzeFiles analyses files with n workers and calls emit with each result
// in the order the files were given. At most 2n documents are held in memory.
//
// The documents are recycled: once emit returns, a result's document goes
// back to the workers, which analyse later files into its memory
// (newsgraph.AnalyzeInto), and each worker reads every file into one
// buffer. Most of what analysing an article allocates is thus allocated
// once per worker, not once per article; emit must not keep a document.
func analyzeFiles(ctx context.Context, files []string, opts newsgraph.Options, n int, stdin io.Reader, emit func(result) error) error {
	type job struct {
		path string
		out  chan result
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan job)
	order := make(chan chan result, 2*n)
	// Documents written out, for the workers to reuse: room for every
	// document there can be (2n waiting, n being analysed, one written).
	spare := make(chan *doc.Document, 3*n+1)
	go func() {
		defer close(order)
		defer close(jobs)
		for _, f := range files {
			j := job{path: f, out: make(chan result, 1)}
			select {
			case order <- j.out:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	for i := 0; i < n; i++ {
		go func() {
			var w worker
			for j := range jobs {
				j.out <- w.analyze(ctx, j.path, opts, stdin, spare)
			}
		}()
	}
	for ch := range order {
		r := <-ch
		if err := emit(r); err != nil {
			return err
		}
		if r.doc != nil && len(r.doc.Text) <= maxReused {
			select {
			case spare <- r.doc:
			default:
			}
		}
	}
	return ctx.Err()
}

// maxReused bounds the input buffer a worker keeps and the text of a
// document that is recycled: memory taken for a rare large article goes
// back to the collector rather than staying with a worker.
const maxReused = 1 << 20

// worker is what one analyze worker keeps from file to file.
type worker struct {
	buf []byte        // the last input read, for reading the next
	d   *doc.Document // a document to analyse into, left by a failed file
}

// analyze reads and analyses one file ("-" is standard input) into a
// document from spare, or a new one when spare is empty.
func (w *worker) analyze(ctx context.Context, path string, opts newsgraph.Options, stdin io.Reader, spare <-chan *doc.Document) result {
	data, err := readInput(path, stdin, w.buf)
	if err != nil {
		return result{path: path, err: err}
	}
	if cap(data) <= maxReused {
		w.buf = data[:0] // the text is a copy (doc.Document.Text is a string)
	}
	if w.d == nil {
		select {
		case w.d = <-spare:
		default:
			w.d = new(doc.Document)
		}
	}
	opts.Name = path
	if err := newsgraph.AnalyzeInto(ctx, w.d, data, opts); err != nil {
		return result{path: path, err: err}
	}
	d := w.d
	w.d = nil
	return result{path: path, doc: d}
}

// readInput reads the file at path, or stdin when path is "-", into buf's
// memory when it is large enough and into a new buffer when not.
func readInput(path string, stdin io.Reader, buf []byte) ([]byte, error) {
	if path == "-" {
		data, err := io.ReadAll(io.LimitReader(stdin, maxInput+1))
		if err == nil && len(data) > maxInput {
			err = fmt.Errorf("input is larger than the %d MB limit", maxInput>>20)
		}
		return data, err
	}
	return readFile(path, buf)
}

// errDir refuses a directory given where a file is wanted.
var errDir = errors.New("is a directory, not a file (ingest walks folders)")

// checkSize refuses a file of size bytes that is larger than maxInput.
func checkSize(size int64) error {
	if size > maxInput {
		return fmt.Errorf("file of %d MB is larger than the %d MB limit", size>>20, maxInput>>20)
	}
	return nil
}

// ParseDate reads a date as YYYY-MM-DD or RFC 3339.
func ParseDate(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date: want YYYY-MM-DD or RFC 3339", s)
}
