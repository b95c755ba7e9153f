package api

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"time"

	"github.com/newsgraph/newsgraph"
	"github.com/newsgraph/newsgraph/internal/store"
)

// postedArticle is the JSON form of POST /api/documents: the fields of a
// JSON Lines record. Exactly one of Text and HTML is given.
type postedArticle struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Source    string `json:"source"`
	Author    string `json:"author"`
	Published string `json:"published"` // YYYY-MM-DD or RFC 3339
	Text      string `json:"text"`
	HTML      string `json:"html"`
}

// postResult answers POST /api/documents.
type postResult struct {
	ID       string `json:"id"`
	Added    bool   `json:"added"` // false: the same text was already stored
	Title    string `json:"title"`
	Entities int    `json:"entities"`
	Quotes   int    `json:"quotes"`
	Events   int    `json:"events"`
	Location string `json:"location"` // where to GET the whole record
}

// postDocument analyses a posted article and stores it. The body is plain
// text, HTML, or a JSON object (postedArticle); for the first two, the
// query parameters url, title, source and published describe it.
func (s *Server) postDocument(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(w, r) {
		return
	}
	if r.ContentLength > s.opts.MaxBody {
		writeError(w, http.StatusRequestEntityTooLarge, "the body is larger than the server accepts")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opts.MaxBody))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		writeError(w, http.StatusRequestEntityTooLarge, "the body is larger than the server accepts")
		return
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, "the body could not be read")
		return
	}
	a, opts, err := readArticle(r, body)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	d, err := newsgraph.Analyze(r.Context(), a.input, opts)
	switch {
	case errors.Is(err, newsgraph.ErrEmpty):
		s.fail(w, r, badRequest("the article is empty"))
		return
	case errors.Is(err, newsgraph.ErrBinary):
		s.fail(w, r, badRequest("the body is binary data, not an article"))
		return
	case errors.Is(err, newsgraph.ErrNotArticle):
		s.fail(w, r, badRequest("no article text was found in the body"))
		return
	case err != nil:
		s.fail(w, r, err)
		return
	}
	if a.Title != "" {
		d.Title = a.Title
	}
	if a.Source != "" {
		d.Source = a.Source
	}
	if a.Author != "" {
		d.Author = a.Author
	}
	rec, err := store.Prepare(d)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := s.st.Put(r.Context(), store.Batch{Records: []*store.Record{rec}})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.forget()
	out := postResult{ID: d.ID, Added: res.Added == 1, Title: d.Title, Entities: len(d.Entities), Quotes: len(d.Quotes),
		Events: len(d.Events), Location: "/api/documents/" + d.ID}
	status := http.StatusOK
	if out.Added {
		status = http.StatusCreated
	}
	w.Header().Set("Location", out.Location)
	writeJSON(w, status, out)
}

// article is a posted article ready for newsgraph.Analyze.
type article struct {
	postedArticle
	input []byte
}

// readArticle decodes a posted body by its content type.
func readArticle(r *http.Request, body []byte) (article, newsgraph.Options, error) {
	var a article
	var opts newsgraph.Options
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "application/json":
		if err := json.Unmarshal(body, &a.postedArticle); err != nil {
			return a, opts, badRequest("the body is not a JSON object with url, title, source, published and text or html")
		}
		switch {
		case a.Text != "" && a.HTML != "":
			return a, opts, badRequest("give text or html, not both")
		case a.HTML != "":
			a.input, opts.Format = []byte(a.HTML), newsgraph.FormatHTML
		default:
			a.input, opts.Format = []byte(a.Text), newsgraph.FormatText
		}
	case "text/html", "application/xhtml+xml":
		a.input, opts.Format = body, newsgraph.FormatHTML
	case "text/plain", "":
		a.input, opts.Format = body, newsgraph.FormatText
	default:
		return a, opts, &apiError{http.StatusUnsupportedMediaType, "post text/plain, text/html or application/json"}
	}
	if mt != "application/json" {
		p := newParams(r)
		a.URL, a.Title, a.Source, a.Author, a.Published = p.str("url"), p.str("title"), p.str("source"), p.str("author"), p.str("published")
		if p.err != nil {
			return a, opts, p.err
		}
	}
	opts.URL = a.URL
	if a.Published != "" {
		t, err := time.Parse("2006-01-02", a.Published)
		if err != nil {
			t, err = time.Parse(time.RFC3339, a.Published)
		}
		if err != nil {
			return a, opts, badRequest("published must be a date, YYYY-MM-DD or RFC 3339")
		}
		opts.Published = t
	}
	return a, opts, nil
}
