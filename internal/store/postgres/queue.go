package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Queue is the work table of one shared ingest job: its shards (input
// files) are registered by every worker that joins the job, claimed a few
// at a time with FOR UPDATE SKIP LOCKED, so that no two workers hold the
// same shard, and held under a lease that the worker renews while it works.
// A worker that dies stops renewing; when its lease runs out its shards are
// claimed again by whichever worker asks next. Leases are measured by the
// database's clock, so the workers' clocks do not matter.
//
// A shard that was half done when its worker died is done again from the
// start: its documents that were stored already are duplicates, which Put
// skips, so the job ends with every document stored exactly once.
type Queue struct {
	s     *Store
	job   string
	owner string
	opts  QueueOptions
}

// QueueOptions configure a Queue; the zero value works.
type QueueOptions struct {
	// Lease is how long a claimed shard stays with its worker without a
	// renewal; 0 means one minute. The worker renews it every third of that.
	Lease time.Duration
	// Claim is the most shards claimed at a time; 0 means 64.
	Claim int
	// ClaimBytes bounds the input bytes claimed at a time (but one shard
	// is always claimed, however big); 0 means 8 MB. Claims of about that
	// much let ingest write full batches, and leave little work to one
	// worker at the end of a job.
	ClaimBytes int64
	// Owner names this worker in the table; "" means host:pid:random.
	Owner string
}

// Queue returns the work table of job, for one worker.
func (s *Store) Queue(job string, o QueueOptions) *Queue {
	if o.Lease <= 0 {
		o.Lease = time.Minute
	}
	if o.Claim <= 0 {
		o.Claim = 64
	}
	if o.ClaimBytes <= 0 {
		o.ClaimBytes = 8 << 20
	}
	if o.Owner == "" {
		host, _ := os.Hostname()
		var b [4]byte
		rand.Read(b[:])
		o.Owner = fmt.Sprintf("%s:%d:%s", host, os.Getpid(), hex.EncodeToString(b[:]))
	}
	return &Queue{s: s, job: job, owner: o.Owner, opts: o}
}

// Owner returns the name this worker holds shards under.
func (q *Queue) Owner() string { return q.owner }

// Shard is an input file of a job.
type Shard struct {
	Path  string
	Bytes int64 // its size, to size claims by
}

// Add registers shards; shards registered already (by this worker or any
// other) are left as they are. It returns the number newly registered.
func (q *Queue) Add(ctx context.Context, shards []Shard) (int, error) {
	if len(shards) == 0 {
		return 0, nil
	}
	paths := make([]string, len(shards))
	sizes := make([]int64, len(shards))
	for i, sh := range shards {
		paths[i], sizes[i] = sh.Path, sh.Bytes
	}
	tag, err := q.s.pool.Exec(ctx, `INSERT INTO shards(job, shard, bytes) SELECT $1, p, b FROM unnest($2::text[], $3::bigint[]) AS x(p, b)
		ORDER BY p ON CONFLICT DO NOTHING`, q.job, paths, sizes)
	return int(tag.RowsAffected()), err
}

// Claim takes up to n shards, and no more than ClaimBytes of input beyond
// the first, that are neither done nor held under a live lease, skipping
// rows that other workers are claiming at this moment.
func (q *Queue) Claim(ctx context.Context, n int) ([]string, error) {
	rows, err := q.s.pool.Query(ctx, `WITH c AS (
			SELECT job, shard, bytes FROM shards
			WHERE job = $1 AND done_at IS NULL AND (lease_until IS NULL OR lease_until < clock_timestamp())
			ORDER BY shard LIMIT $4 FOR UPDATE SKIP LOCKED),
		pick AS (
			SELECT job, shard FROM (SELECT job, shard, sum(bytes) OVER (ORDER BY shard) - bytes AS before FROM c) x
			WHERE before < $5)
		UPDATE shards s SET owner = $2, lease_until = clock_timestamp() + $3::bigint * interval '1 millisecond',
			attempts = s.attempts + 1
		FROM pick WHERE s.job = pick.job AND s.shard = pick.shard RETURNING s.shard`,
		q.job, q.owner, q.opts.Lease.Milliseconds(), n, q.opts.ClaimBytes)
	if err != nil {
		return nil, err
	}
	got, err := pgx.CollectRows(rows, pgx.RowTo[string])
	sort.Strings(got)
	return got, err
}

// Renew extends the lease on shards this worker holds and has not finished.
func (q *Queue) Renew(ctx context.Context, shards []string) error {
	_, err := q.s.pool.Exec(ctx, `UPDATE shards SET lease_until = clock_timestamp() + $4::bigint * interval '1 millisecond'
		WHERE job = $1 AND shard = ANY($2) AND owner = $3 AND done_at IS NULL`, q.job, shards, q.owner, q.opts.Lease.Milliseconds())
	return err
}

// Done marks shards finished: every record in them is stored.
func (q *Queue) Done(ctx context.Context, shards []string) error {
	_, err := q.s.pool.Exec(ctx, `UPDATE shards SET done_at = clock_timestamp(), lease_until = NULL
		WHERE job = $1 AND shard = ANY($2) AND done_at IS NULL`, q.job, shards)
	return err
}

// Release gives up the lease on shards this worker holds and has not
// finished, so that other workers can claim them at once.
func (q *Queue) Release(ctx context.Context, shards []string) error {
	_, err := q.s.pool.Exec(ctx, `UPDATE shards SET lease_until = NULL
		WHERE job = $1 AND shard = ANY($2) AND owner = $3 AND done_at IS NULL`, q.job, shards, q.owner)
	return err
}

// Pending returns the number of shards of the job not done yet and, when
// all of them are leased, how long until the first lease runs out.
func (q *Queue) Pending(ctx context.Context) (n int, wait time.Duration, err error) {
	var ms float64
	err = q.s.pool.QueryRow(ctx, `SELECT count(*),
		coalesce(extract(epoch FROM min(lease_until) - clock_timestamp()) * 1000, 0)
		FROM shards WHERE job = $1 AND done_at IS NULL`, q.job).Scan(&n, &ms)
	return n, time.Duration(max(ms, 0)) * time.Millisecond, err
}

// idlePoll is how often a worker with nothing to claim looks again.
const idlePoll = 500 * time.Millisecond

// Work runs the job with this worker: it claims shards until none is left,
// calling process with each claim, and marks them done when process
// returns nil. While every remaining shard is leased by other workers it
// waits, and takes over the shards whose lease runs out. It returns when
// the whole job is done (by any worker), or with the first error of
// process or of the database; the shards it held are then released.
func (q *Queue) Work(ctx context.Context, process func(ctx context.Context, shards []string) error) error {
	for {
		shards, err := q.Claim(ctx, q.opts.Claim)
		if err != nil {
			return fmt.Errorf("claim shards: %w", err)
		}
		if len(shards) == 0 {
			n, wait, err := q.Pending(ctx)
			if err != nil {
				return fmt.Errorf("claim shards: %w", err)
			}
			if n == 0 {
				return nil
			}
			// Look again soon: the shards may be finished well before
			// their leases run out, and then the job is done.
			wait = min(max(wait+50*time.Millisecond, 100*time.Millisecond), idlePoll)
			q.s.log.Debug("waiting for leased shards", "pending", n, "wait", wait)
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(wait):
			}
			continue
		}
		if err := q.work(ctx, shards, process); err != nil {
			if rerr := q.Release(context.WithoutCancel(ctx), shards); rerr != nil {
				err = errors.Join(err, rerr)
			}
			return err
		}
	}
}

