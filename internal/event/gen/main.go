// Command gen converts the PETRARCH CAMEO verb dictionary and the Phoenix
// agents dictionaries into newsgraph's event data files:
//
//	cameo.txt   verb patterns coded in PLOVER through CAMEO2PLOVER
//	agents.txt  common nouns for groups of people with their sector
//
// Run from internal/event: go run ./gen -data ../../../shared/data
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

func main() {
	data := flag.String("data", "../../../shared/data", "the shared data folder")
	flag.Parse()
	plover := readPlover(filepath.Join(*data, "plover", "CAMEO2PLOVER-2021.txt"))
	if err := writeVerbs(filepath.Join(*data, "petrarch", "CAMEO.2.0.txt"), plover, "cameo.txt"); err != nil {
		log.Fatal(err)
	}
	if err := writeAgents(*data, "agents.txt"); err != nil {
		log.Fatal(err)
	}
}

type code struct{ typ, mode string }

// readPlover reads "0311: AGREE,  ,   economic # ..." lines.
func readPlover(path string) map[string]code {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	m := map[string]code{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		k, v, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(v) == "" {
			continue
		}
		parts := strings.Split(v, ",")
		c := code{typ: strings.TrimSpace(parts[0])}
		if len(parts) > 1 {
			c.mode = strings.TrimSpace(parts[1])
		}
		if _, dup := m[strings.TrimSpace(k)]; !dup {
			m[strings.TrimSpace(k)] = c
		}
	}
	return m
}

// lookup maps a CAMEO code to PLOVER: the code itself or its shortest
// prefix in the table; CAMEO 02 (appeal) as 10 (demand) — PLOVER's REQUEST
// covers both; 01 (public statements) has no PLOVER event.
func lookup(m map[string]code, c string) (code, bool) {
	if strings.HasPrefix(c, "02") {
		c = "10" + c[2:]
	}
	for len(c) >= 2 {
		if v, ok := m[c]; ok && v.typ != "" {
			return v, true
		}
		c = c[:len(c)-1]
	}
	return code{}, false
}

var (
	codeRE  = regexp.MustCompile(`\[([0-9:\-]*)\]`)
	braceRE = regexp.MustCompile(`\{([^}]*)\}`)
)

// cameoCode returns the event code of a "[042:043]" or "[:173]" field.
func cameoCode(s string) string {
	m := codeRE.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	a, b, _ := strings.Cut(m[1], ":")
	if a == "" || a == "---" {
		a = b
	}
	if strings.Trim(a, "0123456789") != "" {
		return ""
	}
	return a
}

