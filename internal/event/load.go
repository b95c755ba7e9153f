package event

import (
	_ "embed"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/wordtab"
)

// The default dictionary is made of three data files: verbs.txt
// (hand-written, first, wins ties), cameo.txt (generated from PETRARCH's
// CAMEO dictionary by ./gen) and agents.txt (the agent phrases). Of
// cameo.txt only the phrase patterns (a verb and the words after it) are
// used: CAMEO's codes for verbs alone assume a parse tree that tells the
// verb from its noun and its complements, and without one they code far
// too much ("adding" as COOPERATE).
//
// The binary holds the dictionary that parseDict makes of the files as
// dict.idx (indexfile.go), written by TestIndexFile (go generate): reading
// it is a few allocations, instead of parsing the files and generating the
// forms of every head at every start-up (some 6 ms). After editing a data
// file, run go generate ./internal/event; TestIndexFile fails while
// dict.idx is stale.
//
//go:generate go test -run ^TestIndexFile$ -update-index .

//go:embed dict.idx
var dictIdx string

// defaultDict is the dictionary of dict.idx.
var defaultDict = sync.OnceValues(func() (*Dict, error) { return readIndex(dictIdx) })

// parseDict parses the data files verbs (verbs.txt), cameo (cameo.txt)
// and agents (agents.txt) into the default dictionary. Parsing is a few
// milliseconds: the lines are cut into substrings of the text, not
// copied; patterns, their words and the forms of a head are carved out of
// a few large slices; and the forms of a head as written
// ("hurry{hurries,hurrying,hurried}|rush|speed") are generated once for
// all the lines that share it, not once a line.
func parseDict(verbs, cameo, agents string) (*Dict, error) {
	d := new(Dict)
	if err := d.Add("verbs.txt", verbs); err != nil {
		return nil, err
	}
	if err := d.add("cameo.txt", cameo, true); err != nil {
		return nil, err
	}
	d.build(loadAgents(agents))
	return d, nil
}

// Load reads the embedded dictionary now rather than on first use.
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
// an event and are none: the pattern wins as usual, and codes nothing.
// PATTERN is words separated by spaces. The first word is the head: a verb
// lemma whose regular inflections are generated ("meet" matches meet,
// meets, meeted, meeting), with irregular forms in braces ("meet{met}"), or
// a noun marked "n:" ("n:invasion" matches invasion, invasions), or "=" for
// one exact form ("=wanted"); alternatives are separated by "|". The words
// after the head must follow it in order, adjacent, except after a "*",
// which lets up to four tokens come between; a word may list alternatives
// with "|" and matches its regular plural too.
func (d *Dict) Add(name, data string) error { return d.add(name, data, false) }

// add is Add; with phrasesOnly, patterns of a head alone are skipped.
func (d *Dict) add(name, data string, phrasesOnly bool) error {
	d.files++
	if d.specOf == nil {
		d.specOf = map[string]int{}
	}
	lines := strings.Count(data, "\n") + 1
	pats := make([]Pattern, 0, lines) // never grown: pointers into it stay valid
	var elems []Elem
	var words []string
	var rest []Elem
	last, lastHead := -1, ""
	for ln := 1; data != ""; ln++ {
		line, more, _ := strings.Cut(data, "\n")
		data = more
		if i := strings.IndexByte(line, '#'); i > 0 && line[i-1] == '\t' {
			line = line[:i-1] // the comment of a pattern, the usual case
		} else if i > 0 {
			line, _, _ = strings.Cut(line, "\t#")
		}
		line = trim(line)
		if line == "" || line[0] == '#' {
			continue
		}
		typ, tail, ok1 := strings.Cut(line, "\t")
		mode, pattern, ok2 := strings.Cut(tail, "\t")
		if !ok1 || !ok2 || strings.Contains(pattern, "\t") {
			return fmt.Errorf("%s:%d: want TYPE, MODE and PATTERN separated by tabs", name, ln)
		}
		typ = trim(typ)
		if !slices.Contains(typeOrder[:], typ) && typ != none {
			return fmt.Errorf("%s:%d: %q is not a PLOVER event type nor %s", name, ln, typ, none)
		}
		head, after, _ := strings.Cut(trim(pattern), " ")
		if head == "" {
			return fmt.Errorf("%s:%d: empty pattern", name, ln)
		}
		rest = rest[:0]
		gap := false
		for after != "" {
			var w string
			w, after, _ = strings.Cut(after, " ")
			switch w {
			case "":
				continue
			case "*":
				gap = true
				continue
			}
			n := strings.Count(w, "|") + 1
			alts := carve(&words, n)
			for i := range n - 1 {
				alts[i], w, _ = strings.Cut(w, "|")
			}
			alts[n-1] = w
			rest = append(rest, newElem(alts, gap))
			gap = false
		}
		if phrasesOnly && len(rest) == 0 {
			continue
		}
		pats = append(pats, Pattern{Type: typ, Mode: trim(mode), src: name, ln: int32(ln), rank: int32(d.n), file: int32(d.files)})
		p := &pats[len(pats)-1]
		if p.Mode == "-" {
			p.Mode = ""
		}
		if len(rest) > 0 {
			p.Rest = carve(&elems, len(rest))
			copy(p.Rest, rest)
		}
		d.n++
		k, ok := last, head == lastHead // cameo.txt has the lines of a head together
		if !ok {
			k, ok = d.specOf[head]
		}
		if !ok {
			k = len(d.specs)
			d.specOf[head] = k
			d.specs = append(d.specs, headSpec{spec: head})
		}
		last, lastHead = k, head
		d.specs[k].pats = append(d.specs[k].pats, p)
	}
	return nil
}

