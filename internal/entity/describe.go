package entity

import (
	"strings"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/geo"
)

// modifiers may stand inside a title before its head word: "former US
// President", "Russian Foreign Minister", "deputy prime minister".
var modifiers = map[string]bool{
	"former": true, "deputy": true, "foreign": true, "prime": true, "vice": true,
	"acting": true, "interim": true, "defence": true, "defense": true, "interior": true,
	"finance": true, "justice": true, "health": true, "trade": true, "economy": true,
	"then": true, "new": true, "top": true, "senior": true, "chief": true, "state": true,
	"national": true, "security": true, "opposition": true, "party": true, "supreme": true,
	"first": true, "veteran": true, "late": true, "outgoing": true, "incoming": true,
	"general": true, "attorney": true, "white": true, "house": true, "press": true,
	"military": true, "army": true, "navy": true, "air": true, "force": true,
}

// phrase is a title or description found next to a name.
type phrase struct {
	s, e    int    // tokens [s, e)
	country string // ISO3 of a demonym or country in it
	head    title  // the title entry of its head word
	headW   string // the head word
	ok      bool   // it has a role word (not only Mr, Dr)
	gender  byte
}

// scanTitle reads the title that ends just before token end, going back
// no further than token min: "US President", "Russian counterpart",
// "Mr". Country words the model tagged LOC ("US") are part of it.
func (a *analysis) scanTitle(min, end int) phrase {
	p := phrase{s: end, e: end}
	for i := end - 1; i >= min && end-i <= 6; i-- {
		w := a.words[i]
		if a.info[i].flags&wTitle != 0 {
			t := lex().titleList[a.info[i].title]
			if t.abbr {
				if i != end-1 {
					break
				}
				p.gender = t.gender
				p.s = i
				continue
			}
			if !p.ok {
				p.head, p.headW, p.ok = t, w, true
				p.e = i + 1
				if t.gender != 0 {
					p.gender = t.gender
				}
			}
			p.s = i
			continue
		}
		if iso, ok := a.demonym(i); ok {
			if p.country == "" {
				p.country = iso
			}
			p.s = i
			continue
		}
		if p.ok && a.info[i].flags&wModifier != 0 {
			p.s = i
			continue
		}
		if p.ok && isPossessive(w) && i > min {
			// "Ukraine's President": the country owns the title.
			if iso, ok := a.demonym(i - 1); ok && p.country == "" {
				p.country = iso
				p.s = i - 1
			}
		}
		break
	}
	if !p.ok {
		p.s = p.e // only a form of address; no role
	}
	return p
}

// scanApposition reads an apposition after a name that ends at token
// end: ", a Ukrainian journalist-turned-politician," gives the phrase
// "Ukrainian journalist-turned-politician".
func (a *analysis) scanApposition(end, max int) phrase {
	p := phrase{}
	i := end
	if i >= max || a.word(i) != "," {
		return p
	}
	i++
	if i < max {
		switch strings.ToLower(a.word(i)) {
		case "a", "an", "the":
			i++
		}
	}
	s := i
	for ; i < max && i-s < 6; i++ {
		w := a.word(i)
		if isPossessive(w) && i > s && a.tf[i-1]&tHasDem != 0 && a.dem[i-1] == p.country {
			continue // "Russia's foreign minister"
		}
		if w == "," || w == "." || w == ";" || w == "who" || w == "and" || w == ")" || isPossessive(w) {
			break
		}
		if iso, ok := a.demonym(i); ok && p.country == "" {
			p.country = iso
		}
		if t, ok := a.roleWord(i); ok {
			p.head, p.headW, p.ok = t, w, true
			p.e = i + 1
		}
	}
	if !p.ok || p.e != i || i >= max || (a.word(i) != "," && a.word(i) != "." && a.word(i) != ";") {
		return phrase{}
	}
	p.s = s
	if p.head.gender != 0 {
		p.gender = p.head.gender
	}
	return p
}

// roleWord returns the title entry of token i if it is a role word,
// looking inside hyphenated compounds for the last part that is one
// ("journalist-turned-politician"). The token itself is looked up by
// its lexicon facts, which tag found.
func (a *analysis) roleWord(i int) (title, bool) {
	if wi := a.info[i]; wi.flags&wTitle != 0 {
		if t := lex().titleList[wi.title]; !t.abbr {
			return t, true
		}
	}
	w := a.word(i)
	if !strings.Contains(w, "-") {
		return title{}, false
	}
	for { // the parts between hyphens, the last first
		k := strings.LastIndexByte(w, '-')
		if t, ok := lookupTitle(w[k+1:]); ok && !t.abbr {
			return t, true
		}
		if k < 0 {
			return title{}, false
		}
		w = w[:k]
	}
}

