package when

import (
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/doc"
)

// Find appends to dst the dates written in the tokens toks of text (usually
// the tokens of one sentence) and returns the extended slice. Relative
// dates are resolved against pub in the direction of tense; when pub is the
// zero time they are skipped, as are days written without a year.
func Find(dst []Date, text string, toks []doc.Token, pub time.Time, tense Tense) []Date {
	return FindLower(dst, text, "", toks, pub, tense)
}

// FindLower is Find for a caller that has the text with its ASCII capitals
// folded to lower case already (low, of the same length as text, or ""),
// which saves folding words one by one.
func FindLower(dst []Date, text, low string, toks []doc.Token, pub time.Time, tense Tense) []Date {
	s := scanner{text: text, low: low, toks: toks, pub: pub, tense: tense}
	if !pub.IsZero() {
		s.pub = time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, time.UTC)
	}
	for i := 0; ; {
		if i = skip(text, toks, i); i == len(toks) {
			break
		}
		d, n := s.at(i)
		if n == 0 {
			i++
			continue
		}
		d.Span = doc.Span{Start: toks[i].Start, End: toks[i+n-1].End}
		dst = append(dst, d)
		i += n
	}
	return dst
}

// skip returns the index of the first token from i on that may start a
// date (mayStart), or len(toks): a loop of its own, which keeps few values
// in registers, over most words.
func skip(text string, toks []doc.Token, i int) int {
	for ; i < len(toks); i++ {
		w := text[toks[i].Start:toks[i].End]
		if w == "" || 'a' <= w[0] && w[0] <= 'z' && !mayStartLower(w) || (w[0] < 'a' || w[0] > 'z') && !mayStart(w) {
			continue // most words, told by an inlined test when in lower case
		}
		return i
	}
	return i
}

// lowerDateWords are the lower-case words at which at may find a date
// (its switch), "mid-2018" aside.
var lowerDateWords = [...]string{"yesterday", "today", "tonight", "tomorrow", "last", "next",
	"this", "past", "earlier", "later", "coming", "a", "an", "one", "two", "three", "four",
	"five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"}

// dateWordShapes has, for each first and last letter of a word of
// lowerDateWords, a bit for each length of such a word (all are shorter
// than 16 bytes); capWordEnds has, for each first letter of the words a
// capitalised date word may be (lowerDateWords, months and their
// abbreviations, and weekdays), a bit for each last letter.
var dateWordShapes, capWordEnds = func() (m [26][26]uint16, c [26]uint32) {
	for _, w := range lowerDateWords {
		m[w[0]-'a'][w[len(w)-1]-'a'] |= 1 << len(w)
		c[w[0]-'a'] |= 1 << (w[len(w)-1] - 'a')
	}
	for _, w := range capDateWords {
		c[w[0]-'a'] |= 1 << (w[len(w)-1] - 'a')
	}
	return m, c
}()

// capDateWords are the names of months and weekdays, lower case, as
// month and weekdayOf know them.
var capDateWords = [...]string{"january", "jan", "february", "feb", "march", "mar", "april",
	"apr", "may", "june", "jun", "july", "jul", "august", "aug", "september", "sep", "sept",
	"october", "oct", "november", "nov", "december", "dec", "sunday", "monday", "tuesday",
	"wednesday", "thursday", "friday", "saturday"}

// mayStart reports whether a date may start at a token written w: a
// number, or a word whose first and last letters and length are those of
// a word of lowerDateWords (or, capitalised, whose first and last letters
// are those of one of capDateWords too), or "mid-…". Most words are
// turned away here, before at.
func mayStart(w string) bool {
	if w == "" {
		return false
	}
	c := w[0]
	switch {
	case '0' <= c && c <= '9':
		return true
	case 'A' <= c && c <= 'Z':
		// "Friday", "Aug.", "Last", "Mid-2018"
		l := w[len(w)-1]
		if l == '.' && len(w) > 1 {
			l = w[len(w)-2]
		}
		l |= 0x20 // lower case, for letters
		if 'a' <= l && l <= 'z' && capWordEnds[c-'A']&(1<<(l-'a')) != 0 {
			return true
		}
		return c == 'M' && len(w) == 8
	case 'a' <= c && c <= 'z':
		return mayStartLower(w)
	}
	return false
}

