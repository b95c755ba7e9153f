package postgres

import (
	"context"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/newsgraph/newsgraph/internal/store"
)

// maxCandidates bounds the stored near-duplicates a new document is
// compared with, as in the SQLite store.
const maxCandidates = 200

// linker assigns newly stored documents to story clusters and their quotes
// to quotations, with the same rules and in the same order as the SQLite
// store, which does it one document at a time against the database. Here
// everything the batch can touch is read in four queries, the batch is
// linked in memory document after document, and the changes are written
// back in a few statements.
type linker struct {
	// Stories.
	story    map[string]string   // document id → its story when loaded or linked
	sig      map[string][]uint32 // document id → MinHash signature
	bandDocs map[int64][]string  // LSH band → documents in it
	keyDocs  map[string][]string // event key → documents with it
	alias    map[string]string   // a merged story → the story it was merged into
	own      []string            // the new documents, in batch order

	// Quotations.
	hashQuots map[int64][]string    // quote shingle → quotations that have it
	quots     map[string]*quotation // quotation id → state
	pairs     []shinglePair         // new quote_shingles rows
	quoteOf   map[string][]string   // document id → quotation of each quote
}

type quotation struct {
	text    string
	n       int  // shingles
	changed bool // to be written back
}

type shinglePair struct {
	hash      int64
	quotation string
}

// link loads what the documents in added can link to and links them.
func link(ctx context.Context, tx pgx.Tx, added []*store.Record) (*linker, error) {
	l := &linker{
		story: map[string]string{}, sig: map[string][]uint32{}, bandDocs: map[int64][]string{},
		keyDocs: map[string][]string{}, alias: map[string]string{},
		hashQuots: map[int64][]string{}, quots: map[string]*quotation{}, quoteOf: map[string][]string{},
	}
	var bands []int64
	var keys []string
	var hashes []int64
	var qids []string
	for _, r := range added {
		bands = append(bands, r.Bands...)
		keys = append(keys, r.EventKeys...)
		for i, sh := range r.Quotes {
			hashes = append(hashes, sh...)
			qids = append(qids, quotationID(r.Doc.ID, i))
		}
	}
	if err := l.load(ctx, tx, bands, keys, hashes, qids); err != nil {
		return nil, err
	}
	for _, r := range added {
		l.linkStory(r)
		qs := make([]string, len(r.Doc.Quotes))
		for i, q := range r.Doc.Quotes {
			qs[i] = l.linkQuote(r.Doc.ID, i, pgText(q.Text), r.Quotes[i])
		}
		l.quoteOf[r.Doc.ID] = qs
	}
	return l, nil
}

