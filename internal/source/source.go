// Package source reads articles from outside input — plain text and HTML —
// into Articles, refusing with a clear error what is not an article.
package source

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
)

// Format is the kind of an input file.
type Format int

// The input formats.
const (
	Auto Format = iota // decide from the name and the content
	PlainText
	HTMLPage
)

// String returns the format's name as used on the command line.
func (f Format) String() string {
	switch f {
	case PlainText:
		return "text"
	case HTMLPage:
		return "html"
	}
	return "auto"
}

// Sentinel errors for input that is refused. Test with errors.Is.
var (
	ErrEmpty  = errors.New("empty input")
	ErrBinary = errors.New("binary data, not text")
)

// Detect decides the format of an input from its file name and first bytes.
func Detect(name string, data []byte) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return HTMLPage
	case ".txt", ".text":
		return PlainText
	}
	head := bytes.ToLower(bytes.TrimSpace(data[:min(len(data), 512)]))
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<?xml version"} {
		if bytes.HasPrefix(head, []byte(p)) {
			return HTMLPage
		}
	}
	return PlainText
}

// Read reads one article in the given format (Auto: detected from name and
// content). name is used for detection only; errors do not include it, the
// caller adds it.
func Read(name string, data []byte, f Format) (Article, Format, error) {
	if f == Auto {
		f = Detect(name, data)
	}
	if f == HTMLPage {
		if len(bytes.TrimSpace(data)) == 0 {
			return Article{}, f, ErrEmpty
		}
		if err := sniffBinary(data); err != nil {
			return Article{}, f, err
		}
		a, err := HTML(data, "")
		return a, f, err
	}
	a, err := Text(data)
	return a, PlainText, err
}
