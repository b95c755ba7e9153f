package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/store"
)

// queryCmd is "newsgraph query": questions to the corpus.
type queryCmd struct{}

func (queryCmd) Summary() string {
	return "search the corpus: docs, quotes, entities, events, stories"
}

var querySubs = []string{"docs", "quotes", "entities", "events", "stories"}

func (queryCmd) Run(ctx context.Context, args []string, sio IO) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(sio.Stderr, "Usage: newsgraph query docs|quotes|entities|events|stories [flags]\nRun \"newsgraph query KIND -h\" for the flags of each.")
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	kind := args[0]
	fs := flag.NewFlagSet("query "+kind, flag.ContinueOnError)
	dbFlag(fs)
	format := fs.String("format", "table", "output `format`: table, json or csv")
	limit := fs.Int("limit", 50, "at most `n` results; 0 for all")
	var (
		speaker, about, from, to, typ, name, actor, country *string
		group                                               *bool
		minDocs                                             *int
	)
	usage := ""
	switch kind {
	case "docs":
		usage = "docs [flags] QUERY   (FTS5 syntax: words, \"a phrase\", OR, NOT, prefix*)"
	case "quotes":
		usage = "quotes [--speaker NAME] [--about TEXT] [--from DATE] [--to DATE] [--group]"
		speaker = fs.String("speaker", "", "part of the speaker's `name`")
		about = fs.String("about", "", "full-text `query` over the quote")
		group = fs.Bool("group", false, "group copies of the same quotation across articles")
	case "entities":
		usage = "entities [--type T] [--name NAME]"
		typ = fs.String("type", "", "entity `type`: PERSON, ORG, LOC, NORP, FAC, EVENT, MISC")
		name = fs.String("name", "", "part of the canonical `name`")
	case "events":
		usage = "events [--type T] [--actor NAME] [--country ISO3] [--from DATE] [--to DATE]"
		typ = fs.String("type", "", "PLOVER event `type`")
		actor = fs.String("actor", "", "part of a source or target actor's `name`")
		country = fs.String("country", "", "ISO 3166-1 alpha-3 `code` of an actor or the place")
	case "stories":
		usage = "stories [--about TEXT] [--min N]"
		about = fs.String("about", "", "full-text `query`: stories with a matching article")
		minDocs = fs.Int("min", 2, "smallest `number` of articles in a story")
	default:
		fmt.Fprintf(sio.Stderr, "newsgraph query: unknown kind %q: want one of %s\n", kind, strings.Join(querySubs, ", "))
		return 2
	}
	if kind == "quotes" || kind == "events" {
		from = fs.String("from", "", "first `date` (YYYY-MM-DD)")
		to = fs.String("to", "", "last `date` (YYYY-MM-DD), included")
	}
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: newsgraph query "+usage)
		fs.PrintDefaults()
	}
	pos, ok, code := parseFlags(fs, args[1:], sio)
	if !ok {
		return code
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(sio.Stderr, "newsgraph query %s: %s\n", kind, fmt.Sprintf(format, a...))
		return 2
	}
	if *format != "table" && *format != "json" && *format != "csv" {
		return fail("--format %q: want table, json or csv", *format)
	}
	if kind == "docs" && len(pos) == 0 {
		fs.Usage()
		return 2
	}
	if kind != "docs" && len(pos) > 0 {
		return fail("unexpected argument %q", pos[0])
	}
	var win store.Window
	for _, d := range []struct {
		s *string
		t *time.Time
		n string
	}{{from, &win.From, "--from"}, {to, &win.To, "--to"}} {
		if d.s != nil && *d.s != "" {
			t, err := ParseDate(*d.s)
			if err != nil {
				return fail("%s: %v", d.n, err)
			}
			*d.t = t
		}
	}
	st, _, err := openStore(ctx, fs, nil)
	if err != nil {
		fmt.Fprintf(sio.Stderr, "newsgraph query: %v\n", err)
		return 1
	}
	defer st.Close()
	out := output{w: sio.Stdout, format: *format}
	switch kind {
	case "docs":
		err = writeRows(&out, st.SearchDocs(ctx, store.DocQuery{Match: strings.Join(pos, " "), Limit: *limit}), docColumns)
	case "quotes":
		q := store.QuoteQuery{Speaker: *speaker, About: *about, Window: win, Limit: *limit}
		if *group {
			var gs []store.Quotation
			gs, err = st.Quotations(ctx, q)
			if err == nil {
				err = writeRows(&out, sliceSeq(gs), quotationColumns)
			}
		} else {
			err = writeRows(&out, st.Quotes(ctx, q), quoteColumns)
		}
	case "entities":
		err = writeRows(&out, st.Entities(ctx, store.EntityQuery{Type: *typ, Name: *name, Limit: *limit}), entityColumns)
	case "events":
		err = writeRows(&out, st.Events(ctx, store.EventQuery{Type: *typ, Actor: *actor, Country: *country, Window: win, Limit: *limit}), eventColumns)
	case "stories":
		var sts []store.Story
		sts, err = st.Stories(ctx, store.StoryQuery{About: *about, MinDocs: *minDocs, Limit: *limit})
		if err == nil {
			err = writeRows(&out, sliceSeq(sts), storyColumns)
		}
	}
	if err != nil {
		fmt.Fprintf(sio.Stderr, "newsgraph query %s: %v\n", kind, err)
		return 1
	}
	return 0
}

