package postgres

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/store"
)

// maxIndexed bounds the bytes of a text that go into its tsvector:
// PostgreSQL refuses tsvectors over 1 MB, and no news article comes near.
const maxIndexed = 500_000

// Put stores a batch in one transaction; see store.Store.
//
// The documents are copied into a temporary staging table first, while
// other writers may be busy; then the transaction takes the write lock,
// inserts the staged documents that are not stored yet (INSERT … ON
// CONFLICT DO NOTHING RETURNING id tells which were new), links them to
// stories and quotations, and copies their entities, quotes,
// events and keys with COPY. A document that another process stored first
// is a duplicate; one that another process is storing right now makes the
// insert wait for that transaction, and is a duplicate if it commits.
func (s *Store) Put(ctx context.Context, b store.Batch) (store.PutResult, error) {
	var res store.PutResult
	recs := make([]*store.Record, 0, len(b.Records))
	seen := make(map[string]bool, len(b.Records))
	for _, r := range b.Records {
		if r == nil || r.Doc == nil {
			return res, fmt.Errorf("store: record without document")
		}
		if seen[r.Doc.ID] {
			res.Duplicates++
			continue
		}
		seen[r.Doc.ID] = true
		recs = append(recs, r)
	}
	var added []*store.Record
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		added = nil
		if len(recs) > 0 {
			if err := stageDocs(ctx, tx, recs); err != nil {
				return fmt.Errorf("stage documents: %w", err)
			}
		}
		// Writers take turns from here to commit: linking reads what the
		// batches before have stored.
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", writeLock); err != nil {
			return err
		}
		if len(recs) > 0 {
			var err error
			if added, err = insertDocs(ctx, tx, recs); err != nil {
				return fmt.Errorf("insert documents: %w", err)
			}
		}
		if len(added) > 0 {
			l, err := link(ctx, tx, added)
			if err != nil {
				return fmt.Errorf("link stories and quotations: %w", err)
			}
			if err := l.save(ctx, tx); err != nil {
				return fmt.Errorf("link stories and quotations: %w", err)
			}
			if err := copyFacts(ctx, tx, added, l.quotation); err != nil {
				return err
			}
		}
		if err := clearErrors(ctx, tx, b.Records); err != nil {
			return err
		}
		return putErrors(ctx, tx, b.Errors)
	})
	if err != nil {
		return store.PutResult{}, err
	}
	res.Added = len(added)
	res.Duplicates += len(recs) - len(added)
	res.Errors = len(b.Errors)
	return res, nil
}

// stageDocs copies the documents of recs into the temporary table
// stage_docs, which lives as long as the connection and is emptied at
// every commit.
func stageDocs(ctx context.Context, tx pgx.Tx, recs []*store.Record) error {
	if _, err := tx.Exec(ctx, `CREATE TEMP TABLE IF NOT EXISTS stage_docs (
		ord integer, id text, url text, source text, title text, author text, published timestamptz,
		path text, text text, json text, minhash bytea) ON COMMIT DELETE ROWS`); err != nil {
		return err
	}
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"stage_docs"},
		[]string{"ord", "id", "url", "source", "title", "author", "published", "path", "text", "json", "minhash"},
		pgx.CopyFromSlice(len(recs), func(i int) ([]any, error) {
			r := recs[i]
			d := r.Doc
			var pub any
			if d.Published != nil {
				pub = d.Published.UTC()
			}
			var mh []byte
			if r.MinHash != nil {
				mh = store.EncodeSig(r.MinHash)
			}
			return []any{i, d.ID, pgText(d.URL), pgText(d.Source), pgText(d.Title), pgText(d.Author), pub,
				pgText(d.Path), pgText(d.Text), pgText(string(r.JSON)), mh}, nil
		}))
	return err
}

