package event

import "strings"

// agent is a common noun phrase for a group ("riot police", "protesters")
// with its CAMEO sector.
type agent struct {
	words  []string // lower case, singular
	sector string
}

// agentList is the agent phrases of one first word, longest first.
type agentList struct {
	phrases []agent
	single  int    // the index of the first phrase of one word
	seconds uint64 // bit b%64 set for the first byte b of the second word of every longer phrase
}

// newAgentList returns the list of phrases as, sorted longest first.
func newAgentList(as []agent) agentList {
	l := agentList{phrases: as, single: len(as)}
	for i, a := range as {
		if len(a.words) == 1 {
			l.single = min(l.single, i)
			continue
		}
		l.seconds |= 1 << (a.words[1][0] & 63)
	}
	return l
}

// loadAgents parses agents.txt (data) into its phrases by first word, longest
// first. A plural first word is a key too ("rebels" and "militias", see
// resolve), so that a token finds its phrases in one lookup. Every first
// word starts with a letter a–z (TestAgentFirstWords): the coder looks up
// no other token for agents.
func loadAgents(data string) map[string][]agent {
	lines := strings.Count(data, "\n") + 1
	m := make(map[string][]agent, 2*lines)
	var words []string  // a slab for the words of all phrases
	var firsts []string // the keys of m, in the order of the file
	var fields []string // the words of one phrase
	for data != "" {
		var line string
		line, data, _ = strings.Cut(data, "\n")
		if line == "" || line[0] == '#' {
			continue
		}
		name, sec, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		fields = fields[:0]
		for f := range strings.FieldsSeq(name) {
			fields = append(fields, f)
		}
		if len(fields) == 0 {
			continue
		}
		ws := carve(&words, len(fields))
		copy(ws, fields)
		a := agent{words: ws, sector: trim(sec)}
		as, seen := m[ws[0]]
		if !seen {
			firsts = append(firsts, ws[0])
		}
		m[ws[0]] = append(as, a)
	}
	// Longest phrases first.
	for _, k := range firsts {
		as := m[k]
		for i := 1; i < len(as); i++ {
			for j := i; j > 0 && len(as[j].words) > len(as[j-1].words); j-- {
				as[j], as[j-1] = as[j-1], as[j]
			}
		}
	}
	// A plural first word finds its phrases in one lookup: "rebels" and
	// "militias" are keys too (see resolve).
	type key struct {
		w  string
		as []agent
	}
	var plural []key
	var b []byte
	for _, a := range firsts {
		for _, end := range [3]string{"s", "es", "ies"} {
			b = append(b[:0], a...)
			if end == "ies" {
				b = b[:len(b)-1]
			}
			b = append(b, end...)
			if _, ok := m[string(b)]; ok {
				continue
			}
			if as := resolve(m, string(b)); len(as) > 0 {
				plural = append(plural, key{string(b), as})
			}
		}
	}
	for _, k := range plural {
		m[k.w] = k.as
	}
	return m
}

// resolve returns the phrases of m that may start with the word w: those
// of w, else those of its singular.
func resolve(m map[string][]agent, w string) []agent {
	if as := m[w]; len(as) > 0 {
		return as
	}
	sg := singular(w)
	for _, s := range sg[1:] {
		if s != "" {
			if as := m[s]; len(as) > 0 {
				return as
			}
		}
	}
	return nil
}

// singular returns the forms a plural word may have in singular.
func singular(w string) [3]string {
	var out [3]string
	out[0] = w
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		out[1] = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "es") && len(w) > 3:
		out[1] = w[:len(w)-2]
		out[2] = w[:len(w)-1]
	case strings.HasSuffix(w, "s") && len(w) > 3 && !strings.HasSuffix(w, "ss"):
		out[1] = w[:len(w)-1]
	}
	return out
}

// sameWord reports whether token w (lower case) is the agent word a, in
// singular or regular plural; only the last word of a phrase may be plural.
func sameWord(w, a string, last bool) bool {
	return w == a || last && pluralOf(w, a)
}

// pluralOf reports whether a is one of the singulars of w (singular),
// without making them.
func pluralOf(w, a string) bool {
	switch n := len(w); {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return len(a) == n-2 && a[n-3] == 'y' && w[:n-3] == a[:n-3]
	case n > 3 && strings.HasSuffix(w, "es"):
		return a == w[:n-2] || a == w[:n-1]
	case n > 3 && w[n-1] == 's' && w[n-2] != 's':
		return a == w[:n-1]
	}
	return false
}

// plural reports whether w has singulars (singular): it has more than
// three bytes and ends in "s" but not in "ss".
func plural(w string) bool {
	n := len(w)
	return n > 3 && w[n-1] == 's' && w[n-2] != 's'
}

// matchAgent returns the length in tokens and the sector of the longest
// agent phrase of l (those of the first word words[i]) that starts at
// words[i], or 0. Only the phrases of one word are tried when the next
// word starts with no byte a second word of l starts with (a plural starts
// as its singular).
func matchAgent(l *agentList, words []string, i int) (int, string) {
	cands := l.phrases
	if i+1 >= len(words) || l.seconds&(1<<(words[i+1][0]&63)) == 0 {
		cands = cands[l.single:]
	}
	for _, a := range cands {
		n := len(a.words)
		if i+n > len(words) {
			continue
		}
		ok := true
		for k, aw := range a.words {
			if !sameWord(words[i+k], aw, k == n-1) {
				ok = false
				break
			}
		}
		if ok {
			return n, a.sector
		}
	}
	return 0, ""
}