// carve returns n elements from the unused capacity of *slab, allocating
// a new slab when it has too few.
func carve[T any](slab *[]T, n int) []T {
	s := *slab
	if cap(s)-len(s) < n {
		s = make([]T, 0, max(n, 4096))
	}
	*slab = s[:len(s)+n]
	return s[len(s) : len(s)+n : len(s)+n]
}

// build maps every form of every head to its patterns (the entries 1 to
// d.heads), numbers the words that may follow a head (all in the entries
// 1 to d.withIDs), and adds the first words of the agent phrases first
// (agent phrases by first word, from loadAgents) and the words of the word
// sets to the lexicon.
// The first-word index of a head is built when a text first uses one of
// its forms (Dict.index): most heads of cameo.txt are never met, and
// start-up stays a few milliseconds.
func (d *Dict) build(first map[string][]agent) {
	d.words, d.entries, d.agents = wordtab.Table{}, []lexEntry{empty}, make([]agentList, 0, len(first))
	var keys = []string{""} // the word of each entry
	intern := func(w string) int32 {
		k, ok := d.words.Intern(w, int32(len(d.entries)))
		if ok {
			return k
		}
		d.entries = append(d.entries, empty)
		keys = append(keys, w)
		return k
	}
	d.words.Grow(12*len(d.specs) + len(first)) // a head has about a dozen forms

	// Group k is the heads of spec k alone; the groups of forms of several
	// heads come after them.
	d.groups = make([]heads, len(d.specs), len(d.specs)+64)
	alone := make([]int32, len(d.specs))
	var buf []byte
	var forms []string
	var merged map[int32][]int32 // the entry of a form of several heads -> those heads
	for k := range d.specs {
		alone[k] = int32(k)
		d.groups[k].specs = alone[k : k+1 : k+1]
		buf = buf[:0]
		for h := range strings.SplitSeq(d.specs[k].spec, "|") {
			switch {
			case strings.HasPrefix(h, "n:"):
				buf = appendNounForms(buf, h[2:])
			case strings.HasPrefix(h, "="):
				buf = append(append(buf, h[1:]...), 0)
			default:
				buf = appendVerbForms(buf, h)
			}
		}
		if len(buf) == 0 {
			continue
		}
		all := string(buf) // the forms, each ended by a NUL: one allocation
		forms = forms[:0]
		for f := range strings.SplitSeq(all[:len(all)-1], "\x00") {
			forms = append(forms, f)
		}
		slices.Sort(forms)
		forms = slices.Compact(forms)
		for _, f := range forms {
			i := intern(f)
			e := &d.entries[i]
			if e.head < 0 {
				e.head = int32(k)
				continue
			}
			if merged == nil {
				merged = map[int32][]int32{}
			}
			if merged[i] == nil {
				merged[i] = d.groups[e.head].specs
			}
			merged[i] = append(merged[i][:len(merged[i]):len(merged[i])], int32(k))
		}
	}
	shared := map[string]int32{}
	var key []byte
	for _, i := range slices.Sorted(maps.Keys(merged)) { // in order, for a reproducible dict.idx
		ks := merged[i]
		key = key[:0]
		for _, k := range ks {
			key = strconv.AppendInt(key, int64(k), 36)
			key = append(key, ',')
		}
		h, ok := shared[string(key)]
		if !ok {
			h = int32(len(d.groups))
			d.groups = append(d.groups, heads{specs: ks})
			shared[string(key)] = h
		}
		d.entries[i].head = h
	}
	d.heads = int32(len(d.entries) - 1)
	d.must = intern("must")
	var next int32 // the next vocabulary id
	var ids []int32
	var plurals []byte // the plurals of the following words, "s" and "es"
	for _, sp := range d.specs {
		noun := strings.HasPrefix(sp.spec, "n:") || strings.Contains(sp.spec, "|n:")
		for _, p := range sp.pats {
			p.Noun = noun
			if len(p.Rest) == 0 {
				continue
			}
			p.first = carve(&ids, len(p.Rest[0].Words))[:0]
			for _, w := range p.Rest[0].Words {
				e := &d.entries[intern(w)]
				if e.ids[0] < 0 {
					e.ids[0] = next
					next++
					plurals = append(append(append(append(plurals, w...), "s\x00"...), w...), "es\x00"...)
				}
				if !slices.Contains(p.first, e.ids[0]) {
					p.first = append(p.first, e.ids[0])
				}
			}
		}
	}
	// A following word in the plural matches too: its entry has the ids
	// of its singulars, and it has an entry if a singular has an id.
	all := string(plurals)
	for w := range strings.SplitSeq(all[:max(0, len(all)-1)], "\x00") {
		if len(w) > 3 {
			intern(w)
		}
	}
	for k, w := range keys {
		e := &d.entries[k]
		if n := len(w); n > 3 && w[n-1] == 's' {
			e.ids[1] = d.entries[d.find(w[:n-1])].ids[0]
			if w[n-2] == 'e' {
				e.ids[2] = d.entries[d.find(w[:n-2])].ids[0]
			}
		}
		e.idBits = idBits(e.ids[:])
	}
	d.withIDs = int32(len(d.entries) - 1) // the words added below have none
	// in order, for a reproducible dict.idx
	for _, w := range slices.Sorted(maps.Keys(first)) {
		d.entries[intern(w)].agents = int32(len(d.agents))
		d.agents = append(d.agents, newAgentList(first[w]))
	}
	for _, ws := range sets {
		for _, w := range ws.words {
			d.entries[intern(w)].sets |= ws.bit
			if len(w) == 1 {
				d.marks1[w[0]] |= ws.bit
			}
		}
	}
}

