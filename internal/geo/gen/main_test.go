package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// dataDir is where the GeoNames files are, as in the go:generate line;
// GEONAMES_DIR overrides it.
func dataDir(t *testing.T) string {
	dir := os.Getenv("GEONAMES_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "..", "shared", "data", "geonames")
	}
	if _, err := os.Stat(filepath.Join(dir, "cities15000.txt.gz")); err != nil {
		t.Skipf("GeoNames data not found (set GEONAMES_DIR): %v", err)
	}
	return dir
}

// TestDeterministic checks that two runs give the same bytes and that the
// committed gazetteer is what the generator makes from the data.
func TestDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	dir := dataDir(t)
	var a, b bytes.Buffer
	if err := generate(dir, filepath.Join("..", "aliases.tsv"), &a); err != nil {
		t.Fatal(err)
	}
	if err := generate(dir, filepath.Join("..", "aliases.tsv"), &b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two runs of the generator differ")
	}
	// Compare text, not gzip bytes, so that a new Go release with a
	// different compressor does not fail the test.
	committed, err := os.ReadFile(filepath.Join("..", "gazetteer.tsv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(gunzip(t, a.Bytes()), gunzip(t, committed)) {
		t.Error("gazetteer.tsv.gz is stale: run go generate in internal/geo")
	}
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestAlternates(t *testing.T) {
	tests := []struct{ name, ascii, all, want string }{
		{"Kyiv", "Kyiv", "Kiev,Kyiv,Київ,kiev,KIEV,Kiew,Kijev2", "Kiev,Kiew"},
		{"São Paulo", "Sao Paulo", "Sao Paulo,Sampa,San Paolo", "Sampa,San Paolo"},
		{"X", "X", "", ""},
	}
	for _, tt := range tests {
		if got := alternates(tt.name, tt.ascii, tt.all); got != tt.want {
			t.Errorf("alternates(%q) = %q, want %q", tt.all, got, tt.want)
		}
	}
}