func writeVerbs(path string, plover map[string]code, out string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	lines := strings.Split(string(src), "\n")
	synsets := map[string][]string{}
	var cur string
	i := 0
	for ; i < len(lines) && !strings.HasPrefix(lines[i], "####### VERB PATTERNS"); i++ {
		l := strings.TrimSpace(lines[i])
		switch {
		case strings.HasPrefix(l, "&"):
			cur = strings.TrimSuffix(strings.Fields(l)[0], "_")
		case strings.HasPrefix(l, "+") && cur != "":
			w := strings.TrimSuffix(strings.Fields(l[1:])[0], "_")
			if !strings.Contains(w, "_") {
				synsets[cur] = append(synsets[cur], strings.ToLower(w))
			}
		case l == "":
			cur = ""
		}
	}
	var b strings.Builder
	b.WriteString(header)
	seen := map[string]bool{}
	emit := func(c code, pat, cameo string) {
		mode := c.mode
		if mode == "" {
			mode = "-"
		}
		line := fmt.Sprintf("%s\t%s\t%s", c.typ, strings.ReplaceAll(mode, " ", ""), pat)
		if seen[line] {
			return
		}
		seen[line] = true
		fmt.Fprintf(&b, "%s\t# %s\n", line, cameo)
	}
	type verb struct{ head, rest, code string }
	var block []verb
	blockCode := ""
	for ; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if strings.HasPrefix(l, "######## TRANSFORMATIONS") {
			break
		}
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if strings.HasPrefix(l, "---") {
			block = block[:0]
			blockCode = cameoCode(l)
			continue
		}
		body, _, _ := strings.Cut(l, "#")
		if strings.HasPrefix(l, "- ") {
			c := cameoCode(body)
			pc, ok := lookup(plover, c)
			if !ok {
				continue
			}
			pre, post, ok := strings.Cut(codeRE.ReplaceAllString(body[2:], ""), "*")
			if !ok || strings.TrimSpace(pre) != "" {
				continue // patterns with words before the verb are not used
			}
			words := patternWords(post, synsets)
			if words == "" {
				continue
			}
			var simple []string
			for _, v := range block {
				if v.rest == "" {
					simple = append(simple, v.head)
					continue
				}
				emit(pc, v.head+" "+v.rest+" * "+words, c)
			}
			if len(simple) > 0 {
				emit(pc, strings.Join(simple, "|")+" * "+words, c)
			}
			continue
		}
		// a verb of the block: WORD {FORMS} [code]
		forms := ""
		if m := braceRE.FindStringSubmatch(body); m != nil {
			var fs []string
			for _, f := range strings.Fields(m[1]) {
				f = strings.ToLower(strings.TrimPrefix(f, "+"))
				first, _, _ := strings.Cut(f, "_")
				fs = append(fs, first)
			}
			if len(fs) > 0 {
				forms = "{" + strings.Join(fs, ",") + "}"
			}
		}
		name := strings.Fields(braceRE.ReplaceAllString(codeRE.ReplaceAllString(body, ""), ""))
		if len(name) == 0 {
			continue
		}
		w := strings.ToLower(strings.TrimPrefix(name[0], "+"))
		parts := strings.Split(strings.TrimSuffix(w, "_"), "_")
		if strings.ContainsAny(w, "'&") || parts[0] == "" {
			continue
		}
		v := verb{head: parts[0] + forms, rest: strings.Join(parts[1:], " ")}
		v.code = cameoCode(body)
		if v.code == "" {
			v.code = blockCode
		}
		block = append(block, v)
		if pc, ok := lookup(plover, v.code); ok {
			p := v.head
			if v.rest != "" {
				p += " " + v.rest
			}
			emit(pc, p, v.code)
		}
	}
	return os.WriteFile(out, []byte(b.String()), 0o644)
}

// patternWords flattens the words after the verb of a CAMEO pattern:
// "(FOR {HUMANITARIAN AID})" -> "for * humanitarian aid", "&WEAPON" -> the
// synonym set as alternatives. Returns "" for patterns it cannot express.
func patternWords(post string, synsets map[string][]string) string {
	post = strings.NewReplacer("(", " ( ", ")", " ) ", "{", " { ", "}", " } ").Replace(post)
	var out []string
	inBrace := false
	for _, f := range strings.Fields(post) {
		switch f {
		case "(", ")":
			continue
		case "{":
			inBrace = true
			out = append(out, "*")
			continue
		case "}":
			inBrace = false
			continue
		case "$", "+", "^", "%", "=":
			continue
		}
		f = strings.Trim(f, "$+^%=")
		if f == "" {
			continue
		}
		if strings.HasPrefix(f, "&") {
			set := synsets[strings.TrimSuffix(f[1:], "_")]
			if len(set) == 0 {
				return ""
			}
			f = strings.Join(set, "|")
		} else {
			f = strings.ToLower(strings.TrimSuffix(f, "_"))
			if strings.ContainsAny(f, "_&'") {
				f = strings.ReplaceAll(f, "_", " ")
			}
		}
		if !inBrace && len(out) > 0 && out[len(out)-1] != "*" {
			out = append(out, "*")
		}
		out = append(out, f)
	}
	for len(out) > 0 && out[0] == "*" {
		out = out[1:]
	}
	return strings.Join(out, " ")
}

const header = `# CAMEO verb patterns coded in PLOVER, generated by ./gen from
#   CAMEO.2.0.txt, the PETRARCH CAMEO verb pattern dictionary,
#   Copyright (c) 2015 Open Event Data Alliance, MIT License, and
#   CAMEO2PLOVER-2021.txt, the CAMEO to PLOVER conversion table of the PLOVER
#   manual draft 0.8 (Schrodt et al., 2021), CC BY-SA 4.0.
# CAMEO 02 (appeal) is mapped as 10 (demand): PLOVER's REQUEST covers both.
# Patterns with words before the verb were left out. Do not edit: add your
# own patterns to verbs.txt, which is read first and wins over this file.
# Format: TYPE <tab> MODE (- for none) <tab> PATTERN <tab> # CAMEO code
# (see verbs.txt for the pattern language).
`

