package newsgraph_test

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph"
)

// contentIDRef is ContentID written plainly, rune by rune: the definition
// the fast version must agree with.
func contentIDRef(text string) string {
	var b []byte
	space := false
	for _, r := range strings.TrimSpace(text) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = utf8.AppendRune(b, r)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

var contentIDSeeds = []string{
	"", " ", "a", " a ", "a b", "a  b", "a\nb", "a \n b", "a\u00a0b", "a \u2003b\u3000",
	"\u00a0a\u0085", "a\xffb", "\xff", "a \xff b", "a\xe2\x80b", "caf\u00e9 \u00e9", "\ufffd\xfd",
	"The talks ended.\n\nBoth sides  left. ", strings.Repeat("word ", 500) + "\n\n" + strings.Repeat("x", 3000),
}

func TestContentIDMatchesDefinition(t *testing.T) {
	for _, s := range contentIDSeeds {
		if got, want := newsgraph.ContentID(s), contentIDRef(s); got != want {
			t.Errorf("ContentID(%q) = %s, want %s", s, got, want)
		}
	}
}

func FuzzContentID(f *testing.F) {
	for _, s := range contentIDSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := newsgraph.ContentID(s), contentIDRef(s); got != want {
			t.Errorf("ContentID(%q) = %s, want %s", s, got, want)
		}
	})
}

// BenchmarkContentID hashes 200 PolNeAR texts.
func BenchmarkContentID(b *testing.B) {
	texts := polnearTexts(b, 200)
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	strs := make([]string, len(texts))
	for i, t := range texts {
		strs[i] = string(t)
	}
	b.SetBytes(int64(size / len(texts)))
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		newsgraph.ContentID(strs[i%len(strs)])
	}
}
