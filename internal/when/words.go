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
	return months[strings.ToLower(strings.TrimSuffix(w, "."))]
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
	return months[w]
}

var months = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
	"april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
	"august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
	"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday,
	"wednesday": time.Wednesday, "thursday": time.Thursday, "friday": time.Friday,
	"saturday": time.Saturday,
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

// numberWords are spelled-out counts for "three days ago".
var numberWords = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
	"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
	"twelve": 12,
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