// insertDocs moves the staged documents that are not stored yet into docs,
// in batch order, each in a story of its own for now, and returns them.
func insertDocs(ctx context.Context, tx pgx.Tx, recs []*store.Record) ([]*store.Record, error) {
	rows, err := tx.Query(ctx, `INSERT INTO docs (id, url, source, title, author, published, path, ingested, story, text, json, minhash, tsv)
		SELECT s.id, s.url, s.source, s.title, s.author, s.published, s.path, now(), s.id, s.text, s.json, s.minhash,
			setweight(to_tsvector('simple', s.title), 'A') || setweight(to_tsvector('simple', left(s.text, $1)), 'B')
		FROM stage_docs s WHERE NOT EXISTS (SELECT 1 FROM docs d WHERE d.id = s.id) ORDER BY s.ord
		ON CONFLICT (id) DO NOTHING RETURNING id`, maxIndexed)
	if err != nil {
		return nil, err
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, err
	}
	isNew := make(map[string]bool, len(ids))
	for _, id := range ids {
		isNew[id] = true
	}
	added := make([]*store.Record, 0, len(ids))
	for _, r := range recs {
		if isNew[r.Doc.ID] {
			added = append(added, r)
		}
	}
	return added, nil
}

// copyFacts copies the entities (mentions packed), quotes, events, event actors and
// clustering keys of newly stored documents. quotation(i, j) is the
// quotation that quote j of added[i] carries.
func copyFacts(ctx context.Context, tx pgx.Tx, added []*store.Record, quotation func(doc string, j int) string) error {
	var ents, quotes, events, actors, bands, keys [][]any
	for _, r := range added {
		d := r.Doc
		byID := make(map[string]*doc.Entity, len(d.Entities))
		for i := range d.Entities {
			e := &d.Entities[i]
			if _, dup := byID[e.ID]; !dup { // as ON CONFLICT DO NOTHING: the first entity with an id wins
				byID[e.ID] = e
				ents = append(ents, []any{d.ID, pgText(e.ID), pgText(e.Name), pgText(string(e.Type)), pgText(e.Country),
					pgText(e.Sector), pgText(strings.Join(e.Roles, "; ")), len(e.Mentions), pgAliases(e.Mentions)})
			}
		}
		for i, q := range d.Quotes {
			speaker := ""
			if q.Speaker != nil {
				speaker = *q.Speaker
			}
			quotes = append(quotes, []any{d.ID, i, pgText(q.Text), pgText(string(q.Kind)), pgText(speaker),
				pgText(q.SpeakerName), pgText(q.Cue), q.Start, q.End, quotation(d.ID, i)})
		}
		for i, ev := range d.Events {
			country := ""
			for _, p := range d.Places {
				if p.Name != "" && strings.Contains(ev.Location, p.Name) {
					country = p.Country
					break
				}
			}
			var day any // the event's date, else the published day (UTC)
			switch {
			case ev.Date != "":
				day = pgText(ev.Date)
			case d.Published != nil:
				day = d.Published.UTC().Format("2006-01-02")
			}
			events = append(events, []any{d.ID, i, pgText(ev.Type), pgText(ev.Mode), pgText(string(ev.Status)),
				pgText(ev.Location), pgText(country), pgText(ev.Date), ev.Sentence, pgText(ev.Evidence), day})
			for _, side := range []struct {
				role string
				ids  []string
			}{{"source", ev.Source}, {"target", ev.Target}} {
				for pos, eid := range side.ids {
					name, typ, cty := eid, "", ""
					if e := byID[eid]; e != nil {
						name, typ, cty = e.Name, string(e.Type), e.Country
					}
					actors = append(actors, []any{d.ID, i, side.role, pos, pgText(eid), pgText(name), pgText(typ), pgText(cty)})
				}
			}
		}
		seenBand := make(map[int64]bool, len(r.Bands))
		for _, b := range r.Bands {
			if !seenBand[b] {
				seenBand[b] = true
				bands = append(bands, []any{b, d.ID})
			}
		}
		seenKey := make(map[string]bool, len(r.EventKeys))
		for _, k := range r.EventKeys {
			if !seenKey[k] {
				seenKey[k] = true
				keys = append(keys, []any{pgText(k), d.ID})
			}
		}
	}
	copies := []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"entities", []string{"doc_id", "eid", "name", "type", "country", "sector", "roles", "mentions", "aliases"}, ents},
		{"quotes", []string{"doc_id", "idx", "text", "kind", "speaker", "speaker_name", "cue", "start_off", "end_off", "quotation"}, quotes},
		{"events", []string{"doc_id", "idx", "type", "mode", "status", "location", "country", "date", "sentence", "evidence", "day"}, events},
		{"event_actors", []string{"doc_id", "event_idx", "role", "pos", "eid", "name", "type", "country"}, actors},
		{"doc_bands", []string{"band", "doc_id"}, bands},
		{"story_keys", []string{"key", "doc_id"}, keys},
	}
	for _, c := range copies {
		if len(c.rows) == 0 {
			continue
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{c.table}, c.cols, pgx.CopyFromRows(c.rows)); err != nil {
			return fmt.Errorf("copy %s: %w", c.table, err)
		}
	}
	if len(actors) > 0 {
		names := make([]string, len(actors))
		for i, a := range actors {
			names[i] = a[5].(string)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO actor_names(key) SELECT DISTINCT lower(n) FROM unnest($1::text[]) AS n ORDER BY 1
			ON CONFLICT DO NOTHING`, names); err != nil {
			return fmt.Errorf("actor names: %w", err)
		}
	}
	return nil
}

// clearErrors forgets the ingest errors stored for the places (File, Item)
// that records were read from: they went in this time.
func clearErrors(ctx context.Context, tx pgx.Tx, recs []*store.Record) error {
	var files, items []string
	for _, r := range recs {
		if r.File != "" {
			files = append(files, pgText(r.File))
			items = append(items, pgText(r.Item))
		}
	}
	if len(files) == 0 {
		return nil
	}
	_, err := tx.Exec(ctx, `DELETE FROM errors e USING unnest($1::text[], $2::text[]) AS k(file, record)
		WHERE e.file = k.file AND e.record = k.record`, files, items)
	if err != nil {
		return fmt.Errorf("clear errors: %w", err)
	}
	return nil
}

// putErrors records ingest failures; the same (file, record) again replaces
// the earlier failure.
func putErrors(ctx context.Context, tx pgx.Tx, errs []store.IngestError) error {
	if len(errs) == 0 {
		return nil
	}
	last := make(map[[2]string]int, len(errs))
	for i, e := range errs {
		last[[2]string{e.File, e.Record}] = i
	}
	var files, records, reasons []string
	var ats []time.Time
	now := time.Now()
	for i, e := range errs {
		if last[[2]string{e.File, e.Record}] != i {
			continue // one row per key in an INSERT … ON CONFLICT DO UPDATE
		}
		at := e.At
		if at.IsZero() {
			at = now
		}
		files = append(files, pgText(e.File))
		records = append(records, pgText(e.Record))
		reasons = append(reasons, pgText(e.Reason))
		ats = append(ats, at.UTC())
	}
	_, err := tx.Exec(ctx, `INSERT INTO errors(file, record, reason, at)
		SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[])
		ON CONFLICT (file, record) DO UPDATE SET reason = excluded.reason, at = excluded.at`, files, records, reasons, ats)
	if err != nil {
		return fmt.Errorf("store errors: %w", err)
	}
	return nil
}

// pgText makes s storable in a PostgreSQL text value, which holds neither
// NUL bytes nor invalid UTF-8, without moving any byte offset: each NUL
// becomes a space and each invalid byte a '?'. Valid text is returned as is.
// pgAliases packs the aliases of mentions (store.EncodeAliases) as
// PostgreSQL can keep them: each text through pgText.
func pgAliases(ms []doc.Mention) string {
	packed := store.EncodeAliases(ms)
	if pgText(packed) == packed {
		return packed
	}
	clean := slices.Clone(ms)
	for i := range clean {
		clean[i].Text = pgText(clean[i].Text)
	}
	return store.EncodeAliases(clean)
}

func pgText(s string) string {
	if utf8.ValidString(s) && !strings.Contains(s, "\x00") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteByte('?')
		case r == 0:
			b.WriteByte(' ')
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}
