package source

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"iter"
	"mime"
	"strings"

	"github.com/nlnwa/gowarc/v3"
)

// maxWARCPayload bounds one WARC payload read into memory.
const maxWARCPayload = 32 << 20

// WARC reads a WARC file (plain or record-wise gzipped, as .warc.gz files
// are) and yields its HTML and plain-text captures: response records with a
// 2xx HTTP status and resource records. Requests, metadata, revisits and
// captures of other media are skipped silently. A record whose payload
// cannot be read is yielded as an error wrapping ErrBadRecord and reading
// goes on; a broken file (truncated, not WARC) yields an error and ends the
// sequence, after the records before the break.
func WARC(r io.Reader) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		// The default policies only warn about syntax and spec violations.
		// (WithSpecViolationPolicy(ErrIgnore) loses resource payloads in
		// gowarc v3.1.0.)
		wf, err := gowarc.NewWarcFileReaderFromStream(r, 0, gowarc.WithBufferMaxMemBytes(maxWARCPayload))
		if err != nil {
			yield(Record{}, err)
			return
		}
		defer wf.Close()
		n := 0
		for {
			wr, err := wf.Next()
			if err == io.EOF {
				if n == 0 {
					yield(Record{ID: "start"}, errors.New("no WARC records"))
				}
				return
			}
			id := fmt.Sprintf("record at byte %d", wr.Offset)
			if err != nil {
				wr.Close()
				if errors.Is(err, io.ErrUnexpectedEOF) {
					err = fmt.Errorf("truncated file: %w", err)
				}
				yield(Record{ID: id}, fmt.Errorf("%s: %w", id, err))
				return
			}
			n++
			rec, ok, rerr := warcRecord(wr.WarcRecord)
			wr.Close()
			if !ok {
				continue
			}
			if rec.URL != "" {
				id += " (" + rec.URL + ")"
			}
			rec.ID = id
			if rerr != nil {
				rerr = fmt.Errorf("%s: %w", id, rerr)
			}
			if !yield(rec, rerr) {
				return
			}
		}
	}
}

// warcRecord returns the article content of a WARC record, or ok=false for
// records that carry none.
func warcRecord(wr gowarc.WarcRecord) (rec Record, ok bool, err error) {
	if wr == nil {
		return rec, false, nil
	}
	h := wr.WarcHeader()
	rec.URL = strings.Trim(h.Get(gowarc.WarcTargetURI), "<>")
	var ctype string
	var body io.Reader
	switch wr.Type() {
	case gowarc.Response:
		hb, isHTTP := wr.Block().(gowarc.HttpResponseBlock)
		if !isHTTP {
			return rec, false, nil
		}
		if c := hb.HttpStatusCode(); c < 200 || c > 299 {
			return rec, false, nil
		}
		if hh := hb.HttpHeader(); hh != nil {
			ctype = hh.Get("Content-Type")
		}
		pb, isPayload := wr.Block().(gowarc.PayloadBlock)
		if !isPayload {
			return rec, false, nil
		}
		body, err = pb.PayloadBytes()
	case gowarc.Resource:
		ctype = h.Get(gowarc.ContentType)
		body, err = wr.Block().RawBytes()
	default:
		return rec, false, nil
	}
	mt, _, _ := mime.ParseMediaType(ctype)
	switch {
	case mt == "text/html" || mt == "application/xhtml+xml":
		rec.Format = HTMLPage
	case mt == "text/plain":
		rec.Format = PlainText
	case mt == "" || mt == "application/octet-stream":
		rec.Format = Auto
	default:
		return rec, false, nil
	}
	if err != nil {
		return rec, true, fmt.Errorf("%w: payload: %v", ErrBadRecord, err)
	}
	data, err := io.ReadAll(io.LimitReader(body, maxWARCPayload+1))
	if err != nil {
		return rec, true, fmt.Errorf("%w: payload: %v", ErrBadRecord, err)
	}
	if len(data) > maxWARCPayload {
		return rec, true, fmt.Errorf("%w: payload larger than %d MB", ErrBadRecord, maxWARCPayload>>20)
	}
	if rec.Format == Auto {
		rec.Format = Detect(rec.URL, data)
	}
	rec.Data = data
	return rec, true, nil
}

// IsWARC reports whether the start of a file looks like WARC: "WARC/",
// plain or at the start of a gzip member.
func IsWARC(head []byte) bool {
	if bytes.HasPrefix(head, []byte("WARC/")) {
		return true
	}
	zr, err := gzip.NewReader(bytes.NewReader(head))
	if err != nil {
		return false
	}
	var magic [5]byte
	n, _ := io.ReadFull(zr, magic[:])
	return string(magic[:n]) == "WARC/"
}
