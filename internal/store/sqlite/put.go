package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/store"
)

// Put stores a batch in one transaction; see store.Store.
func (s *Store) Put(ctx context.Context, b store.Batch) (res store.PutResult, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return res, err
	}
	w := &writer{tx: tx, stmts: map[string]*sql.Stmt{}, now: time.Now().UTC().Format(time.RFC3339),
		holders: map[int64][]string{}, quots: map[string]*quotation{}}
	defer func() {
		w.close()
		if err != nil {
			tx.Rollback()
			res = store.PutResult{}
		}
	}()
	// The full-text indexes are filled at the end of the batch with one
	// statement each: FTS5 flushes its pending terms at every statement
	// savepoint, and per-document inserts would write a segment each.
	var docBase, quoteBase int64
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(rowid), 0) FROM docs").Scan(&docBase); err != nil {
		return res, err
	}
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(rowid), 0) FROM quotes").Scan(&quoteBase); err != nil {
		return res, err
	}
	if err := w.loadShingles(ctx, b.Records); err != nil {
		return res, err
	}
	// Records clear the errors stored for their place; when none are
	// stored (as in most batches) there is nothing to look up.
	var hasErrors bool
	if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM errors)").Scan(&hasErrors); err != nil {
		return res, err
	}
	for _, r := range b.Records {
		added, err := w.putDoc(ctx, r)
		if err != nil {
			return res, fmt.Errorf("store %s: %w", r.Doc.ID, err)
		}
		if added {
			res.Added++
		} else {
			res.Duplicates++
		}
		if r.File != "" && hasErrors {
			if err := w.exec(ctx, "DELETE FROM errors WHERE file = ? AND record = ?", r.File, r.Item); err != nil {
				return res, err
			}
		}
	}
	if err := w.flush(ctx); err != nil {
		return res, err
	}
	for _, e := range b.Errors {
		at := e.At
		if at.IsZero() {
			at = time.Now()
		}
		if err := w.exec(ctx, `INSERT INTO errors(file, record, reason, at) VALUES (?, ?, ?, ?)
			ON CONFLICT(file, record) DO UPDATE SET reason = excluded.reason, at = excluded.at`,
			e.File, e.Record, e.Reason, at.UTC().Format(time.RFC3339Nano)); err != nil {
			return res, err
		}
		res.Errors++
	}
	if res.Added > 0 {
		if _, err := tx.ExecContext(ctx, "INSERT INTO docs_fts(rowid, title, text) SELECT rowid, title, text FROM docs WHERE rowid > ?", docBase); err != nil {
			return res, err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO quotes_fts(rowid, text, speaker_name) SELECT rowid, text, speaker_name FROM quotes WHERE rowid > ?", quoteBase); err != nil {
			return res, err
		}
	}
	w.close()
	return res, tx.Commit()
}

// writer holds one Put's transaction, its prepared statements and what the
// batch has linked so far.
//
// Only the documents themselves and their clustering keys are written as
// each document is linked; everything else (entities, quotes,
// events, actors, new quotations and quote shingles) waits for the end of
// the batch, when it is written table by table in key order with a few
// large statements. Quote linking reads the stored shingles and quotations
// through holders and quots, which also hold what the batch added.
type writer struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	now   string

	added   []addedDoc
	holders map[int64][]string    // quote shingle → quotations with it (stored and new), for the hashes looked up
	quots   map[string]*quotation // quotations looked up or created by the batch
	newQ    []string              // quotations created by the batch, in order
	shvals  []any                 // new quote_shingles rows
}

// addedDoc is a document newly stored by the batch, with the quotation
// each of its quotes carries.
type addedDoc struct {
	d          *doc.Document
	quotations []string
}

// quotation is a quotation as the batch sees it.
type quotation struct {
	n     int    // shingles
	text  string // the longest version seen in this batch, "" if the stored one
	tlen  int    // length of the longest version in characters, as SQLite counts them
	isNew bool
	dirty bool
}

