package store

import (
	"context"
	"time"
)

// Explorer is implemented by stores that answer the entity-centred
// questions of the web interface: one entity with the articles that mention
// it, the actor network, the outlets. The HTTP API serves these routes only
// when its store is an Explorer; storetest.RunExplorer is their conformance
// suite.
type Explorer interface {
	// Entity returns the entity with exactly key's name and type, merged
	// across documents, with the articles that mention it (newest first,
	// q.Offset skipped, at most q.Limit), or an error wrapping ErrNotFound.
	Entity(ctx context.Context, q EntityDocsQuery) (EntityDetail, error)
	// Graph returns actors as nodes and the events between them as edges
	// weighted by the number of events, heaviest first.
	Graph(ctx context.Context, q GraphQuery) (Graph, error)
	// Outlets lists the outlets (Document.Source) with their article
	// counts, biggest first.
	Outlets(ctx context.Context, limit int) ([]Outlet, error)
}

// EntityKey names an entity merged across documents.
type EntityKey struct {
	Name string // the canonical name, exactly
	Type string // PERSON, ORG, …
}

// EntityDocsQuery asks for one entity and a page of the articles that mention it.
type EntityDocsQuery struct {
	EntityKey
	Limit  int // articles listed; 0: no limit
	Offset int // articles skipped
}

// EntityDetail is one entity across the corpus.
type EntityDetail struct {
	EntitySummary
	Roles   []string    `json:"roles"`   // the roles and titles it was given, most frequent first
	Aliases []Alias     `json:"aliases"` // how it is written, most frequent first
	Docs    []EntityDoc `json:"docs"`    // the requested page of articles
}

// Alias is one surface form of an entity with its number of mentions.
type Alias struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
}

// EntityDoc is an article that mentions an entity.
type EntityDoc struct {
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	Source    string     `json:"source"`
	URL       string     `json:"url"`
	Published *time.Time `json:"published"`
	Mentions  int        `json:"mentions"` // in this article
}

// GraphQuery selects the events drawn as a graph. Empty fields do not filter.
type GraphQuery struct {
	Type  string // PLOVER type
	Actor string // part of an actor's name: edges touching such an actor
	Window
	Limit int // edges; 0: no limit
}

// Graph is an actor network: who did what to whom, how often.
type Graph struct {
	Nodes []GraphNode `json:"nodes"`
	Edges []GraphEdge `json:"edges"`
}

// GraphNode is an actor. Its ID is its name and type, as in the API's
// entity ids ("PERSON:Donald Trump").
type GraphNode struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Type    string `json:"type,omitempty"`
	Country string `json:"country,omitempty"`
	Weight  int    `json:"weight"` // events on its edges
}

// GraphEdge is the events of one type from a source actor to a target actor.
type GraphEdge struct {
	Source string `json:"source"` // GraphNode.ID
	Target string `json:"target"`
	Type   string `json:"type"` // PLOVER type
	Weight int    `json:"weight"`
}

// Outlet is a source of articles.
type Outlet struct {
	Name     string `json:"name"`
	Articles int    `json:"articles"`
}

// EntityID is the id of an entity merged across documents: its type and
// canonical name joined by a colon ("PERSON:Donald Trump").
func EntityID(typ, name string) string { return typ + ":" + name }