// extraAgents are added by hand, with the sector a CAMEO coder would give.
var extraAgents = []string{
	"force\tMIL", "security force\tMIL", "armed force\tMIL", "air force\tMIL", "navy\tMIL",
	"warplane\tMIL", "fighter jet\tMIL", "official\tGOV", "minister\tGOV", "ministry\tGOV",
	"diplomat\tGOV", "envoy\tGOV", "delegation\tGOV", "authorities\tGOV", "administration\tGOV",
	"lawmaker\tLEG", "legislator\tLEG", "prosecutor\tJUD", "civilian\tCVL", "resident\tCVL",
	"villager\tCVL", "activist\tCVL", "protestor\tOPP", "journalist\tMED", "reporter\tMED",
	"insurgent\tREB", "separatist\tREB", "fighter\tREB", "gunman\tUAF", "gunmen\tUAF",
	"jihadist\tUAF", "terrorist\tUAF", "militia\tUAF", "militiamen\tUAF", "supporter\tCVL",
	"international criminal court\tIGO", "united nations\tIGO", "security council\tIGO",
	"european union\tIGO", "world bank\tIGO", "african union\tIGO",
	"helicopter\tMIL", "tank\tMIL", "gunship\tMIL", "jet\tMIL", "aircraft\tMIL", "drone\tMIL",
	"warship\tMIL",
}

var agentRE = regexp.MustCompile(`^([A-Z][A-Z_!'\-]*[A-Z_!])\s*(\{[^}]*\})?\s*\[~?([A-Z]+)\]`)

func writeAgents(data, out string) error {
	sectors := map[string]string{}
	read := func(name string, igoOnly bool) error {
		src, err := os.ReadFile(filepath.Join(data, "petrarch", name))
		if err != nil {
			return err
		}
		for _, l := range strings.Split(string(src), "\n") {
			m := agentRE.FindStringSubmatch(strings.TrimSpace(strings.ReplaceAll(l, "\t", " ")))
			if m == nil {
				continue
			}
			sec := m[3]
			if igoOnly && !strings.HasPrefix(sec, "IGO") {
				continue
			}
			if len(sec) > 3 {
				sec = sec[:3]
			}
			name := strings.ToLower(strings.Trim(m[1], "_"))
			names := []string{name}
			if strings.Contains(name, "!person!") {
				names = nil
				for _, p := range []string{"man", "men", "woman", "women", "person"} {
					names = append(names, strings.ReplaceAll(name, "!person!", p))
				}
			}
			for _, n := range names {
				n = strings.ReplaceAll(n, "_", " ")
				if strings.ContainsAny(n, "!") || (igoOnly && !strings.Contains(n, " ")) {
					continue
				}
				if _, dup := sectors[n]; !dup {
					sectors[n] = sec
				}
			}
		}
		return nil
	}
	if err := read("Phoenix.agents.txt", false); err != nil {
		return err
	}
	if err := read("Phoenix.International.actors.txt", true); err != nil {
		return err
	}
	names := make([]string, 0, len(sectors))
	for n := range sectors {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString(`# Common nouns for groups of people and institutions, with their CAMEO
# sector, generated by ./gen from Phoenix.agents.txt and (IGOs of two words
# or more) Phoenix.International.actors.txt of PETRARCH,
# Copyright (c) 2014 Open Event Data Alliance, MIT License.
# Regular plurals are matched automatically. Format: NOUN PHRASE <tab> SECTOR
`)
	for _, n := range names {
		fmt.Fprintf(&b, "%s\t%s\n", n, sectors[n])
	}
	b.WriteString("# Added for newsgraph: common news nouns the Phoenix files lack.\n")
	for _, l := range extraAgents {
		n, _, _ := strings.Cut(l, "\t")
		if _, dup := sectors[n]; !dup {
			b.WriteString(l + "\n")
		}
	}
	return os.WriteFile(out, []byte(b.String()), 0o644)
}
