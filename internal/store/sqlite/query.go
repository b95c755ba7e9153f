package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/store"
)

// rowsSeq runs q and yields each row through scan; the rows are closed when
// the loop ends, early or not.
func rowsSeq[T any](ctx context.Context, db *sql.DB, q string, args []any, scan func(*sql.Rows) (T, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		rows, err := db.QueryContext(ctx, q, args...)
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

// queryErr marks FTS syntax errors as store.ErrBadQuery: SQLite reports
// them as "SQL logic error" (fts5: syntax error, unterminated string, no
// such column).
func queryErr(err error) error {
	if err != nil && (strings.Contains(err.Error(), "fts5") || strings.Contains(err.Error(), "SQL logic error")) {
		return fmt.Errorf("%w: %v", store.ErrBadQuery, err)
	}
	return err
}

func limitArg(n int) int {
	if n <= 0 {
		return -1
	}
	return n
}

func parseTime(s sql.NullString) *time.Time {
	if !s.Valid || s.String == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339, s.String)
	if err != nil {
		return nil
	}
	return &t
}

// likeArg returns a LIKE pattern matching s anywhere, with wildcards escaped.
func likeArg(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

// window adds the conditions of w on the SQL expression col.
func window(w store.Window, col string, where *[]string, args *[]any) {
	if !w.From.IsZero() {
		*where = append(*where, col+" >= ?")
		*args = append(*args, w.From.UTC().Format("2006-01-02"))
	}
	if !w.To.IsZero() {
		*where = append(*where, col+" < ?")
		*args = append(*args, w.To.UTC().AddDate(0, 0, 1).Format("2006-01-02"))
	}
}

func whereSQL(where []string) string {
	if len(where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(where, " AND ")
}

// Has reports whether a document is stored.
func (s *Store) Has(ctx context.Context, id string) (bool, error) {
	var one int
	err := s.db.QueryRowContext(ctx, "SELECT 1 FROM docs WHERE id = ?", id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// Doc returns a stored document.
func (s *Store) Doc(ctx context.Context, id string) (*doc.Document, error) {
	var js, text string
	err := s.db.QueryRowContext(ctx, "SELECT json, text FROM docs WHERE id = ?", id).Scan(&js, &text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("document %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	return store.DecodeDoc([]byte(js), text)
}

// Docs yields every document in ingest order.
func (s *Store) Docs(ctx context.Context) iter.Seq2[*doc.Document, error] {
	return rowsSeq(ctx, s.db, "SELECT json, text FROM docs ORDER BY rowid", nil, func(rows *sql.Rows) (*doc.Document, error) {
		var js, text string
		if err := rows.Scan(&js, &text); err != nil {
			return nil, err
		}
		return store.DecodeDoc([]byte(js), text)
	})
}

// SearchDocs runs an FTS5 query over titles and texts, best first. The
// ranking runs over the index alone (joining the documents only to apply
// filters); titles and snippets are read for the requested page only.
func (s *Store) SearchDocs(ctx context.Context, q store.DocQuery) iter.Seq2[store.DocHit, error] {
	where := []string{"docs_fts MATCH ?1"}
	from := "docs_fts"
	args := []any{q.Match}
	if q.Source != "" || !q.Window.From.IsZero() || !q.Window.To.IsZero() {
		from = "docs_fts JOIN docs d ON d.rowid = docs_fts.rowid"
		if q.Source != "" {
			where = append(where, "d.source = ? COLLATE NOCASE")
			args = append(args, q.Source)
		}
		window(q.Window, "d.published", &where, &args)
	}
	args = append(args, limitArg(q.Limit), max(q.Offset, 0))
	n := len(args)
	sqlq := `SELECT d.id, d.title, d.source, d.url, d.published,
		snippet(docs_fts, 1, '[', ']', '…', 16), bm25(docs_fts, 2.0, 1.0) AS rank
		FROM docs_fts JOIN docs d ON d.rowid = docs_fts.rowid
		WHERE docs_fts MATCH ?1 AND docs_fts.rowid IN (SELECT docs_fts.rowid FROM ` + from + whereSQL(where) +
		` ORDER BY bm25(docs_fts, 2.0, 1.0), docs_fts.rowid LIMIT ?` + strconv.Itoa(n-1) + ` OFFSET ?` + strconv.Itoa(n) + `)
		ORDER BY rank, d.rowid`
	return rowsSeq(ctx, s.db, sqlq, args, func(rows *sql.Rows) (store.DocHit, error) {
		var h store.DocHit
		var pub sql.NullString
		err := rows.Scan(&h.ID, &h.Title, &h.Source, &h.URL, &pub, &h.Snippet, &h.Rank)
		h.Published = parseTime(pub)
		return h, err
	})
}

const quoteCols = `q.doc_id, q.idx, q.text, q.kind, q.speaker_name, q.cue, q.quotation,
	d.title, d.source, d.url, d.published, q.start_off, q.end_off, d.rowid`

func scanQuote(rows *sql.Rows) (store.QuoteHit, error) {
	var h store.QuoteHit
	var pub sql.NullString
	err := rows.Scan(&h.DocID, &h.Index, &h.Text, &h.Kind, &h.Speaker, &h.Cue, &h.Quotation,
		&h.Title, &h.Source, &h.URL, &pub, &h.Start, &h.End, &h.IngestOrder)
	h.Published = parseTime(pub)
	return h, err
}

// quoteFilter returns the conditions of q over quotes q and docs d.
func quoteFilter(q store.QuoteQuery) (where []string, args []any) {
	if q.Speaker != "" {
		where = append(where, `q.speaker_name LIKE ? ESCAPE '\'`)
		args = append(args, likeArg(q.Speaker))
	}
	if q.SpeakerName != "" {
		where = append(where, "q.speaker_name = ? COLLATE NOCASE")
		args = append(args, q.SpeakerName)
	}
	if q.About != "" {
		where = append(where, "q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
		args = append(args, q.About)
	}
	window(q.Window, "d.published", &where, &args)
	return where, args
}

// Quotes yields the quotes matching q, newest first.
func (s *Store) Quotes(ctx context.Context, q store.QuoteQuery) iter.Seq2[store.QuoteHit, error] {
	plan, err := s.quotesPlan(ctx, q)
	if err != nil || plan.none {
		return func(yield func(store.QuoteHit, error) bool) {
			if err != nil {
				yield(store.QuoteHit{}, err)
			}
		}
	}
	if plan.speakers != nil {
		q.Speaker = ""
	}
	where, args := quoteFilter(q)
	if plan.walk {
		// "+" keeps SQLite from searching the speaker index for every article.
		for i, w := range where {
			where[i] = strings.Replace(w, "q.speaker_name = ?", "+q.speaker_name = ?", 1)
		}
	}
	if plan.speakers != nil {
		where = append(where, "q.speaker_name COLLATE NOCASE IN ("+placeholders(len(plan.speakers))+")")
		for _, n := range plan.speakers {
			args = append(args, n)
		}
	}
	sqlq := "SELECT " + quoteCols + plan.from + whereSQL(where) +
		" ORDER BY d.published DESC NULLS LAST, d.rowid, q.idx LIMIT ? OFFSET ?"
	return rowsSeq(ctx, s.db, sqlq, append(args, limitArg(q.Limit), max(q.Offset, 0)), scanQuote)
}

// Quotations groups every copy of the quotations that have a quote matching q.
func (s *Store) Quotations(ctx context.Context, q store.QuoteQuery) ([]store.Quotation, error) {
	where, args := quoteFilter(q)
	sqlq := "SELECT " + quoteCols + ", qt.text FROM quotes q JOIN docs d ON d.id = q.doc_id JOIN quotations qt ON qt.id = q.quotation" +
		" WHERE q.quotation IN (SELECT q.quotation FROM quotes q JOIN docs d ON d.id = q.doc_id" + whereSQL(where) + ")" +
		" ORDER BY q.quotation, d.published IS NULL, d.published, d.rowid, q.idx"
	rows, err := s.db.QueryContext(ctx, sqlq, args...)
	if err != nil {
		return nil, queryErr(err)
	}
	defer rows.Close()
	var out []store.Quotation
	for rows.Next() {
		var h store.QuoteHit
		var pub sql.NullString
		var text string
		if err := rows.Scan(&h.DocID, &h.Index, &h.Text, &h.Kind, &h.Speaker, &h.Cue, &h.Quotation,
			&h.Title, &h.Source, &h.URL, &pub, &h.Start, &h.End, &h.IngestOrder, &text); err != nil {
			return nil, err
		}
		h.Published = parseTime(pub)
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
	var args []any
	if q.Type != "" {
		where = append(where, "type = ?")
		args = append(args, strings.ToUpper(q.Type))
	}
	if q.Name != "" {
		where = append(where, `name LIKE ? ESCAPE '\'`)
		args = append(args, likeArg(q.Name))
	}
	sqlq := "SELECT name, type, max(country), count(DISTINCT doc_id), sum(mentions) FROM entities" + whereSQL(where) +
		" GROUP BY name, type ORDER BY 4 DESC, 5 DESC, name, type LIMIT ? OFFSET ?"
	return rowsSeq(ctx, s.db, sqlq, append(args, limitArg(q.Limit), max(q.Offset, 0)), func(rows *sql.Rows) (store.EntitySummary, error) {
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
			// outside is older); when they do not, the actor is rare in
			// recent days and its events are read and sorted instead.
			sqlq, args := eventsSQL(q, plan)
			var hits []store.EventHit
			for h, err := range rowsSeq(ctx, s.db, sqlq, args, scanEvent) {
				if err != nil {
					yield(h, err)
					return
				}
				hits = append(hits, h)
			}
			if len(hits) == q.Limit {
				for _, h := range hits {
					err := s.actors(ctx, &h)
					if !yield(h, err) || err != nil {
						return
					}
				}
				return
			}
			plan = eventPlan{from: byDefault, names: plan.names}
		}
		sqlq, args := eventsSQL(q, plan)
		for h, err := range rowsSeq(ctx, s.db, sqlq, args, scanEvent) {
			if err == nil {
				err = s.actors(ctx, &h)
			}
			if !yield(h, err) || err != nil {
				return
			}
		}
	}
}

// eventsSQL returns the statement of an Events query read by plan.
func eventsSQL(q store.EventQuery, plan eventPlan) (string, []any) {
	var where []string
	var args []any
	if q.Type != "" {
		where = append(where, "e.type = ?")
		args = append(args, strings.ToUpper(q.Type))
	}
	role := ""
	if q.Role == "source" || q.Role == "target" {
		role = " AND a.role = '" + q.Role + "'" // one of two constants
	}
	actor, actorName := q.Actor, q.ActorName
	if plan.names != nil && plan.window == 0 {
		where = append(where, `(e.doc_id, e.idx) IN (SELECT a.doc_id, a.event_idx FROM event_actors a
			WHERE a.name COLLATE NOCASE IN (`+placeholders(len(plan.names))+`)`+role+`)`)
		for _, n := range plan.names {
			args = append(args, n)
		}
		if actorName != "" {
			actorName = "" // the plan's names are the one name
		} else {
			actor = ""
		}
	}
	if actor != "" {
		where = append(where, `EXISTS (SELECT 1 FROM event_actors a WHERE a.doc_id = e.doc_id AND a.event_idx = e.idx AND a.name LIKE ? ESCAPE '\'`+role+`)`)
		args = append(args, likeArg(actor))
	}
	if actorName != "" {
		// "+" keeps SQLite from reading every row of the name through
		// the name index: the event's own actors are fewer.
		where = append(where, `EXISTS (SELECT 1 FROM event_actors a WHERE a.doc_id = e.doc_id AND a.event_idx = e.idx AND +a.name = ? COLLATE NOCASE`+role+`)`)
		args = append(args, actorName)
	}
	if q.Country != "" {
		where = append(where, "(e.country = ? OR EXISTS (SELECT 1 FROM event_actors a WHERE a.doc_id = e.doc_id AND a.event_idx = e.idx AND a.country = ?))")
		args = append(args, strings.ToUpper(q.Country), strings.ToUpper(q.Country))
	}
	window(q.Window, "e.day", &where, &args)
	if plan.window > 0 {
		// The day of the window's oldest event; NULL (no such event, or
		// one without a day) makes it every event with a day.
		where = append(where, "e.day >= coalesce((SELECT day FROM events INDEXED BY events_day ORDER BY day DESC LIMIT 1 OFFSET ?), '')")
		args = append(args, plan.window-1)
	}
	sqlq := `SELECT e.doc_id, e.idx, e.type, e.mode, e.status, e.location, e.country, e.date, e.evidence,
		d.title, d.source, d.url, d.published` + plan.from + whereSQL(where) +
		" ORDER BY e.day DESC NULLS LAST, d.rowid, e.idx LIMIT ? OFFSET ?"
	return sqlq, append(args, limitArg(q.Limit), max(q.Offset, 0))
}

func scanEvent(rows *sql.Rows) (store.EventHit, error) {
	var h store.EventHit
	var pub sql.NullString
	err := rows.Scan(&h.DocID, &h.Index, &h.Type, &h.Mode, &h.Status, &h.Location, &h.Country, &h.Date, &h.Evidence,
		&h.Title, &h.Outlet, &h.URL, &pub)
	h.Published = parseTime(pub)
	return h, err
}

// actors fills the source and target actors of an event.
func (s *Store) actors(ctx context.Context, h *store.EventHit) error {
	rows, err := s.db.QueryContext(ctx, `SELECT role, name, country, type FROM event_actors
		WHERE doc_id = ? AND event_idx = ? ORDER BY role, pos`, h.DocID, h.Index)
	if err != nil {
		return err
	}
	defer rows.Close()
	h.Source, h.Target = []store.Actor{}, []store.Actor{}
	for rows.Next() {
		var role string
		var a store.Actor
		if err := rows.Scan(&role, &a.Name, &a.Country, &a.Type); err != nil {
			return err
		}
		if role == "source" {
			h.Source = append(h.Source, a)
		} else {
			h.Target = append(h.Target, a)
		}
	}
	return rows.Err()
}

// Stories lists story clusters with at least q.MinDocs articles, biggest first.
func (s *Store) Stories(ctx context.Context, q store.StoryQuery) ([]store.Story, error) {
	minDocs := q.MinDocs
	if minDocs <= 0 {
		minDocs = 2
	}
	var where []string
	var args []any
	if q.ID != "" {
		where = append(where, "story = ?")
		args = append(args, q.ID)
		minDocs = 1
	}
	if q.About != "" {
		where = append(where, "story IN (SELECT d.story FROM docs_fts JOIN docs d ON d.rowid = docs_fts.rowid WHERE docs_fts MATCH ?)")
		args = append(args, q.About)
	}
	sqlq := "SELECT story, count(*) FROM docs" + whereSQL(where) +
		" GROUP BY story HAVING count(*) >= ? ORDER BY count(*) DESC, min(published), story LIMIT ?"
	rows, err := s.db.QueryContext(ctx, sqlq, append(args, minDocs, limitArg(q.Limit))...)
	if err != nil {
		return nil, queryErr(err)
	}
	var out []store.Story
	for rows.Next() {
		var st store.Story
		var n int
		if err := rows.Scan(&st.ID, &n); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, st)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, queryErr(err)
	}
	for i := range out {
		if err := s.storyDocs(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Store) storyDocs(ctx context.Context, st *store.Story) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, title, source, url, published FROM docs WHERE story = ?
		ORDER BY published IS NULL, published, rowid`, st.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var d store.StoryDoc
		var pub sql.NullString
		if err := rows.Scan(&d.ID, &d.Title, &d.Source, &d.URL, &pub); err != nil {
			return err
		}
		d.Published = parseTime(pub)
		st.Articles = append(st.Articles, d)
		if d.Source != "" && !slices.Contains(st.Outlets, d.Source) {
			st.Outlets = append(st.Outlets, d.Source)
		}
		if d.Published != nil {
			if st.First == nil || d.Published.Before(*st.First) {
				st.First = d.Published
			}
			if st.Last == nil || d.Published.After(*st.Last) {
				st.Last = d.Published
			}
		}
	}
	if len(st.Articles) > 0 {
		st.Title = st.Articles[0].Title
	}
	if st.Outlets == nil {
		st.Outlets = []string{}
	}
	return rows.Err()
}

// Stats counts the corpus.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	counts := []struct {
		q string
		v *int
	}{
		{"SELECT count(*) FROM docs", &st.Documents},
		{"SELECT count(*) FROM quotes", &st.Quotes},
		{"SELECT count(DISTINCT quotation) FROM quotes", &st.Quotations},
		{"SELECT count(*) FROM (SELECT DISTINCT name, type FROM entities) AS x", &st.Entities},
		{"SELECT coalesce(sum(mentions), 0) FROM entities", &st.Mentions},
		{"SELECT count(*) FROM events", &st.Events},
		{"SELECT count(*) FROM (SELECT story FROM docs GROUP BY story HAVING count(*) > 1) AS x", &st.Stories},
		{"SELECT count(*) FROM errors", &st.Errors},
		{"PRAGMA user_version", &st.Schema},
	}
	for _, c := range counts {
		if err := s.db.QueryRowContext(ctx, c.q).Scan(c.v); err != nil {
			return st, err
		}
	}
	return st, nil
}

// Errors yields the recorded ingest failures.
func (s *Store) Errors(ctx context.Context) iter.Seq2[store.IngestError, error] {
	return rowsSeq(ctx, s.db, "SELECT file, record, reason, at FROM errors ORDER BY at, file, record", nil,
		func(rows *sql.Rows) (store.IngestError, error) {
			var e store.IngestError
			var at string
			err := rows.Scan(&e.File, &e.Record, &e.Reason, &at)
			e.At, _ = time.Parse(time.RFC3339Nano, at)
			return e, err
		})
}
