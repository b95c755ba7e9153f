package tone

import (
	"math"
	"strings"

	"github.com/jonreiter/govader"
)

// The VADER constants, as in govader and the reference Python code.
const (
	capIncr     = 0.733 // a word in capitals among lower-case ones
	negScalar   = -0.74 // a negated word
	scale1      = 0.95  // a booster two words back
	scale2      = 0.9   // a booster three words back
	negScale    = 1.25  // "never so good"
	butScale    = 0.5   // words before and after "but"
	epScale     = 0.292 // per exclamation mark, at most 4
	qmScale     = 0.18  // per question mark, 2 or 3 of them
	maxQM       = 0.96
	alpha       = 15
	maxExclaims = 4
)

// vader computes VADER compound scores over pre-split words with the
// lexicon, booster words and negations of a govader analyzer. It follows
// govader's PolarityScores step by step but takes the words from the text
// stage's tokens instead of splitting the text with regular expressions,
// which makes it some twenty times faster.
type vader struct {
	// words holds every word VADER knows something about: lexicon
	// valence, booster value, negation, part of an idiom. One lookup a word.
	words   map[string]facts
	special map[string]float64 // special-case idioms ("the bomb")
	booster map[string]float64 // including multi-word boosters ("kind of")
}

// facts is what VADER knows about one lower-case word.
type facts struct {
	val      float64 // lexicon valence
	boost    float64 // booster value
	inLex    bool    // in the lexicon
	isBoost  bool    // a booster word
	negation bool    // a negation ("not", "didn't")
	idiom    bool    // part of a multi-word idiom or booster
}

func newScorer(a *govader.SentimentIntensityAnalyzer) *vader {
	s := &vader{words: make(map[string]facts, len(a.Lexicon)+100),
		special: a.Constants.SpecialCaseIdioms, booster: a.Constants.BoosterDict}
	for w, v := range a.Lexicon {
		f := s.words[w]
		f.val, f.inLex = v, true
		s.words[w] = f
	}
	for w, v := range a.Constants.BoosterDict {
		f := s.words[w]
		f.boost, f.isBoost = v, true
		s.words[w] = f
	}
	for _, w := range a.Constants.NegateList {
		f := s.words[w]
		f.negation = true
		s.words[w] = f
	}
	for _, m := range []map[string]float64{s.special, s.booster} {
		for k := range m {
			if strings.Contains(k, " ") {
				for _, w := range strings.Fields(k) {
					f := s.words[w]
					f.idiom = true
					s.words[w] = f
				}
			}
		}
	}
	return s
}

// word is one VADER word: as written and in lower case (ASCII letters), and
// the byte offset of its end in the text.
type word struct {
	w, lower string
	end      int
	facts
}

// look fills the lexicon facts of w.
func (s *vader) look(w *word) {
	w.facts = s.words[w.lower]
	if !w.negation && strings.Contains(w.lower, "n't") {
		w.negation = true
	}
}

func isUpper(w string) bool {
	up := false
	for j := 0; j < len(w); j++ {
		c := w[j]
		if 'a' <= c && c <= 'z' {
			return false
		}
		if 'A' <= c && c <= 'Z' {
			up = true
		}
	}
	return up
}

// compound returns the VADER compound score of words; text is the
// sentence, for its exclamation and question marks.
func (s *vader) compound(words []word, text string, sent *[]float64) float64 {
	if len(words) == 0 {
		return 0
	}
	ncaps := 0
	for _, w := range words {
		if isUpper(w.w) {
			ncaps++
		}
	}
	capDiff := ncaps > 0 && ncaps < len(words)
	sentiments := (*sent)[:0]
	defer func() { *sent = sentiments }()
	for i, w := range words {
		v := 0.0
		switch {
		case w.isBoost:
		case w.lower == "kind" && i+1 < len(words) && words[i+1].lower == "of":
		default:
			v = s.valence(words, i, capDiff)
		}
		sentiments = append(sentiments, v)
	}
	for bi, w := range words {
		if w.lower == "but" {
			for i := range sentiments {
				if i < bi {
					sentiments[i] *= 1 - butScale
				} else if i > bi {
					sentiments[i] *= 1 + butScale
				}
			}
			break
		}
	}
	sum := 0.0
	for _, v := range sentiments {
		sum += v
	}
	ep := min(strings.Count(text, "!"), maxExclaims)
	emph := float64(ep) * epScale
	if qm := strings.Count(text, "?"); qm > 1 {
		if qm <= 3 {
			emph += float64(qm) * qmScale
		} else {
			emph += maxQM
		}
	}
	if sum > 0 {
		sum += emph
	} else if sum < 0 {
		sum -= emph
	}
	c := sum / math.Sqrt(sum*sum+alpha)
	return max(-1, min(1, c))
}

