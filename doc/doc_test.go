package doc

import (
	"reflect"
	"testing"
	"time"
)

// TestReset checks that Reset leaves a document equal to a new one but for
// the capacity of its layers, and drops what the old layers pointed to.
func TestReset(t *testing.T) {
	now := time.Now()
	d := &Document{
		ID: "x", Path: "p", URL: "u", Source: "s", Title: "t", Author: "a", Published: &now, Text: "Hello there.",
		Blocks:      []Block{{Kind: Body, Span: Span{0, 12}, Credit: &Credit{Text: "c"}}},
		Sentences:   []Sentence{{Span: Span{0, 12}}},
		Tokens:      []Token{{Span: Span{0, 5}}, {Span: Span{6, 11}}},
		Entities:    []Entity{{ID: "e1", Name: "Hello", Mentions: []Mention{{Text: "Hello"}}}},
		Quotes:      []Quote{{Text: "q"}},
		Events:      []Event{{Type: "CONSULT"}},
		Places:      []Place{{Name: "P"}},
		Related:     []Related{{Title: "r"}},
		Images:      []Image{{URL: "i"}},
		Tone:        Tone{Score: 0.5, Sentences: []float64{0.5}},
		Diagnostics: []Diagnostic{{Stage: "source", Message: "m"}},
	}
	blocks, entities := d.Blocks, d.Entities
	d.Reset()
	if d.ID != "" || d.Text != "" || d.Published != nil || d.Tone.Score != 0 {
		t.Errorf("Reset kept a field of the old record: %+v", d)
	}
	v := reflect.ValueOf(d).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		if f.Kind() == reflect.Slice && (f.Len() != 0 || f.Cap() == 0) {
			t.Errorf("%s: length %d, capacity %d; want 0 and the old capacity", v.Type().Field(i).Name, f.Len(), f.Cap())
		}
	}
	if d.Tone.Sentences == nil || cap(d.Tone.Sentences) == 0 {
		t.Error("Tone.Sentences lost its memory")
	}
	if blocks[0].Credit != nil || entities[0].Mentions != nil {
		t.Error("the old layers still point at the old record")
	}
}
