package when

import (
	"strings"
	"time"
)

// monthOf returns the month (1–12) named by a capitalised word or its
// abbreviation ("August", "Aug", "Aug.", "Sept."), or 0.
func monthOf(w string) int {
	if len(w) < 3 || w[0] < 'A' || w[0] > 'Z' {
		return 0
	}
	return month(strings.ToLower(strings.TrimSuffix(w, ".")))
}

// monthOfLower is monthOf for a word already in lower case; the caller
// has checked the capital.
func monthOfLower(w string) int {
	if len(w) < 3 {
		return 0
	}
	if w[len(w)-1] == '.' {
		w = w[:len(w)-1]
	}
	return month(w)
}

// month returns the month (1–12) of a lower-case month name or
// abbreviation, or 0. (A switch: no hashing for the many words that are
// not months.)
func month(w string) int {
	switch w {
	case "january", "jan":
		return 1
	case "february", "feb":
		return 2
	case "march", "mar":
		return 3
	case "april", "apr":
		return 4
	case "may":
		return 5
	case "june", "jun":
		return 6
	case "july", "jul":
		return 7
	case "august", "aug":
		return 8
	case "september", "sep", "sept":
		return 9
	case "october", "oct":
		return 10
	case "november", "nov":
		return 11
	case "december", "dec":
		return 12
	}
	return 0
}

// weekdayOf returns the weekday of a lower-case day name.
func weekdayOf(w string) (time.Weekday, bool) {
	switch w {
	case "sunday":
		return time.Sunday, true
	case "monday":
		return time.Monday, true
	case "tuesday":
		return time.Tuesday, true
	case "wednesday":
		return time.Wednesday, true
	case "thursday":
		return time.Thursday, true
	case "friday":
		return time.Friday, true
	case "saturday":
		return time.Saturday, true
	}
	return 0, false
}

// monthContext holds the words after which a month name alone is a date.
var monthContext = set("in", "since", "until", "till", "by", "from", "of", "during",
	"before", "after", "early", "late", "mid", "last", "next", "this", "past",
	"coming", "through", "between", "throughout")

// yearPrep holds the words after which a four-digit number is a year.
var yearPrep = set("in", "since", "until", "till", "by", "from", "of", "during",
	"before", "after", "early", "late", "mid", "through", "between", "throughout",
	"year", "summer", "spring", "autumn", "fall", "winter", "around", "circa", "and", "to")

// countPrep holds the words of yearPrep that also come before a count, so
// that a plural after the number makes it one: "a poll of 2047 voters".
var countPrep = set("of", "to", "and", "from", "between", "around", "circa", "by")

// yearDet holds the determiners after which a four-digit number followed by
// a noun is a year ("the 2022 invasion", "their 2018 summit").
var yearDet = set("the", "a", "an", "their", "its", "his", "her", "our", "my", "your", "this", "that")

// countNouns are nouns that make "the 2000 troops" a count, not a year.
var countNouns = set("people", "troops", "soldiers", "protesters", "men", "women",
	"children", "refugees", "workers", "members", "police", "officers", "votes",
	"dollars", "euros", "pounds", "tonnes", "tons", "miles", "kilometres",
	"kilometers", "metres", "meters", "feet", "residents", "families", "homes",
	"cases", "deaths", "jobs", "units", "times", "others", "of", "and", "to")

// yearNouns are plurals that follow a year: "the 2018 elections", "in
// 2014 talks". Any other plural after a four-digit number makes it a count.
var yearNouns = set("elections", "talks", "games", "olympics", "protests", "riots", "floods",
	"sanctions", "accords", "negotiations", "polls", "midterms", "attacks", "strikes", "clashes",
	"hearings", "finals", "championships", "reforms", "agreements", "discussions", "summits",
	"hostilities", "bombings", "killings", "events", "levels", "figures", "records", "accounts",
	"results", "budgets", "plans", "regulations", "rules", "laws", "census", "crisis")

// numberWord returns the value of a spelled-out count for "three days
// ago": "a", "an", "one" to "twelve".
func numberWord(w string) (int, bool) {
	switch w {
	case "a", "an", "one":
		return 1, true
	case "two":
		return 2, true
	case "three":
		return 3, true
	case "four":
		return 4, true
	case "five":
		return 5, true
	case "six":
		return 6, true
	case "seven":
		return 7, true
	case "eight":
		return 8, true
	case "nine":
		return 9, true
	case "ten":
		return 10, true
	case "eleven":
		return 11, true
	case "twelve":
		return 12, true
	}
	return 0, false
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
