package event

import (
	"strconv"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/internal/wordtab"
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
	src   string  // the file it came from, "verbs.txt"
	ln    int32   // its line there, 0 if src says all
	rank  int32   // order of loading: lower wins ties
	file  int32   // which Add call loaded it: earlier files win
	first []int32 // vocabulary ids of the words of Rest[0]
}

// Line returns where the pattern came from: "verbs.txt:12".
func (p *Pattern) Line() string {
	if p.ln == 0 {
		return p.src
	}
	return p.src + ":" + strconv.Itoa(int(p.ln))
}

// Elem is one word slot of a pattern after the head.
type Elem struct {
	Words  []string // alternatives, lower case; each may also match with a plural "s"/"es"
	Gap    bool     // up to maxGap tokens may come before it
	firsts uint64   // bit b%64 for the first byte b of every alternative; all for an empty one
}

// newElem returns the slot of the alternatives words.
func newElem(words []string, gap bool) Elem {
	e := Elem{Words: words, Gap: gap}
	for _, w := range words {
		if w == "" {
			e.firsts = ^uint64(0) // "" matches "s" and "es"
			break
		}
		e.firsts |= 1 << (w[0] & 63)
	}
	return e
}

// Dict maps every form of every head word to the patterns it starts: the
// patterns of an earlier file first, and within a file the most specific
// (longest) first. A hand-written pattern that matches thus wins over a
// converted one. Its lexicon also knows the words that may follow a head,
// the first words of the agent phrases (agents.txt) and the words of the
// word sets, so that coding looks a token up once for all of them.
type Dict struct {
	specs  []headSpec     // the patterns of each head as written, in order of first use
	specOf map[string]int // head as written ("meet{met}|n:meeting") -> index into specs
	n      int            // patterns
	files  int            // Add calls
	// The lexicon (build): every form of a head, every word after one (and
	// its plurals), every first word of an agent phrase and every word of
	// a word set. Entry 0 is the empty entry (noEntry).
	words   wordtab.Table // word -> index in entries
	entries []lexEntry
	heads   int32       // entries 1 to heads are the forms of heads, the others head nothing
	withIDs int32       // entries after withIDs have no vocabulary ids (lexEntry.ids)
	must    int32       // the entry of "must" (sentence.triggers)
	groups  []heads     // the heads of the forms (lexEntry.head)
	agents  []agentList // the agent phrases of each first word, by lexEntry.agents
	marks1  [256]uint32 // the word sets of each word of one byte (lexEntry.sets)
	// A dictionary read from dict.idx (readIndex) decodes the patterns of
	// a head as written (specs[k].pats) from file when it is first used,
	// under decoded[k].
	file    *indexFile
	decoded []sync.Once
}

// headSpec is the patterns of one head as written in the files: all its
// forms head the same patterns.
type headSpec struct {
	spec string // "" in a dictionary read from dict.idx
	pats []*Pattern
}

// lexEntry is what the dictionary knows of a word form: the heads it is a
// form of (index into Dict.groups, -1: none); as a following word, its
// vocabulary id and those of its singulars without "s" and without "es"
// (-1: none); the agent phrases it may start (index into Dict.agents, -1:
// none); and the word sets it is in. It holds no pointer, so that the
// entries of dict.idx are used where they lie (readIndex); its layout is
// that of an entry there, seven 4-byte numbers.
type lexEntry struct {
	head   int32
	ids    [3]int32
	agents int32
	sets   uint32 // the bits of the word sets that have the word (wordSet.bit)
	idBits uint32 // bit id%32 for each of ids: a quick "none of them" (headIndex.present)
}

// heads is the patterns of the heads a form belongs to, indexed on first
// use: the forms of one head as written share one, and so do the forms of
// the same several heads ("attack" of "attack|strike" and of "n:attack").
type heads struct {
	specs []int32 // indexes into Dict.specs
	once  sync.Once
	index *headIndex
}

// Entry numbers: an index into Dict.entries, or one of these.
const (
	noEntry = 0  // the empty entry, that of every word not in the lexicon
	capWord = -1 // a capitalised word inside a sentence, not looked up (coder.lex)
	notWord = -2 // a token that starts with no ASCII letter, not looked up (coder.lex)
)

