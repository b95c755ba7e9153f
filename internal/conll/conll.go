// Package conll reads CoNLL-2003 files and turns their documents into
// natural text exactly as the team's scorer (shared/tools/score.py,
// conll_docs and detokenize) does, so that every evaluation of the whole
// pipeline sees the same text and the same gold spans.
package conll

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Token is one line of a CoNLL file: the word, its NER tag (IOB1), and
// whether a blank line — a sentence break — came before it.
type Token struct {
	Word, Tag string
	Break     bool
}

// ReadDocs splits a CoNLL file into documents at -DOCSTART- lines.
func ReadDocs(r io.Reader) ([][]Token, error) {
	var docs [][]Token
	var cur []Token
	brk := false
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "-DOCSTART-") {
			if len(cur) > 0 {
				docs = append(docs, cur)
			}
			cur = nil
			continue
		}
		if strings.TrimSpace(line) == "" {
			brk = true
			continue
		}
		f := strings.Split(line, " ")
		if len(f) < 4 {
			return nil, fmt.Errorf("bad line %q", line)
		}
		cur = append(cur, Token{Word: strings.Join(f[:len(f)-3], " "), Tag: f[len(f)-1], Break: brk})
		brk = false
	}
	if len(cur) > 0 {
		docs = append(docs, cur)
	}
	return docs, sc.Err()
}

var noSpaceBefore, noSpaceAfter = setOf(",", ".", ":", ";", "?", "!", ")", "]", "}", "%", "'s", "’s", "n't", "'", "’", "”", "/", "'re", "'ve", "'ll", "'d", "'m"),
	setOf("(", "[", "{", "$", "“", "/", "#")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Detokenize builds natural text from a document's tokens — punctuation
// attached, "quotes" closed up, each sentence its own paragraph — and
// returns it with each token's span as half-open byte offsets.
func Detokenize(d []Token) (string, [][2]int) {
	var b strings.Builder
	spans := make([][2]int, len(d))
	prev, dqOpen := "", false
	for i, t := range d {
		sep := " "
		switch {
		case i == 0:
			sep = ""
		case t.Break:
			sep = "\n\n"
		case noSpaceBefore[t.Word] || noSpaceAfter[prev] || (prev == `"` && dqOpen) || (t.Word == `"` && dqOpen) || (t.Word == "-" && prev == ")"):
			sep = ""
			if t.Word == "-" && prev == ")" {
				sep = " "
			}
		}
		if t.Word == `"` {
			dqOpen = !dqOpen
		}
		b.WriteString(sep)
		spans[i] = [2]int{b.Len(), b.Len() + len(t.Word)}
		b.WriteString(t.Word)
		prev = t.Word
	}
	b.WriteString("\n")
	return b.String(), spans
}

// Chunk is a gold entity: a span in the units of the token spans given to
// Chunks, and its type (PER, ORG, LOC, MISC).
type Chunk struct {
	Start, End int
	Type       string
}

// Chunks returns a document's gold entities, reading the tags as score.py
// does: a chunk ends at a change of type, a B- tag or a sentence break.
func Chunks(d []Token, spans [][2]int) []Chunk {
	var out []Chunk
	start, end, typ := -1, 0, ""
	for i := 0; i <= len(d); i++ {
		tag, brk, s0, e0 := "O", true, 0, 0
		if i < len(d) {
			tag, brk, s0, e0 = d[i].Tag, d[i].Break, spans[i][0], spans[i][1]
		}
		t := ""
		if tag != "O" && len(tag) > 2 {
			t = tag[2:]
		}
		if start >= 0 && (t != typ || strings.HasPrefix(tag, "B-") || brk) {
			out = append(out, Chunk{start, end, typ})
			start = -1
		}
		if t != "" && start < 0 {
			start, typ = s0, t
		}
		if t != "" {
			end = e0
		}
	}
	return out
}
