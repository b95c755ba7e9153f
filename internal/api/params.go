package api

import (
	"encoding/base64"
	"errors"
	"iter"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/store"
)

// Bounds on what a query may ask for.
const (
	maxParam     = 500    // bytes in one query parameter
	defaultLimit = 20     // results per page
	maxLimit     = 200    // results per page at most
	maxOffset    = 10_000 // results skipped by a cursor at most
)

// params reads and checks the query parameters of one request. The first
// problem found is kept in err; every getter after it returns zero values.
type params struct {
	r   *http.Request
	err error
}

func newParams(r *http.Request) *params { return &params{r: r} }

func (p *params) fail(format string, args ...any) {
	if p.err == nil {
		p.err = badRequest(format, args...)
	}
}

// str returns the named parameter, trimmed. It refuses values that are too
// long, are not UTF-8 or hold control characters.
func (p *params) str(name string) string {
	if p.err != nil {
		return ""
	}
	v := strings.TrimSpace(p.r.URL.Query().Get(name))
	switch {
	case len(v) > maxParam:
		p.fail("%s is longer than %d bytes", name, maxParam)
	case !utf8.ValidString(v):
		p.fail("%s is not valid UTF-8", name)
	case strings.IndexFunc(v, unicode.IsControl) >= 0:
		p.fail("%s holds control characters", name)
	default:
		return v
	}
	return ""
}

var (
	codeRE    = regexp.MustCompile(`^[A-Za-z_]{1,24}$`) // entity and event types
	countryRE = regexp.MustCompile(`^[A-Za-z]{3}$`)
	idRE      = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)
)

// code returns an upper-cased type name (PERSON, CONSULT).
func (p *params) code(name string) string {
	v := p.str(name)
	if v != "" && !codeRE.MatchString(v) {
		p.fail("%s must be a type name such as PERSON or CONSULT", name)
		return ""
	}
	return strings.ToUpper(v)
}

func (p *params) country(name string) string {
	v := p.str(name)
	if v != "" && !countryRE.MatchString(v) {
		p.fail("%s must be an ISO 3166-1 alpha-3 code such as USA", name)
		return ""
	}
	return strings.ToUpper(v)
}

// date parses YYYY-MM-DD (or RFC 3339).
func (p *params) date(name string) time.Time {
	v := p.str(name)
	if v == "" {
		return time.Time{}
	}
	if t, err := time.Parse("2006-01-02", v); err == nil {
		return t
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t.UTC()
	}
	p.fail("%s must be a date, YYYY-MM-DD", name)
	return time.Time{}
}

func (p *params) window() store.Window {
	w := store.Window{From: p.date("from"), To: p.date("to")}
	if !w.From.IsZero() && !w.To.IsZero() && w.To.Before(w.From) {
		p.fail("to is before from")
	}
	return w
}

// num returns a whole number in [lo, hi], or def when absent.
func (p *params) num(name string, def, lo, hi int) int {
	v := p.str(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		p.fail("%s must be a whole number from %d to %d", name, lo, hi)
		return def
	}
	return n
}

func (p *params) limit(def int) int { return p.num("limit", def, 1, maxLimit) }

// cursor returns the offset encoded in the cursor parameter.
func (p *params) cursor() int {
	v := p.str("cursor")
	if v == "" {
		return 0
	}
	b, err := base64.RawURLEncoding.DecodeString(v)
	n, err2 := strconv.Atoi(strings.TrimPrefix(string(b), "o"))
	if err != nil || err2 != nil || !strings.HasPrefix(string(b), "o") || n < 0 || n > maxOffset {
		p.fail("cursor is not one this server gave out")
		return 0
	}
	return n
}

// nextCursor is the cursor of the page after one that started at offset
// and held n results, or "" when there is none.
func nextCursor(offset, n int, more bool) string {
	if !more || offset+n > maxOffset {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString([]byte("o" + strconv.Itoa(offset+n)))
}

// entityKey parses an entity id, "TYPE:Canonical Name".
func entityKey(id string) (store.EntityKey, error) {
	typ, name, ok := strings.Cut(id, ":")
	name = strings.TrimSpace(name)
	if !ok || !codeRE.MatchString(typ) || name == "" || len(name) > maxParam || !utf8.ValidString(name) ||
		strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return store.EntityKey{}, badRequest("an entity id is TYPE:Name, such as PERSON:Hillary Clinton")
	}
	return store.EntityKey{Type: strings.ToUpper(typ), Name: name}, nil
}

// page collects at most n values of seq and reports whether there were more.
func page[T any](seq iter.Seq2[T, error], n int) ([]T, bool, error) {
	out := make([]T, 0, n)
	for v, err := range seq {
		if err != nil {
			return nil, false, err
		}
		if len(out) == n {
			return out, true, nil
		}
		out = append(out, v)
	}
	return out, false, nil
}

// literal turns a search that the full-text engine refused into one it
// takes: every word a quoted phrase ("O'Malley's" → "\"O'Malley's\"").
func literal(q string) string {
	var words []string
	for _, w := range strings.Fields(strings.ReplaceAll(q, `"`, " ")) {
		words = append(words, `"`+w+`"`)
	}
	return strings.Join(words, " ")
}

// withLiteral runs query with q and, when the engine cannot parse q, once
// more with literal(q).
func withLiteral[T any](q string, query func(string) ([]T, bool, error)) ([]T, bool, error) {
	out, more, err := query(q)
	if errors.Is(err, store.ErrBadQuery) {
		if l := literal(q); l != "" {
			return query(l)
		}
	}
	return out, more, err
}
