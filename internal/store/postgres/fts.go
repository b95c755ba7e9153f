package postgres

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/store"
)

// args collects the parameters of a query as it is built and names them
// $1, $2, … in order.
type args []any

// add appends v and returns its placeholder.
func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// ftsQuery translates a full-text query in the SQLite store's FTS5 syntax
// (words, "phrases", OR, AND, NOT, prefix*) into the query syntax of
// websearch_to_tsquery ("phrases", or, -word) plus, for prefix terms, a
// to_tsquery expression ANDed to it ('word':*). Both come back as
// parameters, never as SQL. An unterminated phrase is refused with
// store.ErrBadQuery, as FTS5 does; parentheses are dropped (websearch has
// no grouping), so "(a OR b) c" means "a OR (b c)" here.
func ftsQuery(match string) (web, prefix string, err error) {
	if strings.Count(match, `"`)%2 != 0 {
		return "", "", fmt.Errorf("%w: unterminated string in %q", store.ErrBadQuery, match)
	}
	var out, pre []string
	negate := false
	emit := func(tok string) {
		if negate {
			tok = "-" + tok
			negate = false
		}
		out = append(out, tok)
	}
	rest := match
	for rest != "" {
		rest = strings.TrimLeft(rest, " \t\r\n()")
		if rest == "" {
			break
		}
		if rest[0] == '"' {
			end := strings.IndexByte(rest[1:], '"') + 1
			emit(rest[:end+1])
			rest = rest[end+1:]
			continue
		}
		end := strings.IndexAny(rest, " \t\r\n()\"")
		if end < 0 {
			end = len(rest)
		}
		tok := rest[:end]
		rest = rest[end:]
		switch {
		case tok == "AND":
		case tok == "OR":
			out = append(out, "or")
		case tok == "NOT":
			negate = true
		case strings.HasSuffix(tok, "*") && len(strings.TrimRight(tok, "*")) > 0 && !negate:
			w := strings.ToLower(strings.TrimRight(tok, "*"))
			pre = append(pre, "'"+strings.ReplaceAll(strings.ReplaceAll(w, `\`, `\\`), "'", "''")+"':*")
		default:
			emit(tok)
		}
	}
	return strings.Join(out, " "), strings.Join(pre, " & "), nil
}

// tsquery adds the parameters of an FTS5-syntax query to a and returns the
// SQL expression of its tsquery.
func tsquery(match string, a *args) (string, error) {
	web, prefix, err := ftsQuery(match)
	if err != nil {
		return "", err
	}
	q := "websearch_to_tsquery('simple', " + a.add(web) + ")"
	if prefix != "" {
		q = "(" + q + " && to_tsquery('simple', " + a.add(prefix) + "))"
	}
	return q, nil
}
