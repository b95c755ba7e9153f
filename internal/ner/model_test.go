package ner

import (
	"bytes"
	"reflect"
	"testing"
	"unsafe"
)

// TestModelFile checks the embedded weights file: it passes every check
// of Load, Default reads it in place, Save writes it back byte for byte,
// and a copy at a misaligned address decodes to the same model.
func TestModelFile(t *testing.T) {
	m, err := viewModel(embeddedModel, true)
	if err != nil {
		t.Fatal(err)
	}
	d := Default()
	if unsafe.SliceData(d.w.rows) != unsafe.StringData(embeddedModel[len(embeddedModel)-len(d.w.rows):]) {
		t.Error("the weights are not read in place")
	}
	if !bytes.Equal(d.appendFile(nil), []byte(embeddedModel)) {
		t.Error("Save does not give back the embedded file")
	}
	buf := make([]byte, len(embeddedModel)+1)
	copy(buf[1:], embeddedModel)
	c, err := viewModel(unsafe.String(&buf[1], len(embeddedModel)), true)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []*Model{m, c} {
		if x.bits != d.bits || x.scale != d.scale || x.trans != d.trans || x.vt != d.vt ||
			!reflect.DeepEqual(x.w, d.w) || !reflect.DeepEqual(x.tc, d.tc) || !reflect.DeepEqual(x.gaz, d.gaz) {
			t.Error("models differ")
		}
	}
	for n := 0; n < len(embeddedModel); n += len(embeddedModel)/7 + 1 {
		if _, err := viewModel(embeddedModel[:n], true); err == nil {
			t.Errorf("%d bytes: no error", n)
		}
	}
}
