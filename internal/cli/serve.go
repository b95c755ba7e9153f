package cli

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/api"
	"github.com/newsgraph/newsgraph/internal/store/open"
	"github.com/newsgraph/newsgraph/web"
)

// serveCmd is "newsgraph serve": the corpus behind a JSON API and the web interface.
type serveCmd struct{}

func (serveCmd) Summary() string {
	return "serve the corpus over HTTP: a JSON API and a web interface"
}

// Server timeouts. Queries are bounded by api.Options.Timeout inside these.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 60 * time.Second
	idleTimeout       = 2 * time.Minute
	shutdownTimeout   = 10 * time.Second
)

func (serveCmd) Run(ctx context.Context, args []string, sio IO) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	dbFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "`host:port` to listen on; loopback unless you say otherwise")
	tokenFile := fs.String("token-file", "", "`file` holding the bearer token that allows POST /api/documents (else $NEWSGRAPH_TOKEN; without either the server is read-only)")
	maxBody := fs.Int64("max-body", 4<<20, "largest request body accepted, in `bytes`")
	timeout := fs.Duration("timeout", 15*time.Second, "longest a request may work")
	cacheTTL := fs.Duration("cache", 15*time.Second, "how long answers are kept for the same request (0: off); documents ingested meanwhile show after at most this")
	quiet := fs.Bool("q", false, "do not log every request")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: newsgraph serve [--db PATH] [--addr 127.0.0.1:8080] [--token-file FILE]")
		fmt.Fprintln(fs.Output(), "Serves the web interface at / and the JSON API at /api/ (described at /api/openapi.json).")
		fs.PrintDefaults()
	}
	pos, ok, code := parseFlags(fs, args, sio)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fs.Usage()
		return 2
	}
	token, err := readToken(*tokenFile)
	if err != nil {
		fmt.Fprintf(sio.Stderr, "newsgraph serve: %v\n", err)
		return 2
	}
	level := slog.LevelInfo
	if *quiet {
		level = slog.LevelWarn
	}
	log := slog.New(slog.NewJSONHandler(sio.Stderr, &slog.HandlerOptions{Level: level}))
	st, dsn, err := openStore(ctx, fs, log)
	if err != nil {
		fmt.Fprintf(sio.Stderr, "newsgraph serve: %v\n", err)
		return 1
	}
	defer st.Close()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(sio.Stderr, "newsgraph serve: %v\n", err)
		return 1
	}
	if *cacheTTL == 0 {
		*cacheTTL = -1 // api.Options: negative is off
	}
	h := api.New(api.Options{Store: st, Log: log, Token: token, UI: web.FS(), MaxBody: *maxBody, Timeout: *timeout, CacheTTL: *cacheTTL})
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	mode := "read-only"
	if token != "" {
		mode = "accepting POST /api/documents with the token"
	}
	fmt.Fprintf(sio.Stdout, "newsgraph: serving %s on http://%s/ (%s)\n", open.Describe(dsn), ln.Addr(), mode)
	if host, _, _ := net.SplitHostPort(ln.Addr().String()); !net.ParseIP(host).IsLoopback() {
		log.Warn("listening beyond this machine; anyone who can reach it can read the corpus", "addr", ln.Addr().String())
	}

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		fmt.Fprintf(sio.Stderr, "newsgraph serve: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		fmt.Fprintf(sio.Stderr, "newsgraph serve: shutting down: %v\n", err)
		return 1
	}
	fmt.Fprintln(sio.Stdout, "newsgraph: stopped")
	return 0
}

// readToken returns the write token: the first line of path when given,
// else $NEWSGRAPH_TOKEN, else "" (read-only).
func readToken(path string) (string, error) {
	if path == "" {
		return strings.TrimSpace(os.Getenv("NEWSGRAPH_TOKEN")), nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("--token-file: %w", err)
	}
	tok, _, _ := strings.Cut(string(b), "\n")
	tok = strings.TrimSpace(tok)
	if tok == "" {
		return "", fmt.Errorf("--token-file: %s is empty", path)
	}
	return tok, nil
}