// work runs process on claimed shards, renewing their lease meanwhile.
func (q *Queue) work(ctx context.Context, shards []string, process func(ctx context.Context, shards []string) error) error {
	hctx, stop := context.WithCancel(ctx)
	renewed := make(chan error, 1)
	go func() {
		t := time.NewTicker(q.opts.Lease / 3)
		defer t.Stop()
		for {
			select {
			case <-hctx.Done():
				renewed <- nil
				return
			case <-t.C:
				if err := q.Renew(hctx, shards); err != nil && hctx.Err() == nil {
					q.s.log.Warn("renew lease", "err", err)
				}
			}
		}
	}()
	err := process(ctx, shards)
	stop()
	<-renewed
	if err != nil {
		return err
	}
	if err := q.Done(context.WithoutCancel(ctx), shards); err != nil {
		return fmt.Errorf("mark shards done: %w", err)
	}
	return nil
}

// InputShards lists the shards of input paths: every regular file under
// them (folders are walked; hidden files and folders, whose names start
// with ".", are skipped, as ingest skips them), as absolute paths, so that
// workers started from different folders name a file alike, in lexical
// order. A path that cannot be walked is a shard of its own, left for
// ingest to report.
func InputShards(paths []string) []Shard {
	size := map[string]int64{}
	add := func(p string) {
		var n int64
		if st, err := os.Stat(p); err == nil {
			n = st.Size()
		}
		size[p] = n
	}
	for _, root := range paths {
		abs, err := filepath.Abs(root)
		if err != nil {
			size[root] = 0
			continue
		}
		found := 0
		err = filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p != abs {
					add(p)
					found++
				}
				if d != nil && d.IsDir() && p != abs {
					return fs.SkipDir
				}
				return nil
			}
			if p != abs && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if d.Type().IsRegular() || d.Type()&fs.ModeSymlink != 0 {
				add(p)
				found++
			}
			return nil
		})
		if err != nil || found == 0 {
			if _, serr := os.Stat(abs); serr != nil || err != nil {
				add(abs)
			}
		}
	}
	out := make([]Shard, 0, len(size))
	for p, n := range size {
		out = append(out, Shard{p, n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}
