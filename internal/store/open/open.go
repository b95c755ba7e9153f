// Package open picks the store backend for a database name, so that every
// command and the server open the corpus the same way: a postgres:// or
// postgresql:// URL is a PostgreSQL database (store/postgres), anything
// else the path of a SQLite file (store/sqlite).
package open

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/postgres"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// EnvDB is the environment variable naming the database when --db is not
// given.
const EnvDB = "NEWSGRAPH_DB"

// ErrNeedsPostgres refuses work that only a PostgreSQL store can do.
var ErrNeedsPostgres = errors.New("needs a PostgreSQL database (--db postgres://…)")

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool { return postgres.IsURL(dsn) }

// Open opens the corpus named by dsn, creating and migrating it as needed:
// PostgreSQL for a postgres:// URL, else a SQLite file at that path. log
// may be nil.
func Open(ctx context.Context, dsn string, log *slog.Logger) (store.Store, error) {
	if IsPostgres(dsn) {
		return postgres.Open(ctx, dsn, log)
	}
	return sqlite.Open(ctx, dsn, log)
}

// DSN returns the database a command uses: the value of fs's flag name
// when it was given on the command line, else $NEWSGRAPH_DB when set, else
// the flag's default. Call it after fs.Parse.
func DSN(fs *flag.FlagSet, name string) string {
	f := fs.Lookup(name)
	if f == nil {
		return os.Getenv(EnvDB)
	}
	set := false
	fs.Visit(func(g *flag.Flag) {
		if g.Name == name {
			set = true
		}
	})
	if env := os.Getenv(EnvDB); !set && env != "" {
		return env
	}
	return f.Value.String()
}

// Describe names dsn for messages: a URL without its password, or the path.
func Describe(dsn string) string {
	if IsPostgres(dsn) {
		return postgres.Redact(dsn)
	}
	return dsn
}

// Queue runs one worker of the shared ingest job named job on a PostgreSQL
// store: it registers the files under paths as shards of the job (other
// workers register theirs; overlaps are one shard), then claims shards a
// few at a time and calls ingest with each claim until the whole job is
// done, taking over the shards of workers whose lease (0: one minute) ran
// out. It refuses a store that is not PostgreSQL with ErrNeedsPostgres.
func Queue(ctx context.Context, st store.Store, job string, lease time.Duration, paths []string,
	ingest func(ctx context.Context, files []string) error) error {
	pg, ok := st.(*postgres.Store)
	if !ok {
		return fmt.Errorf("--queue %w", ErrNeedsPostgres)
	}
	q := pg.Queue(job, postgres.QueueOptions{Lease: lease})
	if _, err := q.Add(ctx, postgres.InputShards(paths)); err != nil {
		return fmt.Errorf("register shards: %w", err)
	}
	return q.Work(ctx, ingest)
}
