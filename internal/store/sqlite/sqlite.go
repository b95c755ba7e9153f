// Package sqlite is the embedded store: one SQLite file through the pure-Go
// modernc.org/sqlite driver, in WAL mode, with FTS5 indexes over article
// text and quotes.
//
// The schema is versioned (migrations below, applied on Open in one
// transaction each) and tagged with an application id, so that Open refuses,
// writing nothing, a file that newsgraph did not create or that a newer
// newsgraph has migrated.
package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"strconv"

	"github.com/newsgraph/newsgraph/internal/store"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

var _ store.Store = (*Store)(nil)

// ApplicationID marks a SQLite file as a newsgraph database ("NGRH").
const ApplicationID = 0x4E475248

// Store is a newsgraph corpus in one SQLite file.
type Store struct {
	db       *sql.DB
	log      *slog.Logger
	path     string
	speakers speakerTable // for Quotes by part of a speaker's name
}

// migrations[i] brings the schema from version i to i+1. Never edit a
// released migration; append a new one.
var migrations = []string{
	// 1: documents, their facts, clustering keys, errors.
	`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE docs (
	id        TEXT PRIMARY KEY,          -- newsgraph.ContentID
	url       TEXT NOT NULL DEFAULT '',
	source    TEXT NOT NULL DEFAULT '',
	title     TEXT NOT NULL DEFAULT '',
	author    TEXT NOT NULL DEFAULT '',
	published TEXT,                      -- RFC 3339, UTC; NULL when unknown
	path      TEXT NOT NULL DEFAULT '',
	ingested  TEXT NOT NULL,
	story     TEXT NOT NULL,             -- id of the story cluster
	text      TEXT NOT NULL,
	json      TEXT NOT NULL,             -- the whole document without text
	minhash   BLOB
);
CREATE INDEX docs_story ON docs(story);
CREATE INDEX docs_published ON docs(published);
CREATE VIRTUAL TABLE docs_fts USING fts5(title, text, content='docs', content_rowid='rowid');

CREATE TABLE quotes (
	doc_id       TEXT NOT NULL,
	idx          INTEGER NOT NULL,
	text         TEXT NOT NULL,
	kind         TEXT NOT NULL DEFAULT '',
	speaker      TEXT NOT NULL DEFAULT '',  -- entity id within the document
	speaker_name TEXT NOT NULL DEFAULT '',
	cue          TEXT NOT NULL DEFAULT '',
	start_off    INTEGER NOT NULL,
	end_off      INTEGER NOT NULL,
	quotation    TEXT NOT NULL,
	PRIMARY KEY (doc_id, idx)
);
CREATE INDEX quotes_quotation ON quotes(quotation);
CREATE INDEX quotes_speaker ON quotes(speaker_name COLLATE NOCASE);
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker_name, content='quotes', content_rowid='rowid');

CREATE TABLE quotations (
	id         TEXT PRIMARY KEY,   -- doc id and index of the first quote seen
	text       TEXT NOT NULL,      -- the longest version
	n_shingles INTEGER NOT NULL
);
CREATE TABLE quote_shingles (
	hash      INTEGER NOT NULL,
	quotation TEXT NOT NULL,
	PRIMARY KEY (hash, quotation)
) WITHOUT ROWID;

CREATE TABLE entities (
	doc_id   TEXT NOT NULL,
	eid      TEXT NOT NULL,
	name     TEXT NOT NULL,
	type     TEXT NOT NULL,
	country  TEXT NOT NULL DEFAULT '',
	sector   TEXT NOT NULL DEFAULT '',
	roles    TEXT NOT NULL DEFAULT '',  -- "; "-separated
	mentions INTEGER NOT NULL,
	PRIMARY KEY (doc_id, eid)
);
CREATE INDEX entities_name ON entities(name, type);
CREATE TABLE mentions (
	doc_id    TEXT NOT NULL,
	eid       TEXT NOT NULL,
	idx       INTEGER NOT NULL,
	start_off INTEGER NOT NULL,
	end_off   INTEGER NOT NULL,
	text      TEXT NOT NULL,
	kind      TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (doc_id, eid, idx)
);

CREATE TABLE events (
	doc_id   TEXT NOT NULL,
	idx      INTEGER NOT NULL,
	type     TEXT NOT NULL,
	mode     TEXT NOT NULL DEFAULT '',
	status   TEXT NOT NULL DEFAULT '',
	location TEXT NOT NULL DEFAULT '',
	country  TEXT NOT NULL DEFAULT '',
	date     TEXT NOT NULL DEFAULT '',
	sentence INTEGER NOT NULL DEFAULT 0,
	evidence TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (doc_id, idx)
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_date ON events(date);
CREATE TABLE event_actors (
	doc_id    TEXT NOT NULL,
	event_idx INTEGER NOT NULL,
	role      TEXT NOT NULL,        -- source or target
	pos       INTEGER NOT NULL,
	eid       TEXT NOT NULL,
	name      TEXT NOT NULL,
	type      TEXT NOT NULL DEFAULT '',
	country   TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (doc_id, event_idx, role, pos)
);
CREATE INDEX event_actors_name ON event_actors(name COLLATE NOCASE);

CREATE TABLE doc_bands (
	band   INTEGER NOT NULL,
	doc_id TEXT NOT NULL,
	PRIMARY KEY (band, doc_id)
) WITHOUT ROWID;
CREATE TABLE story_keys (
	key    TEXT NOT NULL,
	doc_id TEXT NOT NULL,
	PRIMARY KEY (key, doc_id)
) WITHOUT ROWID;

CREATE TABLE errors (
	file   TEXT NOT NULL,
	record TEXT NOT NULL,
	reason TEXT NOT NULL,
	at     TEXT NOT NULL,
	PRIMARY KEY (file, record)
);`,
	// 2: no query reads events(date) alone (they filter and sort on
	// coalesce(date, published day)), so its index only slowed writes.
	`DROP INDEX IF EXISTS events_date;`,
	// 3: the day an event is listed by, stored and indexed (Events and the
	// graph sort and filter on it, alone or after the type), and the distinct actor names with
	// their numbers of actor rows, which a search for part of a name scans
	// instead of every actor row.
	`ALTER TABLE events ADD COLUMN day TEXT;  -- date, else the published day (UTC); NULL when neither
UPDATE events SET day = coalesce(nullif(date, ''), (SELECT substr(published, 1, 10) FROM docs WHERE docs.id = events.doc_id));
CREATE INDEX events_day ON events(day);
DROP INDEX events_type;
CREATE INDEX events_type_day ON events(type, day);  -- also serves the order of events of one type
CREATE TABLE actors (
	name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,  -- one spelling per case-insensitive name
	n    INTEGER NOT NULL                           -- event_actors rows with the name
) WITHOUT ROWID;
INSERT INTO actors(name, n) SELECT name, count(*) FROM event_actors GROUP BY name COLLATE NOCASE;`,
	// 4: an entity's mentions packed into its row (store.EncodeAliases:
	// how often each surface form occurs) instead of a row per mention,
	// which no query read but for these counts; the offsets stay in the
	// document.
	`ALTER TABLE entities ADD COLUMN aliases TEXT NOT NULL DEFAULT '';
UPDATE entities SET aliases = coalesce((SELECT group_concat(n || ' ' || length(CAST(text AS BLOB)) || ' ' || text, '')
	FROM (SELECT text, count(*) AS n, min(idx) AS first FROM mentions m
		WHERE m.doc_id = entities.doc_id AND m.eid = entities.eid GROUP BY text ORDER BY first)), '');
DROP TABLE mentions;`,
}