// find returns the number of w's entry in the lexicon, noEntry if it has
// none (the table's zero value for an absent word).
func (d *Dict) find(w string) int32 {
	k, _ := d.words.Get(w)
	return k
}

// packAt returns wordtab.Pack(padded[i:i+n]) for a word of 1 to 8 bytes
// of a text followed by at least eight more bytes (scratch.lower): one
// load, no branch.
func packAt(padded string, i, n int) uint64 {
	b := padded[i : i+8]
	x := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
	return x & (^uint64(0) >> ((64 - 8*n) & 63))
}

// headsOf returns the patterns headed by the word of entry k (from
// coder.lex), or nil.
func (d *Dict) headsOf(k int32) *headIndex {
	if k <= noEntry || k > d.heads {
		return nil
	}
	return d.index(d.entries[k].head)
}

// headIndex splits the patterns of one head form by the first word after
// the head, so that matching tries only the patterns whose next word is in
// the sentence. Sets of patterns are bit sets over all, of size words
// uint64s: bit k%64 of word k/64 for all[k].
type headIndex struct {
	all   []*Pattern // every pattern of the head, in the order to try
	first []int32    // vocabulary ids of the alternatives of Rest[0], sorted
	mask  [4]uint64  // bit id%256 set for every id of first: a quick "not this one"
	// bit id%32 set for every id of first: a quick "none of a word's ids"
	idBits uint32
	// alone is bits[0]: present starts most sets from it, in the cache
	// line of words, rather than wait for a line of bits as well.
	alone uint64
	words int // the size of a set
	// bits holds the set of the patterns of the head alone, then the set
	// of the patterns of each id of first.
	bits []uint64
}

// present sets in m (words long) the patterns of hi.all worth trying on
// a window of following words (their entry numbers, coder.lex): those of a
// first word in the window, and those of the head alone. Entries past the
// end of entries have no ids.
func (hi *headIndex) present(m []uint64, window []int32, entries []lexEntry) {
	if hi.words == 1 {
		m[0] = hi.alone // most heads: no call to copy
	} else {
		copy(m, hi.bits[:hi.words])
	}
	for _, k := range window {
		if k <= noEntry || int(k) >= len(entries) || entries[k].idBits&hi.idBits == 0 {
			continue // no ids, or none of first
		}
		for _, id := range entries[k].ids {
			if id < 0 || hi.mask[id>>6&3]&(1<<(id&63)) == 0 {
				continue
			}
			// the index of id in hi.first, if it is there
			lo, up := 0, len(hi.first)
			for lo < up {
				if h := int(uint(lo+up) >> 1); hi.first[h] < id {
					lo = h + 1
				} else {
					up = h
				}
			}
			if lo < len(hi.first) && hi.first[lo] == id {
				for i, b := range hi.bits[(lo+1)*hi.words : (lo+2)*hi.words] {
					m[i] |= b
				}
			}
		}
	}
}

// order is a number for the order in which the patterns of a head are
// tried: earlier file first, then longer, then loaded earlier (rank). It
// is below 1<<48 (a dictionary has fewer than 256 files).
func (p *Pattern) order() uint64 {
	return uint64(p.file)<<40 | uint64(0xff-min(len(p.Rest), 0xff))<<32 | uint64(uint32(p.rank))
}

// Len returns the number of patterns in the dictionary.
func (d *Dict) Len() int { return d.n }

// Lookup returns the patterns whose head has the form w (lower case).
func (d *Dict) Lookup(w string) []*Pattern {
	if k := d.find(w); k >= 0 {
		if hi := d.headsOf(k); hi != nil {
			return hi.all
		}
	}
	return nil
}

// matchWord reports whether token w (lower case) is one of the words of e,
// or the regular plural of one.
func (e *Elem) matchWord(w string) bool {
	for _, x := range e.Words {
		if len(w) < len(x) || x != "" && w != "" && w[0] != x[0] {
			continue // the usual case, told without comparing the strings
		}
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
