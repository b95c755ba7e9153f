package source

import (
	"regexp"
	"strings"
	"sync"
)

// boilerplateLines are patterns of the promotional lines that extractors
// keep at the edges of an article: newsletter and subscription offers,
// "follow us" and contact lines, short copyright notices. Each was seen
// on several sites of the development half of the article-extraction
// benchmark (CBS Sports, NJ.com, Space.com, Business Insider, Motor Cycle
// Monthly, Entermedia, Inexhibit); none is specific to one site. Credits
// ("Reporting by …") and related links ("Related: …", "READ MORE: …")
// are kept: the layout stage classifies them. They are compiled on first
// use: plain-text input never needs them.
var boilerplateLines = sync.OnceValue(func() []*regexp.Regexp {
	return []*regexp.Regexp{
		regexp.MustCompile(`(?i)\b(newsletters?|subscribe to|subscribe now|subscribe today|in your inbox|on your inbox)\b`),
		regexp.MustCompile(`(?i)\bfollow (us|him|her|them|me)\b.*\b(twitter|facebook|instagram|linkedin)\b`),
		regexp.MustCompile(`(?i)\bmay be reached at\b|^have a tip\b|^email \S+( \S+)? at \S+@`),
		regexp.MustCompile(`(?i)^(copyright|©|ⓒ)`),
		regexp.MustCompile(`(?i)^(thanks for signing up|sorry!?$|there was an error processing your subscription)`),
	}
})

// Where dropBoilerplate looks: the first and last lines of the text, and
// lines of at most maxBoilerplateWords words.
const (
	boilerplateEdge     = 8
	maxBoilerplateWords = 30
)

// dropBoilerplate removes the promotional lines (boilerplateLines) among
// the first and last boilerplateEdge lines of text. It never empties the
// text.
func dropBoilerplate(text string) string {
	lines := strings.Split(text, "\n")
	out := lines[:0]
	for i, l := range lines {
		edge := i < boilerplateEdge || i >= len(lines)-boilerplateEdge
		if edge && len(strings.Fields(l)) <= maxBoilerplateWords && isBoilerplate(l) {
			continue
		}
		out = append(out, l)
	}
	if len(out) == 0 {
		return text
	}
	return strings.Join(out, "\n")
}

func isBoilerplate(line string) bool {
	for _, re := range boilerplateLines() {
		if re.MatchString(line) {
			return true
		}
	}
	return false
}