// mayStartLower is mayStart for a word that starts with a lower-case
// letter.
func mayStartLower(w string) bool {
	c, l := w[0], w[len(w)-1]
	return 'a' <= l && l <= 'z' && len(w) < 16 && dateWordShapes[c-'a'][l-'a']&(1<<len(w)) != 0 ||
		c == 'm' && len(w) == 8 // "mid-2018"
}

type scanner struct {
	text  string
	low   string // text with ASCII capitals folded, or ""
	toks  []doc.Token
	pub   time.Time
	tense Tense
}

// word returns token i as written, or "" past either end.
func (s *scanner) word(i int) string {
	if uint(i) >= uint(len(s.toks)) {
		return ""
	}
	t := s.toks[i]
	return s.text[t.Start:t.End]
}

// lower returns token i in lower case (ASCII folding only).
func (s *scanner) lower(i int) string {
	if uint(i) >= uint(len(s.toks)) {
		return ""
	}
	if s.low == "" {
		return lowerASCII(s.word(i))
	}
	t := s.toks[i]
	return s.low[t.Start:t.End]
}

func lowerASCII(w string) string {
	for j := 0; j < len(w); j++ {
		if 'A' <= w[j] && w[j] <= 'Z' {
			return strings.ToLower(w)
		}
	}
	return w
}

// at tries every kind of date expression starting at token i and returns
// the date and the number of tokens it spans (0: none).
func (s *scanner) at(i int) (Date, int) {
	w := s.word(i)
	if w == "" {
		return Date{}, 0
	}
	c := w[0]
	switch {
	case '0' <= c && c <= '9':
		if d, ok := isoDate(w); ok {
			return d, 1
		}
		if d, n := s.dayMonth(i); n > 0 {
			return d, n
		}
		if d, n := s.ago(i); n > 0 {
			return d, n
		}
		return s.year(i)
	case 'A' <= c && c <= 'Z':
		lw := s.lower(i)
		if m := monthOfLower(lw); m > 0 {
			return s.month(i, m)
		}
		if wd, ok := weekdayOf(lw); ok {
			return s.weekday(i, wd, s.tense)
		}
	}
	lw := s.lower(i)
	switch lw {
	case "yesterday", "today", "tonight", "tomorrow":
		if s.pub.IsZero() {
			return Date{}, 0
		}
		off := 0
		switch lw {
		case "yesterday":
			off = -1
		case "tomorrow":
			off = 1
		}
		return dayDate(s.pub.AddDate(0, 0, off), true), 1
	case "last", "next", "this", "past", "earlier", "later", "coming":
		return s.deictic(i, lw)
	case "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve": // the words of numberWord: "three days ago"
		return s.ago(i)
	}
	// "mid-2018" is one token; "early 2018" is found by year()'s context.
	if len(lw) == 8 && lw[0] == 'm' && strings.HasPrefix(lw, "mid-") {
		if y, ok := yearNum(lw[4:]); ok {
			return Date{Year: y, Precision: Year}, 1
		}
	}
	return Date{}, 0
}

// isoDate parses "2025-08-15".
func isoDate(w string) (Date, bool) {
	if len(w) != 10 || w[4] != '-' || w[7] != '-' {
		return Date{}, false
	}
	y, ok1 := digits(w[0:4])
	m, ok2 := digits(w[5:7])
	d, ok3 := digits(w[8:10])
	if !ok1 || !ok2 || !ok3 || !validDay(y, m, d) {
		return Date{}, false
	}
	return Date{Year: y, Month: m, Day: d, Precision: Day}, true
}

