package event

// functionWords are common words that head no pattern: their vocabulary
// ids are looked up once, when the dictionary is built (Dict.fn), not
// token by token. (A dictionary that made one of these a head would need
// this list changed; TestNotHead checks it.)
var functionWords = [...]string{
	"the", "a", "an", "of", "to", "in", "and", "on", "for", "with", "at", "by", "from", "as", "that",
	"been", "has", "have", "had", "it", "its", "he", "she", "they", "his", "her", "their", "this",
	"will", "would", "not", "but", "or", "who", "which", "also", "after", "more", "than", "about",
	"over", "there", "were", "we", "i", "you", "one", "two", "new", "year", "people", "could", "can",
	"out", "up", "into", "when", "all", "if", "so", "do", "did", "no", "them", "him", "what", "some",
	"other",
}

// functionWord returns the index of w in functionWords, or -1.
func functionWord(w string) int {
	switch w {
	case "the":
		return 0
	case "a":
		return 1
	case "an":
		return 2
	case "of":
		return 3
	case "to":
		return 4
	case "in":
		return 5
	case "and":
		return 6
	case "on":
		return 7
	case "for":
		return 8
	case "with":
		return 9
	case "at":
		return 10
	case "by":
		return 11
	case "from":
		return 12
	case "as":
		return 13
	case "that":
		return 14
	case "been":
		return 15
	case "has":
		return 16
	case "have":
		return 17
	case "had":
		return 18
	case "it":
		return 19
	case "its":
		return 20
	case "he":
		return 21
	case "she":
		return 22
	case "they":
		return 23
	case "his":
		return 24
	case "her":
		return 25
	case "their":
		return 26
	case "this":
		return 27
	case "will":
		return 28
	case "would":
		return 29
	case "not":
		return 30
	case "but":
		return 31
	case "or":
		return 32
	case "who":
		return 33
	case "which":
		return 34
	case "also":
		return 35
	case "after":
		return 36
	case "more":
		return 37
	case "than":
		return 38
	case "about":
		return 39
	case "over":
		return 40
	case "there":
		return 41
	case "were":
		return 42
	case "we":
		return 43
	case "i":
		return 44
	case "you":
		return 45
	case "one":
		return 46
	case "two":
		return 47
	case "new":
		return 48
	case "year":
		return 49
	case "people":
		return 50
	case "could":
		return 51
	case "can":
		return 52
	case "out":
		return 53
	case "up":
		return 54
	case "into":
		return 55
	case "when":
		return 56
	case "all":
		return 57
	case "if":
		return 58
	case "so":
		return 59
	case "do":
		return 60
	case "did":
		return 61
	case "no":
		return 62
	case "them":
		return 63
	case "him":
		return 64
	case "what":
		return 65
	case "some":
		return 66
	case "other":
		return 67
	}
	return -1
}

// notHead reports whether w is one of functionWords.
func notHead(w string) bool { return functionWord(w) >= 0 }
