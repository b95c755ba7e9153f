package ner

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Sentence is a tokenised sentence and, for training data, its gold labels
// (IOB2; nil when unknown).
type Sentence struct {
	Tokens []string
	Labels []Label
}

// Document is a sequence of sentences tagged together, so that what is
// learnt about a word in one sentence can inform the others.
type Document struct {
	Sentences []Sentence
}

// ReadCoNLL reads CoNLL-2003 formatted text: one token a line with the tag
// in the last space-separated column, blank lines between sentences and
// "-DOCSTART-" lines between documents. Only the first (token) and last
// (tag) columns are used. IOB1 tags are converted to IOB2. Errors name the
// line.
func ReadCoNLL(r io.Reader) ([]Document, error) {
	var (
		docs []Document
		cur  Document
		sent Sentence
		line int
	)
	flushSent := func() {
		if len(sent.Tokens) > 0 {
			ToIOB2(sent.Labels)
			cur.Sentences = append(cur.Sentences, sent)
		}
		sent = Sentence{}
	}
	flushDoc := func() {
		flushSent()
		if len(cur.Sentences) > 0 {
			docs = append(docs, cur)
		}
		cur = Document{}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if strings.HasPrefix(s, "-DOCSTART-") {
			flushDoc()
			continue
		}
		if strings.TrimSpace(s) == "" {
			flushSent()
			continue
		}
		f := strings.Fields(s)
		if len(f) < 2 {
			return nil, fmt.Errorf("ner: conll line %d: want token and tag, got %q", line, s)
		}
		l, ok := ParseLabel(f[len(f)-1])
		if !ok {
			return nil, fmt.Errorf("ner: conll line %d: unknown tag %q", line, f[len(f)-1])
		}
		sent.Tokens = append(sent.Tokens, f[0])
		sent.Labels = append(sent.Labels, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("ner: conll line %d: %w", line, err)
	}
	flushDoc()
	return docs, nil
}