func digits(w string) (int, bool) {
	if w == "" || len(w) > 9 {
		return 0, false
	}
	n := 0
	for j := 0; j < len(w); j++ {
		if w[j] < '0' || w[j] > '9' {
			return 0, false
		}
		n = n*10 + int(w[j]-'0')
	}
	return n, true
}

// dayNum reads a day of the month: "15", "15th", "1st".
func dayNum(w string) (int, bool) {
	if len(w) > 2 {
		switch w[len(w)-2:] {
		case "st", "nd", "rd", "th":
			w = w[:len(w)-2]
		}
	}
	n, ok := digits(w)
	return n, ok && len(w) <= 2 && n >= 1 && n <= 31
}

// yearNum reads a four-digit year from 1800 to 2199.
func yearNum(w string) (int, bool) {
	n, ok := digits(w)
	return n, ok && len(w) == 4 && n >= 1800 && n < 2200
}

// dayMonth reads "15 Aug 2025", "15 August" and "15th of August".
func (s *scanner) dayMonth(i int) (Date, int) {
	d, ok := dayNum(s.word(i))
	if !ok {
		return Date{}, 0
	}
	j := i + 1
	if s.lower(j) == "of" {
		j++
	}
	m := monthOf(s.word(j))
	if m == 0 {
		return Date{}, 0
	}
	j++
	if y, ok := yearNum(s.word(j)); ok && validDay(y, m, d) {
		return Date{Year: y, Month: m, Day: d, Precision: Day}, j + 1 - i
	}
	if s.pub.IsZero() {
		return Date{}, 0
	}
	y := nearestYear(m, d, s.pub, s.tense)
	if !validDay(y, m, d) {
		return Date{}, 0
	}
	return Date{Year: y, Month: m, Day: d, Precision: Day, Relative: true}, j - i
}

// month reads "August 15, 2025", "Aug. 15", "August 2025" and, in context,
// a month alone ("in February").
func (s *scanner) month(i, m int) (Date, int) {
	j := i + 1
	if d, ok := dayNum(s.word(j)); ok {
		k := j + 1
		if s.word(k) == "," {
			k++
		}
		if y, ok := yearNum(s.word(k)); ok && validDay(y, m, d) {
			return Date{Year: y, Month: m, Day: d, Precision: Day}, k + 1 - i
		}
		if s.pub.IsZero() {
			return Date{}, 0
		}
		y := nearestYear(m, d, s.pub, s.tense)
		if !validDay(y, m, d) {
			return Date{}, 0
		}
		return Date{Year: y, Month: m, Day: d, Precision: Day, Relative: true}, j + 1 - i
	}
	k := j
	if s.word(k) == "," || s.lower(k) == "of" {
		k++
	}
	if y, ok := yearNum(s.word(k)); ok {
		return monthDate(y, m, false), k + 1 - i
	}
	// A month on its own needs a word before it that makes it a date:
	// "march" and "may" are verbs too.
	prev := s.lower(i - 1)
	if s.pub.IsZero() || !monthContext[prev] {
		return Date{}, 0
	}
	tense := s.tense
	switch prev {
	case "last", "past":
		tense = Past
	case "next", "coming":
		tense = Future
	}
	return monthOnly(m, s.pub, tense), 1
}

// year reads a year in context: "in 2018", "since 2022", "the 2022
// invasion", "their 2018 summit", "early 2018".
func (s *scanner) year(i int) (Date, int) {
	y, ok := yearNum(s.word(i))
	if !ok {
		return Date{}, 0
	}
	prev := s.lower(i - 1)
	next := s.lower(i + 1)
	if yearPrep[prev] {
		if countPrep[prev] && plural(next) {
			return Date{}, 0 // "a poll of 2047 voters"
		}
		return Date{Year: y, Precision: Year}, 1
	}
	if yearDet[prev] {
		// "the 2022 invasion", not "the 2000 troops" or "the 2047 voters".
		if next == "" || !isWord(next) || countNouns[next] || plural(next) {
			return Date{}, 0
		}
		return Date{Year: y, Precision: Year}, 1
	}
	return Date{}, 0
}

