// Package postgres is the store for many workers and big corpora: one
// PostgreSQL database (or a Citus cluster) through jackc/pgx v5, shared by
// any number of ingest processes on any number of machines and read by any
// number of servers.
//
// It keeps the schema of the SQLite store, adapted: full-text search is a
// tsvector column with a GIN index per searchable table (the 'simple'
// configuration, like FTS5's unicode61 tokenizer: lower-cased words, no
// stemming), queries go through websearch_to_tsquery, timestamps are
// timestamptz and every column that is sorted or compared is COLLATE "C", so
// that results come out in the same order as SQLite's. Every table that
// belongs to a document carries the document id, and its primary key starts
// or ends with it, so that the schema can be distributed by Citus with the
// document id as distribution key (see docs/scaling.md).
//
// Writes are idempotent: documents go in with INSERT … ON CONFLICT DO
// NOTHING, so two processes storing the same article never store it twice
// and never race between a check and an insert; a batch is one transaction.
// Bulk rows go in with COPY. Story clustering and quotation linking look at
// what is already stored, so writers take turns for that part (a
// transaction-level advisory lock) and the corpus ends up as if the batches
// had been written one after another, whichever process wrote them.
//
// The schema is versioned (migrations below, applied on Open in one
// transaction under an advisory lock, so that workers starting together
// migrate once), and Open refuses, writing nothing, a schema that newsgraph
// did not create or that a newer newsgraph has migrated.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsgraph/newsgraph/internal/store"
)

var _ store.Store = (*Store)(nil)

// ApplicationID marks a schema as newsgraph's: the value of
// meta.application_id, as in the SQLite store ("NGRH").
const ApplicationID = 0x4E475248

// Advisory lock keys (pg_advisory_xact_lock); arbitrary constants that
// spell "ngmigrat" and "ngwrite" in ASCII.
const (
	migrateLock int64 = 0x6e676d6967726174
	writeLock   int64 = 0x6e67777269746500
)

// DefaultMaxConns is the pool size when the URL does not set pool_max_conns:
// enough for one writer and a few readers, small enough that dozens of
// workers fit under PostgreSQL's default max_connections of 100.
const DefaultMaxConns = 4

// Store is a newsgraph corpus in a PostgreSQL database.
type Store struct {
	pool *pgxpool.Pool
	log  *slog.Logger
}

