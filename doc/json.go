package doc

import (
	"errors"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// AppendJSON appends the JSON form of d to b and returns the extended
// buffer: byte for byte what encoding/json's Marshal makes of d with HTML
// escaping off (json.Encoder.SetEscapeHTML(false)), without the newline
// that json.Encoder adds. It is several times faster than encoding/json,
// which walks the types by reflection on every call; a test fills every
// field of every type and checks that the two agree, so a field added to a
// type must be added here too.
//
// The errors are those of encoding/json: a score that is not a number, or
// a publication date outside the years 0 to 9999.
func (d *Document) AppendJSON(b []byte) ([]byte, error) {
	var w jsonWriter
	w.b = b
	w.str(`{"id":`, d.ID)
	if d.Path != "" {
		w.str(`,"path":`, d.Path)
	}
	w.str(`,"url":`, d.URL)
	w.str(`,"source":`, d.Source)
	w.str(`,"title":`, d.Title)
	if d.Author != "" {
		w.str(`,"author":`, d.Author)
	}
	w.raw(`,"published":`)
	if d.Published == nil {
		w.raw("null")
	} else {
		w.time(*d.Published)
	}
	w.str(`,"text":`, d.Text)

	w.raw(`,"blocks":`)
	if w.open(d.Blocks == nil) {
		for i := range d.Blocks {
			w.block(i, &d.Blocks[i])
		}
		w.close()
	}
	w.raw(`,"sentences":`)
	if w.open(d.Sentences == nil) {
		for i := range d.Sentences {
			s := &d.Sentences[i]
			w.span(i, s.Span)
			w.int(`,"block":`, s.Block)
			w.byte('}')
		}
		w.close()
	}
	w.raw(`,"entities":`)
	if w.open(d.Entities == nil) {
		for i := range d.Entities {
			w.entity(i, &d.Entities[i])
		}
		w.close()
	}
	w.raw(`,"quotes":`)
	if w.open(d.Quotes == nil) {
		for i := range d.Quotes {
			w.quote(i, &d.Quotes[i])
		}
		w.close()
	}
	w.raw(`,"events":`)
	if w.open(d.Events == nil) {
		for i := range d.Events {
			w.event(i, &d.Events[i])
		}
		w.close()
	}
	w.raw(`,"places":`)
	if w.open(d.Places == nil) {
		for i := range d.Places {
			w.place(i, &d.Places[i])
		}
		w.close()
	}
	w.raw(`,"related":`)
	if w.open(d.Related == nil) {
		for i := range d.Related {
			r := &d.Related[i]
			w.span(i, r.Span)
			w.str(`,"title":`, r.Title)
			w.byte('}')
		}
		w.close()
	}
	if len(d.Images) > 0 {
		w.raw(`,"images":[`)
		for i := range d.Images {
			im := &d.Images[i]
			w.comma(i)
			w.str(`{"url":`, im.URL)
			if im.Caption != "" {
				w.str(`,"caption":`, im.Caption)
			}
			if im.Credit != "" {
				w.str(`,"credit":`, im.Credit)
			}
			w.byte('}')
		}
		w.byte(']')
	}
	w.raw(`,"tone":{"score":`)
	w.float(d.Tone.Score)
	if len(d.Tone.Sentences) > 0 {
		w.raw(`,"sentences":[`)
		for i, v := range d.Tone.Sentences {
			w.comma(i)
			w.float(v)
		}
		w.byte(']')
	}
	w.byte('}')
	if len(d.Diagnostics) > 0 {
		w.raw(`,"diagnostics":[`)
		for i := range d.Diagnostics {
			dg := &d.Diagnostics[i]
			w.span(i, dg.Span)
			w.str(`,"stage":`, dg.Stage)
			w.str(`,"message":`, dg.Message)
			w.byte('}')
		}
		w.byte(']')
	}
	w.byte('}')
	return w.b, w.err
}

// jsonWriter appends JSON to b; err is the first value that could not be
// encoded.
type jsonWriter struct {
	b   []byte
	err error
}

func (w *jsonWriter) raw(s string) { w.b = append(w.b, s...) }
func (w *jsonWriter) byte(c byte)  { w.b = append(w.b, c) }

// comma writes the comma before element i of an array.
func (w *jsonWriter) comma(i int) {
	if i > 0 {
		w.b = append(w.b, ',')
	}
}

// open writes "null" for a nil slice and reports false, or opens an array.
func (w *jsonWriter) open(isNil bool) bool {
	if isNil {
		w.b = append(w.b, "null"...)
		return false
	}
	w.b = append(w.b, '[')
	return true
}

func (w *jsonWriter) close() { w.b = append(w.b, ']') }

// str writes key (with its punctuation) and the string s.
func (w *jsonWriter) str(key, s string) {
	w.b = appendJSONString(append(w.b, key...), s)
}

// int writes key (with its punctuation) and n.
func (w *jsonWriter) int(key string, n int) {
	w.b = appendInt(append(w.b, key...), n)
}

// appendInt appends n in decimal, as strconv.AppendInt does. The numbers
// of a document are offsets and counts, mostly of a few digits: those are
// written here two digits at a time, in place, without strconv's general
// path.
func appendInt(b []byte, n int) []byte {
	switch {
	case n < 0 || n >= 1e8:
		return strconv.AppendInt(b, int64(n), 10)
	case n < 10:
		return append(b, byte('0'+n))
	case n < 100:
		return append(b, digitPairs[2*n], digitPairs[2*n+1])
	case n < 1e4: // most offsets
		q, r := n/100, n%100
		if q < 10 {
			return append(b, byte('0'+q), digitPairs[2*r], digitPairs[2*r+1])
		}
		return append(b, digitPairs[2*q], digitPairs[2*q+1], digitPairs[2*r], digitPairs[2*r+1])
	}
	w := bits.Len(uint(n)) * 1233 >> 12 // digits, or one less: 1233/4096 ≈ log10(2)
	if n >= leastOf[w] {
		w++
	}
	l := len(b)
	b = slices.Grow(b, w)[:l+w]
	d := b[l:]
	i := w
	for n >= 100 {
		q := n / 100
		r := 2 * (n - 100*q)
		i -= 2
		d[i], d[i+1] = digitPairs[r], digitPairs[r+1]
		n = q
	}
	if n >= 10 {
		d[0], d[1] = digitPairs[2*n], digitPairs[2*n+1]
	} else {
		d[0] = byte('0' + n)
	}
	return b
}

// leastOf[k] is the least number of k+1 digits.
var leastOf = [...]int{0, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8}

const digitPairs = "00010203040506070809" + "10111213141516171819" + "20212223242526272829" + "30313233343536373839" +
	"40414243444546474849" + "50515253545556575859" + "60616263646566676869" + "70717273747576777879" +
	"80818283848586878889" + "90919293949596979899"

// span opens object i of an array with the fields of an embedded Span.
func (w *jsonWriter) span(i int, s Span) {
	w.comma(i)
	w.int(`{"start":`, s.Start)
	w.int(`,"end":`, s.End)
}

// strings writes a []string: null when nil.
func (w *jsonWriter) strings(ss []string) {
	if !w.open(ss == nil) {
		return
	}
	for i, s := range ss {
		w.comma(i)
		w.b = appendJSONString(w.b, s)
	}
	w.close()
}

// float writes f as encoding/json does: like ES6, in exponent form only
// below 1e-6 and from 1e21, with no leading zero in the exponent.
func (w *jsonWriter) float(f float64) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		if w.err == nil {
			w.err = errors.New("json: unsupported value: " + strconv.FormatFloat(f, 'g', -1, 64))
		}
		w.b = append(w.b, '0')
		return
	}
	if f == 0 && !math.Signbit(f) {
		w.b = append(w.b, '0') // a quarter of the sentences' tone scores
		return
	}
	x := math.Float64bits(f)
	slot := &floatCache[x*0x9E3779B97F4A7C15>>(64-floatCacheBits)]
	if e := slot.Load(); e != nil && e.bits == x {
		w.b = append(w.b, e.text...)
		return
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	start := len(w.b)
	b := strconv.AppendFloat(w.b, f, format, -1, 64)
	if format == 'e' {
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	w.b = b
	slot.Store(&floatText{bits: x, text: string(b[start:])})
}

// floatCache holds the JSON form of floats written before, in a slot
// picked by a hash of their bits (a newer float takes the slot of an
// older one). Formatting a float is the writer's dearest step, and most
// floats repeat: a sentence with one word of VADER's lexicon has the tone
// score of that word, the same in every article. Writers on
// several goroutines share it; an entry, once stored, is never changed.
var floatCache [1 << floatCacheBits]atomic.Pointer[floatText]

const floatCacheBits = 12

// floatText is a float's bits and its JSON form.
type floatText struct {
	bits uint64
	text string
}

// time writes t as time.Time's MarshalJSON does.
func (w *jsonWriter) time(t time.Time) {
	n := len(w.b)
	b, err := t.AppendText(append(w.b, '"'))
	if err != nil {
		if w.err == nil {
			_, err = t.MarshalJSON()
			w.err = errors.New("json: error calling MarshalJSON for type *time.Time: " + err.Error())
		}
		w.b = append(w.b[:n], "null"...)
		return
	}
	w.b = append(b, '"')
}

func (w *jsonWriter) block(i int, b *Block) {
	w.comma(i)
	w.str(`{"kind":`, string(b.Kind))
	w.int(`,"start":`, b.Start)
	w.int(`,"end":`, b.End)
	if c := b.Credit; c != nil {
		w.int(`,"credit":{"start":`, c.Start)
		w.int(`,"end":`, c.End)
		w.str(`,"text":`, c.Text)
		w.raw(`,"photographers":`)
		w.strings(c.Photographers)
		w.raw(`,"agencies":`)
		w.strings(c.Agencies)
		w.raw(`,"parts":`)
		if w.open(c.Parts == nil) {
			for j := range c.Parts {
				p := &c.Parts[j]
				w.span(j, p.Span)
				w.str(`,"name":`, p.Name)
				w.str(`,"role":`, p.Role)
				w.byte('}')
			}
			w.close()
		}
		w.byte('}')
	}
	w.byte('}')
}

func (w *jsonWriter) entity(i int, e *Entity) {
	w.comma(i)
	w.str(`{"id":`, e.ID)
	w.str(`,"name":`, e.Name)
	w.str(`,"type":`, string(e.Type))
	if e.Country != "" {
		w.str(`,"country":`, e.Country)
	}
	if e.Sector != "" {
		w.str(`,"sector":`, e.Sector)
	}
	if len(e.Roles) > 0 {
		w.raw(`,"roles":`)
		w.strings(e.Roles)
	}
	w.raw(`,"mentions":`)
	w.mentions(e.Mentions)
	if len(e.References) > 0 {
		w.raw(`,"references":`)
		w.mentions(e.References)
	}
	w.byte('}')
}

func (w *jsonWriter) mentions(ms []Mention) {
	if !w.open(ms == nil) {
		return
	}
	for i := range ms {
		m := &ms[i]
		w.span(i, m.Span)
		w.str(`,"text":`, m.Text)
		if m.Kind != "" {
			w.str(`,"kind":`, string(m.Kind))
		}
		w.byte('}')
	}
	w.close()
}

func (w *jsonWriter) quote(i int, q *Quote) {
	w.comma(i)
	w.str(`{"text":`, q.Text)
	w.str(`,"kind":`, string(q.Kind))
	w.int(`,"start":`, q.Start)
	w.int(`,"end":`, q.End)
	w.str(`,"cue":`, q.Cue)
	w.int(`,"cue_start":`, q.CueStart)
	w.int(`,"cue_end":`, q.CueEnd)
	if q.Speaker == nil {
		w.raw(`,"speaker":null`)
	} else {
		w.str(`,"speaker":`, *q.Speaker)
	}
	w.str(`,"speaker_name":`, q.SpeakerName)
	w.intPtr(`,"speaker_start":`, q.SpeakerStart)
	w.intPtr(`,"speaker_end":`, q.SpeakerEnd)
	w.byte('}')
}

func (w *jsonWriter) intPtr(key string, p *int) {
	if p == nil {
		w.raw(key)
		w.raw("null")
		return
	}
	w.int(key, *p)
}

func (w *jsonWriter) event(i int, e *Event) {
	w.comma(i)
	w.str(`{"type":`, e.Type)
	if e.Mode != "" {
		w.str(`,"mode":`, e.Mode)
	}
	w.str(`,"status":`, string(e.Status))
	w.raw(`,"source":`)
	w.strings(e.Source)
	w.raw(`,"target":`)
	w.strings(e.Target)
	if e.Location != "" {
		w.str(`,"location":`, e.Location)
	}
	if e.Date != "" {
		w.str(`,"date":`, e.Date)
	}
	w.int(`,"sentence":`, e.Sentence)
	w.str(`,"evidence":`, e.Evidence)
	w.int(`,"trigger":{"start":`, e.Trigger.Start)
	w.int(`,"end":`, e.Trigger.End)
	w.raw("}}")
}

func (w *jsonWriter) place(i int, p *Place) {
	w.comma(i)
	w.str(`{"name":`, p.Name)
	if p.Admin1 != "" {
		w.str(`,"admin1":`, p.Admin1)
	}
	w.str(`,"country":`, p.Country)
	w.raw(`,"lat":`)
	w.float(p.Lat)
	w.raw(`,"lon":`)
	w.float(p.Lon)
	if p.Entity != "" {
		w.str(`,"entity":`, p.Entity)
	}
	w.byte('}')
}

// jsonSafe marks the ASCII bytes that stand for themselves in a JSON
// string.
var jsonSafe = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

const lowerHex = "0123456789abcdef"

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it with HTML escaping off: quotes, backslashes and control
// characters, U+2028 and U+2029, and bytes that are not UTF-8 as U+FFFD.
// Runs of bytes that stand for themselves are found eight bytes at a time
// and copied whole.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0 // s[start:i] is still to be copied
	for i := 0; ; {
		i = plainJSON(s, i)
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', lowerHex[c>>4], lowerHex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', lowerHex[r&0xF])
		default:
			i += n
			continue
		}
		i += n
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// plainJSON returns the index of the first byte of s from i on that does
// not stand for itself in a JSON string (a quote, a backslash, a control
// character or a byte beyond ASCII), or len(s). It looks at eight bytes at
// a time, and then the last eight bytes at once if it has looked at those
// before them.
func plainJSON(s string, i int) int {
	if i+8 > len(s) {
		for i < len(s) && jsonSafe[s[i]] {
			i++
		}
		return i
	}
	for ; i+8 <= len(s); i += 8 {
		if m := jsonStops(le64(s[i : i+8])); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	if i < len(s) { // the last eight bytes, those before i known to stand for themselves
		if m := jsonStops(le64(s[len(s)-8:])); m != 0 {
			return len(s) - 8 + bits.TrailingZeros64(m)/8
		}
	}
	return len(s)
}

// jsonStops returns the top bit of each of the eight bytes x (a
// little-endian load) that does not stand for itself in a JSON string, and
// maybe of some bytes after the first such one: below it, the tests for
// bytes below 0x20 and equal to '"' or '\\' are exact.
func jsonStops(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	q, bs := x^('"'*ones), x^('\\'*ones)
	return (x | (x - 0x20*ones) | (q-ones)&^q | (bs-ones)&^bs) & highs
}

// le64 returns the first eight bytes of s as a little-endian number (one
// load, once the compiler has merged the byte loads).
func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}