func (w *writer) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := w.stmts[q]; ok {
		return st, nil
	}
	st, err := w.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	w.stmts[q] = st
	return st, nil
}

func (w *writer) exec(ctx context.Context, q string, args ...any) error {
	st, err := w.stmt(ctx, q)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, args...)
	return err
}

func (w *writer) close() {
	for q, st := range w.stmts {
		st.Close()
		delete(w.stmts, q)
	}
}

// insertRows inserts rows of ncol values each (flat in vals) with
// multi-row INSERT statements of up to 100 rows, ignoring rows whose key is
// already there, and returns the number of rows inserted. head is the
// statement up to VALUES: "INSERT INTO t(a, b)". OR IGNORE rather than ON
// CONFLICT DO NOTHING: a statement that cannot abort needs no statement
// journal, which would copy every page it touches.
func (w *writer) insertRows(ctx context.Context, head string, ncol int, vals []any) (int64, error) {
	const chunk = 100
	row := "(" + placeholders(ncol) + ")"
	var total int64
	for len(vals) > 0 {
		k := min(chunk, len(vals)/ncol)
		q := strings.Replace(head, "INSERT INTO", "INSERT OR IGNORE INTO", 1) + " VALUES " + strings.TrimSuffix(strings.Repeat(row+", ", k), ", ")
		st, err := w.stmt(ctx, q)
		if err != nil {
			return total, err
		}
		res, err := st.ExecContext(ctx, vals[:k*ncol]...)
		if err != nil {
			return total, err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return total, err
		}
		total += n
		vals = vals[k*ncol:]
	}
	return total, nil
}

// placeholders returns "?, ?, …" for n values.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

func timeArg(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}