func sliceSeq[T any](s []T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for _, v := range s {
			if !yield(v, nil) {
				return
			}
		}
	}
}

// column is one column of table and CSV output.
type column[T any] struct {
	name  string
	width int // table cell limit in runes; 0 for none
	value func(T) string
}

func day(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

func actorNames(as []store.Actor) string {
	var ns []string
	for _, a := range as {
		ns = append(ns, a.Name)
	}
	return strings.Join(ns, "; ")
}

var docColumns = []column[store.DocHit]{
	{"published", 0, func(h store.DocHit) string { return day(h.Published) }},
	{"source", 20, func(h store.DocHit) string { return h.Source }},
	{"title", 50, func(h store.DocHit) string { return h.Title }},
	{"snippet", 90, func(h store.DocHit) string { return h.Snippet }},
	{"id", 12, func(h store.DocHit) string { return h.ID }},
	{"url", 0, func(h store.DocHit) string { return h.URL }},
}

var quoteColumns = []column[store.QuoteHit]{
	{"published", 0, func(h store.QuoteHit) string { return day(h.Published) }},
	{"speaker", 24, func(h store.QuoteHit) string { return h.Speaker }},
	{"quote", 80, func(h store.QuoteHit) string { return h.Text }},
	{"kind", 0, func(h store.QuoteHit) string { return h.Kind }},
	{"source", 20, func(h store.QuoteHit) string { return h.Source }},
	{"title", 40, func(h store.QuoteHit) string { return h.Title }},
	{"url", 0, func(h store.QuoteHit) string { return h.URL }},
	{"doc", 12, func(h store.QuoteHit) string { return h.DocID }},
	{"quotation", 0, func(h store.QuoteHit) string { return h.Quotation }},
}

var quotationColumns = []column[store.Quotation]{
	{"articles", 0, func(g store.Quotation) string { return strconv.Itoa(g.Articles) }},
	{"speaker", 24, func(g store.Quotation) string { return g.Speaker }},
	{"quotation", 80, func(g store.Quotation) string { return g.Text }},
	{"first", 0, func(g store.Quotation) string { return day(g.First.Published) }},
	{"first_source", 20, func(g store.Quotation) string { return g.First.Source }},
	{"first_title", 40, func(g store.Quotation) string { return g.First.Title }},
	{"outlets", 40, func(g store.Quotation) string { return strings.Join(g.Outlets, "; ") }},
	{"id", 0, func(g store.Quotation) string { return g.ID }},
}

var entityColumns = []column[store.EntitySummary]{
	{"name", 40, func(e store.EntitySummary) string { return e.Name }},
	{"type", 0, func(e store.EntitySummary) string { return e.Type }},
	{"country", 0, func(e store.EntitySummary) string { return e.Country }},
	{"documents", 0, func(e store.EntitySummary) string { return strconv.Itoa(e.Documents) }},
	{"mentions", 0, func(e store.EntitySummary) string { return strconv.Itoa(e.Mentions) }},
}

var eventColumns = []column[store.EventHit]{
	{"date", 0, func(e store.EventHit) string {
		if e.Date != "" {
			return e.Date
		}
		return day(e.Published)
	}},
	{"type", 0, func(e store.EventHit) string { return e.Type }},
	{"source", 30, func(e store.EventHit) string { return actorNames(e.Source) }},
	{"target", 30, func(e store.EventHit) string { return actorNames(e.Target) }},
	{"location", 24, func(e store.EventHit) string { return e.Location }},
	{"country", 0, func(e store.EventHit) string { return e.Country }},
	{"status", 0, func(e store.EventHit) string { return e.Status }},
	{"evidence", 70, func(e store.EventHit) string { return e.Evidence }},
	{"title", 40, func(e store.EventHit) string { return e.Title }},
	{"outlet", 20, func(e store.EventHit) string { return e.Outlet }},
	{"url", 0, func(e store.EventHit) string { return e.URL }},
}

var storyColumns = []column[store.Story]{
	{"articles", 0, func(s store.Story) string { return strconv.Itoa(len(s.Articles)) }},
	{"first", 0, func(s store.Story) string { return day(s.First) }},
	{"last", 0, func(s store.Story) string { return day(s.Last) }},
	{"title", 50, func(s store.Story) string { return s.Title }},
	{"outlets", 50, func(s store.Story) string { return strings.Join(s.Outlets, "; ") }},
	{"id", 12, func(s store.Story) string { return s.ID }},
}

// output writes query results as a table, a JSON array or CSV.
type output struct {
	w      io.Writer
	format string
}

// writeRows writes every value of seq; JSON output is an array of the
// values themselves, table and CSV output the columns.
func writeRows[T any](o *output, seq iter.Seq2[T, error], cols []column[T]) error {
	switch o.format {
	case "json":
		if _, err := io.WriteString(o.w, "["); err != nil {
			return err
		}
		n := 0
		for v, err := range seq {
			if err != nil {
				io.WriteString(o.w, "]\n")
				return err
			}
			b, err := json.MarshalIndent(v, "  ", "  ")
			if err != nil {
				return err
			}
			sep := ",\n  "
			if n == 0 {
				sep = "\n  "
			}
			n++
			if _, err := io.WriteString(o.w, sep+string(b)); err != nil {
				return err
			}
		}
		if n > 0 {
			io.WriteString(o.w, "\n")
		}
		_, err := io.WriteString(o.w, "]\n")
		return err
	case "csv":
		cw := csv.NewWriter(o.w)
		head := make([]string, len(cols))
		for i, c := range cols {
			head[i] = c.name
		}
		cw.Write(head)
		for v, err := range seq {
			if err != nil {
				cw.Flush()
				return err
			}
			row := make([]string, len(cols))
			for i, c := range cols {
				row[i] = c.value(v)
			}
			cw.Write(row)
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(o.w, 0, 0, 2, ' ', 0)
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = strings.ToUpper(c.name)
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	n := 0
	for v, err := range seq {
		if err != nil {
			tw.Flush()
			return err
		}
		n++
		row := make([]string, len(cols))
		for i, c := range cols {
			row[i] = cell(c.value(v), c.width)
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if n == 0 {
		fmt.Fprintln(o.w, "(no results)")
	}
	return nil
}

// cell flattens white space and cuts s to width runes for a table.
func cell(s string, width int) string {
	s = strings.Join(strings.Fields(s), " ")
	if width > 0 && utf8.RuneCountInString(s) > width {
		r := []rune(s)
		s = string(r[:width-1]) + "…"
	}
	return s
}
