package api

import (
	"net/http"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/internal/geo"
	"github.com/newsgraph/newsgraph/internal/store"
)

// eventOut is an event with the coordinates of its location, when the
// gazetteer knows it, for the map.
type eventOut struct {
	store.EventHit
	Lat *float64 `json:"lat,omitempty"`
	Lon *float64 `json:"lon,omitempty"`
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := store.EventQuery{Type: p.code("type"), Actor: p.str("actor"), Country: p.country("country"), Window: p.window(),
		Limit: p.limit(defaultLimit), Offset: p.cursor()}
	switch role := p.str("role"); role {
	case "", "source", "target":
		q.Role = role
	default:
		p.fail("role must be source or target")
	}
	if id := p.str("actor_id"); id != "" && p.err == nil {
		k, err := entityKey(id)
		if err != nil {
			p.err = err
		}
		q.ActorName = k.Name
	}
	if p.err != nil {
		s.fail(w, r, p.err)
		return
	}
	evs, more, err := s.eventPage(r, q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, pageOf[eventOut]{Results: evs, Next: nextCursor(q.Offset, len(evs), more)})
}

// eventPage returns at most q.Limit events matching q with their
// coordinates, and whether there are more.
func (s *Server) eventPage(r *http.Request, q store.EventQuery) ([]eventOut, bool, error) {
	n := q.Limit
	q.Limit++
	evs, more, err := page(s.st.Events(r.Context(), q), n)
	if err != nil {
		return nil, false, err
	}
	out := make([]eventOut, len(evs))
	for i, e := range evs {
		out[i] = eventOut{EventHit: e}
		if pl, ok := geocode(e.Location, e.Country); ok {
			out[i].Lat, out[i].Lon = &pl.Lat, &pl.Lon
		}
	}
	return out, more, nil
}

// geocoded caches geocode's answers; places named in events are few.
var geocoded sync.Map // location + "|" + country → geo.Place

// geocode finds the coordinates of an event's location ("Anchorage,
// Alaska, US"): the first place its first part may name, in the event's
// country when that is known.
func geocode(location, country string) (geo.Place, bool) {
	if location == "" {
		return geo.Place{}, false
	}
	key := location + "|" + country
	if v, ok := geocoded.Load(key); ok {
		p := v.(geo.Place)
		return p, !p.IsZero()
	}
	name, _, _ := strings.Cut(location, ",")
	var found geo.Place
	for _, p := range geo.Lookup(strings.TrimSpace(name)) {
		if (country == "" || p.Country == country) && (p.Lat != 0 || p.Lon != 0) {
			found = p
			break
		}
	}
	if country != "" && found.IsZero() {
		for _, p := range geo.Lookup(geo.CountryName(country)) {
			if p.Kind == geo.Country {
				found = p
				break
			}
		}
	}
	geocoded.Store(key, found)
	return found, !found.IsZero()
}