// SchemaVersion is the schema version this binary writes.
var SchemaVersion = len(migrations)

// Open opens the newsgraph database at path, creating it when it does not
// exist, and migrates it to SchemaVersion. It refuses with an error wrapping
// store.ErrNotNewsgraph or store.ErrTooNew, having written nothing, a file
// that is not a newsgraph database or is newer than this binary.
func Open(ctx context.Context, path string, log *slog.Logger) (*Store, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	pageSize, err := checkFile(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if pageSize == 0 {
		if err := create(ctx, path); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		pageSize = newPageSize
	}
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)", "cache_size(-16000)", "temp_store(MEMORY)",
		fmt.Sprintf("wal_autocheckpoint(%d)", checkpointBytes/pageSize)} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(4) // each holds a page cache of up to 16 MB
	s := &Store{db: db, log: log, path: path}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// newPageSize is the page size of new databases, in bytes. Larger pages
// than SQLite's 4096 mean fewer write-ahead log frames, checksums and
// system calls per batch: BenchmarkPut spends about 13% less CPU.
const newPageSize = 16384

// checkpointBytes is the size in bytes the write-ahead log may reach
// before a commit copies it into the database.
const checkpointBytes = 64 << 20

// create starts a new database file with newPageSize pages, tagged with
// the application id; Open then switches it to WAL mode (after which the
// page size is fixed) and migrates it. The driver sets journal_mode before
// the other pragmas of a DSN, which is why this takes its own connection.
func create(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?_pragma=busy_timeout(10000)&_pragma=page_size("+strconv.Itoa(newPageSize)+")")
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, "PRAGMA application_id = "+strconv.Itoa(ApplicationID))
	return err
}

