package event

import (
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The pattern dictionaries, read at start-up: verbs.txt (hand-written,
// first, wins ties) and cameo.txt (generated from PETRARCH's CAMEO
// dictionary by ./gen). Of cameo.txt only the phrase patterns (a verb and
// the words after it) are used: CAMEO's codes for verbs alone assume a
// parse tree that tells the verb from its noun and its complements, and
// without one they code far too much ("adding" as COOPERATE).
var (
	//go:embed verbs.txt
	verbsData string
	//go:embed cameo.txt
	cameoData string
)

// maxGap is how many tokens a "*" in a pattern may skip.
const maxGap = 4

// Pattern is one line of a dictionary: a head word in all its forms,
// followed by words that must come after it, coded as a PLOVER type and
// mode.
type Pattern struct {
	Type  string  // PLOVER event type, e.g. "CONSULT"
	Mode  string  // PLOVER mode, "" for none
	Noun  bool    // the head is a noun ("invasion"), not a verb
	Rest  []Elem  // what must follow the head, in order
	Line  string  // where it came from: "verbs.txt:12"
	rank  int     // order of loading: lower wins ties
	file  int     // which Add call loaded it: earlier files win
	first []int32 // vocabulary ids of the words of Rest[0]
}

// Elem is one word slot of a pattern after the head.
type Elem struct {
	Words []string // alternatives, lower case; each may also match with a plural "s"/"es"
	Gap   bool     // up to maxGap tokens may come before it
}

// Dict maps every form of every head word to the patterns it starts: the
// patterns of an earlier file first, and within a file the most specific
// (longest) first. A hand-written pattern that matches thus wins over a
// converted one.
type Dict struct {
	heads map[string][]*Pattern
	n     int
	files int
	index map[string]*headIndex // built by reindex after loading
	vocab map[string]int32      // every word that can follow a head, numbered
	lex   map[string]lexEntry   // index and vocab in one lookup
}

// lexEntry is what the dictionary knows of a word form: the patterns it
// heads and its number as a following word (-1: none).
type lexEntry struct {
	head *headIndex
	id   int32
}

// look returns the patterns headed by w and its vocabulary id (-1: none).
func (d *Dict) look(w string) (*headIndex, int32) {
	e, ok := d.lex[w]
	if !ok {
		return nil, -1
	}
	return e.head, e.id
}

// singularIDs returns the vocabulary ids of w without "s" and without
// "es" (-1: none), for following words in the plural.
func (d *Dict) singularIDs(w string) (int32, int32) {
	a, b := int32(-1), int32(-1)
	if n := len(w); n > 3 && w[n-1] == 's' {
		if e, ok := d.lex[w[:n-1]]; ok {
			a = e.id
		}
		if w[n-2] == 'e' {
			if e, ok := d.lex[w[:n-2]]; ok {
				b = e.id
			}
		}
	}
	return a, b
}

// headIndex splits the patterns of one head form by the first word after
// the head, so that matching tries only the patterns whose next word is in
// the sentence.
type headIndex struct {
	all     []*Pattern   // every pattern of the head, in the order to try
	bare    []*Pattern   // the head alone
	first   []int32      // vocabulary ids of the alternatives of Rest[0], sorted
	byFirst [][]*Pattern // the patterns for each of first, in order
	mask    uint64       // bit id%64 set for every id of first: a quick "none of them"
}

// anyFirst reports whether one of the ids of window is in hi.first: the
// next word of one of hi's patterns is there.
func (hi *headIndex) anyFirst(window [][3]int32) bool {
	for _, w := range window {
		for _, id := range w {
			if id >= 0 && hi.mask&(1<<(id&63)) != 0 {
				if _, ok := slices.BinarySearch(hi.first, id); ok {
					return true
				}
			}
		}
	}
	return false
}

// before reports whether p is tried before q: earlier file, then longer,
// then loaded earlier (the order of Dict.heads).
func (p *Pattern) before(q *Pattern) bool {
	if p.file != q.file {
		return p.file < q.file
	}
	if len(p.Rest) != len(q.Rest) {
		return len(p.Rest) > len(q.Rest)
	}
	return p.rank < q.rank
}

// reindex builds the first-word index of every head.
func (d *Dict) reindex() {
	d.index = make(map[string]*headIndex, len(d.heads))
	d.vocab = map[string]int32{}
	// Forms of one lemma ("meet", "meets", "met") usually head the same
	// patterns: they share one headIndex.
	shared := map[string]*headIndex{}
	var key []byte
	for form, ps := range d.heads {
		key = key[:0]
		for _, p := range ps {
			key = strconv.AppendInt(key, int64(p.rank), 36)
			key = append(key, ',')
		}
		if hi, ok := shared[string(key)]; ok {
			d.index[form] = hi
			continue
		}
		hi := &headIndex{all: ps}
		by := map[int32][]*Pattern{}
		for _, p := range ps {
			if len(p.Rest) == 0 {
				hi.bare = append(hi.bare, p)
				continue
			}
			for _, w := range p.Rest[0].Words {
				id, ok := d.vocab[w]
				if !ok {
					id = int32(len(d.vocab))
					d.vocab[w] = id
				}
				by[id] = append(by[id], p)
				if !slices.Contains(p.first, id) {
					p.first = append(p.first, id)
				}
			}
		}
		for id := range by {
			hi.first = append(hi.first, id)
		}
		slices.Sort(hi.first)
		for _, id := range hi.first {
			hi.byFirst = append(hi.byFirst, by[id])
			hi.mask |= 1 << (id & 63)
		}
		shared[string(key)] = hi
		d.index[form] = hi
	}
	d.lex = make(map[string]lexEntry, len(d.index)+len(d.vocab))
	for w, id := range d.vocab {
		d.lex[w] = lexEntry{id: id}
	}
	for form, hi := range d.index {
		e, ok := d.lex[form]
		if !ok {
			e.id = -1
		}
		e.head = hi
		d.lex[form] = e
	}
}

// candidates appends to dst, in the order they must be tried, the
// patterns of the head whose first following word is among next (the
// vocabulary ids of the tokens after the head, from Dict.look) or that
// have none. A nil headIndex has none.
func (hi *headIndex) candidates(dst []*Pattern, next [][3]int32) []*Pattern {
	if hi == nil {
		return dst
	}
	dst = append(dst, hi.bare...)
	if len(hi.byFirst) == 0 {
		return dst
	}
	for _, ids := range next {
		for _, id := range ids {
			if id < 0 {
				continue
			}
			if k, ok := slices.BinarySearch(hi.first, id); ok {
				dst = append(dst, hi.byFirst[k]...)
			}
		}
	}
	slices.SortFunc(dst, func(p, q *Pattern) int {
		switch {
		case p == q:
			return 0
		case p.before(q):
			return -1
		}
		return 1
	})
	// drop duplicates (a pattern found through two words)
	out := dst[:0]
	for i, p := range dst {
		if i == 0 || p != dst[i-1] {
			out = append(out, p)
		}
	}
	return out
}

// Len returns the number of patterns in the dictionary.
func (d *Dict) Len() int { return d.n }

// Lookup returns the patterns whose head has the form w (lower case).
func (d *Dict) Lookup(w string) []*Pattern { return d.heads[w] }

// defaultDict is the dictionary of the embedded data files.
var defaultDict = sync.OnceValues(loadDict)

// loadDict parses the embedded data files.
func loadDict() (*Dict, error) {
	d := &Dict{heads: map[string][]*Pattern{}}
	if err := d.Add("verbs.txt", verbsData); err != nil {
		return nil, err
	}
	if err := d.add("cameo.txt", cameoData, true); err != nil {
		return nil, err
	}
	d.reindex()
	return d, nil
}

// Load parses the embedded dictionaries now rather than on first use.
func Load() error {
	_, err := defaultDict()
	return err
}

// Add parses the patterns in data (named name in errors) into d. Patterns
// added by an earlier call win over later ones; within one call, longer
// patterns win, then earlier ones.
//
// A line is TYPE <tab> MODE <tab> PATTERN, optionally followed by a tab and
// a "#" comment; MODE is "-" for none. TYPE NONE marks words that look like
// an event and are none: the pattern wins as usual, and codes nothing. PATTERN is words separated by
// spaces. The first word is the head: a verb lemma whose regular
// inflections are generated ("meet" matches meet, meets, meeted, meeting),
// with irregular forms in braces ("meet{met}"), or a noun marked "n:"
// ("n:invasion" matches invasion, invasions), or "=" for one exact form
// ("=wanted"); alternatives are separated by "|". The words after the head
// must follow it in order, adjacent, except after a "*", which lets up to
// four tokens come between; a word may list alternatives with "|" and
// matches its regular plural too.
func (d *Dict) Add(name, data string) error { return d.add(name, data, false) }

// add is Add; with phrasesOnly, patterns of a head alone are skipped.
func (d *Dict) add(name, data string, phrasesOnly bool) error {
	d.files++
	d.index = nil
	for ln, line := range strings.Split(data, "\n") {
		line, _, _ = strings.Cut(line, "\t#")
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return fmt.Errorf("%s:%d: want TYPE, MODE and PATTERN separated by tabs", name, ln+1)
		}
		typ := strings.TrimSpace(f[0])
		if !types[typ] && typ != none {
			return fmt.Errorf("%s:%d: %q is not a PLOVER event type nor %s", name, ln+1, typ, none)
		}
		p := &Pattern{Type: typ, Mode: strings.TrimSpace(f[1]), Line: fmt.Sprintf("%s:%d", name, ln+1), rank: d.n, file: d.files}
		if p.Mode == "-" {
			p.Mode = ""
		}
		words := strings.Fields(f[2])
		if len(words) == 0 {
			return fmt.Errorf("%s:%d: empty pattern", name, ln+1)
		}
		gap := false
		for _, w := range words[1:] {
			if w == "*" {
				gap = true
				continue
			}
			p.Rest = append(p.Rest, Elem{Words: strings.Split(w, "|"), Gap: gap})
			gap = false
		}
		if phrasesOnly && len(p.Rest) == 0 {
			continue
		}
		d.n++
		for _, h := range strings.Split(words[0], "|") {
			var forms []string
			switch {
			case strings.HasPrefix(h, "n:"):
				p.Noun = true
				forms = nounForms(h[2:])
			case strings.HasPrefix(h, "="):
				forms = []string{h[1:]}
			default:
				forms = verbForms(h)
			}
			for _, form := range forms {
				d.insert(form, p)
			}
		}
	}
	return nil
}

// insert adds p under form, keeping longer patterns first and, among
// equally long ones, the earlier loaded.
func (d *Dict) insert(form string, p *Pattern) {
	ps := d.heads[form]
	for _, q := range ps {
		if q == p {
			return
		}
	}
	i := len(ps)
	for i > 0 && ps[i-1].file == p.file && len(ps[i-1].Rest) < len(p.Rest) {
		i--
	}
	ps = append(ps, nil)
	copy(ps[i+1:], ps[i:])
	ps[i] = p
	d.heads[form] = ps
}

// none is the type of a pattern that codes no event: words that look like
// an event and report none ("offered a stark contrast to"). It wins over
// the other patterns at its head like any pattern, and is dropped; so are
// PETRARCH's "---" codes.
const none = "NONE"

// types are the 16 PLOVER event types.
var types = map[string]bool{
	"AGREE": true, "CONSULT": true, "SUPPORT": true, "CONCEDE": true,
	"COOPERATE": true, "AID": true, "RETREAT": true, "REQUEST": true,
	"ACCUSE": true, "REJECT": true, "THREATEN": true, "PROTEST": true,
	"SANCTION": true, "MOBILIZE": true, "COERCE": true, "ASSAULT": true,
}

// verbForms returns a lemma's forms: "meet{met}" gives meet, meets,
// meeted, meeting, met. Doubtful regular forms are generated too (stop:
// stoped and stopped); a form that does not exist never matches.
func verbForms(h string) []string {
	lemma, irr, _ := strings.Cut(h, "{")
	forms := []string{lemma}
	if irr != "" {
		forms = append(forms, strings.Split(strings.TrimSuffix(irr, "}"), ",")...)
	}
	n := len(lemma)
	if n < 2 {
		return forms
	}
	last, prev := lemma[n-1], lemma[n-2]
	switch {
	case last == 'y' && !isVowel(prev):
		stem := lemma[:n-1]
		forms = append(forms, stem+"ies", stem+"ied", lemma+"ing")
	case last == 'e':
		forms = append(forms, lemma+"s", lemma+"d", lemma[:n-1]+"ing")
	case strings.HasSuffix(lemma, "s") || strings.HasSuffix(lemma, "x") || strings.HasSuffix(lemma, "z") ||
		strings.HasSuffix(lemma, "ch") || strings.HasSuffix(lemma, "sh") || strings.HasSuffix(lemma, "o"):
		forms = append(forms, lemma+"es", lemma+"ed", lemma+"ing")
	default:
		forms = append(forms, lemma+"s", lemma+"ed", lemma+"ing")
		if !isVowel(last) && isVowel(prev) && last != 'w' && last != 'y' && last != 'x' && (n < 3 || !isVowel(lemma[n-3])) {
			forms = append(forms, lemma+string(last)+"ed", lemma+string(last)+"ing")
		}
	}
	return forms
}

// nounForms returns a noun and its regular plural.
func nounForms(n string) []string {
	if n == "" {
		return nil
	}
	switch {
	case strings.HasSuffix(n, "s") || strings.HasSuffix(n, "x") || strings.HasSuffix(n, "ch") || strings.HasSuffix(n, "sh"):
		return []string{n, n + "es"}
	case strings.HasSuffix(n, "y") && len(n) > 1 && !isVowel(n[len(n)-2]):
		return []string{n, n[:len(n)-1] + "ies"}
	}
	return []string{n, n + "s"}
}

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

// matchWord reports whether token w (lower case) is one of the words of e,
// or the regular plural of one.
func (e *Elem) matchWord(w string) bool {
	for _, x := range e.Words {
		if w == x {
			return true
		}
		if len(w) > len(x) && strings.HasPrefix(w, x) {
			if s := w[len(x):]; s == "s" || s == "es" {
				return true
			}
		}
	}
	return false
}