// idBits returns the bits id%32 of the vocabulary ids ids, -1 aside
// (lexEntry.idBits).
func idBits(ids []int32) uint32 {
	var b uint32
	for _, id := range ids {
		if id >= 0 {
			b |= 1 << (id & 31)
		}
	}
	return b
}

// empty is the entry of a word the lexicon knows nothing of.
var empty = lexEntry{head: -1, ids: [3]int32{-1, -1, -1}, agents: -1}

// index returns the first-word index of the patterns of the heads
// d.groups[h], building it on first use. It is safe for concurrent use:
// the dictionary is shared by all the goroutines that code events.
func (d *Dict) index(h int32) *headIndex {
	g := &d.groups[h]
	g.once.Do(func() {
		var ps []*Pattern
		for _, k := range g.specs {
			ps = append(ps, d.patterns(k)...)
		}
		// Sort by order, as numbers: each pattern's order with its index
		// in ps in the low bits.
		keys := make([]uint64, len(ps))
		for i, p := range ps {
			keys[i] = p.order()<<16 | uint64(i)
		}
		slices.Sort(keys)
		sorted := make([]*Pattern, len(ps))
		for i, key := range keys {
			sorted[i] = ps[key&0xffff]
		}
		g.index = newHeadIndex(sorted)
	})
	return g.index
}

// patterns returns the patterns of the head as written d.specs[k],
// decoding them from dict.idx on first use in a dictionary read from it.
func (d *Dict) patterns(k int32) []*Pattern {
	if d.file != nil {
		d.decoded[k].Do(func() { d.specs[k].pats = d.file.patterns(d, k) })
	}
	return d.specs[k].pats
}

