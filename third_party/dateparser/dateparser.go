// Package dateparser is newsgraph's small stand-in for
// github.com/markusmobius/go-dateparser: the same names for the part of the
// API that go-htmldate uses, parsing English and numeric date strings with
// the standard library and compiling nothing at start-up.
package dateparser

import (
	"errors"
	"strings"
	"time"
)

// ParserType names a parsing strategy. Only the types go-htmldate asks for
// exist; both parse the same fixed set of layouts here.
type ParserType int

// The parser types.
const (
	CustomFormat ParserType = iota
	AbsoluteTime
)

// DateSource says which date to prefer when a string leaves it open.
type DateSource int

// The preferred date sources.
const (
	Past DateSource = iota
	Future
)

// DateOrder is the order of day, month and year in ambiguous numeric dates.
type DateOrder string

// The date orders.
const (
	DMY DateOrder = "DMY"
	MDY DateOrder = "MDY"
	YMD DateOrder = "YMD"
)

// DayOfMonth says which day to take when a string has none.
type DayOfMonth int

// The preferred days of month.
const (
	First DayOfMonth = iota
	Current
	Last
)

// Configuration holds the options go-htmldate sets; they are accepted and,
// apart from DateOrder, ignored.
type Configuration struct {
	DateOrder           DateOrder
	PreferredDayOfMonth DayOfMonth
	PreferredDateSource DateSource
	StrictParsing       bool
}

// Date is a parsed date.
type Date struct {
	Time time.Time
}

// Parser parses date strings.
type Parser struct {
	ParserTypes []ParserType
}

// ErrNoDate is returned when a string holds no date this parser knows.
var ErrNoDate = errors.New("dateparser: no date found")

var layouts = []string{
	time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02", "2006/01/02", "2006.01.02",
	time.RFC1123Z, time.RFC1123, time.RFC850, time.ANSIC,
	"January 2, 2006", "January 2 2006", "Jan 2, 2006", "Jan 2 2006", "Jan. 2, 2006",
	"2 January 2006", "2 Jan 2006", "02 January 2006", "02 Jan 2006",
	"Monday, January 2, 2006", "Monday 2 January 2006", "Mon, 2 Jan 2006", "Monday, 2 January 2006",
	"January 2, 2006 3:04 PM", "Jan 2, 2006 3:04 PM", "2 January 2006 15:04", "January 2006", "Jan 2006",
}

// Parse returns the date in s. Numeric dates such as 02/01/2006 are read
// in cfg.DateOrder (month first when unset).
func (p *Parser) Parse(cfg *Configuration, s string, formats ...string) (Date, error) {
	s = strings.TrimSpace(strings.Join(strings.Fields(s), " "))
	numeric := []string{"01/02/2006", "1/2/2006", "01-02-2006"}
	if cfg != nil && cfg.DateOrder == DMY {
		numeric = []string{"02/01/2006", "2/1/2006", "02-01-2006", "02.01.2006"}
	}
	for _, set := range [][]string{formats, layouts, numeric} {
		for _, l := range set {
			if t, err := time.Parse(l, s); err == nil {
				return Date{Time: t}, nil
			}
		}
	}
	return Date{}, ErrNoDate
}
