package postgres

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/store"
)

// headlineOpts makes ts_headline mark matches as the SQLite store's
// snippet() does: [match], about 16 words, one fragment.
const headlineOpts = `StartSel="[", StopSel="]", MaxWords=16, MinWords=6, MaxFragments=1, FragmentDelimiter=" … "`

// rowsSeq runs q and yields each row through scan; the rows are closed when
// the loop ends, early or not.
func rowsSeq[T any](ctx context.Context, s *Store, q string, a args, scan func(pgx.Rows) (T, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		rows, err := s.pool.Query(ctx, q, a...)
		if err != nil {
			yield(zero, queryErr(err))
			return
		}
		defer rows.Close()
		for rows.Next() {
			v, err := scan(rows)
			if err != nil {
				yield(zero, err)
				return
			}
			if !yield(v, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(zero, queryErr(err))
		}
	}
}

// errSeq yields err once.
func errSeq[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}

// queryErr marks errors in a text-search query (SQLSTATE 42601, syntax
// error, from to_tsquery) as store.ErrBadQuery.
func queryErr(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42601" {
		return fmt.Errorf("%w: %v", store.ErrBadQuery, err)
	}
	return err
}

// limitArg is the LIMIT of n: NULL (no limit) when n <= 0.
func limitArg(n int) any {
	if n <= 0 {
		return nil
	}
	return n
}

// page returns the LIMIT and OFFSET clauses of a page of results.
func page(limit, offset int, a *args) string {
	return " LIMIT " + a.add(limitArg(limit)) + " OFFSET " + a.add(max(offset, 0))
}

// utc returns t in UTC, as the SQLite store parses its timestamps.
func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// likeArg returns an ILIKE pattern matching s anywhere, wildcards escaped.
func likeArg(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(pgText(s)) + "%"
}

// window adds the conditions of w on the timestamptz expression col.
func window(w store.Window, col string, where *[]string, a *args) {
	if !w.From.IsZero() {
		*where = append(*where, col+" >= "+a.add(dayStart(w.From)))
	}
	if !w.To.IsZero() {
		*where = append(*where, col+" < "+a.add(dayStart(w.To).AddDate(0, 0, 1)))
	}
}

// dayWindow adds the conditions of w on the 'YYYY-MM-DD' text expression col.
func dayWindow(w store.Window, col string, where *[]string, a *args) {
	if !w.From.IsZero() {
		*where = append(*where, col+" >= "+a.add(w.From.UTC().Format("2006-01-02")))
	}
	if !w.To.IsZero() {
		*where = append(*where, col+" < "+a.add(w.To.UTC().AddDate(0, 0, 1).Format("2006-01-02")))
	}
}