// putDoc stores one record unless its document is already there: the
// document row and its clustering keys now, its facts at the end of the
// batch (flush).
func (w *writer) putDoc(ctx context.Context, r *store.Record) (bool, error) {
	d := r.Doc
	st, err := w.stmt(ctx, "SELECT 1 FROM docs WHERE id = ?")
	if err != nil {
		return false, err
	}
	var one int
	switch err := st.QueryRowContext(ctx, d.ID).Scan(&one); {
	case err == nil:
		return false, nil
	case !errors.Is(err, sql.ErrNoRows):
		return false, err
	}
	story, err := w.story(ctx, r)
	if err != nil {
		return false, err
	}
	st, err = w.stmt(ctx, `INSERT INTO docs(id, url, source, title, author, published, path, ingested, story, text, json, minhash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return false, err
	}
	if _, err := st.ExecContext(ctx, d.ID, d.URL, d.Source, d.Title, d.Author, timeArg(d.Published), d.Path,
		w.now, story, d.Text, string(r.JSON), store.EncodeSig(r.MinHash)); err != nil {
		return false, err
	}
	vals := make([]any, 0, 2*len(r.Bands))
	for _, b := range r.Bands {
		vals = append(vals, b, d.ID)
	}
	if _, err := w.insertRows(ctx, "INSERT INTO doc_bands(band, doc_id)", 2, vals); err != nil {
		return false, err
	}
	vals = vals[:0]
	for _, k := range r.EventKeys {
		vals = append(vals, k, d.ID)
	}
	if _, err := w.insertRows(ctx, "INSERT INTO story_keys(key, doc_id)", 2, vals); err != nil {
		return false, err
	}
	qs, err := w.linkQuotes(ctx, d, r.Quotes)
	if err != nil {
		return false, err
	}
	w.added = append(w.added, addedDoc{d: d, quotations: qs})
	return true, nil
}

// story finds the story cluster a new document joins: that of a stored
// near-duplicate (MinHash/LSH) or of a document sharing an event key. When
// it links several clusters they are merged into the one with the smallest
// id. A document that joins none starts its own, named by its id.
func (w *writer) story(ctx context.Context, r *store.Record) (string, error) {
	found := map[string]bool{}
	if len(r.Bands) > 0 {
		args := make([]any, len(r.Bands))
		for i, b := range r.Bands {
			args[i] = b
		}
		st, err := w.stmt(ctx, `SELECT d.story, d.minhash FROM docs d WHERE d.id IN
			(SELECT DISTINCT doc_id FROM doc_bands WHERE band IN (`+placeholders(len(args))+`) LIMIT 200)`)
		if err != nil {
			return "", err
		}
		rows, err := st.QueryContext(ctx, args...)
		if err != nil {
			return "", err
		}
		for rows.Next() {
			var st string
			var mh []byte
			if err := rows.Scan(&st, &mh); err != nil {
				rows.Close()
				return "", err
			}
			if store.Similarity(r.MinHash, store.DecodeSig(mh)) >= store.SameStory {
				found[st] = true
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return "", err
		}
	}
	if len(r.EventKeys) > 0 {
		args := make([]any, len(r.EventKeys))
		for i, k := range r.EventKeys {
			args[i] = k
		}
		rows, err := w.tx.QueryContext(ctx, `SELECT DISTINCT d.story FROM story_keys k JOIN docs d ON d.id = k.doc_id
			WHERE k.key IN (`+placeholders(len(args))+`)`, args...)
		if err != nil {
			return "", err
		}
		for rows.Next() {
			var st string
			if err := rows.Scan(&st); err != nil {
				rows.Close()
				return "", err
			}
			found[st] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return "", err
		}
	}
	if len(found) == 0 {
		return r.Doc.ID, nil
	}
	best := ""
	for st := range found {
		if best == "" || st < best {
			best = st
		}
	}
	for st := range found {
		if st != best {
			if err := w.exec(ctx, "UPDATE docs SET story = ? WHERE story = ?", best, st); err != nil {
				return "", err
			}
		}
	}
	return best, nil
}

// loadShingles reads which stored quotations hold the shingles of the
// batch's quotes, in chunks of a fixed number of hashes (the last one
// padded by repeating a hash) so that one prepared statement serves.
func (w *writer) loadShingles(ctx context.Context, recs []*store.Record) error {
	const chunk = 256
	var hashes []any
	for _, r := range recs {
		for _, sh := range r.Quotes {
			for _, h := range sh {
				if _, ok := w.holders[h]; !ok {
					w.holders[h] = nil
					hashes = append(hashes, h)
				}
			}
		}
	}
	for len(hashes) > 0 {
		args := hashes[:min(len(hashes), chunk)]
		hashes = hashes[len(args):]
		if len(args) > 8 && len(args) < chunk {
			args = slices.Grow(args, chunk-len(args))
			for len(args) < chunk {
				args = append(args, args[0])
			}
		}
		st, err := w.stmt(ctx, "SELECT hash, quotation FROM quote_shingles WHERE hash IN ("+placeholders(len(args))+")")
		if err != nil {
			return err
		}
		rows, err := st.QueryContext(ctx, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var h int64
			var qid string
			if err := rows.Scan(&h, &qid); err != nil {
				rows.Close()
				return err
			}
			w.holders[h] = append(w.holders[h], qid)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// linkQuotes links the quotes of d, each to the quotation it carries
// (store.SameQuote) or to a new one, and returns the quotation of each.
// The stored holders of its shingles were read by loadShingles; quotes of
// the same document and of the same batch can link to each other.
func (w *writer) linkQuotes(ctx context.Context, d *doc.Document, shingles [][]int64) ([]string, error) {
	for _, sh := range shingles {
		for _, h := range sh {
			if _, ok := w.holders[h]; !ok {
				return nil, fmt.Errorf("quote shingle %d not loaded", h)
			}
		}
	}
	lookup := func(qid string) (*quotation, error) {
		if q := w.quots[qid]; q != nil {
			return q, nil
		}
		st, err := w.stmt(ctx, "SELECT n_shingles, length(text) FROM quotations WHERE id = ?")
		if err != nil {
			return nil, err
		}
		q := &quotation{}
		if err := st.QueryRowContext(ctx, qid).Scan(&q.n, &q.tlen); err != nil {
			return nil, err
		}
		w.quots[qid] = q
		return q, nil
	}

	out := make([]string, len(d.Quotes))
	for i, q := range d.Quotes {
		id := d.ID[:min(16, len(d.ID))] + "-" + strconv.Itoa(i)
		var sh []int64
		if i < len(shingles) {
			sh = shingles[i]
		}
		target := id
		if len(sh) == 0 {
			w.quots[id] = &quotation{text: q.Text, isNew: true} // a quotation of its own
			w.newQ = append(w.newQ, id)
		} else {
			shared := map[string]int{}
			for _, h := range sh {
				for _, qid := range w.holders[h] {
					shared[qid]++
				}
			}
			best, bestShared := "", 0
			for qid, n := range shared {
				if n < bestShared || n == bestShared && qid > best || len(sh) > 1 && !store.SameQuote(len(sh), 2, n) {
					continue // cannot beat the best, or too few shared to match anything
				}
				qt, err := lookup(qid)
				if err != nil {
					return nil, err
				}
				if store.SameQuote(len(sh), qt.n, n) {
					best, bestShared = qid, n
				}
			}
			qt := w.quots[best]
			if best == "" {
				qt = &quotation{text: q.Text, tlen: utf8.RuneCountInString(q.Text), isNew: true}
				w.quots[id] = qt
				w.newQ = append(w.newQ, id)
			} else {
				target = best
				if n := utf8.RuneCountInString(q.Text); n > qt.tlen {
					qt.text, qt.tlen, qt.dirty = q.Text, n, true
				}
			}
			for _, h := range sh {
				if !slices.Contains(w.holders[h], target) {
					w.holders[h] = append(w.holders[h], target)
					w.shvals = append(w.shvals, h, target)
					qt.n++
					qt.dirty = true
				}
			}
		}
		out[i] = target
	}
	return out, nil
}

// flush writes what the batch's documents carry besides themselves: new
// and grown quotations, quote shingles, then entities (with their mentions
// packed), quotes, events and actors, each table in key order.
func (w *writer) flush(ctx context.Context) error {
	own := make([]any, 0, 3*len(w.newQ))
	for _, id := range w.newQ {
		qt := w.quots[id]
		own = append(own, id, qt.text, qt.n)
	}
	if _, err := w.insertRows(ctx, "INSERT INTO quotations(id, text, n_shingles)", 3, own); err != nil {
		return err
	}
	sortPairs(w.shvals)
	if _, err := w.insertRows(ctx, "INSERT INTO quote_shingles(hash, quotation)", 2, w.shvals); err != nil {
		return err
	}
	grown := make([]string, 0, len(w.quots))
	for id, qt := range w.quots {
		if !qt.isNew && qt.dirty {
			grown = append(grown, id)
		}
	}
	slices.Sort(grown)
	for _, id := range grown {
		qt := w.quots[id]
		if err := w.exec(ctx, `UPDATE quotations SET n_shingles = ?,
			text = CASE WHEN ? <> '' AND length(?) > length(text) THEN ? ELSE text END WHERE id = ?`,
			qt.n, qt.text, qt.text, qt.text, id); err != nil {
			return err
		}
	}

	slices.SortFunc(w.added, func(a, b addedDoc) int { return strings.Compare(a.d.ID, b.d.ID) })
	var evals, avals, qvals, vals []any
	for _, a := range w.added {
		d := a.d
		ents := make(map[string]*doc.Entity, len(d.Entities))
		for i := range d.Entities {
			e := &d.Entities[i]
			ents[e.ID] = e
			vals = append(vals, d.ID, e.ID, e.Name, string(e.Type), e.Country, e.Sector, strings.Join(e.Roles, "; "), len(e.Mentions),
				store.EncodeAliases(e.Mentions))
		}
		for i, q := range d.Quotes {
			speaker := ""
			if q.Speaker != nil {
				speaker = *q.Speaker
			}
			qvals = append(qvals, d.ID, i, q.Text, string(q.Kind), speaker, q.SpeakerName, q.Cue, q.Start, q.End, a.quotations[i])
		}
		evals, avals = appendEvents(evals, avals, d, ents)
	}
	if _, err := w.insertRows(ctx, "INSERT INTO entities(doc_id, eid, name, type, country, sector, roles, mentions, aliases)", 9, vals); err != nil {
		return err
	}
	if _, err := w.insertRows(ctx, "INSERT INTO quotes(doc_id, idx, text, kind, speaker, speaker_name, cue, start_off, end_off, quotation)", 10, qvals); err != nil {
		return err
	}
	if _, err := w.insertRows(ctx, "INSERT INTO events(doc_id, idx, type, mode, status, location, country, date, sentence, evidence, day)", 11, evals); err != nil {
		return err
	}
	if _, err := w.insertRows(ctx, "INSERT INTO event_actors(doc_id, event_idx, role, pos, eid, name, type, country)", 8, avals); err != nil {
		return err
	}
	return w.countActors(ctx, avals)
}

// countActors adds the actor rows avals (8 values each, the name sixth) to
// the actors table's counts, in chunks of up to 100 names.
func (w *writer) countActors(ctx context.Context, avals []any) error {
	n := map[string]int{}
	for i := 5; i < len(avals); i += 8 {
		n[avals[i].(string)]++
	}
	names := make([]string, 0, len(n))
	for name := range n {
		names = append(names, name)
	}
	slices.Sort(names)
	const chunk = 100
	vals := make([]any, 0, 2*chunk)
	for len(names) > 0 {
		k := min(chunk, len(names))
		vals = vals[:0]
		for _, name := range names[:k] {
			vals = append(vals, name, n[name])
		}
		names = names[k:]
		q := "INSERT INTO actors(name, n) VALUES " + strings.TrimSuffix(strings.Repeat("(?, ?), ", k), ", ") +
			" ON CONFLICT(name) DO UPDATE SET n = n + excluded.n"
		if err := w.exec(ctx, q, vals...); err != nil {
			return err
		}
	}
	return nil
}

// sortPairs sorts flat (int64, string) pairs.
func sortPairs(vals []any) {
	type pair struct {
		h int64
		q string
	}
	ps := make([]pair, len(vals)/2)
	for i := range ps {
		ps[i] = pair{vals[2*i].(int64), vals[2*i+1].(string)}
	}
	slices.SortFunc(ps, func(a, b pair) int {
		if a.h != b.h {
			return cmp.Compare(a.h, b.h)
		}
		return strings.Compare(a.q, b.q)
	})
	for i, p := range ps {
		vals[2*i], vals[2*i+1] = p.h, p.q
	}
}

// appendEvents appends the rows of the events of d and of their actors.
func appendEvents(evals, avals []any, d *doc.Document, ents map[string]*doc.Entity) ([]any, []any) {
	var published any // the day of the events without a date of their own
	if d.Published != nil {
		published = d.Published.UTC().Format("2006-01-02")
	}
	for i, ev := range d.Events {
		country := ""
		for _, p := range d.Places {
			if p.Name != "" && strings.Contains(ev.Location, p.Name) {
				country = p.Country
				break
			}
		}
		day := published
		if ev.Date != "" {
			day = ev.Date
		}
		evals = append(evals, d.ID, i, ev.Type, ev.Mode, string(ev.Status), ev.Location, country, ev.Date, ev.Sentence, ev.Evidence, day)
		for _, side := range []struct {
			role string
			ids  []string
		}{{"source", ev.Source}, {"target", ev.Target}} {
			for pos, eid := range side.ids {
				name, typ, cty := eid, "", ""
				if e := ents[eid]; e != nil {
					name, typ, cty = e.Name, string(e.Type), e.Country
				}
				avals = append(avals, d.ID, i, side.role, pos, eid, name, typ, cty)
			}
		}
	}
	return evals, avals
}
