// Package store keeps analysed documents and answers questions over them.
//
// Store is the interface every backend implements (sqlite/ now, PostgreSQL
// later); storetest.Run is the conformance suite they all pass. The pipeline
// and the command line see only this package: a document goes in as a
// Record (built by Prepare, in parallel, outside the writer) and comes out as
// query results, the types below.
//
// Documents are keyed by their content id (newsgraph.ContentID), so Put is
// idempotent: a document already stored is counted as a duplicate and left
// alone. Every Put is one transaction: after a crash a batch is either all
// there or not there at all.
package store

import (
	"context"
	"errors"
	"iter"
	"time"

	"github.com/newsgraph/newsgraph/doc"
)

// Store is a corpus of analysed documents. Implementations are safe for
// concurrent use; queries may run while a Put is in progress and see the
// corpus as of some committed batch.
type Store interface {
	// Put stores a batch of records and ingest errors in one transaction.
	// Records whose document id is already stored (or repeated within the
	// batch) are counted as duplicates and not written again. Errors are
	// keyed by (File, Record): storing the same failure again replaces it,
	// and a Record with that File and Item clears it.
	Put(ctx context.Context, b Batch) (PutResult, error)
	// Has reports whether a document with content id id is stored.
	Has(ctx context.Context, id string) (bool, error)
	// Doc returns the stored document with id, or an error wrapping ErrNotFound.
	Doc(ctx context.Context, id string) (*doc.Document, error)

	// SearchDocs runs a full-text search and yields hits best first.
	SearchDocs(ctx context.Context, q DocQuery) iter.Seq2[DocHit, error]
	// Quotes yields quotations as printed in each article, newest first.
	Quotes(ctx context.Context, q QuoteQuery) iter.Seq2[QuoteHit, error]
	// Quotations groups the quotes matching q by the statement they carry
	// (exact or lightly edited copies), most widely carried first.
	Quotations(ctx context.Context, q QuoteQuery) ([]Quotation, error)
	// Entities yields entities merged across documents by canonical name and
	// type, most widely mentioned first.
	Entities(ctx context.Context, q EntityQuery) iter.Seq2[EntitySummary, error]
	// Events yields coded events, newest first.
	Events(ctx context.Context, q EventQuery) iter.Seq2[EventHit, error]
	// Stories lists story clusters, biggest first.
	Stories(ctx context.Context, q StoryQuery) ([]Story, error)
	// Stats counts what is stored.
	Stats(ctx context.Context) (Stats, error)
	// Errors yields the stored ingest failures in the order they were met.
	Errors(ctx context.Context) iter.Seq2[IngestError, error]
	// Docs yields every stored document in ingest order (for export).
	Docs(ctx context.Context) iter.Seq2[*doc.Document, error]

	// Close releases the store.
	Close() error
}

// Sentinel errors; test with errors.Is.
var (
	// ErrNotFound is returned when a document is not stored.
	ErrNotFound = errors.New("not found")
	// ErrNotNewsgraph refuses a database that newsgraph did not create.
	ErrNotNewsgraph = errors.New("not a newsgraph database")
	// ErrTooNew refuses a database written by a newer newsgraph.
	ErrTooNew = errors.New("database schema is newer than this newsgraph")
	// ErrBadQuery reports a query the backend cannot parse (FTS syntax, say).
	ErrBadQuery = errors.New("bad query")
)

// Batch is what Put writes in one transaction.
type Batch struct {
	Records []*Record
	Errors  []IngestError
}

// PutResult counts what a Put did.
type PutResult struct {
	Added      int // documents newly stored
	Duplicates int // documents already stored (or twice in the batch)
	Errors     int // ingest errors recorded
}

// IngestError is one input that could not be ingested.
type IngestError struct {
	File   string    `json:"file"`   // the input file
	Record string    `json:"record"` // where in the file ("line 3", "item 2"); "" for the whole file
	Reason string    `json:"reason"`
	At     time.Time `json:"at"` // when it was last met
}

// Window is an inclusive range of days; a zero end is open.
type Window struct {
	From, To time.Time // days; To includes the whole day
}

// DocQuery is a full-text search over titles and texts.
type DocQuery struct {
	Match  string // FTS query (SQLite FTS5 syntax: words, "phrases", OR, NOT, prefix*)
	Limit  int    // 0: no limit
	Offset int    // hits skipped before the first one yielded
	Source string // the outlet, whole and case-insensitive; "" for any
	Window        // on the publication date; undated articles are left out when set
}

// DocHit is a document found by a search.
type DocHit struct {
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	Source    string     `json:"source"`
	URL       string     `json:"url"`
	Published *time.Time `json:"published"`
	Snippet   string     `json:"snippet"` // matches marked with [ and ]
	Rank      float64    `json:"rank"`    // lower is better
}