// dayStart is the UTC midnight that starts t's day.
func dayStart(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func whereSQL(where []string) string {
	if len(where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(where, " AND ")
}

// Has reports whether a document is stored.
func (s *Store) Has(ctx context.Context, id string) (bool, error) {
	var ok bool
	err := s.pool.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM docs WHERE id = $1)", id).Scan(&ok)
	return ok, err
}

// Doc returns a stored document.
func (s *Store) Doc(ctx context.Context, id string) (*doc.Document, error) {
	var js, text string
	err := s.pool.QueryRow(ctx, "SELECT json, text FROM docs WHERE id = $1", id).Scan(&js, &text)
	if errNoRows(err) {
		return nil, fmt.Errorf("document %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	return store.DecodeDoc([]byte(js), text)
}

// Docs yields every document in ingest order.
func (s *Store) Docs(ctx context.Context) iter.Seq2[*doc.Document, error] {
	return rowsSeq(ctx, s, "SELECT json, text FROM docs ORDER BY seq", nil, func(rows pgx.Rows) (*doc.Document, error) {
		var js, text string
		if err := rows.Scan(&js, &text); err != nil {
			return nil, err
		}
		return store.DecodeDoc([]byte(js), text)
	})
}

// SearchDocs runs a full-text query over titles and texts, best first.
// Rank is minus ts_rank with titles weighing twice the text, so that lower
// is better as with the SQLite store's bm25.
func (s *Store) SearchDocs(ctx context.Context, q store.DocQuery) iter.Seq2[store.DocHit, error] {
	var a args
	tsq, err := tsquery(q.Match, &a)
	if err != nil {
		return errSeq[store.DocHit](err)
	}
	where := []string{"d.tsv @@ t.q"}
	if q.Source != "" {
		where = append(where, "lower(d.source) = lower("+a.add(pgText(q.Source))+")")
	}
	window(q.Window, "d.published", &where, &a)
	sqlq := `SELECT h.id, h.title, h.source, h.url, h.published, ts_headline('simple', h.text, h.q, ` + a.add(headlineOpts) + `), h.rank
		FROM (SELECT d.id, d.title, d.source, d.url, d.published, d.text, d.seq, t.q,
			-ts_rank('{0.1, 0.2, 0.5, 1.0}', d.tsv, t.q)::float8 AS rank
			FROM docs d, (SELECT ` + tsq + ` AS q) t` + whereSQL(where) + ` ORDER BY rank, d.seq` + page(q.Limit, q.Offset, &a) + `) h
		ORDER BY h.rank, h.seq`
	return rowsSeq(ctx, s, sqlq, a, func(rows pgx.Rows) (store.DocHit, error) {
		var h store.DocHit
		err := rows.Scan(&h.ID, &h.Title, &h.Source, &h.URL, &h.Published, &h.Snippet, &h.Rank)
		h.Published = utc(h.Published)
		return h, err
	})
}

const quoteCols = `q.doc_id, q.idx, q.text, q.kind, q.speaker_name, q.cue, q.quotation,
	d.title, d.source, d.url, d.published, q.start_off, q.end_off, d.seq`

// quoteDest returns the scan destinations of quoteCols.
func quoteDest(h *store.QuoteHit) []any {
	return []any{&h.DocID, &h.Index, &h.Text, &h.Kind, &h.Speaker, &h.Cue, &h.Quotation,
		&h.Title, &h.Source, &h.URL, &h.Published, &h.Start, &h.End, &h.IngestOrder}
}

// quoteFilter returns the conditions of q over quotes q and docs d.
func quoteFilter(q store.QuoteQuery, a *args) (where []string, err error) {
	if q.Speaker != "" {
		where = append(where, `q.speaker_name ILIKE `+a.add(likeArg(q.Speaker))+` ESCAPE '\'`)
	}
	if q.SpeakerName != "" {
		where = append(where, "lower(q.speaker_name) = lower("+a.add(pgText(q.SpeakerName))+")")
	}
	if q.About != "" {
		tsq, err := tsquery(q.About, a)
		if err != nil {
			return nil, err
		}
		where = append(where, "q.tsv @@ "+tsq)
	}
	window(q.Window, "d.published", &where, a)
	return where, nil
}

// Quotes yields the quotes matching q, newest first.
func (s *Store) Quotes(ctx context.Context, q store.QuoteQuery) iter.Seq2[store.QuoteHit, error] {
	var a args
	where, err := quoteFilter(q, &a)
	if err != nil {
		return errSeq[store.QuoteHit](err)
	}
	sqlq := "SELECT " + quoteCols + " FROM quotes q JOIN docs d ON d.id = q.doc_id" + whereSQL(where) +
		" ORDER BY d.published DESC NULLS LAST, d.seq, q.idx" + page(q.Limit, q.Offset, &a)
	return rowsSeq(ctx, s, sqlq, a, func(rows pgx.Rows) (store.QuoteHit, error) {
		var h store.QuoteHit
		err := rows.Scan(quoteDest(&h)...)
		h.Published = utc(h.Published)
		return h, err
	})
}

// Quotations groups every copy of the quotations that have a quote matching q.
func (s *Store) Quotations(ctx context.Context, q store.QuoteQuery) ([]store.Quotation, error) {
	var a args
	where, err := quoteFilter(q, &a)
	if err != nil {
		return nil, err
	}
	sqlq := "SELECT " + quoteCols + ", qt.text FROM quotes q JOIN docs d ON d.id = q.doc_id JOIN quotations qt ON qt.id = q.quotation" +
		" WHERE q.quotation IN (SELECT q.quotation FROM quotes q JOIN docs d ON d.id = q.doc_id" + whereSQL(where) + ")" +
		" ORDER BY q.quotation, d.published IS NULL, d.published, d.seq, q.idx"
	rows, err := s.pool.Query(ctx, sqlq, a...)
	if err != nil {
		return nil, queryErr(err)
	}
	defer rows.Close()
	var out []store.Quotation
	for rows.Next() {
		var h store.QuoteHit
		var text string
		if err := rows.Scan(append(quoteDest(&h), &text)...); err != nil {
			return nil, err
		}
		h.Published = utc(h.Published)
		if len(out) == 0 || out[len(out)-1].ID != h.Quotation {
			out = append(out, store.Quotation{ID: h.Quotation, Text: text, First: h})
		}
		g := &out[len(out)-1]
		g.Quotes = append(g.Quotes, h)
	}
	if err := rows.Err(); err != nil {
		return nil, queryErr(err)
	}
	return store.SummarizeQuotations(out, q.Limit), nil
}

// Entities yields entities merged by name and type.
func (s *Store) Entities(ctx context.Context, q store.EntityQuery) iter.Seq2[store.EntitySummary, error] {
	var where []string
	var a args
	if q.Type != "" {
		where = append(where, "type = "+a.add(strings.ToUpper(q.Type)))
	}
	if q.Name != "" {
		where = append(where, `name ILIKE `+a.add(likeArg(q.Name))+` ESCAPE '\'`)
	}
	sqlq := "SELECT name, type, max(country), count(DISTINCT doc_id), sum(mentions) FROM entities" + whereSQL(where) +
		" GROUP BY name, type ORDER BY 4 DESC, 5 DESC, name, type" + page(q.Limit, q.Offset, &a)
	return rowsSeq(ctx, s, sqlq, a, func(rows pgx.Rows) (store.EntitySummary, error) {
		var e store.EntitySummary
		err := rows.Scan(&e.Name, &e.Type, &e.Country, &e.Documents, &e.Mentions)
		return e, err
	})
}

// Events yields events matching q, newest first.
func (s *Store) Events(ctx context.Context, q store.EventQuery) iter.Seq2[store.EventHit, error] {
	plan, err := s.eventsPlan(ctx, q)
	if err != nil || plan.none {
		return func(yield func(store.EventHit, error) bool) {
			if err != nil {
				yield(store.EventHit{}, err)
			}
		}
	}
	return func(yield func(store.EventHit, error) bool) {
		if plan.window > 0 {
			// The walk is tried on the newest plan.window events: when
			// they hold the whole page, it is the answer (every event
			// outside is older); otherwise the planner has it, unfenced.
			sqlq, a := eventsSQL(q, plan)
			var hits []store.EventHit
			for h, err := range rowsSeq(ctx, s, sqlq, a, scanEvent) {
				if err != nil {
					yield(h, err)
					return
				}
				hits = append(hits, h)
			}
			if len(hits) == q.Limit {
				if err := s.actors(ctx, hits); err != nil {
					yield(store.EventHit{}, err)
					return
				}
				for _, h := range hits {
					if !yield(h, nil) {
						return
					}
				}
				return
			}
			plan = eventPlan{}
		}
		sqlq, a := eventsSQL(q, plan)
		// Actors are read a page of events at a time, on a second
		// connection while the events are still streaming in.
		var page []store.EventHit
		flush := func() bool {
			if err := s.actors(ctx, page); err != nil {
				yield(store.EventHit{}, err)
				return false
			}
			for _, h := range page {
				if !yield(h, nil) {
					return false
				}
			}
			page = page[:0]
			return true
		}
		for h, err := range rowsSeq(ctx, s, sqlq, a, scanEvent) {
			if err != nil {
				yield(h, err)
				return
			}
			if page = append(page, h); len(page) == eventPage && !flush() {
				return
			}
		}
		flush()
	}
}

// eventsSQL returns the statement of an Events query read by plan.
func eventsSQL(q store.EventQuery, plan eventPlan) (string, args) {
	var where []string
	var a args
	if q.Type != "" {
		where = append(where, "e.type = "+a.add(strings.ToUpper(q.Type)))
	}
	role := func() string { // a parameter is added only where used
		if q.Role == "source" || q.Role == "target" {
			return " AND x.role = " + a.add(q.Role)
		}
		return ""
	}
	actor, actorName := q.Actor, q.ActorName
	if plan.docs != nil {
		where = append(where, "(e.doc_id, e.idx) IN (SELECT * FROM unnest("+a.add(plan.docs)+"::text[], "+a.add(plan.idx)+"::int[]))")
		if actorName != "" {
			actorName = "" // the plan's events are those of the one name
		} else {
			actor = ""
		}
	}
	fence := ""
	if plan.window > 0 {
		fence = " OFFSET 0"
	}
	if actor != "" {
		where = append(where, `EXISTS (SELECT 1 FROM event_actors x WHERE x.doc_id = e.doc_id AND x.event_idx = e.idx AND x.name ILIKE `+
			a.add(likeArg(actor))+` ESCAPE '\'`+role()+fence+`)`)
	}
	if actorName != "" {
		where = append(where, `EXISTS (SELECT 1 FROM event_actors x WHERE x.doc_id = e.doc_id AND x.event_idx = e.idx AND lower(x.name) = lower(`+
			a.add(pgText(actorName))+`)`+role()+fence+`)`)
	}
	if q.Country != "" {
		c := a.add(strings.ToUpper(q.Country))
		where = append(where, "(e.country = "+c+" OR EXISTS (SELECT 1 FROM event_actors x WHERE x.doc_id = e.doc_id AND x.event_idx = e.idx AND x.country = "+c+"))")
	}
	dayWindow(q.Window, "e.day", &where, &a)
	if plan.window > 0 {
		// The day of the window's oldest event; NULL (no such event, or
		// one without a day) makes it every event with a day.
		where = append(where, "e.day >= coalesce((SELECT day FROM events ORDER BY day DESC NULLS LAST LIMIT 1 OFFSET "+
			a.add(plan.window-1)+"), '')")
	}
	sqlq := `SELECT e.doc_id, e.idx, e.type, e.mode, e.status, e.location, e.country, e.date, e.evidence,
		d.title, d.source, d.url, d.published FROM events e JOIN docs d ON d.id = e.doc_id` + whereSQL(where) +
		" ORDER BY e.day DESC NULLS LAST, d.seq, e.idx" + page(q.Limit, q.Offset, &a)
	return sqlq, a
}

func scanEvent(rows pgx.Rows) (store.EventHit, error) {
	var h store.EventHit
	err := rows.Scan(&h.DocID, &h.Index, &h.Type, &h.Mode, &h.Status, &h.Location, &h.Country, &h.Date, &h.Evidence,
		&h.Title, &h.Outlet, &h.URL, &h.Published)
	h.Published = utc(h.Published)
	return h, err
}

// eventPage is the number of events whose actors are read in one query.
const eventPage = 256

// actors fills the source and target actors of events, in one query.
func (s *Store) actors(ctx context.Context, hits []store.EventHit) error {
	if len(hits) == 0 {
		return nil
	}
	type key struct {
		doc string
		idx int
	}
	at := make(map[key]int, len(hits))
	docs := make([]string, len(hits))
	idxs := make([]int32, len(hits))
	for i := range hits {
		h := &hits[i]
		h.Source, h.Target = []store.Actor{}, []store.Actor{}
		at[key{h.DocID, h.Index}] = i
		docs[i], idxs[i] = h.DocID, int32(h.Index)
	}
	rows, err := s.pool.Query(ctx, `SELECT a.doc_id, a.event_idx, a.role, a.name, a.country, a.type
		FROM event_actors a JOIN unnest($1::text[], $2::int[]) AS k(doc_id, idx) ON a.doc_id = k.doc_id AND a.event_idx = k.idx
		ORDER BY a.doc_id, a.event_idx, a.role, a.pos`, docs, idxs)
	if err != nil {
		return err
	}
	var d, role string
	var idx int
	var act store.Actor
	_, err = pgx.ForEachRow(rows, []any{&d, &idx, &role, &act.Name, &act.Country, &act.Type}, func() error {
		h := &hits[at[key{d, idx}]]
		if role == "source" {
			h.Source = append(h.Source, act)
		} else {
			h.Target = append(h.Target, act)
		}
		return nil
	})
	return err
}

// Stories lists story clusters with at least q.MinDocs articles, biggest first.
func (s *Store) Stories(ctx context.Context, q store.StoryQuery) ([]store.Story, error) {
	minDocs := q.MinDocs
	if minDocs <= 0 {
		minDocs = 2
	}
	var where []string
	var a args
	if q.ID != "" {
		where = append(where, "story = "+a.add(pgText(q.ID)))
		minDocs = 1
	}
	if q.About != "" {
		tsq, err := tsquery(q.About, &a)
		if err != nil {
			return nil, err
		}
		where = append(where, "story IN (SELECT story FROM docs WHERE tsv @@ "+tsq+")")
	}
	// NULLS FIRST: SQLite sorts NULL before any value.
	sqlq := "SELECT story FROM docs" + whereSQL(where) + " GROUP BY story HAVING count(*) >= " + a.add(minDocs) +
		" ORDER BY count(*) DESC, min(published) NULLS FIRST, story LIMIT " + a.add(limitArg(q.Limit))
	rows, err := s.pool.Query(ctx, sqlq, a...)
	if err != nil {
		return nil, queryErr(err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, queryErr(err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	out := make([]store.Story, len(ids))
	at := make(map[string]int, len(ids))
	for i, id := range ids {
		out[i].ID = id
		at[id] = i
	}
	rows, err = s.pool.Query(ctx, `SELECT story, id, title, source, url, published FROM docs WHERE story = ANY($1)
		ORDER BY story, published IS NULL, published, seq`, ids)
	if err != nil {
		return nil, err
	}
	var story string
	var d store.StoryDoc
	_, err = pgx.ForEachRow(rows, []any{&story, &d.ID, &d.Title, &d.Source, &d.URL, &d.Published}, func() error {
		st := &out[at[story]]
		a := d
		a.Published = utc(d.Published)
		st.Articles = append(st.Articles, a)
		if a.Source != "" && !slices.Contains(st.Outlets, a.Source) {
			st.Outlets = append(st.Outlets, a.Source)
		}
		if p := a.Published; p != nil {
			if st.First == nil || p.Before(*st.First) {
				st.First = p
			}
			if st.Last == nil || p.After(*st.Last) {
				st.Last = p
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i := range out {
		if len(out[i].Articles) > 0 {
			out[i].Title = out[i].Articles[0].Title
		}
		if out[i].Outlets == nil {
			out[i].Outlets = []string{}
		}
	}
	return out, nil
}

// Stats counts the corpus.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM docs),
		(SELECT count(*) FROM quotes),
		(SELECT count(DISTINCT quotation) FROM quotes),
		(SELECT count(*) FROM (SELECT DISTINCT name, type FROM entities) AS x),
		(SELECT coalesce(sum(mentions), 0) FROM entities),
		(SELECT count(*) FROM events),
		(SELECT count(*) FROM (SELECT story FROM docs GROUP BY story HAVING count(*) > 1) AS x),
		(SELECT count(*) FROM errors),
		(SELECT value::int FROM meta WHERE key = 'schema_version')`).Scan(
		&st.Documents, &st.Quotes, &st.Quotations, &st.Entities, &st.Mentions, &st.Events, &st.Stories, &st.Errors, &st.Schema)
	return st, err
}

// Errors yields the recorded ingest failures.
func (s *Store) Errors(ctx context.Context) iter.Seq2[store.IngestError, error] {
	return rowsSeq(ctx, s, "SELECT file, record, reason, at FROM errors ORDER BY at, file, record", nil,
		func(rows pgx.Rows) (store.IngestError, error) {
			var e store.IngestError
			err := rows.Scan(&e.File, &e.Record, &e.Reason, &e.At)
			e.At = e.At.UTC()
			return e, err
		})
}
