package postgres

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/newsgraph/newsgraph/internal/store"
)

var _ store.Explorer = (*Store)(nil)

// Entity returns one entity merged across documents with a page of the
// articles that mention it.
func (s *Store) Entity(ctx context.Context, q store.EntityDocsQuery) (store.EntityDetail, error) {
	var e store.EntityDetail
	e.Name, e.Type = q.Name, q.Type
	err := s.pool.QueryRow(ctx, `SELECT count(DISTINCT doc_id), coalesce(sum(mentions), 0), coalesce(max(country), '')
		FROM entities WHERE name = $1 AND type = $2`, pgText(q.Name), pgText(q.Type)).Scan(&e.Documents, &e.Mentions, &e.Country)
	if err != nil {
		return e, err
	}
	if e.Documents == 0 {
		return e, fmt.Errorf("entity %s: %w", store.EntityID(q.Type, q.Name), store.ErrNotFound)
	}
	e.Roles, e.Aliases, e.Docs = []string{}, []store.Alias{}, []store.EntityDoc{}

	// Roles in the order the SQLite store meets them (by document, in
	// ingest order), then stably by how often they occur.
	rows, err := s.pool.Query(ctx, `SELECT x.roles FROM entities x JOIN docs d ON d.id = x.doc_id
		WHERE x.name = $1 AND x.type = $2 AND x.roles <> '' ORDER BY d.seq, x.eid`, pgText(q.Name), pgText(q.Type))
	if err != nil {
		return e, err
	}
	count := map[string]int{}
	var roles string
	if _, err := pgx.ForEachRow(rows, []any{&roles}, func() error {
		for _, r := range strings.Split(roles, "; ") {
			if r != "" {
				if count[r] == 0 {
					e.Roles = append(e.Roles, r)
				}
				count[r]++
			}
		}
		return nil
	}); err != nil {
		return e, err
	}
	slices.SortStableFunc(e.Roles, func(a, b string) int { return count[b] - count[a] })
	if len(e.Roles) > 10 {
		e.Roles = e.Roles[:10]
	}

	rows, err = s.pool.Query(ctx, `SELECT aliases FROM entities WHERE name = $1 AND type = $2`, pgText(q.Name), pgText(q.Type))
	if err != nil {
		return e, err
	}
	aliases := map[string]int{}
	var packed string
	if _, err := pgx.ForEachRow(rows, []any{&packed}, func() error {
		return store.AddAliases(aliases, packed)
	}); err != nil {
		return e, err
	}
	e.Aliases = store.TopAliases(aliases, 10)

	var a args
	sqlq := `SELECT d.id, d.title, d.source, d.url, d.published, x.mentions
		FROM entities x JOIN docs d ON d.id = x.doc_id WHERE x.name = ` + a.add(pgText(q.Name)) + ` AND x.type = ` + a.add(pgText(q.Type)) +
		` ORDER BY d.published DESC NULLS LAST, d.seq` + page(q.Limit, q.Offset, &a)
	rows, err = s.pool.Query(ctx, sqlq, a...)
	if err != nil {
		return e, err
	}
	var d store.EntityDoc
	_, err = pgx.ForEachRow(rows, []any{&d.ID, &d.Title, &d.Source, &d.URL, &d.Published, &d.Mentions}, func() error {
		v := d
		v.Published = utc(d.Published)
		e.Docs = append(e.Docs, v)
		return nil
	})
	return e, err
}

// Graph aggregates the events matching q into weighted source→target edges.
func (s *Store) Graph(ctx context.Context, q store.GraphQuery) (store.Graph, error) {
	var where []string
	var a args
	if q.Type != "" {
		where = append(where, "e.type = "+a.add(strings.ToUpper(q.Type)))
	}
	if q.Actor != "" {
		p := a.add(likeArg(q.Actor))
		where = append(where, `(src.name ILIKE `+p+` ESCAPE '\' OR tgt.name ILIKE `+p+` ESCAPE '\')`)
	}
	dayWindow(q.Window, "e.day", &where, &a)
	sqlq := `SELECT src.name, max(src.type), max(src.country), tgt.name, max(tgt.type), max(tgt.country), e.type, count(*)
		FROM events e
		JOIN event_actors src ON src.doc_id = e.doc_id AND src.event_idx = e.idx AND src.role = 'source'
		JOIN event_actors tgt ON tgt.doc_id = e.doc_id AND tgt.event_idx = e.idx AND tgt.role = 'target'` +
		whereSQL(append(where, "src.name <> tgt.name")) +
		` GROUP BY src.name, tgt.name, e.type ORDER BY 8 DESC, 1, 4, 7 LIMIT ` + a.add(limitArg(q.Limit))
	rows, err := s.pool.Query(ctx, sqlq, a...)
	if err != nil {
		return store.Graph{}, queryErr(err)
	}
	g := store.Graph{Nodes: []store.GraphNode{}, Edges: []store.GraphEdge{}}
	index := map[string]int{}
	node := func(name, typ, country string, w int) string {
		id := store.EntityID(typ, name)
		i, ok := index[id]
		if !ok {
			i = len(g.Nodes)
			index[id] = i
			g.Nodes = append(g.Nodes, store.GraphNode{ID: id, Name: name, Type: typ, Country: country})
		}
		g.Nodes[i].Weight += w
		return id
	}
	var sn, st, sc, tn, tt, tc, typ string
	var n int
	_, err = pgx.ForEachRow(rows, []any{&sn, &st, &sc, &tn, &tt, &tc, &typ, &n}, func() error {
		g.Edges = append(g.Edges, store.GraphEdge{Source: node(sn, st, sc, n), Target: node(tn, tt, tc, n), Type: typ, Weight: n})
		return nil
	})
	return g, queryErr(err)
}

// Outlets lists the outlets with their article counts.
func (s *Store) Outlets(ctx context.Context, limit int) ([]store.Outlet, error) {
	rows, err := s.pool.Query(ctx, `SELECT source, count(*) FROM docs WHERE source <> ''
		GROUP BY source ORDER BY 2 DESC, 1 LIMIT $1`, limitArg(limit))
	if err != nil {
		return nil, err
	}
	out := []store.Outlet{}
	var o store.Outlet
	_, err = pgx.ForEachRow(rows, []any{&o.Name, &o.Articles}, func() error {
		out = append(out, o)
		return nil
	})
	return out, err
}