// plural reports whether next, the word after a four-digit number, is a
// lower-case plural that does not go with a year ("2047 voters", but "the
// 2018 elections").
func plural(next string) bool {
	n := len(next)
	if n < 4 || next[n-1] != 's' || next[n-2] == 's' || next[n-2] == '\'' || !isLower(next[0]) || yearNouns[next] {
		return false
	}
	return true
}

func isLower(c byte) bool { return 'a' <= c && c <= 'z' }

func isWord(w string) bool {
	c := w[0]
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// weekday resolves "Friday", "on Friday", "last Friday", "Friday's".
func (s *scanner) weekday(i int, wd time.Weekday, tense Tense) (Date, int) {
	if s.pub.IsZero() {
		return Date{}, 0
	}
	switch s.lower(i - 1) {
	case "last", "past":
		tense = Past
	case "next", "coming":
		tense = Future
	}
	return dayDate(weekday(wd, s.pub, tense), true), 1
}

// deictic reads "last week", "next month", "this year", "earlier this
// month", "last Friday", "next March". A week resolves to the month it
// falls in (Month precision), since the day is not known.
func (s *scanner) deictic(i int, lw string) (Date, int) {
	if s.pub.IsZero() {
		return Date{}, 0
	}
	j := i + 1
	if lw == "earlier" || lw == "later" {
		if s.lower(j) != "this" {
			return Date{}, 0
		}
		lw = "this"
		j++
	}
	if s.lower(j) == "the" {
		return Date{}, 0
	}
	dir := 0
	switch lw {
	case "last", "past":
		dir = -1
	case "next", "coming":
		dir = 1
	}
	unit := s.lower(j)
	p := s.pub
	switch unit {
	case "week", "weekend":
		t := p.AddDate(0, 0, 7*dir)
		return monthDate(t.Year(), int(t.Month()), true), j + 1 - i
	case "month":
		return monthDate(p.Year(), int(p.Month())+dir, true), j + 1 - i
	case "year":
		return Date{Year: p.Year() + dir, Precision: Year, Relative: true}, j + 1 - i
	case "night", "evening":
		if lw == "last" {
			return dayDate(p.AddDate(0, 0, -1), true), j + 1 - i
		}
	case "morning", "afternoon":
		if lw == "this" {
			return dayDate(p, true), j + 1 - i
		}
	}
	// "last Friday", "next March": the weekday or month itself carries the date.
	w := s.word(j)
	if m := monthOf(w); m > 0 {
		d, n := s.month(j, m)
		if n > 0 {
			return d, j + n - i
		}
	}
	if wd, ok := weekdayOf(s.lower(j)); ok && w != "" && 'A' <= w[0] && w[0] <= 'Z' {
		d, n := s.weekday(j, wd, s.tense)
		return d, j + n - i
	}
	return Date{}, 0
}

// ago reads "three days ago", "2 weeks ago", "a year ago".
func (s *scanner) ago(i int) (Date, int) {
	if s.pub.IsZero() {
		return Date{}, 0
	}
	w := s.lower(i)
	n, ok := numberWord(w)
	if !ok {
		if n, ok = digits(w); !ok || n > 999 {
			return Date{}, 0
		}
	}
	unit := strings.TrimSuffix(s.lower(i+1), "s")
	if s.lower(i+2) != "ago" {
		return Date{}, 0
	}
	p := s.pub
	switch unit {
	case "day":
		return dayDate(p.AddDate(0, 0, -n), true), 3
	case "week":
		return dayDate(p.AddDate(0, 0, -7*n), true), 3
	case "month":
		return monthDate(p.Year(), int(p.Month())-n, true), 3
	case "year":
		return Date{Year: p.Year() - n, Precision: Year, Relative: true}, 3
	}
	return Date{}, 0
}
