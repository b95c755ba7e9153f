// Package when finds dates in news text and resolves them to the calendar.
//
// Absolute dates ("August 15, 2025", "15 Aug 2025", "2025-08-15",
// "in 2018") are read as written; relative ones ("on Friday", "yesterday",
// "last week", "in February", "next month", "three days ago") are resolved
// against the publication date. Without a publication date relative
// expressions are skipped, and a day and month without a year are skipped.
//
// Dates are found over the tokens of one sentence (doc.Token spans), with
// plain string comparisons; offsets are bytes into the document text.
package when

import (
	"fmt"
	"time"

	"github.com/newsgraph/newsgraph/doc"
)

// Precision says how much of a Date is known.
type Precision uint8

// Precisions of a Date. The zero Precision means "no date".
const (
	None  Precision = iota
	Year            // only the year: "in 2018", "last year"
	Month           // year and month: "in February", "August 2025"
	Day             // a calendar day: "on Friday", "August 15, 2025"
)

// Date is a calendar date of day, month or year precision found in text.
// The zero Date means "no date".
type Date struct {
	doc.Span             // the words that gave the date, in bytes of the document text
	Year, Month, Day int // Month and Day are zero when not known
	Precision
	// Relative is true when the date was resolved against the publication
	// date ("on Friday") rather than written out ("August 15, 2025").
	Relative bool
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d.Precision == None }

// String returns the date as YYYY-MM-DD, YYYY-MM or YYYY by its precision,
// or "" for the zero Date.
func (d Date) String() string {
	var b [10]byte
	switch d.Precision {
	case Year:
		return string(digits4(b[:0], d.Year))
	case Month:
		return string(digits2(append(digits4(b[:0], d.Year), '-'), d.Month))
	case Day:
		return string(digits2(append(digits2(append(digits4(b[:0], d.Year), '-'), d.Month), '-'), d.Day))
	}
	return ""
}

// digits4 appends n as at least four digits, as %04d does.
func digits4(b []byte, n int) []byte {
	if n < 0 || n > 9999 {
		return fmt.Appendf(b, "%04d", n)
	}
	return append(b, byte('0'+n/1000), byte('0'+n/100%10), byte('0'+n/10%10), byte('0'+n%10))
}

// digits2 appends n as at least two digits, as %02d does.
func digits2(b []byte, n int) []byte {
	if n < 0 || n > 99 {
		return fmt.Appendf(b, "%02d", n)
	}
	return append(b, byte('0'+n/10), byte('0'+n%10))
}

// Time returns the first day the date covers, at midnight UTC.
func (d Date) Time() time.Time {
	m, day := d.Month, d.Day
	if m == 0 {
		m = 1
	}
	if day == 0 {
		day = 1
	}
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// Tense tells Find which way to resolve an ambiguous relative date: "on
// Friday" in a report of something done is the Friday on or before
// publication, in an announcement of something planned the Friday after.
type Tense uint8

// Tenses for Find.
const (
	Past   Tense = iota // the usual case in news: on or before publication
	Future              // "will meet on Friday", "plans to visit in March"
)

func dayDate(t time.Time, rel bool) Date {
	return Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day(), Precision: Day, Relative: rel}
}

func monthDate(y, m int, rel bool) Date {
	for m < 1 {
		m += 12
		y--
	}
	for m > 12 {
		m -= 12
		y++
	}
	return Date{Year: y, Month: m, Precision: Month, Relative: rel}
}

func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}

// nearestYear returns the year for a day and month written without one:
// for Past the latest year that puts the date on or before pub, for Future
// the earliest that puts it on or after pub.
func nearestYear(m, d int, pub time.Time, tense Tense) int {
	y := pub.Year()
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if tense == Future && t.Before(pub) {
		return y + 1
	}
	if tense == Past && t.After(pub) {
		return y - 1
	}
	return y
}

// weekday returns the date of the weekday wd nearest to pub in the
// direction of tense: on or before pub for Past, after pub for Future.
func weekday(wd time.Weekday, pub time.Time, tense Tense) time.Time {
	if tense == Future {
		n := (int(wd) - int(pub.Weekday()) + 7) % 7
		if n == 0 {
			n = 7
		}
		return pub.AddDate(0, 0, n)
	}
	n := (int(pub.Weekday()) - int(wd) + 7) % 7
	return pub.AddDate(0, 0, -n)
}

// monthOnly resolves a month named without a year ("in February"): the
// most recent such month up to and including pub's month, or for Future the
// next one from pub's month on.
func monthOnly(m int, pub time.Time, tense Tense) Date {
	y := pub.Year()
	pm := int(pub.Month())
	if tense == Future {
		if m < pm {
			y++
		}
	} else if m > pm {
		y--
	}
	return monthDate(y, m, true)
}
