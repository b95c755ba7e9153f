package sqlite

import (
	"context"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/internal/store"
)

// Quotes plans: how many matching quotes are too many to read through the
// speaker index and sort, and how many speaker names an IN list may hold.
const (
	manyQuotes   = 1000
	manySpeakers = 500
)

// quotePlan is how a Quotes query reads the corpus.
type quotePlan struct {
	from     string   // the FROM clause
	speakers []string // when not nil, replaces the Speaker filter: one of these names
	none     bool     // no quote can match
	// walk is true when the plan walks the articles newest first: the
	// speaker index must then not be used inside that loop.
	walk bool
}

// quotesPlan picks the plan of a Quotes query, which SQLite would not
// find alone: a speaker's quotes are counted first (part of a name on the
// cached table of speaker names, a whole name on the speaker index); few
// are read through the speaker index and sorted, many (or no speaker filter
// at all) are found by walking the articles newest first, which ends as
// soon as the page is full. A subject search (About) is left to the
// full-text index.
func (s *Store) quotesPlan(ctx context.Context, q store.QuoteQuery) (quotePlan, error) {
	const (
		byDefault = " FROM quotes q JOIN docs d ON d.id = q.doc_id"
		byDate    = " FROM docs d INDEXED BY docs_published CROSS JOIN quotes q ON q.doc_id = d.id"
		bySpeaker = " FROM quotes q INDEXED BY quotes_speaker JOIN docs d ON d.id = q.doc_id"
	)
	if q.About != "" {
		return quotePlan{from: byDefault}, nil
	}
	if q.Speaker == "" && q.SpeakerName == "" {
		return quotePlan{from: byDate, walk: true}, nil
	}
	var n int
	var names []string
	if q.SpeakerName != "" {
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM quotes WHERE speaker_name = ? COLLATE NOCASE", q.SpeakerName).Scan(&n); err != nil {
			return quotePlan{}, err
		}
	} else {
		var err error
		if names, n, err = s.speakers.like(ctx, s, q.Speaker); err != nil {
			return quotePlan{}, err
		}
	}
	switch {
	case n == 0:
		return quotePlan{none: true}, nil
	case n > manyQuotes || len(names) > manySpeakers:
		return quotePlan{from: byDate, walk: true}, nil
	}
	return quotePlan{from: bySpeaker, speakers: names}, nil
}

// speakerTable caches the distinct speaker names and their numbers of
// quotes, rebuilt when quotes have been added since.
type speakerTable struct {
	mu     sync.Mutex
	stamp  int64 // max(rowid) of quotes when built
	built  bool
	names  []string
	lower  []string
	counts []int
}

// like returns the speaker names that contain part (case-insensitively),
// and their number of quotes.
func (t *speakerTable) like(ctx context.Context, s *Store, part string) (names []string, n int, err error) {
	var stamp int64
	if err := s.db.QueryRowContext(ctx, "SELECT coalesce(max(rowid), 0) FROM quotes").Scan(&stamp); err != nil {
		return nil, 0, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.built || stamp != t.stamp {
		if err := t.build(ctx, s); err != nil {
			return nil, 0, err
		}
		t.stamp, t.built = stamp, true
	}
	part = strings.ToLower(part)
	for i, l := range t.lower {
		if strings.Contains(l, part) {
			names = append(names, t.names[i])
			n += t.counts[i]
		}
	}
	return names, n, nil
}

func (t *speakerTable) build(ctx context.Context, s *Store) error {
	rows, err := s.db.QueryContext(ctx, `SELECT speaker_name, count(*) FROM quotes INDEXED BY quotes_speaker
		WHERE speaker_name <> '' GROUP BY speaker_name COLLATE NOCASE`)
	if err != nil {
		return err
	}
	defer rows.Close()
	t.names, t.lower, t.counts = t.names[:0], t.lower[:0], t.counts[:0]
	for rows.Next() {
		var name string
		var n int
		if err := rows.Scan(&name, &n); err != nil {
			return err
		}
		t.names = append(t.names, name)
		t.lower = append(t.lower, strings.ToLower(name))
		t.counts = append(t.counts, n)
	}
	return rows.Err()
}
