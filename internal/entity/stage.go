// Package entity finds the people, organisations, places, groups and named
// events of a document and resolves them within it.
//
// Mentions come from the learned tagger of package ner (PER, ORG, LOC and
// MISC chunks over the tokens of package text) combined with rules and
// small lexicons: photo credits (photographers are PERSON, agencies ORG),
// facility names ("Joint Base Elmendorf-Richardson", "… Airport"),
// international organisations written out in any case ("the international
// criminal court"), and titles and possessives, which are never part of a
// name's span. Mentions are then grouped into entities ("US President Donald
// Trump", "Mr Trump" and "Trump" are one PERSON named "Donald Trump"; "ICC"
// and "International Criminal Court" one ORG), titles and appositions give
// roles, sector and country, pronouns and descriptions ("he", "the Russian
// leader") are linked where the evidence is clear, and places are resolved
// with the gazetteer of package geo.
//
// All offsets are byte offsets into Document.Text.
package entity

import (
	"context"
	"sync"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/ner"
)

// Stage fills Document.Entities and Document.Places. The zero value is
// ready to use; it is safe for concurrent use.
type Stage struct{}

var _ doc.Stage = Stage{}

// Name implements doc.Stage.
func (Stage) Name() string { return "entity" }

// Requires implements doc.Stage.
func (Stage) Requires() []doc.Layer {
	return []doc.Layer{doc.LayerBlocks, doc.LayerSentences, doc.LayerTokens}
}

// Provides implements doc.Stage.
func (Stage) Provides() []doc.Layer { return []doc.Layer{doc.LayerEntities, doc.LayerPlaces} }

// Run implements doc.Stage.
func (Stage) Run(_ context.Context, d *doc.Document) error {
	a := pool.Get().(*analysis)
	a.reset(d)
	a.tag()
	a.rules()
	a.resolve()
	a.describe()
	a.link()
	a.places()
	a.emit()
	a.d = nil
	pool.Put(a)
	return nil
}

var pool = sync.Pool{New: func() any { return new(analysis) }}

// source says where a mention came from.
type source uint8

const (
	fromModel  source = iota // a chunk of the ner tagger
	fromCredit               // a photo credit's part
	fromRule                 // a facility, organisation or dateline rule
)

// mention is a name mention found in the text, before resolution.
type mention struct {
	doc.Span
	typ      doc.EntityType
	tok, end int // tokens [tok, end) in Document.Tokens; -1 for credit parts
	sent     int // sentence index; -1 for credit parts
	src      source
	ent      int    // index into analysis.ents
	role     string // a role given by the source ("photographer")
}

// analysis is the scratch state of one run, pooled between documents.
type analysis struct {
	d        *doc.Document
	sentTok  []int // first token of each sentence, plus len(Tokens) at the end
	words    []string
	sents    [][]string
	labels   []ner.Label
	mentions []mention
	ents     []*entity
	refs     []reference
}

func (a *analysis) reset(d *doc.Document) {
	a.d = d
	a.sentTok = a.sentTok[:0]
	a.words = a.words[:0]
	a.sents = a.sents[:0]
	a.mentions = a.mentions[:0]
	a.ents = a.ents[:0]
	a.refs = a.refs[:0]
	t := 0
	for si := range d.Sentences {
		for t < len(d.Tokens) && d.Tokens[t].Sentence < si {
			t++
		}
		a.sentTok = append(a.sentTok, t)
	}
	a.sentTok = append(a.sentTok, len(d.Tokens))
}

// word returns the text of token i.
func (a *analysis) word(i int) string { return a.d.Text[a.d.Tokens[i].Start:a.d.Tokens[i].End] }

// tag runs the ner model over the document's sentences and records its
// chunks as mentions.
func (a *analysis) tag() {
	d := a.d
	if len(d.Tokens) == 0 {
		return
	}
	for i := range d.Tokens {
		a.words = append(a.words, a.word(i))
	}
	for si := range d.Sentences {
		a.sents = append(a.sents, a.words[a.sentTok[si]:a.sentTok[si+1]])
	}
	if cap(a.labels) < len(d.Tokens) {
		a.labels = make([]ner.Label, len(d.Tokens))
	}
	a.labels = a.labels[:len(d.Tokens)]
	ner.Default().TagDocumentInto(a.sents, a.labels)
	for si := range d.Sentences {
		base := a.sentTok[si]
		for _, c := range ner.Spans(a.labels[base:a.sentTok[si+1]]) {
			a.chunk(si, base+c.Start, base+c.End, c.Type)
		}
	}
}

// chunk turns the model's chunk of tokens [s, e) into a mention, or drops it.
func (a *analysis) chunk(si, s, e int, typ string) {
	var t doc.EntityType
	switch typ {
	case "PER":
		t = doc.Person
		// Titles are not part of a name: "President Trump", "Mr. Putin".
		for s < e-1 && isTitleWord(a.word(s)) {
			s++
		}
	case "ORG":
		t = doc.Org
	case "LOC":
		t = doc.Loc
	default:
		t = a.miscType(s, e)
		if t == "" {
			return
		}
	}
	// Possessive clitics are tokens of their own; trim any that were tagged.
	for e > s+1 && isPossessive(a.word(e-1)) {
		e--
	}
	a.addTokens(si, s, e, t, fromModel)
}

// addTokens records a mention over tokens [s, e) of sentence si.
func (a *analysis) addTokens(si, s, e int, t doc.EntityType, src source) {
	a.mentions = append(a.mentions, mention{
		Span: doc.Span{Start: a.d.Tokens[s].Start, End: a.d.Tokens[e-1].End},
		typ:  t, tok: s, end: e, sent: si, src: src, ent: -1,
	})
}

// emit writes the entities in order of first mention, each with its name
// mentions and references in text order.
func (a *analysis) emit() {
	d := a.d
	d.Entities = d.Entities[:0]
	for _, r := range a.refs {
		e := a.ents[r.ent]
		e.out.References = append(e.out.References, doc.Mention{Span: r.Span, Text: d.Text[r.Start:r.End], Kind: r.kind})
	}
	for _, e := range a.ents {
		if e.dropped {
			continue
		}
		e.out.Mentions = make([]doc.Mention, 0, len(e.mentions))
		for _, mi := range e.mentions {
			m := &a.mentions[mi]
			e.out.Mentions = append(e.out.Mentions, doc.Mention{Span: m.Span, Text: d.Text[m.Start:m.End], Kind: doc.NameMention})
		}
		d.Entities = append(d.Entities, e.out)
	}
}
