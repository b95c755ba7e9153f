package api

import (
	"net/http"
	"strings"

	"github.com/newsgraph/newsgraph/internal/store"
)

// pageOf is one page of results.
type pageOf[T any] struct {
	Results []T    `json:"results"`
	Next    string `json:"next_cursor,omitempty"` // pass as cursor for the next page
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := store.DocQuery{Match: p.str("q"), Source: p.str("outlet"), Window: p.window(), Limit: p.limit(defaultLimit), Offset: p.cursor()}
	if p.err == nil && q.Match == "" {
		p.fail("q is required: the words to search for")
	}
	if p.err != nil {
		s.fail(w, r, p.err)
		return
	}
	n := q.Limit
	q.Limit++
	hits, more, err := withLiteral(q.Match, func(m string) ([]store.DocHit, bool, error) {
		q.Match = m
		return page(s.st.SearchDocs(r.Context(), q), n)
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, pageOf[store.DocHit]{Results: hits, Next: nextCursor(q.Offset, len(hits), more)})
}

func (s *Server) document(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !idRE.MatchString(id) {
		s.fail(w, r, badRequest("a document id is a hexadecimal hash"))
		return
	}
	d, err := s.st.Doc(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

// quoteQuery reads the filters shared by /api/quotes and /api/quotations.
func quoteQuery(p *params) store.QuoteQuery {
	q := store.QuoteQuery{Speaker: p.str("speaker"), About: p.str("about"), Window: p.window()}
	if id := p.str("speaker_id"); id != "" && p.err == nil {
		k, err := entityKey(id)
		if err != nil {
			p.err = err
		}
		q.SpeakerName = k.Name
	}
	return q
}

func (s *Server) quotes(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := quoteQuery(p)
	q.Limit, q.Offset = p.limit(defaultLimit), p.cursor()
	if p.err != nil {
		s.fail(w, r, p.err)
		return
	}
	n := q.Limit
	q.Limit++
	hits, more, err := withLiteral(q.About, func(a string) ([]store.QuoteHit, bool, error) {
		q.About = a
		return page(s.st.Quotes(r.Context(), q), n)
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, pageOf[store.QuoteHit]{Results: hits, Next: nextCursor(q.Offset, len(hits), more)})
}

func (s *Server) quotations(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := quoteQuery(p)
	q.Limit = p.limit(defaultLimit)
	if p.err != nil {
		s.fail(w, r, p.err)
		return
	}
	gs, _, err := withLiteral(q.About, func(a string) ([]store.Quotation, bool, error) {
		q.About = a
		gs, err := s.st.Quotations(r.Context(), q)
		return gs, false, err
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if gs == nil {
		gs = []store.Quotation{}
	}
	writeJSON(w, http.StatusOK, pageOf[store.Quotation]{Results: gs})
}

// entityOut is an entity as the API lists it: with its id.
type entityOut struct {
	ID string `json:"id"` // TYPE:Name, for /api/entities/{id}
	store.EntitySummary
}

func (s *Server) entities(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := store.EntityQuery{Type: p.code("type"), Name: p.str("name"), Limit: p.limit(defaultLimit), Offset: p.cursor()}
	if p.err != nil {
		s.fail(w, r, p.err)
		return
	}
	n := q.Limit
	q.Limit++
	es, more, err := page(s.st.Entities(r.Context(), q), n)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]entityOut, len(es))
	for i, e := range es {
		out[i] = entityOut{ID: store.EntityID(e.Type, e.Name), EntitySummary: e}
	}
	writeJSON(w, http.StatusOK, pageOf[entityOut]{Results: out, Next: nextCursor(q.Offset, len(es), more)})
}

// entityPage is everything the person and organisation page shows.
type entityPage struct {
	ID string `json:"id"`
	store.EntityDetail
	Next   string           `json:"next_cursor,omitempty"` // of Docs
	Quotes []store.QuoteHit `json:"quotes"`                // the latest quotes by it
	// QuotesByMonth counts its quotes per month of publication (YYYY-MM),
	// over its latest quoteSample quotes.
	QuotesByMonth []monthCount `json:"quotes_by_month"`
	// QuotesByDay counts them per day (YYYY-MM-DD), for short spans.
	QuotesByDay []monthCount `json:"quotes_by_day,omitempty"`
	Met         []partner    `json:"met"`     // whom it met (CONSULT events), most often first
	Accused     []eventOut   `json:"accused"` // ACCUSE events of which it is the target
	Events      []eventOut   `json:"events"`  // the latest events it took part in
}

// monthCount is a number of quotes in a month or on a day.
type monthCount struct {
	Month string `json:"month"` // YYYY-MM, or YYYY-MM-DD in QuotesByDay
	Count int    `json:"count"`
}

// counter counts keys in order of first appearance.
type counter struct {
	n     map[string]int
	order []string
}

func (c *counter) add(k string) {
	if c.n == nil {
		c.n = map[string]int{}
	}
	if c.n[k] == 0 {
		c.order = append(c.order, k)
	}
	c.n[k]++
}

// oldestFirst returns the counts of keys met newest first, oldest first.
func (c *counter) oldestFirst() []monthCount {
	out := make([]monthCount, 0, len(c.order))
	for i := len(c.order) - 1; i >= 0; i-- {
		out = append(out, monthCount{c.order[i], c.n[c.order[i]]})
	}
	return out
}

type partner struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Type  string `json:"type,omitempty"`
	Count int    `json:"count"`
}

// Sample sizes of the entity page.
const (
	quoteSample   = 2000 // quotes counted by month
	consultSample = 500  // CONSULT events searched for partners
)

func (s *Server) entity(w http.ResponseWriter, r *http.Request) {
	if s.x == nil {
		writeError(w, http.StatusNotImplemented, "this store cannot list entities by id")
		return
	}
	k, err := entityKey(r.PathValue("id"))
	p := newParams(r)
	limit, offset := p.limit(defaultLimit), p.cursor()
	if err == nil {
		err = p.err
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	e, err := s.x.Entity(ctx, store.EntityDocsQuery{EntityKey: k, Limit: limit + 1, Offset: offset})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := entityPage{ID: store.EntityID(k.Type, k.Name), EntityDetail: e, Quotes: []store.QuoteHit{}}
	if len(e.Docs) > limit {
		out.Docs = e.Docs[:limit]
		out.Next = nextCursor(offset, limit, true)
	}
	var months, days counter
	for h, err := range s.st.Quotes(ctx, store.QuoteQuery{SpeakerName: k.Name, Limit: quoteSample}) {
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if len(out.Quotes) < defaultLimit {
			out.Quotes = append(out.Quotes, h)
		}
		if h.Published != nil {
			months.add(h.Published.Format("2006-01"))
			days.add(h.Published.Format("2006-01-02"))
		}
	}
	out.QuotesByMonth = months.oldestFirst()
	if len(out.QuotesByMonth) <= 3 {
		out.QuotesByDay = days.oldestFirst()
	}
	if out.Met, err = s.partners(r, k); err != nil {
		s.fail(w, r, err)
		return
	}
	if out.Accused, _, err = s.eventPage(r, store.EventQuery{Type: "ACCUSE", ActorName: k.Name, Role: "target", Limit: defaultLimit}); err != nil {
		s.fail(w, r, err)
		return
	}
	if out.Events, _, err = s.eventPage(r, store.EventQuery{ActorName: k.Name, Limit: defaultLimit}); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// partners counts the other actors of the CONSULT events of k.
func (s *Server) partners(r *http.Request, k store.EntityKey) ([]partner, error) {
	count := map[string]*partner{}
	var order []*partner
	for h, err := range s.st.Events(r.Context(), store.EventQuery{Type: "CONSULT", ActorName: k.Name, Limit: consultSample}) {
		if err != nil {
			return nil, err
		}
		seen := map[string]bool{}
		for _, a := range append(append([]store.Actor{}, h.Source...), h.Target...) {
			if strings.EqualFold(a.Name, k.Name) || seen[a.Name] {
				continue
			}
			seen[a.Name] = true
			id := store.EntityID(a.Type, a.Name)
			if count[id] == nil {
				count[id] = &partner{ID: id, Name: a.Name, Type: a.Type}
				order = append(order, count[id])
			}
			count[id].Count++
		}
	}
	out := make([]partner, 0, len(order))
	for _, p := range order {
		out = append(out, *p)
	}
	sortPartners(out)
	if len(out) > 30 {
		out = out[:30]
	}
	return out, nil
}

func sortPartners(ps []partner) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].Count > ps[j-1].Count; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

func (s *Server) stories(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := store.StoryQuery{About: p.str("q"), MinDocs: p.num("min", 2, 1, 1000)}
	limit, offset := p.limit(defaultLimit), p.cursor()
	if p.err != nil {
		s.fail(w, r, p.err)
		return
	}
	q.Limit = offset + limit + 1
	sts, _, err := withLiteral(q.About, func(a string) ([]store.Story, bool, error) {
		q.About = a
		sts, err := s.st.Stories(r.Context(), q)
		return sts, false, err
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if sts == nil {
		sts = []store.Story{}
	}
	sts = sts[min(offset, len(sts)):]
	more := len(sts) > limit
	sts = sts[:min(limit, len(sts))]
	writeJSON(w, http.StatusOK, pageOf[store.Story]{Results: sts, Next: nextCursor(offset, len(sts), more)})
}

func (s *Server) story(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !idRE.MatchString(id) {
		s.fail(w, r, badRequest("a story id is a hexadecimal hash"))
		return
	}
	sts, err := s.st.Stories(r.Context(), store.StoryQuery{ID: id})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(sts) == 0 || sts[0].ID != id {
		s.fail(w, r, store.ErrNotFound)
		return
	}
	writeJSON(w, http.StatusOK, sts[0])
}

func (s *Server) graph(w http.ResponseWriter, r *http.Request) {
	if s.x == nil {
		writeError(w, http.StatusNotImplemented, "this store cannot draw graphs")
		return
	}
	p := newParams(r)
	q := store.GraphQuery{Type: p.code("type"), Actor: p.str("actor"), Window: p.window(), Limit: p.num("limit", 150, 1, 2000)}
	if p.err != nil {
		s.fail(w, r, p.err)
		return
	}
	g, err := s.x.Graph(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, g)
}

func (s *Server) stats(w http.ResponseWriter, r *http.Request) {
	v, err := s.cachedValue("stats", func() (any, error) { return s.st.Stats(r.Context()) })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func (s *Server) outlets(w http.ResponseWriter, r *http.Request) {
	if s.x == nil {
		writeJSON(w, http.StatusOK, pageOf[store.Outlet]{Results: []store.Outlet{}})
		return
	}
	v, err := s.cachedValue("outlets", func() (any, error) { return s.x.Outlets(r.Context(), 500) })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, pageOf[store.Outlet]{Results: v.([]store.Outlet)})
}
