package source

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Text reads a plain-text article. Valid UTF-8 is kept byte for byte, so
// every offset can be checked against the file. Text in a legacy single-byte
// encoding (no valid multi-byte UTF-8 sequence at all) is decoded as
// Windows-1252; otherwise invalid bytes become U+FFFD. Either repair is
// reported in the returned warning, and the text then differs from the file.
func Text(data []byte) (Article, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return Article{}, ErrEmpty
	}
	if err := sniffBinary(data); err != nil {
		return Article{}, err
	}
	if utf8.Valid(data) {
		return Article{Text: string(data)}, nil
	}
	bad := firstInvalid(data)
	if !hasMultibyte(data) {
		s, err := charmap.Windows1252.NewDecoder().String(string(data))
		if err == nil {
			return Article{Text: s}, &RepairError{Offset: bad, How: "decoded as Windows-1252"}
		}
	}
	return Article{Text: strings.ToValidUTF8(string(data), "\uFFFD")}, &RepairError{Offset: bad, How: "invalid bytes replaced with U+FFFD"}
}

// RepairError reports input that was read only after repairing its
// encoding. It is a warning: the Article returned with it is usable.
type RepairError struct {
	Offset int    // byte offset of the first invalid byte in the input
	How    string // what was done
}

func (e *RepairError) Error() string {
	return fmt.Sprintf("invalid UTF-8 at byte %d: %s; offsets point into the repaired text", e.Offset, e.How)
}

// sniffBinary refuses data that is not text: NUL bytes, or a content type
// other than text as the WHATWG sniffing algorithm sees it (PNG, PDF, ZIP …).
// Valid UTF-8 without control characters is always text, whatever its first
// letters spell: "BMW shares rose" is not a BMP image.
func sniffBinary(data []byte) error {
	head := data[:min(len(data), 1024)]
	if plainText(head) && !bytes.HasPrefix(head, []byte("%PDF-")) {
		return nil
	}
	ct := http.DetectContentType(head)
	if strings.HasPrefix(ct, "text/") {
		return nil
	}
	if ct == "application/octet-stream" && bytes.IndexByte(head, 0) < 0 {
		return nil // undecided but no NUL: let the decoder judge
	}
	return fmt.Errorf("%w (looks like %s)", ErrBinary, ct)
}

// plainText reports whether head is valid UTF-8 (a rune cut by the end of
// head allowed) with no control characters but white space.
func plainText(head []byte) bool {
	for i := 0; i < len(head); {
		c := head[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && n == 1 {
			return len(head)-i < utf8.UTFMax && !utf8.FullRune(head[i:])
		}
		i += n
	}
	return true
}

func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// hasMultibyte reports whether data holds at least one valid multi-byte
// UTF-8 sequence.
func hasMultibyte(data []byte) bool {
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r != utf8.RuneError || n > 1 {
			return true
		}
		i++
	}
	return false
}
