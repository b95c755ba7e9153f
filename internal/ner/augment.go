package ner

import (
	"math/rand"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Augmentation: CoNLL-2003 is 1996 Reuters copy, with ALL-CAPS headlines
// and "BRUSSELS 1996-08-22" datelines. newsgraph reads today's news, so a
// seeded share of the training documents is rewritten on the fly into the
// forms that text takes, with the same gold labels: agency datelines
// ("PARIS ( Reuters ) - The …") and Title Case or sentence case headlines.

// AugmentOptions set what share of training documents is rewritten. The
// zero value rewrites nothing.
type AugmentOptions struct {
	Dateline     float64 // share of datelines merged with an agency credit into the first sentence
	TitleCase    float64 // share of ALL-CAPS headlines rewritten in Title Case
	SentenceCase float64 // share of ALL-CAPS headlines rewritten in sentence case
}

// DefaultAugment is what the shipped model was trained with.
var DefaultAugment = AugmentOptions{Dateline: 0.3, TitleCase: 0.15, SentenceCase: 0.15}

var agencies = [][]string{
	{"(", "Reuters", ")", "-"},
	{"(", "Reuters", ")", "-"},
	{"(", "AP", ")", "-"},
	{"(", "AFP", ")", "-"},
	{"-"},
}

var smallWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "in": true, "on": true, "at": true, "to": true,
	"for": true, "and": true, "or": true, "but": true, "with": true, "by": true, "from": true,
	"as": true, "vs": true, "v": true, "into": true, "over": true, "after": true,
}

func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i != 4 && i != 7 && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return true
}

// augmentDocs returns docs with a seeded share rewritten; untouched
// documents are shared, rewritten ones are copies.
func augmentDocs(docs []Document, o AugmentOptions, rng *rand.Rand) []Document {
	out := make([]Document, len(docs))
	for i, d := range docs {
		out[i] = d
		rDate, rTitle, rSent := rng.Float64(), rng.Float64(), rng.Float64()
		agency := agencies[rng.Intn(len(agencies))]
		changed := false
		var ss []Sentence
		if len(d.Sentences) > 0 && sentenceModeOf(d.Sentences[0].Tokens) == modeAllCaps {
			switch {
			case rTitle < o.TitleCase:
				ss = append([]Sentence(nil), d.Sentences...)
				ss[0] = recase(ss[0], d, false)
				changed = true
			case rTitle >= o.TitleCase && rSent < o.SentenceCase:
				ss = append([]Sentence(nil), d.Sentences...)
				ss[0] = recase(ss[0], d, true)
				changed = true
			}
		}
		if rDate < o.Dateline {
			if !changed {
				ss = append([]Sentence(nil), d.Sentences...)
			}
			for j := 0; j+1 < len(ss) && j < 4; j++ {
				s := ss[j]
				n := len(s.Tokens)
				if n < 2 || n > 6 || !isDate(s.Tokens[n-1]) {
					continue
				}
				next := ss[j+1]
				var m Sentence
				m.Tokens = append(m.Tokens, s.Tokens[:n-1]...)
				m.Labels = append(m.Labels, s.Labels[:n-1]...)
				for _, a := range agency {
					m.Tokens = append(m.Tokens, a)
					if a == "(" || a == ")" || a == "-" {
						m.Labels = append(m.Labels, O)
					} else {
						m.Labels = append(m.Labels, BORG)
					}
				}
				m.Tokens = append(m.Tokens, next.Tokens...)
				m.Labels = append(m.Labels, next.Labels...)
				ss = append(ss[:j:j], append([]Sentence{m}, ss[j+2:]...)...)
				changed = true
				break
			}
		}
		if changed {
			out[i] = Document{Sentences: ss}
		}
	}
	return out
}

func sentenceModeOf(tokens []string) uint8 {
	toks := make([]tokInfo, len(tokens))
	for i, w := range tokens {
		toks[i].analyse(w)
	}
	return sentenceMode(toks)
}

// recase rewrites an ALL-CAPS sentence in Title Case or sentence case,
// taking each word's case from the rest of the document when it is written
// there, and keeping short entity words (EU, UN, IBM) in capitals.
func recase(s Sentence, d Document, sentence bool) Sentence {
	seen := map[string]string{}
	for _, x := range d.Sentences[1:] {
		for j, w := range x.Tokens {
			if j > 0 {
				if _, ok := seen[strings.ToLower(w)]; !ok {
					seen[strings.ToLower(w)] = w
				}
			}
		}
	}
	out := Sentence{Tokens: make([]string, len(s.Tokens)), Labels: s.Labels}
	for j, w := range s.Tokens {
		lw := strings.ToLower(w)
		form, ok := seen[lw]
		switch {
		case ok && form != lw:
			// as written in the body (a name, an acronym)
		case ok && sentence && j > 0:
			form = lw
		case !ok && s.Labels[j] != O && utf8.RuneCountInString(w) <= 3:
			form = w
		case sentence && j > 0 && s.Labels[j] == O:
			form = lw
		case !sentence && j > 0 && smallWords[lw]:
			form = lw
		default:
			form = titleWord(lw)
		}
		out.Tokens[j] = form
	}
	return out
}

func titleWord(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	if r == utf8.RuneError {
		return w
	}
	return string(unicode.ToUpper(r)) + w[n:]
}
