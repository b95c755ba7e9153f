// Package api serves a newsgraph corpus over HTTP: a JSON API under /api/
// (described by the OpenAPI 3 document at /api/openapi.json) and, when
// given one, the embedded web interface at every other path.
//
// Reading needs nothing; writing (POST /api/documents) needs the bearer
// token the server was started with, and a server started without one is
// read-only. Errors are JSON objects {"error": message, "status": code}
// whose messages never carry internals: those go to the log.
package api

import (
	"context"
	"crypto/subtle"
	_ "embed" // the OpenAPI document
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/newsgraph/newsgraph/internal/store"
)

//go:embed openapi.json
var openAPI []byte

// OpenAPI returns the OpenAPI 3 document of the API.
func OpenAPI() []byte { return openAPI }

// Options configure a Server. Store is required; the zero value of every
// other field works.
type Options struct {
	Store store.Store
	// Log receives one structured line per request and the details of
	// internal errors; nil discards them.
	Log *slog.Logger
	// Token is the bearer token that POST /api/documents requires; "" makes
	// the server read-only.
	Token string
	// UI is the web interface: index.html and the files it loads, served at
	// / and /static/; nil serves the API alone.
	UI fs.FS
	// MaxBody bounds request bodies in bytes; 0 means 4 MiB.
	MaxBody int64
	// Timeout bounds the work of one request; 0 means 15 seconds.
	Timeout time.Duration
	// CacheTTL is how long successful GET /api/ answers are kept and served
	// again to the same request; 0 means 15 seconds, negative turns the
	// cache off. A POST through this server clears it; documents ingested
	// by another process show once their answers expire.
	CacheTTL time.Duration
}

// Server is the HTTP handler of the API and the web interface.
type Server struct {
	opts Options
	st   store.Store
	x    store.Explorer // nil when the store is not one
	log  *slog.Logger
	mux  *http.ServeMux
	h    http.Handler

	cache *respCache // nil when off

	mu      sync.Mutex
	counts  map[string]cached // slow corpus-wide answers (stats, outlets)
	writeMu sync.Mutex        // one analysis at a time: it is CPU-bound
}

type cached struct {
	v  any
	at time.Time
}

// cacheFor is how long corpus-wide counts are reused.
const cacheFor = 30 * time.Second

// New returns a Server over opts.Store.
func New(opts Options) *Server {
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.MaxBody <= 0 {
		opts.MaxBody = 4 << 20
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 15 * time.Second
	}
	if opts.CacheTTL == 0 {
		opts.CacheTTL = 15 * time.Second
	}
	s := &Server{opts: opts, st: opts.Store, log: opts.Log, mux: http.NewServeMux(), counts: map[string]cached{}}
	if opts.CacheTTL > 0 {
		s.cache = newRespCache(opts.CacheTTL)
	}
	s.x, _ = opts.Store.(store.Explorer)
	s.routes()
	s.h = s.accessLog(s.recoverPanic(s.secure(s.timeout(s.cached(s.mux)))))
	return s
}

// ServeHTTP serves one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.h.ServeHTTP(w, r) }

type route struct {
	pattern string
	h       http.HandlerFunc
}

// table lists the API's routes: its table of contents. TestOpenAPI checks
// that openapi.json documents each of them.
func (s *Server) table() []route {
	return []route{
		{"GET /healthz", s.health},
		{"GET /api/openapi.json", s.openapi},
		{"GET /api/search", s.search},
		{"GET /api/documents/{id}", s.document},
		{"POST /api/documents", s.postDocument},
		{"GET /api/quotes", s.quotes},
		{"GET /api/quotations", s.quotations},
		{"GET /api/entities", s.entities},
		{"GET /api/entities/{id}", s.entity},
		{"GET /api/events", s.events},
		{"GET /api/stories", s.stories},
		{"GET /api/stories/{id}", s.story},
		{"GET /api/graph", s.graph},
		{"GET /api/stats", s.stats},
		{"GET /api/outlets", s.outlets},
	}
}

// routes registers every route.
func (s *Server) routes() {
	for _, rt := range s.table() {
		s.mux.Handle(rt.pattern, rt.h)
	}
	s.mux.HandleFunc("/api/", s.noRoute)
	if s.opts.UI != nil {
		s.uiRoutes()
	}
}

// Patterns lists the route patterns of the API ("GET /api/search", …).
func (s *Server) Patterns() []string {
	var out []string
	for _, rt := range s.table() {
		out = append(out, rt.pattern)
	}
	return out
}

// apiError is an error with the status and message a client sees.
type apiError struct {
	status int
	msg    string
}

func (e *apiError) Error() string { return e.msg }

// badRequest returns a 400 error with a message for the client.
func badRequest(format string, args ...any) error {
	return &apiError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

// writeJSON writes v with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true) // "<script>" leaves as \u003cscript\u003e
	enc.Encode(v)
}

// errorBody is the JSON form of every error.
type errorBody struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, errorBody{Error: msg, Status: status})
}

// fail answers with err: its own status and message for an apiError, 404
// for store.ErrNotFound, 400 for store.ErrBadQuery, 503 for a request that
// ran out of time, and otherwise a bare 500 with the details logged.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var ae *apiError
	switch {
	case errors.As(err, &ae):
		writeError(w, ae.status, ae.msg)
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, "not found")
	case errors.Is(err, store.ErrBadQuery):
		writeError(w, http.StatusBadRequest, "the search query could not be parsed; put phrases in double quotes")
	case errors.Is(err, context.DeadlineExceeded):
		writeError(w, http.StatusServiceUnavailable, "the query took too long; narrow it down")
	case errors.Is(err, context.Canceled):
		writeError(w, 499, "request cancelled")
	default:
		s.log.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, "internal error")
	}
}

// noRoute answers /api/ paths that match no route: 405 when the path exists
// for another method, 404 otherwise.
func (s *Server) noRoute(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		if m == r.Method {
			continue
		}
		c := r.Clone(r.Context())
		c.Method = m
		if _, p := s.mux.Handler(c); p != "" && p != "/api/" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeError(w, http.StatusMethodNotAllowed, "method not allowed")
		return
	}
	writeError(w, http.StatusNotFound, "no such route")
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	if _, err := s.st.Has(r.Context(), ""); err != nil {
		s.log.Error("health check", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "writable": s.opts.Token != ""})
}

func (s *Server) openapi(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openAPI)
}

// authorized reports whether r carries the server's bearer token, and
// answers 401 or 403 when it does not.
func (s *Server) authorized(w http.ResponseWriter, r *http.Request) bool {
	if s.opts.Token == "" {
		writeError(w, http.StatusForbidden, "this server is read-only: start it with NEWSGRAPH_TOKEN or --token-file to accept documents")
		return false
	}
	h := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(tok)), []byte(s.opts.Token)) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="newsgraph"`)
		writeError(w, http.StatusUnauthorized, "missing or wrong bearer token")
		return false
	}
	return true
}

// cachedValue returns the value of key, computing it with f when it is
// missing or older than cacheFor.
func (s *Server) cachedValue(key string, f func() (any, error)) (any, error) {
	s.mu.Lock()
	c, ok := s.counts[key]
	s.mu.Unlock()
	if ok && time.Since(c.at) < cacheFor {
		return c.v, nil
	}
	v, err := f()
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.counts[key] = cached{v: v, at: time.Now()}
	s.mu.Unlock()
	return v, nil
}

// forget drops the cached answers after a write.
func (s *Server) forget() {
	s.mu.Lock()
	clear(s.counts)
	s.mu.Unlock()
	if s.cache != nil {
		s.cache.clear()
	}
}
