package eval

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	newsgraph "github.com/newsgraph/newsgraph"
	"github.com/newsgraph/newsgraph/doc"
)

// ploverRecord is one gold record of the PLOVER GSR files: one sentence,
// one event type, its actors.
type ploverRecord struct {
	ID     string          `json:"id"`
	Event  string          `json:"event"`
	Text   string          `json:"text"`
	Source json.RawMessage `json:"source"` // a list of {actorText, code}, or ""
	Target json.RawMessage `json:"target"`
}

type ploverActor struct {
	ActorText string `json:"actorText"`
}

func actorTexts(raw json.RawMessage) []string {
	var as []ploverActor
	if json.Unmarshal(raw, &as) != nil {
		return nil
	}
	var out []string
	for _, a := range as {
		if t := strings.TrimSpace(a.ActorText); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// EventsHalf says which half of gsr-dev a record falls in: records are
// split by the FNV-1a hash of their id, even for the tuning half, odd for
// the report half, so that anything tuned on data can be reported on
// records it was not tuned on. (The low bit of FNV-1a is the parity of the
// number of odd bytes in the id: a fixed split blind to the text, 84
// tuning and 95 report records of gsr-dev, every type in both halves but
// CONSULT and MOBILIZE. It is kept as it is because the tuning was done
// on it.)
func EventsHalf(id string) string {
	h := fnv.New32a()
	h.Write([]byte(id))
	if h.Sum32()%2 == 0 {
		return "tune"
	}
	return "report"
}

// eventCounts accumulates the events metric over some records.
type eventCounts struct {
	n, hit, npred, rightPred int
	typed, actorsRight       int
}

func (c eventCounts) prf() (p, r, f float64) {
	if c.npred > 0 {
		p = float64(c.rightPred) / float64(c.npred)
	}
	if c.n > 0 {
		r = float64(c.hit) / float64(c.n)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func (c eventCounts) actorAcc() float64 {
	if c.typed == 0 {
		return 0
	}
	return float64(c.actorsRight) / float64(c.typed)
}

// Events scores the event stage on the PLOVER gold records in
// dataDir/gsr-dev.json as score.py events does: each record's text plus
// "\n" is analysed as plain text; recall is the share of records whose
// gold type is among the predicted types, precision the share of predicted
// events whose type is the record's. It also reports actor accuracy: of
// the records whose type was found, the share where one event of that
// type has the actors right — every gold source (and target, when the
// gold has one) matched by a predicted source (target) entity, where an
// entity matches an actor text when the words of one (its name, or a
// mention or reference in the sentence) appear, in order, within the
// other ("Britain" matches "Great Britain"), case and punctuation
// ignored. Figures are printed for all records and for the two halves of
// EventsHalf. When the file is missing the error wraps ErrNoData.
func Events(dataDir string, w io.Writer) (Result, error) {
	res := Result{Name: "events"}
	path := filepath.Join(dataDir, "gsr-dev.json")
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return res, fmt.Errorf("events: %s: %w (%w)", path, ErrNoData, err)
	}
	if err != nil {
		return res, fmt.Errorf("events: %w", err)
	}
	var recs []ploverRecord
	if err := json.Unmarshal(raw, &recs); err != nil {
		return res, fmt.Errorf("events: %s: %w", path, err)
	}
	all := map[string]*eventCounts{"all": {}, "tune": {}, "report": {}}
	ctx := context.Background()
	for _, r := range recs {
		d, err := newsgraph.Analyze(ctx, []byte(r.Text+"\n"), newsgraph.Options{Format: newsgraph.FormatText})
		var types []string
		if err == nil {
			for _, e := range d.Events {
				types = append(types, e.Type)
			}
		}
		found, right := false, 0
		for _, t := range types {
			if t == r.Event {
				found = true
				right++
			}
		}
		actorsOK := false
		if found {
			src, tgt := actorTexts(r.Source), actorTexts(r.Target)
			for _, e := range d.Events {
				if e.Type == r.Event && rolesMatch(d, e.Source, src) && rolesMatch(d, e.Target, tgt) {
					actorsOK = true
					break
				}
			}
		}
		for _, k := range []string{"all", EventsHalf(r.ID)} {
			c := all[k]
			c.n++
			c.npred += len(types)
			c.rightPred += right
			if found {
				c.hit++
				c.typed++
				if actorsOK {
					c.actorsRight++
				}
			}
		}
		mark := "miss"
		if found {
			mark = "ok"
			if !actorsOK {
				mark = "ok-actors-wrong"
			}
		}
		fmt.Fprintf(w, "%s\t%s\t%s\tgot %s\n", r.ID, r.Event, mark, strings.Join(types, ","))
	}
	for _, k := range []string{"tune", "report", "all"} {
		c := all[k]
		p, rc, f := c.prf()
		fmt.Fprintf(w, "events %-6s: records %d, predicted %d, P %.3f R %.3f type F1 %.3f; actors right on %.3f of %d typed\n",
			k, c.n, c.npred, p, rc, f, c.actorAcc(), c.typed)
	}
	c := all["all"]
	res.P, res.R, res.F1 = c.prf()
	res.N = c.n
	return res, nil
}

// rolesMatch reports whether the entities ids cover every gold actor text;
// an empty gold role is always matched.
func rolesMatch(d *doc.Document, ids []string, gold []string) bool {
	if len(gold) == 0 {
		return true
	}
	var texts [][]string
	for _, id := range ids {
		for _, e := range d.Entities {
			if e.ID != id {
				continue
			}
			texts = append(texts, words(e.Name))
			for _, m := range e.Mentions {
				texts = append(texts, words(m.Text))
			}
			for _, m := range e.References {
				texts = append(texts, words(m.Text))
			}
		}
	}
	for _, g := range gold {
		gw := words(g)
		ok := false
		for _, t := range texts {
			if len(t) > 0 && (within(t, gw) || within(gw, t)) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// words returns the lower-case words of s, without "the" and punctuation.
func words(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if f != "the" && f != "s" {
			out = append(out, f)
		}
	}
	return out
}

// within reports whether a appears, in order and adjacent, inside b.
func within(a, b []string) bool {
	if len(a) == 0 || len(a) > len(b) {
		return false
	}
	for i := 0; i+len(a) <= len(b); i++ {
		ok := true
		for j := range a {
			if b[i+j] != a[j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
