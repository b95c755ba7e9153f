package sqlite

import (
	"context"

	"github.com/newsgraph/newsgraph/internal/store"
)

// Events plans: a walk down the day index reads about page × total / n
// events to fill a page with the n actor rows of the total that match;
// reading the n rows through the actor-name index and sorting them costs
// about as much per row (2–3 µs each), so the walk is taken when
// n² > walkFactor × page × total. An IN list holds at most manyActors
// names. Variables so that tests can force either plan.
//
// A walk is first tried on the newest windowFactor × page × total / n
// events (at least minWindow): when the actor's events are not spread
// evenly over time, it may find too few there, and the events are then
// read through the actor-name index and sorted after all.
var (
	walkFactor   = 1.0
	manyActors   = 500
	windowFactor = 2.0
	minWindow    = 1000
)

// The FROM clauses of the plans.
const (
	byDefault = " FROM events e JOIN docs d ON d.id = e.doc_id"
	byDay     = " FROM events e INDEXED BY events_day CROSS JOIN docs d ON d.id = e.doc_id"
	byTypeDay = " FROM events e INDEXED BY events_type_day CROSS JOIN docs d ON d.id = e.doc_id"
)

// eventPlan is how an Events query reads the corpus.
type eventPlan struct {
	from string // the FROM clause
	// names, when not nil, replaces the actor filter (Actor, or ActorName
	// when Actor is empty): an actor with one of these names, found
	// through the actor-name index.
	names []string
	none  bool // no event can match
	// window, when not 0, bounds a walk to the newest window events; names
	// are then those to read the events of when the walk falls short (nil:
	// the actor filter as it is, over every event).
	window int
}

// eventsPlan picks the plan of an Events query, which SQLite would not
// find alone. With an actor filter the actor rows are counted first on the
// actors table (part of a name is matched against the distinct names
// there, not against every actor row); few (for the size of the page and
// of the corpus) are read through the actor-name index and sorted, many
// are found by walking the events (of the type asked for, if any) newest
// day first, which ends as soon as the page is full. Without one, events
// of one type are read through the type-and-day index, others by walking
// the day index (SQLite 3.54 would rather sort them all).
func (s *Store) eventsPlan(ctx context.Context, q store.EventQuery) (eventPlan, error) {
	byDay := byDay
	if q.Type != "" {
		byDay = byTypeDay
	}
	var cond, arg string
	switch {
	case q.ActorName != "":
		cond, arg = "name = ?", q.ActorName // the column's collation: NOCASE
	case q.Actor != "":
		cond, arg = `name LIKE ? ESCAPE '\'`, likeArg(q.Actor)
	case q.Type != "":
		return eventPlan{from: byDefault}, nil // the type-and-day index
	default:
		return eventPlan{from: byDay}, nil
	}
	rows, err := s.db.QueryContext(ctx, "SELECT name, n FROM actors WHERE "+cond, arg)
	if err != nil {
		return eventPlan{}, err
	}
	defer rows.Close()
	names := []string{}
	n := 0
	for rows.Next() {
		var name string
		var k int
		if err := rows.Scan(&name, &k); err != nil {
			return eventPlan{}, err
		}
		names = append(names, name)
		n += k
	}
	if err := rows.Err(); err != nil {
		return eventPlan{}, err
	}
	if n == 0 {
		return eventPlan{none: true}, nil
	}
	var total int // actor rows in the corpus: none is ever deleted
	if err := s.db.QueryRowContext(ctx, "SELECT coalesce(max(rowid), 0) FROM event_actors").Scan(&total); err != nil {
		return eventPlan{}, err
	}
	page := max(q.Offset, 0) + q.Limit
	if len(names) > manyActors || q.Limit > 0 && float64(n)*float64(n) > walkFactor*float64(page)*float64(total) {
		w := eventPlan{from: byDay}
		if q.Limit > 0 {
			w.window = max(minWindow, int(windowFactor*float64(page)*float64(total)/float64(n)))
			if len(names) <= manyActors {
				w.names = names
			}
		}
		return w, nil
	}
	return eventPlan{from: byDefault, names: names}, nil
}
