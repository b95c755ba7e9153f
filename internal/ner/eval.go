package ner

import "fmt"

// PRF holds counts and precision, recall and F1 for one entity type.
type PRF struct {
	TP, FP, FN int
}

// Precision is TP/(TP+FP), 0 when nothing was predicted.
func (s PRF) Precision() float64 { return ratio(s.TP, s.TP+s.FP) }

// Recall is TP/(TP+FN), 0 when there was nothing to find.
func (s PRF) Recall() float64 { return ratio(s.TP, s.TP+s.FN) }

// F1 is the harmonic mean of Precision and Recall.
func (s PRF) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Scores are exact-span scores per entity type, indexed like Types
// (PER, ORG, LOC, MISC), and the micro average over PER, ORG and LOC,
// which is what newsgraph's evaluation counts (MISC is ignored there; a
// MISC predicted where gold has LOC still costs a LOC false negative).
type Scores struct {
	Type  [4]PRF
	Micro PRF
	// All is the micro average over all four types (the CoNLL figure).
	All PRF
}

func (s Scores) String() string {
	out := ""
	for i, t := range Types {
		p := s.Type[i]
		out += fmt.Sprintf("%s P %.3f R %.3f F1 %.3f; ", t, p.Precision(), p.Recall(), p.F1())
	}
	return out + fmt.Sprintf("PER/ORG/LOC micro F1 %.4f; all-type F1 %.4f", s.Micro.F1(), s.All.F1())
}

// Evaluate tags the documents with m and scores exact token spans against
// their gold labels.
func Evaluate(m *Model, docs []Document) Scores {
	var s Scores
	var sents [][]string
	for _, d := range docs {
		sents = sents[:0]
		for _, x := range d.Sentences {
			sents = append(sents, x.Tokens)
		}
		pred := m.TagDocument(sents)
		for i, x := range d.Sentences {
			gold := map[Chunk]bool{}
			for _, c := range Spans(x.Labels) {
				gold[c] = true
			}
			got := Spans(pred[i])
			for _, c := range got {
				k := typeIndexOf(c.Type)
				if gold[c] {
					s.Type[k].TP++
					delete(gold, c)
				} else {
					s.Type[k].FP++
				}
			}
			for c := range gold {
				s.Type[typeIndexOf(c.Type)].FN++
			}
		}
	}
	for k, p := range s.Type {
		s.All.TP += p.TP
		s.All.FP += p.FP
		s.All.FN += p.FN
		if k < 3 {
			s.Micro.TP += p.TP
			s.Micro.FP += p.FP
			s.Micro.FN += p.FN
		}
	}
	return s
}