// QuoteQuery selects quotes. Empty fields do not filter.
type QuoteQuery struct {
	Speaker string // part of the speaker's name, case-insensitive
	About   string // FTS query over the quote text and speaker
	Window
	Limit int // 0: no limit
	// SpeakerName is the speaker's whole canonical name, case-insensitive.
	SpeakerName string
	Offset      int // quotes skipped before the first one yielded (not for Quotations)
}

// QuoteHit is one quotation in one article.
type QuoteHit struct {
	DocID       string     `json:"doc"`
	Index       int        `json:"index"` // in Document.Quotes
	Text        string     `json:"text"`
	Kind        string     `json:"kind"`
	Speaker     string     `json:"speaker"` // canonical name; "" when unattributed
	Cue         string     `json:"cue"`
	Quotation   string     `json:"quotation"` // id of the statement it carries
	Title       string     `json:"title"`
	Source      string     `json:"source"`
	URL         string     `json:"url"`
	Published   *time.Time `json:"published"`
	Start       int        `json:"start"` // byte offsets into the document text
	End         int        `json:"end"`
	IngestOrder int64      `json:"-"`
}

// Quotation is one statement as carried by one or more articles.
type Quotation struct {
	ID       string     `json:"id"`
	Text     string     `json:"text"` // the longest version
	Speaker  string     `json:"speaker"`
	Articles int        `json:"articles"`
	Outlets  []string   `json:"outlets"`
	First    QuoteHit   `json:"first"` // the earliest appearance
	Quotes   []QuoteHit `json:"quotes"`
}

// EntityQuery selects entities. Empty fields do not filter.
type EntityQuery struct {
	Type   string // PERSON, ORG, …
	Name   string // part of the canonical name, case-insensitive
	Limit  int
	Offset int // entities skipped before the first one yielded
}

// EntitySummary is one entity merged across documents.
type EntitySummary struct {
	Name      string `json:"name"`
	Type      string `json:"type"`
	Country   string `json:"country,omitempty"`
	Documents int    `json:"documents"`
	Mentions  int    `json:"mentions"`
}

// EventQuery selects events. Empty fields do not filter.
type EventQuery struct {
	Type    string // PLOVER type
	Actor   string // part of a source or target actor's name
	Country string // ISO 3166-1 alpha-3 of an actor or of the place
	Window         // on the event date, or the publication date when undated
	Limit   int
	// ActorName is a source or target actor's whole canonical name,
	// case-insensitive.
	ActorName string
	// Role restricts Actor and ActorName to the "source" or the "target"
	// actors; "" for either.
	Role   string
	Offset int // events skipped before the first one yielded
}

// EventHit is one coded event with its article.
type EventHit struct {
	DocID     string     `json:"doc"`
	Index     int        `json:"index"`
	Type      string     `json:"type"`
	Mode      string     `json:"mode,omitempty"`
	Status    string     `json:"status"`
	Source    []Actor    `json:"source"`
	Target    []Actor    `json:"target"`
	Location  string     `json:"location,omitempty"`
	Country   string     `json:"country,omitempty"` // of the location
	Date      string     `json:"date,omitempty"`
	Evidence  string     `json:"evidence"`
	Title     string     `json:"title"`
	Outlet    string     `json:"outlet"`
	URL       string     `json:"url"`
	Published *time.Time `json:"published"`
}

// Actor is a source or target of an event.
type Actor struct {
	Name    string `json:"name"`
	Country string `json:"country,omitempty"`
	Type    string `json:"type,omitempty"`
}

// StoryQuery selects story clusters.
type StoryQuery struct {
	About   string // FTS query: stories with at least one matching article
	MinDocs int    // smallest cluster listed; 0 means 2
	Limit   int
	ID      string // only the story with this id (of any size)
}

// Story is a cluster of articles about the same story.
type Story struct {
	ID       string     `json:"id"`
	Title    string     `json:"title"` // of the earliest article
	Articles []StoryDoc `json:"articles"`
	Outlets  []string   `json:"outlets"`
	First    *time.Time `json:"first"`
	Last     *time.Time `json:"last"`
}

// StoryDoc is an article of a story.
type StoryDoc struct {
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	Source    string     `json:"source"`
	URL       string     `json:"url"`
	Published *time.Time `json:"published"`
}

// Stats counts the stored corpus.
type Stats struct {
	Documents  int `json:"documents"`
	Quotes     int `json:"quotes"`
	Quotations int `json:"quotations"` // distinct statements
	Entities   int `json:"entities"`   // merged by name and type
	Mentions   int `json:"mentions"`
	Events     int `json:"events"`
	Stories    int `json:"stories"` // clusters of two articles or more
	Errors     int `json:"errors"`
	Schema     int `json:"schema_version"`
}