// migrations[i] brings the schema from version i to i+1. Never edit a
// released migration; append a new one.
var migrations = []string{
	// 1: documents, their facts, clustering keys, errors, the shard queue.
	`CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE docs (
	id        text COLLATE "C" PRIMARY KEY,  -- newsgraph.ContentID; distribution key
	seq       bigserial NOT NULL,            -- ingest order
	url       text NOT NULL DEFAULT '',
	source    text COLLATE "C" NOT NULL DEFAULT '',
	title     text NOT NULL DEFAULT '',
	author    text NOT NULL DEFAULT '',
	published timestamptz,
	path      text NOT NULL DEFAULT '',
	ingested  timestamptz NOT NULL,
	story     text COLLATE "C" NOT NULL,     -- id of the story cluster
	text      text NOT NULL,
	json      text NOT NULL,                 -- the whole document without text
	minhash   bytea,
	tsv       tsvector NOT NULL              -- title (weight A) and text (B)
);
CREATE INDEX docs_seq ON docs(seq);
CREATE INDEX docs_story ON docs(story);
CREATE INDEX docs_published ON docs(published);
-- A bigger pending list than the default 4 MB: writers then seldom merge it
-- into the index themselves (autovacuum does, in bulk), which makes
-- inserting a batch several times faster.
CREATE INDEX docs_tsv ON docs USING gin(tsv) WITH (gin_pending_list_limit = 32768);

CREATE TABLE quotes (
	doc_id       text COLLATE "C" NOT NULL,
	idx          integer NOT NULL,
	text         text NOT NULL,
	kind         text NOT NULL DEFAULT '',
	speaker      text NOT NULL DEFAULT '',  -- entity id within the document
	speaker_name text NOT NULL DEFAULT '',
	cue          text NOT NULL DEFAULT '',
	start_off    integer NOT NULL,
	end_off      integer NOT NULL,
	quotation    text COLLATE "C" NOT NULL,
	tsv          tsvector GENERATED ALWAYS AS (to_tsvector('simple', text || ' ' || speaker_name)) STORED,
	PRIMARY KEY (doc_id, idx)
);
CREATE INDEX quotes_quotation ON quotes(quotation);
CREATE INDEX quotes_tsv ON quotes USING gin(tsv) WITH (gin_pending_list_limit = 32768);

CREATE TABLE quotations (
	id         text COLLATE "C" PRIMARY KEY,  -- doc id and index of the first quote seen
	text       text NOT NULL,                 -- the longest version
	n_shingles integer NOT NULL
);
CREATE TABLE quote_shingles (
	hash      bigint NOT NULL,
	quotation text COLLATE "C" NOT NULL,
	PRIMARY KEY (hash, quotation)
);

CREATE TABLE entities (
	doc_id   text COLLATE "C" NOT NULL,
	eid      text NOT NULL,
	name     text COLLATE "C" NOT NULL,
	type     text COLLATE "C" NOT NULL,
	country  text COLLATE "C" NOT NULL DEFAULT '',
	sector   text NOT NULL DEFAULT '',
	roles    text NOT NULL DEFAULT '',  -- "; "-separated
	mentions integer NOT NULL,
	PRIMARY KEY (doc_id, eid)
);
CREATE INDEX entities_name ON entities(name, type);
CREATE TABLE mentions (
	doc_id    text COLLATE "C" NOT NULL,
	eid       text NOT NULL,
	idx       integer NOT NULL,
	start_off integer NOT NULL,
	end_off   integer NOT NULL,
	text      text NOT NULL,
	kind      text NOT NULL DEFAULT '',
	PRIMARY KEY (doc_id, eid, idx)
);

CREATE TABLE events (
	doc_id   text COLLATE "C" NOT NULL,
	idx      integer NOT NULL,
	type     text COLLATE "C" NOT NULL,
	mode     text NOT NULL DEFAULT '',
	status   text NOT NULL DEFAULT '',
	location text NOT NULL DEFAULT '',
	country  text COLLATE "C" NOT NULL DEFAULT '',
	date     text COLLATE "C" NOT NULL DEFAULT '',
	sentence integer NOT NULL DEFAULT 0,
	evidence text NOT NULL DEFAULT '',
	PRIMARY KEY (doc_id, idx)
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_date ON events(date);
CREATE TABLE event_actors (
	doc_id    text COLLATE "C" NOT NULL,
	event_idx integer NOT NULL,
	role      text COLLATE "C" NOT NULL,  -- source or target
	pos       integer NOT NULL,
	eid       text NOT NULL,
	name      text COLLATE "C" NOT NULL,
	type      text NOT NULL DEFAULT '',
	country   text COLLATE "C" NOT NULL DEFAULT '',
	PRIMARY KEY (doc_id, event_idx, role, pos)
);

CREATE TABLE doc_bands (
	band   bigint NOT NULL,
	doc_id text COLLATE "C" NOT NULL,
	PRIMARY KEY (band, doc_id)
);
CREATE TABLE story_keys (
	key    text COLLATE "C" NOT NULL,
	doc_id text COLLATE "C" NOT NULL,
	PRIMARY KEY (key, doc_id)
);

CREATE TABLE errors (
	file   text COLLATE "C" NOT NULL,
	record text COLLATE "C" NOT NULL,
	reason text NOT NULL,
	at     timestamptz NOT NULL,
	PRIMARY KEY (file, record)
);

CREATE TABLE shards (
	job         text COLLATE "C" NOT NULL,
	shard       text COLLATE "C" NOT NULL,  -- an input file
	bytes       bigint NOT NULL DEFAULT 0,  -- its size
	owner       text NOT NULL DEFAULT '',   -- the worker holding it
	lease_until timestamptz,                -- NULL: never claimed
	attempts    integer NOT NULL DEFAULT 0,
	done_at     timestamptz,
	PRIMARY KEY (job, shard)
);
CREATE INDEX shards_todo ON shards(job, shard) WHERE done_at IS NULL;`,
	// 2: the day an event is listed by, stored and indexed (Events and the
	// graph sort and filter on it, alone or after the type), as in the
	// SQLite schema.
	`ALTER TABLE events ADD COLUMN day text COLLATE "C";  -- date, else the published day (UTC); NULL when neither
UPDATE events SET day = date WHERE date <> '';
UPDATE events e SET day = to_char(d.published AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM docs d WHERE d.id = e.doc_id AND e.date = '';
CREATE INDEX events_day ON events(day DESC NULLS LAST);
DROP INDEX events_type;
CREATE INDEX events_type_day ON events(type, day DESC NULLS LAST);`,
	// 3: an entity's mentions packed into its row (store.EncodeAliases)
	// instead of a row per mention, as in the SQLite schema.
	`ALTER TABLE entities ADD COLUMN aliases text NOT NULL DEFAULT '';
UPDATE entities x SET aliases = a.packed FROM (
	SELECT doc_id, eid, string_agg(n || ' ' || octet_length(text) || ' ' || text, '' ORDER BY first) AS packed
	FROM (SELECT doc_id, eid, text, count(*) AS n, min(idx) AS first FROM mentions GROUP BY doc_id, eid, text) g
	GROUP BY doc_id, eid) a
WHERE a.doc_id = x.doc_id AND a.eid = x.eid;
DROP TABLE mentions;`,
	// 4: actors by whole name, whatever the case, and the distinct actor
	// names in lower case, which a search for part of a name scans instead
	// of every actor row (Events plans with them, as the SQLite store does
	// with its actors table).
	`CREATE INDEX event_actors_name ON event_actors (lower(name));
CREATE TABLE actor_names (key text COLLATE "C" PRIMARY KEY);  -- lower(event_actors.name)
INSERT INTO actor_names(key) SELECT DISTINCT lower(name) FROM event_actors;`,
}

