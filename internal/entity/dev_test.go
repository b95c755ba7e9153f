package entity

import (
	"context"
	"fmt"
	"github.com/newsgraph/newsgraph/internal/conll"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/doc"
	"github.com/newsgraph/newsgraph/internal/layout"
	"github.com/newsgraph/newsgraph/internal/text"
)

// readDevDocs reads the CoNLL-2003 dev split as score.py does.
func readDevDocs(t *testing.T) [][]conll.Token {
	path := filepath.Join("..", "..", "..", "shared", "data", "conll2003", "dev.conll")
	if d := os.Getenv("NEWSGRAPH_DATA"); d != "" {
		path = filepath.Join(d, "conll2003", "dev.conll")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	docs, err := conll.ReadDocs(f)
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

type gs struct {
	s, e int
	t    string
}

// TestRuleContributions scores the stage on CoNLL-2003 dev with every
// rule, without all of them, and without each in turn (names in
// NEWSGRAPH_RULES, comma-separated, "+" to combine), so that no rule is
// kept that lowers the score. It runs when NEWSGRAPH_RULES is set;
// NEWSGRAPH_ERRORS=prefix writes each run's errors to prefix.NAME.
func TestRuleContributions(t *testing.T) {
	spec := os.Getenv("NEWSGRAPH_RULES")
	if spec == "" {
		t.Skip("set NEWSGRAPH_RULES=all (or rule names) to measure the rules")
	}
	all := "caps+countries+dateline+fac+headline+hyph+lonely+lowerlead+noplace+orgcountry+orglex+orgnorp+particles+permerge+pernorp+placenames+quoted+retype+states+surnames+the+trail+vote"
	if spec == "all" {
		spec = "none," + all + "," + strings.ReplaceAll(all, "+", ",")
	}
	ks := strings.Split(spec, ",")
	defer func() { disabled = map[string]bool{} }()
	for _, k := range ks {
		disabled = map[string]bool{}
		for _, x := range strings.Split(k, "+") {
			disabled[x] = true
		}
		t.Run(k, func(t *testing.T) { scoreDev(t) })
	}
}

// scoreDev runs layout, text and the stage on every dev document and logs
// the exact-span PER/ORG/LOC scores, as score.py ner counts them.
func scoreDev(t *testing.T) {
	docs := readDevDocs(t)
	tp, fp, fn := map[string]int{}, map[string]int{}, map[string]int{}
	var errs []string
	for di, d := range docs {
		txt, sp := conll.Detokenize(d)
		gold := map[gs]bool{}
		for _, c := range conll.Chunks(d, sp) {
			if c.Type != "MISC" {
				gold[gs{c.Start, c.End, c.Type}] = true
			}
		}
		dd := &doc.Document{Text: txt}
		ctx := context.Background()
		layout.Stage{}.Run(ctx, dd)
		text.Stage{}.Run(ctx, dd)
		Stage{}.Run(ctx, dd)
		pred := map[gs]bool{}
		for _, e := range dd.Entities {
			ty := map[doc.EntityType]string{doc.Person: "PER", doc.Org: "ORG", doc.Loc: "LOC", doc.Fac: "LOC"}[e.Type]
			if ty == "" {
				continue
			}
			for _, m := range e.Mentions {
				pred[gs{m.Start, m.End, ty}] = true
			}
		}
		for g := range gold {
			if pred[g] {
				tp[g.t]++
			} else {
				fn[g.t]++
				errs = append(errs, fmt.Sprintf("FN %s %q doc%d", g.t, txt[g.s:g.e], di))
			}
		}
		for p := range pred {
			if !gold[p] {
				fp[p.t]++
				errs = append(errs, fmt.Sprintf("FP %s %q doc%d", p.t, txt[p.s:p.e], di))
			}
		}
	}
	T, F, N := 0, 0, 0
	for _, ty := range []string{"PER", "ORG", "LOC"} {
		T += tp[ty]
		F += fp[ty]
		N += fn[ty]
		t.Logf("%s tp %d fp %d fn %d", ty, tp[ty], fp[ty], fn[ty])
	}
	p, r := float64(T)/float64(T+F), float64(T)/float64(T+N)
	t.Logf("micro P %.4f R %.4f F1 %.4f", p, r, 2*p*r/(p+r))
	sort.Strings(errs)
	if p := os.Getenv("NEWSGRAPH_ERRORS"); p != "" {
		name := t.Name()[strings.IndexByte(t.Name(), '/')+1:]
		if err := os.WriteFile(p+"."+name, []byte(strings.Join(errs, "\n")), 0o644); err != nil {
			t.Error(err)
		}
	}
}