// load reads the stored documents that share a band or an event key with
// the batch, the quotations sharing a shingle with its quotes, and the
// quotations the batch would create if they exist already.
func (l *linker) load(ctx context.Context, tx pgx.Tx, bands []int64, keys []string, hashes []int64, qids []string) error {
	if len(bands) > 0 {
		rows, err := tx.Query(ctx, `SELECT b.band, d.id, d.story, d.minhash FROM doc_bands b JOIN docs d ON d.id = b.doc_id
			WHERE b.band = ANY($1) ORDER BY b.band, d.id`, uniq(bands))
		if err != nil {
			return err
		}
		var band int64
		var id, story string
		var mh []byte
		_, err = pgx.ForEachRow(rows, []any{&band, &id, &story, &mh}, func() error {
			l.bandDocs[band] = append(l.bandDocs[band], id)
			l.story[id] = story
			if _, ok := l.sig[id]; !ok {
				l.sig[id] = store.DecodeSig(mh)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if len(keys) > 0 {
		rows, err := tx.Query(ctx, `SELECT k.key, d.id, d.story FROM story_keys k JOIN docs d ON d.id = k.doc_id
			WHERE k.key = ANY($1) ORDER BY k.key, d.id`, uniq(keys))
		if err != nil {
			return err
		}
		var key, id, story string
		_, err = pgx.ForEachRow(rows, []any{&key, &id, &story}, func() error {
			l.keyDocs[key] = append(l.keyDocs[key], id)
			l.story[id] = story
			return nil
		})
		if err != nil {
			return err
		}
	}
	if len(hashes) > 0 {
		rows, err := tx.Query(ctx, `SELECT hash, quotation FROM quote_shingles WHERE hash = ANY($1) ORDER BY hash, quotation`, uniq(hashes))
		if err != nil {
			return err
		}
		var h int64
		var q string
		_, err = pgx.ForEachRow(rows, []any{&h, &q}, func() error {
			l.hashQuots[h] = append(l.hashQuots[h], q)
			qids = append(qids, q)
			return nil
		})
		if err != nil {
			return err
		}
	}
	if len(qids) > 0 {
		rows, err := tx.Query(ctx, `SELECT id, text, n_shingles FROM quotations WHERE id = ANY($1)`, uniq(qids))
		if err != nil {
			return err
		}
		var id, text string
		var n int
		_, err = pgx.ForEachRow(rows, []any{&id, &text, &n}, func() error {
			l.quots[id] = &quotation{text: text, n: n}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// resolve returns the story that st has been merged into, or st.
func (l *linker) resolve(st string) string {
	for {
		next, ok := l.alias[st]
		if !ok {
			return st
		}
		st = next
	}
}

// linkStory finds the story cluster a new document joins: that of a stored
// near-duplicate (MinHash/LSH) or of a document sharing an event key. When
// it links several clusters they are merged into the one with the smallest
// id. A document that joins none starts its own, named by its id.
func (l *linker) linkStory(r *store.Record) {
	id := r.Doc.ID
	found := map[string]bool{}
	if len(r.Bands) > 0 {
		seen := map[string]bool{}
		var cands []string
		for _, b := range uniq(r.Bands) {
			for _, c := range l.bandDocs[b] {
				if !seen[c] && len(cands) < maxCandidates {
					seen[c] = true
					cands = append(cands, c)
				}
			}
		}
		for _, c := range cands {
			if store.Similarity(r.MinHash, l.sig[c]) >= store.SameStory {
				found[l.resolve(l.story[c])] = true
			}
		}
	}
	for _, k := range r.EventKeys {
		for _, c := range l.keyDocs[k] {
			found[l.resolve(l.story[c])] = true
		}
	}
	st := id
	if len(found) > 0 {
		st = ""
		for f := range found {
			if st == "" || f < st {
				st = f
			}
		}
		for f := range found {
			if f != st {
				l.alias[f] = st
			}
		}
	}
	l.story[id] = st
	l.sig[id] = r.MinHash
	for _, b := range uniq(r.Bands) {
		l.bandDocs[b] = append(l.bandDocs[b], id)
	}
	for _, k := range uniq(r.EventKeys) {
		l.keyDocs[k] = append(l.keyDocs[k], id)
	}
	l.own = append(l.own, id)
}

// quotationID names the quotation first carried by quote i of document id.
func quotationID(id string, i int) string {
	return id[:min(16, len(id))] + "-" + strconv.Itoa(i)
}

// linkQuote returns the quotation that quote i of document docID, with
// these shingles, carries (store.SameQuote), creating it when there is
// none, and records the quote's shingles and text against it.
func (l *linker) linkQuote(docID string, i int, text string, shingles []int64) string {
	id := quotationID(docID, i)
	create := func(id string) {
		if l.quots[id] == nil { // INSERT … ON CONFLICT DO NOTHING
			l.quots[id] = &quotation{text: text, changed: true}
		}
	}
	if len(shingles) == 0 {
		create(id)
		return id
	}
	shared := map[string]int{}
	for _, h := range shingles {
		for _, q := range l.hashQuots[h] {
			if l.quots[q] != nil { // as the SQLite store's join with quotations
				shared[q]++
			}
		}
	}
	best, bestShared := "", 0
	for q, n := range shared {
		if store.SameQuote(len(shingles), l.quots[q].n, n) && (n > bestShared || n == bestShared && q < best) {
			best, bestShared = q, n
		}
	}
	if best == "" {
		best = id
		create(id)
	}
	qt := l.quots[best]
	for _, h := range shingles {
		if !slices.Contains(l.hashQuots[h], best) {
			l.hashQuots[h] = append(l.hashQuots[h], best)
			l.pairs = append(l.pairs, shinglePair{h, best})
			qt.n++
			qt.changed = true
		}
	}
	if utf8.RuneCountInString(text) > utf8.RuneCountInString(qt.text) {
		qt.text = text
		qt.changed = true
	}
	return best
}

// quotation returns the quotation of quote j of a linked document.
func (l *linker) quotation(docID string, j int) string { return l.quoteOf[docID][j] }

// save writes the merged stories, the stories of the new documents, the
// new quote shingles and the new and changed quotations.
func (l *linker) save(ctx context.Context, tx pgx.Tx) error {
	var src, dst []string
	for a := range l.alias {
		src = append(src, a)
		dst = append(dst, l.resolve(a))
	}
	if len(src) > 0 {
		if _, err := tx.Exec(ctx, `UPDATE docs SET story = m.dst FROM unnest($1::text[], $2::text[]) AS m(src, dst)
			WHERE docs.story = m.src`, src, dst); err != nil {
			return err
		}
	}
	var ids, stories []string
	for _, id := range l.own {
		if st := l.resolve(l.story[id]); st != id {
			ids = append(ids, id)
			stories = append(stories, st)
		}
	}
	if len(ids) > 0 {
		if _, err := tx.Exec(ctx, `UPDATE docs SET story = v.story FROM unnest($1::text[], $2::text[]) AS v(id, story)
			WHERE docs.id = v.id AND docs.story <> v.story`, ids, stories); err != nil {
			return err
		}
	}
	if len(l.pairs) > 0 {
		// COPY, not INSERT … ON CONFLICT: link loaded every stored pair of
		// every shingle in the batch, under the write lock, so these are new.
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"quote_shingles"}, []string{"hash", "quotation"},
			pgx.CopyFromSlice(len(l.pairs), func(i int) ([]any, error) {
				return []any{l.pairs[i].hash, l.pairs[i].quotation}, nil
			})); err != nil {
			return err
		}
	}
	var qids, texts []string
	var ns []int32
	for id, q := range l.quots {
		if q.changed {
			qids = append(qids, id)
			texts = append(texts, q.text)
			ns = append(ns, int32(q.n))
		}
	}
	if len(qids) > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO quotations(id, text, n_shingles)
			SELECT * FROM unnest($1::text[], $2::text[], $3::int[])
			ON CONFLICT (id) DO UPDATE SET text = excluded.text, n_shingles = excluded.n_shingles`, qids, texts, ns); err != nil {
			return err
		}
	}
	return nil
}

// uniq returns the distinct values of xs, sorted.
func uniq[T int64 | string](xs []T) []T {
	out := slices.Clone(xs)
	slices.Sort(out)
	return slices.Compact(out)
}