// SchemaVersion is the schema version this binary writes.
var SchemaVersion = len(migrations)

// IsURL reports whether dsn names a PostgreSQL database (a postgres:// or
// postgresql:// URL) rather than a file.
func IsURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open connects to the PostgreSQL database at dsn (a postgres:// URL; the
// pgxpool parameters pool_max_conns and friends are honoured, and
// search_path picks the schema) and migrates its schema to SchemaVersion.
// It refuses with an error wrapping store.ErrNotNewsgraph or
// store.ErrTooNew, having written nothing, a schema that holds other tables
// or that is newer than this binary.
func Open(ctx context.Context, dsn string, log *slog.Logger) (*Store, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	if !strings.Contains(dsn, "pool_max_conns") {
		cfg.MaxConns = DefaultMaxConns
	}
	// Events streams its rows on one connection and reads actors on another.
	cfg.MaxConns = max(cfg.MaxConns, 2)
	cfg.MaxConnIdleTime = 5 * time.Minute
	cfg.MaxConnLifetime = time.Hour
	if cfg.ConnConfig.RuntimeParams["application_name"] == "" {
		cfg.ConnConfig.RuntimeParams["application_name"] = "newsgraph"
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", Redact(dsn), err)
	}
	s := &Store{pool: pool, log: log}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("%s: %w", Redact(dsn), err)
	}
	return s, nil
}

// Redact returns dsn with its password replaced by "xxxxx", for messages.
func Redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres database"
	}
	return u.Redacted()
}

// migrate checks that the schema is newsgraph's and applies the missing
// migrations, in one transaction under an advisory lock.
func (s *Store) migrate(ctx context.Context) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", migrateLock); err != nil {
			return err
		}
		ver, err := schemaVersion(ctx, tx)
		if err != nil {
			return err
		}
		if ver > SchemaVersion {
			return fmt.Errorf("%w: schema version %d, this binary knows up to %d; use a newer newsgraph", store.ErrTooNew, ver, SchemaVersion)
		}
		for v := ver; v < SchemaVersion; v++ {
			if _, err := tx.Exec(ctx, migrations[v]); err != nil {
				return fmt.Errorf("migration %d: %w", v+1, err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO meta(key, value) VALUES ('schema_version', $1), ('application_id', $2)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value`, strconv.Itoa(v+1), strconv.Itoa(ApplicationID)); err != nil {
				return fmt.Errorf("migration %d: %w", v+1, err)
			}
			s.log.Info("migrated database", "version", v+1)
		}
		return nil
	})
}

// schemaVersion returns the newsgraph schema version of the current schema:
// 0 when it is empty, an error wrapping store.ErrNotNewsgraph when it holds
// tables that are not newsgraph's.
func schemaVersion(ctx context.Context, tx pgx.Tx) (int, error) {
	var schema string
	var hasMeta bool
	var tables int
	err := tx.QueryRow(ctx, `SELECT current_schema(),
		to_regclass(quote_ident(current_schema()) || '.meta') IS NOT NULL,
		(SELECT count(*) FROM pg_tables WHERE schemaname = current_schema())`).Scan(&schema, &hasMeta, &tables)
	if err != nil {
		return 0, err
	}
	if !hasMeta {
		if tables > 0 {
			return 0, fmt.Errorf("%w: schema %q holds %d other tables", store.ErrNotNewsgraph, schema, tables)
		}
		return 0, nil
	}
	var app, ver string
	err = tx.QueryRow(ctx, `SELECT coalesce(max(value) FILTER (WHERE key = 'application_id'), ''),
		coalesce(max(value) FILTER (WHERE key = 'schema_version'), '') FROM meta`).Scan(&app, &ver)
	if err != nil {
		return 0, fmt.Errorf("%w: %v", store.ErrNotNewsgraph, err)
	}
	if app != strconv.Itoa(ApplicationID) {
		return 0, fmt.Errorf("%w (schema %q: application id %q, want %d)", store.ErrNotNewsgraph, schema, app, ApplicationID)
	}
	n, err := strconv.Atoi(ver)
	if err != nil {
		return 0, fmt.Errorf("%w: schema version %q", store.ErrNotNewsgraph, ver)
	}
	return n, nil
}

// Close closes the connection pool.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// Pool returns the connection pool, for tests and tools that inspect the
// database directly.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// errNoRows reports whether err means a query found no row.
func errNoRows(err error) bool { return errors.Is(err, pgx.ErrNoRows) }
