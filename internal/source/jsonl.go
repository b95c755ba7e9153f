package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"
	"time"
)

// Record is one article read from a container file (a WARC archive, a feed,
// a JSON Lines file): the metadata the container gives and the content to
// analyse.
type Record struct {
	// ID says where the record is in its file, for messages: "line 3",
	// "item 2 (https://…)", "record at byte 1234 (https://…)".
	ID string
	// Article holds the metadata the container gives (URL, Title,
	// Published, SiteName, Author, Images); its Text is empty.
	Article
	// Data is the content, in Format (PlainText or HTMLPage).
	Data   []byte
	Format Format
}

// ErrBadRecord is wrapped by errors about one record of a container that
// the reader skipped; the records after it are still read.
var ErrBadRecord = errors.New("bad record")

// maxLine bounds one JSON Lines record.
const maxLine = 64 << 20

// JSONL reads JSON Lines: one object per line with "url", "title",
// "published" (RFC 3339 or YYYY-MM-DD), optional "source" and "author", and
// the article as "text" or "html". Blank lines are skipped. A broken line
// is yielded as an error wrapping ErrBadRecord and reading goes on; an error
// of the reader itself ends the sequence.
func JSONL(r io.Reader) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		br := bufio.NewReaderSize(r, 64<<10)
		for n := 1; ; n++ {
			line, err := readLine(br)
			if len(bytes.TrimSpace(line)) > 0 || errors.Is(err, errLongLine) {
				id := fmt.Sprintf("line %d", n)
				rec, rerr := jsonlRecord(line)
				if errors.Is(err, errLongLine) {
					rerr, err = fmt.Errorf("%w: %w", ErrBadRecord, err), nil
				}
				rec.ID = id
				if rerr != nil {
					rerr = fmt.Errorf("%s: %w", id, rerr)
				}
				if !yield(rec, rerr) {
					return
				}
			}
			if err == io.EOF {
				return
			}
			if err != nil {
				yield(Record{ID: fmt.Sprintf("line %d", n)}, err)
				return
			}
		}
	}
}

var errLongLine = fmt.Errorf("line longer than %d MB", maxLine>>20)

// readLine reads one line without its end; a line longer than maxLine is
// skipped and reported as errLongLine.
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(line)+len(chunk) > maxLine {
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
			if err == io.EOF || err == nil {
				return nil, errLongLine
			}
			return nil, err
		}
		line = append(line, chunk...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimRight(line, "\r\n"), err
	}
}

type jsonlLine struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Source    string `json:"source"`
	Author    string `json:"author"`
	Text      string `json:"text"`
	HTML      string `json:"html"`
}

func jsonlRecord(line []byte) (Record, error) {
	var l jsonlLine
	if err := json.Unmarshal(line, &l); err != nil {
		return Record{}, fmt.Errorf("%w: not a JSON object: %v", ErrBadRecord, err)
	}
	rec := Record{Article: Article{URL: l.URL, Title: clean(l.Title), SiteName: clean(l.Source), Author: clean(l.Author)}}
	if l.Published != "" {
		t, err := parseDate(l.Published)
		if err != nil {
			return rec, fmt.Errorf("%w: published: %v", ErrBadRecord, err)
		}
		rec.Published = t
	}
	switch {
	case strings.TrimSpace(l.HTML) != "":
		rec.Data, rec.Format = []byte(l.HTML), HTMLPage
	case strings.TrimSpace(l.Text) != "":
		rec.Data, rec.Format = []byte(l.Text), PlainText
	default:
		return rec, fmt.Errorf("%w: no \"text\" or \"html\"", ErrBadRecord)
	}
	return rec, nil
}

// dateLayouts are the publication date forms the container readers accept.
var dateLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02", time.RFC1123Z, time.RFC1123}

func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date (want RFC 3339 or YYYY-MM-DD)", s)
}
