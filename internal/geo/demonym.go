package geo

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/internal/lazy"
)

// demonymsTSV maps country names, short forms, adjectives and demonyms to
// ISO 3166-1 alpha-3 codes. Format: see the comment lines at its top.
//
//go:embed demonyms.tsv
var demonymsTSV string

// demonymTable is the parsed demonyms.tsv.
type demonymTable struct {
	words map[string]string // folded word → ISO3 (first line wins)
	acr   map[string]string // acronym without dots → ISO3
	names []countryWord     // the names column, for Lookup
	sig   [sigBits / 64]uint64
	err   error
}

// sigBits is the size of demonymTable.sig in bits: the bit keySig(k) is
// set for every key k of words, so that most words are found missing
// without a lookup.
const (
	sigLog  = 15
	sigBits = 1 << sigLog
)

// keySig returns the bit of demonymTable.sig of a key whose first, second
// and last bytes are f, s (0 if it has one) and e and whose length is n.
func keySig(f, s, e byte, n int) uint32 {
	return (uint32(f)<<24 | uint32(s)<<16 | uint32(e)<<8 | uint32(n&0xff)) * 0x9e3779b1 >> (32 - sigLog)
}

type countryWord struct{ word, iso3 string }

var lazyDemonyms = lazy.New(func() *demonymTable { return parseDemonyms(demonymsTSV) })

// demonyms returns the demonym table, parsing it on first use.
func demonyms() *demonymTable { return lazyDemonyms.Get() }

// Demonym returns the ISO 3166-1 alpha-3 code of the country that word
// names or describes: an adjective ("Russian", "British"), a demonym or
// nationality noun, singular or plural ("Ukrainians", "Britons", "Filipinos"),
// a short form ("US", "U.S.", "UK", "UAE") or a country name ("Russia",
// "South Korea"), also in the possessive ("Russia's", "the US's"). Matching
// is case-insensitive with diacritics folded, except
// that acronyms match only in capitals ("US" but not "us"). Where a word is
// used for more than one country ("Congolese", "Korean"), the more usual
// sense in news is returned. ok is false when word is not in the table.
func Demonym(word string) (iso3 string, ok bool) {
	// Most words are ASCII letters only, or such words with one space
	// between them: their key is the word in lower case, they have no
	// possessive to trim, and an acronym is the word (a name of several
	// words in capitals, or one that starts with "the", is left to the
	// general path).
	var buf [32]byte
	n, upper, spaces := len(word), 0, 0
	if n == 0 || n > len(buf) {
		return demonymGeneral(word)
	}
	for i := 0; i < n; i++ {
		c := word[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
			upper++
		case 'a' <= c && c <= 'z':
		case c == ' ' && i > 0 && i < n-1 && word[i-1] != ' ':
			spaces++
		default:
			return demonymGeneral(word)
		}
		buf[i] = c
	}
	if spaces > 0 && (upper == n-spaces || n > 4 && string(buf[:4]) == "the ") {
		return demonymGeneral(word)
	}
	d := demonyms()
	if spaces == 0 && upper == n && n >= 2 && n <= maxAcronym {
		if iso3, ok = d.acr[word]; ok {
			return iso3, true
		}
	}
	if b := keySig(buf[0], buf[1], buf[n-1], n); d.sig[b>>6]&(1<<(b&63)) == 0 {
		return "", false
	}
	iso3, ok = d.words[string(buf[:n])]
	return iso3, ok
}

// demonymGeneral is Demonym for any word.
func demonymGeneral(word string) (iso3 string, ok bool) {
	if iso3, ok = demonym(word); !ok {
		if t := trimPossessive(word); t != word {
			iso3, ok = demonym(t)
		}
	}
	return iso3, ok
}

func demonym(word string) (iso3 string, ok bool) {
	d := demonyms()
	trimmed := strings.TrimPrefix(strings.TrimPrefix(word, "the "), "The ")
	if a := acronym(trimmed); a != "" {
		if iso3, ok = d.acr[a]; ok {
			return iso3, true
		}
	}
	var buf [64]byte
	k := appendFold(buf[:0], word)
	if n := len(k); n > 0 {
		second := byte(0)
		if n > 1 {
			second = k[1]
		}
		if b := keySig(k[0], second, k[n-1], n); d.sig[b>>6]&(1<<(b&63)) == 0 {
			return "", false // most words: no key has their signature
		}
	}
	iso3, ok = d.words[string(k)]
	return iso3, ok
}

// parseDemonyms parses demonyms.tsv: lines "ISO3<TAB>names<TAB>adjectives<TAB>people"
// with "|" between the entries of a column; "#" starts a comment line.
func parseDemonyms(text string) *demonymTable {
	d := &demonymTable{words: make(map[string]string, 2048), acr: make(map[string]string, 64)}
	for n := 1; text != ""; n++ {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		line = strings.TrimRight(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		var f [4]string
		if nf := split(line, f[:]); nf < 2 || len(f[0]) != 3 {
			if d.err == nil {
				d.err = fmt.Errorf("geo: demonyms.tsv line %d: want ISO3 and at least one name", n)
			}
			continue
		}
		iso3 := f[0]
		for col := 1; col < len(f); col++ {
			for list := f[col]; list != ""; {
				var w string
				w, list, _ = strings.Cut(list, "|")
				w = strings.TrimSpace(w)
				if w == "" {
					continue
				}
				if col == 1 {
					d.names = append(d.names, countryWord{w, iso3})
				}
				if a := acronym(w); a != "" {
					if _, dup := d.acr[a]; !dup {
						d.acr[a] = iso3
					}
					continue
				}
				k := fold(w)
				if _, dup := d.words[k]; !dup {
					d.words[k] = iso3
					if k != "" {
						b := keySig(k[0], (k + "\x00")[1], k[len(k)-1], len(k))
						d.sig[b>>6] |= 1 << (b & 63)
					}
				}
			}
		}
	}
	return d
}