// newHeadIndex builds the first-word index of the patterns ps of one
// head form, in the order they are tried.
func newHeadIndex(ps []*Pattern) *headIndex {
	hi := &headIndex{all: ps, words: (len(ps) + 63) / 64}
	hi.bits = make([]uint64, hi.words)
	// pairs of a first word id and the index in ps of its pattern
	var pairs []uint64
	for k, p := range ps {
		if len(p.Rest) == 0 {
			hi.bits[k/64] |= 1 << (k % 64)
			continue
		}
		for _, id := range p.first {
			pairs = append(pairs, uint64(id)<<32|uint64(k))
		}
	}
	slices.Sort(pairs)
	for i, x := range pairs {
		id, k := int32(x>>32), int(uint32(x))
		if i == 0 || id != hi.first[len(hi.first)-1] {
			hi.first = append(hi.first, id)
			hi.mask[id>>6&3] |= 1 << (id & 63)
			hi.idBits |= 1 << (id & 31)
			hi.bits = append(hi.bits, make([]uint64, hi.words)...)
		}
		hi.bits[len(hi.bits)-hi.words+k/64] |= 1 << (k % 64)
	}
	if len(hi.bits) > 0 {
		hi.alone = hi.bits[0]
	}
	return hi
}

// none is the type of a pattern that codes no event: words that look like
// an event and report none ("offered a stark contrast to"). It wins over
// the other patterns at its head like any pattern, and is dropped; so are
// PETRARCH's "---" codes.
const none = "NONE"

// trim is strings.TrimSpace, told without a call that most fields of
// the files, which start and end with a printable ASCII byte, need none.
func trim(s string) string {
	if s != "" && ' ' < s[0] && s[0] < utf8.RuneSelf && ' ' < s[len(s)-1] && s[len(s)-1] < utf8.RuneSelf {
		return s
	}
	return strings.TrimSpace(s)
}

// verbForms returns a lemma's forms: "meet{met}" gives meet, meets,
// meeted, meeting, met. Doubtful regular forms are generated too (stop:
// stoped and stopped); a form that does not exist never matches.
func verbForms(h string) []string {
	b := appendVerbForms(nil, h)
	return strings.Split(string(b[:len(b)-1]), "\x00")
}

// appendVerbForms appends the forms of verbForms to b, each ended by a NUL.
func appendVerbForms(b []byte, h string) []byte {
	form := func(parts ...string) {
		for _, p := range parts {
			b = append(b, p...)
		}
		b = append(b, 0)
	}
	lemma, irr, _ := strings.Cut(h, "{")
	form(lemma)
	if irr != "" {
		for f := range strings.SplitSeq(strings.TrimSuffix(irr, "}"), ",") {
			form(f)
		}
	}
	n := len(lemma)
	if n < 2 {
		return b
	}
	last, prev := lemma[n-1], lemma[n-2]
	switch {
	case last == 'y' && !isVowel(prev):
		stem := lemma[:n-1]
		form(stem, "ies")
		form(stem, "ied")
		form(lemma, "ing")
	case last == 'e':
		form(lemma, "s")
		form(lemma, "d")
		form(lemma[:n-1], "ing")
	case strings.HasSuffix(lemma, "s") || strings.HasSuffix(lemma, "x") || strings.HasSuffix(lemma, "z") ||
		strings.HasSuffix(lemma, "ch") || strings.HasSuffix(lemma, "sh") || strings.HasSuffix(lemma, "o"):
		form(lemma, "es")
		form(lemma, "ed")
		form(lemma, "ing")
	default:
		form(lemma, "s")
		form(lemma, "ed")
		form(lemma, "ing")
		if !isVowel(last) && isVowel(prev) && last != 'w' && last != 'y' && last != 'x' && (n < 3 || !isVowel(lemma[n-3])) {
			form(lemma, lemma[n-1:], "ed")
			form(lemma, lemma[n-1:], "ing")
		}
	}
	return b
}

// appendNounForms appends a noun and its regular plural to b, each ended
// by a NUL.
func appendNounForms(b []byte, n string) []byte {
	if n == "" {
		return b
	}
	b = append(append(b, n...), 0)
	switch {
	case strings.HasSuffix(n, "s") || strings.HasSuffix(n, "x") || strings.HasSuffix(n, "ch") || strings.HasSuffix(n, "sh"):
		b = append(append(b, n...), "es"...)
	case strings.HasSuffix(n, "y") && len(n) > 1 && !isVowel(n[len(n)-2]):
		b = append(append(b, n[:len(n)-1]...), "ies"...)
	default:
		b = append(append(b, n...), 's')
	}
	return append(b, 0)
}

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }
