package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsgraph/newsgraph/internal/source"
)

// maxFile bounds a single-article file read whole into memory; containers
// (WARC, JSON Lines) are streamed and have no limit.
const maxFile = 256 << 20

// fileInfo is an input file found by walk.
type fileInfo struct {
	path string
	size int64
}

// walkFail is a path that could not be walked.
type walkFail struct {
	path string
	err  error
}

// walk calls file with each regular file under paths, in lexical order
// within each folder, and fail with each path that cannot be walked,
// skipping hidden files and folders (names starting with ".") and the
// excluded files. It keeps nothing, so that memory does not grow with the
// number of files; it stops when file returns false.
func walk(paths []string, exclude []string, file func(fileInfo) bool, fail func(walkFail) bool) {
	skip := map[string]bool{}
	for _, e := range exclude {
		if a, err := filepath.Abs(e); err == nil {
			skip[a] = true
		}
	}
	excluded := func(p string) bool {
		a, err := filepath.Abs(p)
		return err == nil && skip[a]
	}
	for _, root := range paths {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if !fail(walkFail{p, cleanErr(err)}) {
					return fs.SkipAll
				}
				if d != nil && d.IsDir() && p != root {
					return fs.SkipDir
				}
				return nil
			}
			if p != root && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || excluded(p) {
				return nil
			}
			info, err := d.Info()
			if err == nil && d.Type()&fs.ModeSymlink != 0 {
				info, err = os.Stat(p)
			}
			if err != nil {
				if !fail(walkFail{p, cleanErr(err)}) {
					return fs.SkipAll
				}
				return nil
			}
			if !info.Mode().IsRegular() {
				return nil
			}
			if !file(fileInfo{p, info.Size()}) {
				return fs.SkipAll
			}
			return nil
		})
		if err != nil && !fail(walkFail{root, cleanErr(err)}) {
			return
		}
	}
}

// cleanErr drops the path that *PathError repeats.
func cleanErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// kind is how a file is read.
type kind int

const (
	single kind = iota // one article: text or HTML
	warcFile
	feedFile
	jsonlFile
)

// kindOf decides how to read a file from its name and first bytes.
func kindOf(name string, head []byte) kind {
	n := strings.ToLower(name)
	switch {
	case strings.HasSuffix(n, ".warc"), strings.HasSuffix(n, ".warc.gz"):
		return warcFile
	case strings.HasSuffix(n, ".jsonl"), strings.HasSuffix(n, ".ndjson"):
		return jsonlFile
	case strings.HasSuffix(n, ".rss"), strings.HasSuffix(n, ".atom"):
		return feedFile
	case strings.HasSuffix(n, ".html"), strings.HasSuffix(n, ".htm"), strings.HasSuffix(n, ".txt"):
		return single
	}
	switch {
	case source.IsWARC(head):
		return warcFile
	case source.IsFeed(head):
		return feedFile
	}
	return single
}

// readFile sends the records of one file to jobs; it returns false when ctx
// is cancelled.
func readFile(ctx context.Context, path string, jobs chan<- job) bool {
	send := func(j job) bool {
		select {
		case jobs <- j:
			return true
		case <-ctx.Done():
			return false
		}
	}
	f, err := os.Open(path)
	if err != nil {
		return send(job{file: path, err: cleanErr(err)})
	}
	defer f.Close()
	head := make([]byte, 2048)
	n, err := io.ReadFull(f, head)
	head = head[:n]
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return send(job{file: path, err: cleanErr(err)})
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return send(job{file: path, err: cleanErr(err)})
	}
	var recs iter.Seq2[source.Record, error]
	switch kindOf(path, head) {
	case warcFile:
		recs = source.WARC(f)
	case jsonlFile:
		recs = source.JSONL(f)
	case feedFile:
		recs = source.Feed(f)
	default:
		data, err := io.ReadAll(io.LimitReader(f, maxFile+1))
		if err != nil {
			return send(job{file: path, err: cleanErr(err)})
		}
		if len(data) > maxFile {
			return send(job{file: path, err: fmt.Errorf("file larger than the %d MB limit", maxFile>>20)})
		}
		return send(job{file: path, rec: source.Record{Data: data, Format: source.Auto}})
	}
	for rec, err := range recs {
		j := job{file: path, record: rec.ID, rec: rec, err: err}
		if err != nil {
			// The reader's message names the record already.
			j.err = errors.New(strings.TrimPrefix(err.Error(), rec.ID+": "))
		}
		if !send(j) {
			return false
		}
	}
	return true
}
