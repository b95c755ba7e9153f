package ner

// Label is one token's tag in the IOB2 encoding: O, or B-/I- followed by
// an entity type. The zero value is O.
type Label uint8

// The labels, in the order of the model's weight rows.
const (
	O Label = iota
	BPER
	IPER
	BORG
	IORG
	BLOC
	ILOC
	BMISC
	IMISC
	numLabels = 9
)

// Types lists the entity types in label order: the type of label l (l != O)
// is Types[(l-1)/2].
var Types = [4]string{"PER", "ORG", "LOC", "MISC"}

var labelNames = [numLabels]string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"}

// String returns the tag as written in CoNLL files: "O", "B-PER", "I-ORG", ….
func (l Label) String() string {
	if int(l) < numLabels {
		return labelNames[l]
	}
	return "Label(?)"
}

// Type returns the entity type of l ("PER", "ORG", "LOC", "MISC"), or "" for O.
func (l Label) Type() string {
	if l == O || int(l) >= numLabels {
		return ""
	}
	return Types[(l-1)/2]
}

// IsBegin reports whether l is a B- label.
func (l Label) IsBegin() bool { return l != O && l%2 == 1 }

// typeIndex returns 0..3 for PER..MISC and -1 for O.
func (l Label) typeIndex() int {
	if l == O {
		return -1
	}
	return int(l-1) / 2
}

// ParseLabel parses a tag such as "B-PER", "I-LOC" or "O". IOB1 input is
// accepted; the caller converts I- at the start of an entity with ToIOB2.
func ParseLabel(s string) (Label, bool) {
	for i, n := range labelNames {
		if n == s {
			return Label(i), true
		}
	}
	return O, false
}

// Chunk is one entity found in a sentence: tokens [Start, End) (token
// indices, half-open) of type Type ("PER", "ORG", "LOC" or "MISC").
type Chunk struct {
	Start, End int
	Type       string
}

// Spans turns one sentence's labels into entity chunks. An I- label that
// does not continue an entity of the same type starts a new one, so any
// label sequence (IOB1 or IOB2) gives well-formed chunks.
func Spans(labels []Label) []Chunk {
	var out []Chunk
	start, typ := -1, -1
	for i, l := range labels {
		t := l.typeIndex()
		if start >= 0 && (t != typ || l.IsBegin()) {
			out = append(out, Chunk{Start: start, End: i, Type: Types[typ]})
			start = -1
		}
		if t >= 0 && start < 0 {
			start, typ = i, t
		}
	}
	if start >= 0 {
		out = append(out, Chunk{Start: start, End: len(labels), Type: Types[typ]})
	}
	return out
}

// ToIOB2 rewrites labels in place from IOB1 (I- everywhere, B- only between
// two touching entities of one type) to IOB2 (B- on every entity's first
// token), and returns them.
func ToIOB2(labels []Label) []Label {
	prev := O
	for i, l := range labels {
		if l != O && !l.IsBegin() && prev.typeIndex() != l.typeIndex() {
			labels[i] = l - 1
		}
		prev = l
	}
	return labels
}
