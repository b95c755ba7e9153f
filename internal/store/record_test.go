package store

import (
	"hash/crc32"
	"strings"
	"testing"
)

// sampleText is long enough to be clustered: 60 words.
var sampleText = strings.Repeat("The senator said on Tuesday that the bill would pass the house before the recess, aides said. ", 4)

// TestMinHashStable pins the signature of a fixed text: signatures are
// stored, and a new binary must compute the same ones to compare new texts
// with stored texts.
func TestMinHashStable(t *testing.T) {
	sig := MinHash(sampleText)
	if len(sig) != NumHashes {
		t.Fatalf("len = %d", len(sig))
	}
	if got, want := crc32.ChecksumIEEE(EncodeSig(sig)), uint32(0x2a222987); got != want {
		t.Errorf("signature checksum %#x, want %#x: stored signatures would no longer compare", got, want)
	}
	if got := hashWords([]string{"a", "b"}); got != 0xab40d7820d408076 {
		t.Errorf("hashWords = %#x", got)
	}
}

func BenchmarkMinHash(b *testing.B) {
	text := strings.Repeat(sampleText, 8) // about 750 words, a news article
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		MinHash(text)
	}
}
