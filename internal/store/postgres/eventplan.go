package postgres

import (
	"context"
	"math"

	"github.com/newsgraph/newsgraph/internal/store"
)

// walkFactor weighs the two ways of answering an Events query with an
// actor filter, as in the SQLite store: the events of n matching actor rows
// are read by key and sorted when n² ≤ walkFactor × page × total actor
// rows, and otherwise found by walking the day index. A variable so that
// tests can force either way.
//
// A walk is first tried on the newest windowFactor × page × total / n
// events (at least minWindow), since an actor's events need not spread
// evenly over time; when they hold too few, the planner is left to it.
var (
	walkFactor   = 1.0
	windowFactor = 2.0
	minWindow    = 1000
)

// eventPlan is how an Events query with an actor filter reads the corpus.
type eventPlan struct {
	// docs and idx, when not nil, are the keys of the events whose actors
	// match the filter the plan covers (ActorName, else Actor); they
	// replace that filter.
	docs []string
	idx  []int32
	none bool // no event can match
	// window, when not 0, means the events are to be found by walking the
	// day index down to the newest window events: the actor filters are
	// then kept as subqueries run for each event (OFFSET 0 keeps the
	// planner from turning them into joins, which it does when it
	// underestimates how many actor rows match).
	window int
}

// eventsPlan reads the keys of the events an actor filter selects when
// they are few, which the planner cannot tell before the statistics of
// event_actors are gathered (and then reads a rare actor's events by
// walking every event newest first). Part of a name is matched against the
// distinct names in actor_names, a whole one through the lower(name) index.
func (s *Store) eventsPlan(ctx context.Context, q store.EventQuery) (eventPlan, error) {
	if q.Actor == "" && q.ActorName == "" || q.Limit <= 0 {
		return eventPlan{}, nil
	}
	var a args
	var cond string
	if q.ActorName != "" {
		cond = "lower(x.name) = lower(" + a.add(pgText(q.ActorName)) + "::text)"
	} else {
		var keys []string
		rows, err := s.pool.Query(ctx, `SELECT key FROM actor_names WHERE key ILIKE $1 ESCAPE '\'`, likeArg(q.Actor))
		if err != nil {
			return eventPlan{}, err
		}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return eventPlan{}, err
			}
			keys = append(keys, k)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return eventPlan{}, err
		}
		if len(keys) == 0 {
			return eventPlan{none: true}, nil
		}
		cond = "lower(x.name) = ANY(" + a.add(keys) + "::text[])"
	}
	if q.Role == "source" || q.Role == "target" {
		cond += " AND x.role = " + a.add(q.Role) + "::text"
	}
	var total float64 // estimated; -1 before the first ANALYZE
	if err := s.pool.QueryRow(ctx, "SELECT reltuples FROM pg_class WHERE oid = 'event_actors'::regclass").Scan(&total); err != nil {
		return eventPlan{}, err
	}
	if total <= 0 {
		total = 1e6
	}
	limit := int(math.Sqrt(walkFactor * float64(max(q.Offset, 0)+q.Limit) * total))
	rows, err := s.pool.Query(ctx, "SELECT x.doc_id, x.event_idx FROM event_actors x WHERE "+cond+" LIMIT "+a.add(limit+1), a...)
	if err != nil {
		return eventPlan{}, err
	}
	defer rows.Close()
	p := eventPlan{docs: []string{}, idx: []int32{}}
	for rows.Next() {
		var d string
		var i int32
		if err := rows.Scan(&d, &i); err != nil {
			return eventPlan{}, err
		}
		p.docs, p.idx = append(p.docs, d), append(p.idx, i)
	}
	if err := rows.Err(); err != nil {
		return eventPlan{}, err
	}
	switch {
	case len(p.docs) == 0:
		return eventPlan{none: true}, nil
	case len(p.docs) > limit:
		// Many: n ≥ limit; the window is sized by the estimate.
		return eventPlan{window: max(minWindow, int(windowFactor*float64(max(q.Offset, 0)+q.Limit)*total/float64(max(limit, 1))))}, nil
	}
	return p, nil
}