func (s *vader) valence(words []word, i int, capDiff bool) float64 {
	w := words[i]
	if !w.inLex {
		return 0
	}
	base := w.val
	lw := func(k int) string { return words[k].lower }
	v := base
	if w.lower == "no" && i+1 < len(words) && words[i+1].inLex {
		v = 0
	}
	if (i > 0 && lw(i-1) == "no") || (i > 1 && lw(i-2) == "no") ||
		(i > 2 && lw(i-3) == "no" && (lw(i-1) == "or" || lw(i-1) == "nor")) {
		v = base * negScalar
	}
	if capDiff && isUpper(w.w) {
		if v > 0 {
			v += capIncr
		} else {
			v -= capIncr
		}
	}
	for start := 0; start < 3; start++ {
		k := i - (start + 1)
		if k < 0 {
			break
		}
		if words[k].inLex {
			continue
		}
		sc := 0.0
		if words[k].isBoost {
			sc = words[k].boost
			if v < 0 {
				sc = -sc
			}
			if capDiff && isUpper(words[k].w) {
				if v > 0 {
					sc += capIncr
				} else {
					sc -= capIncr
				}
			}
		}
		switch start {
		case 1:
			sc *= scale1
		case 2:
			sc *= scale2
		}
		v += sc
		v = s.negation(v, words, start, i)
		if start == 2 {
			v = s.idioms(v, words, i)
		}
	}
	// "least" check
	if i > 0 {
		if !words[i-1].inLex && lw(i-1) == "least" {
			if i == 1 || (lw(i-2) != "at" && lw(i-2) != "very") {
				v *= negScalar
			}
		}
	}
	return v
}

func (s *vader) negation(v float64, words []word, start, i int) float64 {
	lw := func(k int) string { return words[k].lower }
	switch start {
	case 0:
		if words[i-1].negation {
			return v * negScalar
		}
	case 1:
		switch {
		case lw(i-2) == "never" && (lw(i-1) == "so" || lw(i-1) == "this"):
			return v * negScale
		case lw(i-2) == "without" && lw(i-1) == "doubt":
			return v
		case words[i-2].negation:
			return v * negScalar
		}
	case 2:
		switch {
		case lw(i-3) == "never" && (lw(i-2) == "so" || lw(i-2) == "this" || lw(i-1) == "so" || lw(i-1) == "this"):
			return v * negScale
		case lw(i-3) == "without" && (lw(i-2) == "doubt" || lw(i-1) == "doubt"):
			return v
		case words[i-3].negation:
			return v * negScalar
		}
	}
	return v
}

// idioms applies VADER's special-case idioms ("the bomb", "kiss of death")
// and two- and three-word boosters ending just before word i (i >= 3).
func (s *vader) idioms(v float64, words []word, i int) float64 {
	lw := func(k int) string { return words[k].lower }
	near := false
	for k := i - 3; k <= i+2 && k < len(words); k++ {
		if words[k].idiom {
			near = true
			break
		}
	}
	if !near {
		return v
	}
	var buf [64]byte
	join := func(a, b int) []byte {
		out := buf[:0]
		for k := a; k <= b; k++ {
			if k > a {
				out = append(out, ' ')
			}
			out = append(out, lw(k)...)
		}
		return out
	}
	for _, seq := range [][2]int{{i - 1, i}, {i - 2, i}, {i - 2, i - 1}, {i - 3, i - 1}, {i - 3, i - 2}} {
		if x, ok := s.special[string(join(seq[0], seq[1]))]; ok {
			v = x
			break
		}
	}
	if i+1 < len(words) {
		if x, ok := s.special[string(join(i, i+1))]; ok {
			v = x
		}
	}
	if i+2 < len(words) {
		if x, ok := s.special[string(join(i, i+2))]; ok {
			v = x
		}
	}
	for _, seq := range [][2]int{{i - 3, i - 1}, {i - 3, i - 2}, {i - 2, i - 1}} {
		if x, ok := s.booster[string(join(seq[0], seq[1]))]; ok {
			v += x
		}
	}
	return v
}