// describe gives people their roles, sector, country and gender from
// the titles before their names and the appositions after them, credit
// people the role "photographer", and organisations and groups a country
// from the demonyms in their names.
func (a *analysis) describe() {
	l := lex()
	for _, e := range a.ents {
		if e.dropped {
			continue
		}
		votes := a.votes[:0] // in order of first vote
		vote := func(iso string) {
			if iso == "" {
				return
			}
			for k := range votes {
				if votes[k].iso == iso {
					votes[k].n++
					return
				}
			}
			votes = append(votes, countryVote{iso, 1})
		}
		switch e.out.Type {
		case doc.Person:
			for _, mi := range e.mentions {
				m := &a.mentions[mi]
				if m.role != "" {
					a.addRole(e, m.role)
					if t, ok := lookupTitle(m.role); ok && e.out.Sector == "" {
						e.out.Sector = t.sector
					}
				}
				if m.tok < 0 {
					continue
				}
				s0, s1 := a.sentTok[m.sent], a.sentTok[m.sent+1]
				p := a.scanTitle(s0, m.tok)
				if !p.ok && p.gender == 0 && m.tok-2 >= s0 && a.word(m.tok-1) == "," {
					// "the Ukrainian president, Volodymyr Zelenskiy"
					p = a.scanTitle(s0, m.tok-1)
				}
				if p.gender != 0 && e.gender == 0 {
					e.gender = p.gender
				}
				if !p.ok {
					p = a.scanApposition(m.end, s1)
				}
				if m.end+1 < s1 && a.words[m.end] == "(" && partyState(a.words[m.end+1]) {
					vote("USA") // "Jim Jordan (R-Ohio)"
				}
				if m.end+1 < s1 && a.words[m.end] == "of" {
					if iso, ok := a.demonym(m.end + 1); ok {
						if _, country := a.country(a.words[m.end+1]); country {
							vote(iso) // "President Vladimir Putin of Russia"
						}
					}
				}
				if p.ok {
					if a.caps[m.sent] {
						p.s = p.e // a headline's "GERMAN CHANCELLOR" is no role to print
					}
					a.useTitle(e, p)
					vote(p.country)
				}
			}
			if e.gender == 0 && len(e.words) > 0 {
				e.gender = l.gender[e.words[0]] // "Angela Merkel"; "James" alone
			}
		case doc.Org, doc.NORP, doc.EventName:
			if e.out.Sector == "IGO" || e.out.Sector == "NGO" {
				break
			}
			// "Russian Foreign Ministry", but not "Organization of American States".
			if len(e.words) > 0 && isCapitalised(e.words[0]) {
				if iso, ok := geo.Demonym(e.words[0]); ok {
					vote(iso)
				}
			}
			if e.out.Type == doc.Org && e.out.Sector == "" {
				for i := len(e.words) - 1; i >= 0 && e.out.Sector == ""; i-- {
					e.out.Sector, _ = lookupFold(l.sectors, e.words[i]) // "Russian Foreign Ministry"
				}
			}
			if e.out.Type == doc.Org && e.out.Sector == "" && a.creditOnly(e) {
				e.out.Sector = "MED"
			}
		}
		a.votes = votes // the buffer, for the next entity
		if len(votes) > 0 {
			best := votes[0]
			for _, v := range votes[1:] {
				if v.n > best.n {
					best = v
				}
			}
			e.out.Country = best.iso
		}
	}
}

// countryVote counts the clues for one country.
type countryVote struct {
	iso string
	n   int
}

// creditOnly reports whether e is named only in photo credits.
func (a *analysis) creditOnly(e *entity) bool {
	for _, mi := range e.mentions {
		if a.mentions[mi].src != fromCredit {
			return false
		}
	}
	return true
}

// useTitle records the role of title p on person e.
func (a *analysis) useTitle(e *entity, p phrase) {
	if p.s < p.e && !plural(p.headW) {
		a.addRole(e, a.d.Text[a.d.Tokens[p.s].Start:a.d.Tokens[p.e-1].End])
	}
	if e.out.Sector == "" {
		e.out.Sector = p.head.sector
	}
	if p.head.head {
		e.head = true
	}
	if e.gender == 0 && p.gender != 0 {
		e.gender = p.gender
	}
}

// addRole adds role to e unless it has it already, ignoring case.
func (a *analysis) addRole(e *entity, role string) {
	for _, r := range e.out.Roles {
		if strings.EqualFold(r, role) {
			return
		}
	}
	e.out.Roles = append(e.out.Roles, role)
}

// plural reports whether a title word is the plural of another
// ("Presidents Trump and Putin"): it is no role of either person.
func plural(w string) bool {
	if len(w) < 3 || w[len(w)-1] != 's' {
		return false
	}
	_, ok := lookupTitle(w[:len(w)-1])
	return ok
}
