package store

import (
	"slices"
	"strings"
)

// SummarizeQuotations fills in the outlets, the article count and the most
// frequent speaker of each quotation from its quotes, sorts the quotations
// most widely carried first (then by id), and keeps at most limit of them
// (0: all). Every backend's Quotations ends with it, so that they agree.
func SummarizeQuotations(out []Quotation, limit int) []Quotation {
	for i := range out {
		g := &out[i]
		docs := map[string]bool{}
		speakers := map[string]int{}
		g.Outlets = []string{}
		for _, h := range g.Quotes {
			docs[h.DocID] = true
			if h.Source != "" && !slices.Contains(g.Outlets, h.Source) {
				g.Outlets = append(g.Outlets, h.Source)
			}
			if h.Speaker != "" {
				speakers[h.Speaker]++
			}
		}
		for name, n := range speakers { // the most frequent attribution
			if n > speakers[g.Speaker] || n == speakers[g.Speaker] && name < g.Speaker {
				g.Speaker = name
			}
		}
		g.Articles = len(docs)
	}
	slices.SortStableFunc(out, func(a, b Quotation) int {
		if a.Articles != b.Articles {
			return b.Articles - a.Articles
		}
		return strings.Compare(a.ID, b.ID)
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}
