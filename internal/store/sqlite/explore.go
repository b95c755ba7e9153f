package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/internal/store"
)

var _ store.Explorer = (*Store)(nil)

// Entity returns one entity merged across documents with a page of the
// articles that mention it.
func (s *Store) Entity(ctx context.Context, q store.EntityDocsQuery) (store.EntityDetail, error) {
	var e store.EntityDetail
	e.Name, e.Type = q.Name, q.Type
	err := s.db.QueryRowContext(ctx, `SELECT count(DISTINCT doc_id), coalesce(sum(mentions), 0), coalesce(max(country), '')
		FROM entities WHERE name = ? AND type = ?`, q.Name, q.Type).Scan(&e.Documents, &e.Mentions, &e.Country)
	if err != nil {
		return e, err
	}
	if e.Documents == 0 {
		return e, fmt.Errorf("entity %s: %w", store.EntityID(q.Type, q.Name), store.ErrNotFound)
	}
	e.Roles, e.Aliases, e.Docs = []string{}, []store.Alias{}, []store.EntityDoc{}
	roleCount := map[string]int{}
	rows, err := s.db.QueryContext(ctx, `SELECT roles FROM entities WHERE name = ? AND type = ? AND roles <> ''`, q.Name, q.Type)
	if err != nil {
		return e, err
	}
	for rows.Next() {
		var roles string
		if err := rows.Scan(&roles); err != nil {
			rows.Close()
			return e, err
		}
		for _, r := range strings.Split(roles, "; ") {
			if r != "" {
				if roleCount[r] == 0 {
					e.Roles = append(e.Roles, r)
				}
				roleCount[r]++
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return e, err
	}
	sortByCount(e.Roles, roleCount)
	if len(e.Roles) > 10 {
		e.Roles = e.Roles[:10]
	}
	rows, err = s.db.QueryContext(ctx, `SELECT aliases FROM entities WHERE name = ? AND type = ?`, q.Name, q.Type)
	if err != nil {
		return e, err
	}
	count := map[string]int{}
	for rows.Next() {
		var packed string
		if err := rows.Scan(&packed); err != nil {
			rows.Close()
			return e, err
		}
		if err := store.AddAliases(count, packed); err != nil {
			rows.Close()
			return e, err
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return e, err
	}
	e.Aliases = store.TopAliases(count, 10)
	rows, err = s.db.QueryContext(ctx, `SELECT d.id, d.title, d.source, d.url, d.published, e.mentions
		FROM entities e JOIN docs d ON d.id = e.doc_id WHERE e.name = ? AND e.type = ?
		ORDER BY d.published DESC NULLS LAST, d.rowid LIMIT ? OFFSET ?`, q.Name, q.Type, limitArg(q.Limit), max(q.Offset, 0))
	if err != nil {
		return e, err
	}
	defer rows.Close()
	for rows.Next() {
		var d store.EntityDoc
		var pub sql.NullString
		if err := rows.Scan(&d.ID, &d.Title, &d.Source, &d.URL, &pub, &d.Mentions); err != nil {
			return e, err
		}
		d.Published = parseTime(pub)
		e.Docs = append(e.Docs, d)
	}
	return e, rows.Err()
}

// sortByCount sorts names by descending count, stably.
func sortByCount(names []string, count map[string]int) {
	for i := 1; i < len(names); i++ {
		for j := i; j > 0 && count[names[j]] > count[names[j-1]]; j-- {
			names[j], names[j-1] = names[j-1], names[j]
		}
	}
}

// Graph aggregates the events matching q into weighted source→target edges.
func (s *Store) Graph(ctx context.Context, q store.GraphQuery) (store.Graph, error) {
	var where []string
	var args []any
	if q.Type != "" {
		where = append(where, "e.type = ?")
		args = append(args, strings.ToUpper(q.Type))
	}
	if q.Actor != "" {
		where = append(where, `(src.name LIKE ? ESCAPE '\' OR tgt.name LIKE ? ESCAPE '\')`)
		args = append(args, likeArg(q.Actor), likeArg(q.Actor))
	}
	window(q.Window, "e.day", &where, &args)
	sqlq := `SELECT src.name, max(src.type), max(src.country), tgt.name, max(tgt.type), max(tgt.country), e.type, count(*)
		FROM events e
		JOIN event_actors src ON src.doc_id = e.doc_id AND src.event_idx = e.idx AND src.role = 'source'
		JOIN event_actors tgt ON tgt.doc_id = e.doc_id AND tgt.event_idx = e.idx AND tgt.role = 'target'` +
		whereSQL(append(where, "src.name <> tgt.name")) +
		` GROUP BY src.name, tgt.name, e.type ORDER BY 8 DESC, 1, 4, 7 LIMIT ?`
	rows, err := s.db.QueryContext(ctx, sqlq, append(args, limitArg(q.Limit))...)
	if err != nil {
		return store.Graph{}, queryErr(err)
	}
	defer rows.Close()
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
	for rows.Next() {
		var sn, st, sc, tn, tt, tc, typ string
		var n int
		if err := rows.Scan(&sn, &st, &sc, &tn, &tt, &tc, &typ, &n); err != nil {
			return g, err
		}
		g.Edges = append(g.Edges, store.GraphEdge{Source: node(sn, st, sc, n), Target: node(tn, tt, tc, n), Type: typ, Weight: n})
	}
	return g, queryErr(rows.Err())
}

// Outlets lists the outlets with their article counts.
func (s *Store) Outlets(ctx context.Context, limit int) ([]store.Outlet, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT source, count(*) FROM docs WHERE source <> ''
		GROUP BY source ORDER BY 2 DESC, 1 LIMIT ?`, limitArg(limit))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []store.Outlet{}
	for rows.Next() {
		var o store.Outlet
		if err := rows.Scan(&o.Name, &o.Articles); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
