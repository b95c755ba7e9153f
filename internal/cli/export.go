package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/store"
)

// exportCmd is "newsgraph export": the corpus as JSON Lines, CSV or GDELT events.
type exportCmd struct{}

func (exportCmd) Summary() string {
	return "write the corpus as JSON Lines, CSV or GDELT 2.0 event records"
}

func (exportCmd) Run(ctx context.Context, args []string, sio IO) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	dbFlag(fs)
	format := fs.String("format", "jsonl", "`format`: jsonl, csv or gdelt-events (tab-separated GDELT 2.0 Events)")
	what := fs.String("what", "docs", "what to export: docs, quotes, entities or events")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: newsgraph export [--format jsonl|csv|gdelt-events] [--what docs|quotes|entities|events] [--db PATH] > FILE")
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
	switch *format {
	case "jsonl", "csv":
	case "gdelt-events":
		*what = "events"
	default:
		fmt.Fprintf(sio.Stderr, "newsgraph export: --format %q: want jsonl, csv or gdelt-events\n", *format)
		return 2
	}
	switch *what {
	case "docs", "quotes", "entities", "events":
	default:
		fmt.Fprintf(sio.Stderr, "newsgraph export: --what %q: want docs, quotes, entities or events\n", *what)
		return 2
	}
	st, _, err := openStore(ctx, fs, nil)
	if err != nil {
		fmt.Fprintf(sio.Stderr, "newsgraph export: %v\n", err)
		return 1
	}
	defer st.Close()
	w := bufio.NewWriterSize(sio.Stdout, 64<<10)
	switch {
	case *format == "gdelt-events":
		err = writeGDELT(w, st.Events(ctx, store.EventQuery{}), time.Now())
	case *format == "jsonl":
		switch *what {
		case "docs":
			err = writeJSONL(w, st.Docs(ctx))
		case "quotes":
			err = writeJSONL(w, st.Quotes(ctx, store.QuoteQuery{}))
		case "entities":
			err = writeJSONL(w, st.Entities(ctx, store.EntityQuery{}))
		case "events":
			err = writeJSONL(w, st.Events(ctx, store.EventQuery{}))
		}
	default:
		o := output{w: w, format: "csv"}
		switch *what {
		case "docs":
			err = writeRows(&o, st.Docs(ctx), docExportColumns)
		case "quotes":
			err = writeRows(&o, st.Quotes(ctx, store.QuoteQuery{}), quoteColumns)
		case "entities":
			err = writeRows(&o, st.Entities(ctx, store.EntityQuery{}), entityColumns)
		case "events":
			err = writeRows(&o, st.Events(ctx, store.EventQuery{}), eventColumns)
		}
	}
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		fmt.Fprintf(sio.Stderr, "newsgraph export: %v\n", err)
		return 1
	}
	return 0
}

var docExportColumns = []column[*doc.Document]{
	{"id", 0, func(d *doc.Document) string { return d.ID }},
	{"published", 0, func(d *doc.Document) string { return day(d.Published) }},
	{"source", 0, func(d *doc.Document) string { return d.Source }},
	{"title", 0, func(d *doc.Document) string { return d.Title }},
	{"author", 0, func(d *doc.Document) string { return d.Author }},
	{"url", 0, func(d *doc.Document) string { return d.URL }},
	{"path", 0, func(d *doc.Document) string { return d.Path }},
	{"entities", 0, func(d *doc.Document) string { return strconv.Itoa(len(d.Entities)) }},
	{"quotes", 0, func(d *doc.Document) string { return strconv.Itoa(len(d.Quotes)) }},
	{"events", 0, func(d *doc.Document) string { return strconv.Itoa(len(d.Events)) }},
	{"text", 0, func(d *doc.Document) string { return d.Text }},
}

// writeJSONL writes one JSON value per line.
func writeJSONL[T any](w io.Writer, seq iter.Seq2[T, error]) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for v, err := range seq {
		if err != nil {
			return err
		}
		if err := enc.Encode(v); err != nil {
			return err
		}
	}
	return nil
}

// writeGDELT writes events as GDELT 2.0 Events records: tab-separated, no
// header, the 61 columns in GDELT's order. Events with no CAMEO equivalent
// are left out.
func writeGDELT(w io.Writer, seq iter.Seq2[store.EventHit, error], added time.Time) error {
	var id int64
	for e, err := range seq {
		if err != nil {
			return err
		}
		id++
		row := store.GDELTRow(id, e, added)
		if row == nil {
			continue
		}
		for i := range row {
			row[i] = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(row[i])
		}
		if _, err := io.WriteString(w, strings.Join(row, "\t")+"\n"); err != nil {
			return err
		}
	}
	return nil
}
