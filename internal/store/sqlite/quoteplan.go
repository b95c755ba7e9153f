package sqlite

import (
	"context"

	"github.com/newsgraph/newsgraph/internal/store"
)

// manyQuotes is the number of matching quotes above which Quotes walks the
// articles newest first and stops at the page, rather than sorting every
// match.
const manyQuotes = 1000

// quotesFrom picks the FROM clause of a Quotes query, the plan SQLite
// would not find alone: a speaker's quotes are counted on the speaker
// index first; few are read through that index and sorted, many (or no
// speaker filter at all) are found by walking the articles newest first,
// which ends as soon as the page is full. none is true when no quote can
// match. A subject search (About) is left to the full-text index.
func (s *Store) quotesFrom(ctx context.Context, q store.QuoteQuery) (from string, none bool, err error) {
	const (
		byDefault = " FROM quotes q JOIN docs d ON d.id = q.doc_id"
		byDate    = " FROM docs d INDEXED BY docs_published CROSS JOIN quotes q ON q.doc_id = d.id"
		bySpeaker = " FROM quotes q INDEXED BY quotes_speaker JOIN docs d ON d.id = q.doc_id"
	)
	if q.About != "" {
		return byDefault, false, nil
	}
	if q.Speaker == "" && q.SpeakerName == "" {
		return byDate, false, nil
	}
	var n int
	if q.SpeakerName != "" {
		err = s.db.QueryRowContext(ctx, "SELECT count(*) FROM quotes WHERE speaker_name = ? COLLATE NOCASE", q.SpeakerName).Scan(&n)
	} else {
		err = s.db.QueryRowContext(ctx, `SELECT count(*) FROM quotes INDEXED BY quotes_speaker WHERE speaker_name LIKE ? ESCAPE '\'`,
			likeArg(q.Speaker)).Scan(&n)
	}
	switch {
	case err != nil:
		return "", false, err
	case n == 0:
		return "", true, nil
	case n > manyQuotes:
		return byDate, false, nil
	}
	return bySpeaker, false, nil
}
