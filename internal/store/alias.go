package store

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/doc"
)

// EncodeAliases packs the surface forms of an entity's mentions with their
// numbers of mentions into one string that a store keeps beside the entity
// instead of a row per mention: "count length text" for each distinct
// text, in order of first mention, with the text's length in bytes, so
// that any text (spaces, newlines, digits) reads back whole. An entity
// without mentions packs to "".
func EncodeAliases(ms []doc.Mention) string {
	var texts []string
	count := map[string]int{}
	for _, m := range ms {
		if count[m.Text] == 0 {
			texts = append(texts, m.Text)
		}
		count[m.Text]++
	}
	var b strings.Builder
	for _, t := range texts {
		b.WriteString(strconv.Itoa(count[t]))
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(len(t)))
		b.WriteByte(' ')
		b.WriteString(t)
	}
	return b.String()
}

// AddAliases adds the aliases packed by EncodeAliases to count.
func AddAliases(count map[string]int, packed string) error {
	for s := packed; s != ""; {
		n, rest, ok1 := strings.Cut(s, " ")
		l, rest, ok2 := strings.Cut(rest, " ")
		k, err1 := strconv.Atoi(n)
		size, err2 := strconv.Atoi(l)
		if !ok1 || !ok2 || err1 != nil || err2 != nil || size < 0 || size > len(rest) {
			return fmt.Errorf("bad packed aliases %.40q", s)
		}
		count[rest[:size]] += k
		s = rest[size:]
	}
	return nil
}

// TopAliases returns the n most frequent aliases in count, ties in byte
// order of their text.
func TopAliases(count map[string]int, n int) []Alias {
	out := make([]Alias, 0, len(count))
	for t, k := range count {
		out = append(out, Alias{Text: t, Count: k})
	}
	slices.SortFunc(out, func(a, b Alias) int {
		if a.Count != b.Count {
			return cmp.Compare(b.Count, a.Count)
		}
		return strings.Compare(a.Text, b.Text)
	})
	return out[:min(n, len(out))]
}