// checkFile reads the file header: a missing or empty file is fresh; a
// SQLite file must carry newsgraph's application id and a schema version
// this binary knows, or be an empty SQLite database. When a write-ahead log
// is left over from a crash the header may be stale, and the check is made
// through SQLite, read-only. It returns the page size of the database in
// bytes, 0 for a missing or empty file.
func checkFile(ctx context.Context, path string) (pageSize int, err error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var h [100]byte
	n, err := io.ReadFull(f, h[:])
	if n == 0 && err == io.EOF {
		return 0, nil
	}
	if n < len(h) || !bytes.HasPrefix(h[:], []byte("SQLite format 3\x00")) {
		return 0, fmt.Errorf("%w: not a SQLite file", store.ErrNotNewsgraph)
	}
	pageSize = int(binary.BigEndian.Uint16(h[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 {
		return 0, fmt.Errorf("%w: bad page size", store.ErrNotNewsgraph)
	}
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() > 0 {
		return pageSize, checkVersion(ctx, path)
	}
	app := binary.BigEndian.Uint32(h[68:72])
	ver := binary.BigEndian.Uint32(h[60:64])
	pages := binary.BigEndian.Uint32(h[28:32])
	if app == 0 && ver == 0 && pages <= 1 {
		return pageSize, nil // an empty SQLite database: ours to fill
	}
	return pageSize, checkIDs(int64(app), int64(ver))
}

func checkIDs(app, ver int64) error {
	if app != ApplicationID {
		return fmt.Errorf("%w (application id %#x, want %#x)", store.ErrNotNewsgraph, app, ApplicationID)
	}
	if int(ver) > SchemaVersion {
		return fmt.Errorf("%w: schema version %d, this binary knows up to %d; use a newer newsgraph", store.ErrTooNew, ver, SchemaVersion)
	}
	return nil
}

// checkVersion opens the file read-only and checks its application id and
// schema version.
func checkVersion(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	var app, ver int64
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&app); err != nil {
		return fmt.Errorf("%w: %v", store.ErrNotNewsgraph, err)
	}
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&ver); err != nil {
		return err
	}
	if app == 0 {
		var tables int
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
			return err
		}
		if tables == 0 {
			return nil
		}
	}
	return checkIDs(app, ver)
}

// migrate applies the missing migrations, one transaction each.
func (s *Store) migrate(ctx context.Context) error {
	var ver int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&ver); err != nil {
		return err
	}
	if ver > SchemaVersion { // raced with a newer binary
		return fmt.Errorf("%w: schema version %d, this binary knows up to %d", store.ErrTooNew, ver, SchemaVersion)
	}
	for v := ver; v < SchemaVersion; v++ {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		var cur int
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&cur); err != nil {
			tx.Rollback()
			return err
		}
		if cur > v { // another process migrated meanwhile
			tx.Rollback()
			v = cur - 1
			continue
		}
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", v+1, err)
		}
		stmts := []string{
			"PRAGMA application_id = " + strconv.Itoa(ApplicationID),
			"PRAGMA user_version = " + strconv.Itoa(v+1),
		}
		for _, st := range stmts {
			if _, err := tx.ExecContext(ctx, st); err != nil {
				tx.Rollback()
				return fmt.Errorf("migration %d: %w", v+1, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES ('schema_version', ?), ('application_id', ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, strconv.Itoa(v+1), strconv.Itoa(ApplicationID)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", v+1, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %d: %w", v+1, err)
		}
		s.log.Info("migrated database", "path", s.path, "version", v+1)
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }
