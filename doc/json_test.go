package doc

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"testing"
	"time"
)

// encodingJSON is the reference: what the CLI printed before AppendJSON.
func encodingJSON(t testing.TB, v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

var trickyStrings = []string{
	"", "a", "Donald Trump", `"quoted" \ back`, "tab\tnew\nline\rcr\bbs\fff", "\x00\x01\x1f\x7f",
	"<b>&amp;</b>", "café ☕ 日本", "\u2028\u2029", "bad \xff utf8 \xe2\x80", "\ufffd", "’curly’ “quotes”",
}

// fill sets v, and everything it holds, to random values: nil and empty
// slices and pointers among them, strings that need escaping, numbers
// that need exponents.
func fill(v reflect.Value, r *rand.Rand) {
	if v.Type() == reflect.TypeFor[time.Time]() {
		t := time.Date(1990+r.IntN(40), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60), r.IntN(3)*123456789, time.UTC)
		if r.IntN(3) == 0 {
			t = t.In(time.FixedZone("X", 3600*(r.IntN(25)-12)))
		}
		v.Set(reflect.ValueOf(t))
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			fill(v.Field(i), r)
		}
	case reflect.Pointer:
		if r.IntN(4) > 0 {
			v.Set(reflect.New(v.Type().Elem()))
			fill(v.Elem(), r)
		}
	case reflect.Slice:
		switch k := r.IntN(6); k {
		case 0: // nil
		case 1:
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		default:
			v.Set(reflect.MakeSlice(v.Type(), k-1, k-1))
			for i := 0; i < v.Len(); i++ {
				fill(v.Index(i), r)
			}
		}
	case reflect.String:
		if r.IntN(5) > 0 {
			v.SetString(trickyStrings[r.IntN(len(trickyStrings))])
		} else {
			b := make([]byte, r.IntN(12))
			for i := range b {
				b[i] = byte(r.IntN(256))
			}
			v.SetString(string(b))
		}
	case reflect.Int:
		v.SetInt(int64(r.IntN(100000) - 50))
	case reflect.Float64:
		floats := []float64{0, math.Copysign(0, -1), 1, -0.5, 1e-6, 9.99e-7, 1e-7, -3.2e-9, 1e20, 1e21, 1.5e300, 61.2181, -149.9003, 0.1 + 0.2}
		if r.IntN(2) == 0 {
			v.SetFloat(floats[r.IntN(len(floats))])
		} else {
			v.SetFloat(r.NormFloat64() * math.Pow(10, float64(r.IntN(40)-20)))
		}
	default:
		panic("fill: no case for " + v.Type().String())
	}
}

// TestAppendJSONMatchesEncodingJSON fills every field of a Document at
// random, many times, and compares AppendJSON with encoding/json.
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 3000; n++ {
		var d Document
		fill(reflect.ValueOf(&d).Elem(), r)
		want := encodingJSON(t, &d)
		got, err := d.AppendJSON(nil)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Fatalf("document %d differs at byte %d:\n got …%s\nwant …%s", n, i, got[max(0, i-60):min(len(got), i+60)], want[max(0, i-60):min(len(want), i+60)])
		}
	}
}

func TestAppendJSONErrors(t *testing.T) {
	d := Document{Tone: Tone{Score: math.NaN()}}
	if _, err := d.AppendJSON(nil); err == nil || err.Error() != "json: unsupported value: NaN" {
		t.Errorf("NaN: err = %v", err)
	}
	pub := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	d = Document{Published: &pub}
	_, jerr := json.Marshal(&d)
	if _, err := d.AppendJSON(nil); err == nil || jerr == nil || err.Error() != jerr.Error() {
		t.Errorf("year 10000: err = %v, encoding/json says %v", err, jerr)
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range trickyStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := encodingJSON(t, s)
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	})
}

func TestAppendInt(t *testing.T) {
	for _, n := range []int{0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 4096, 65535, 99999999, 100000000, 123456789012, -1, -10, -12345, math.MaxInt, math.MinInt} {
		if got, want := string(appendInt([]byte("x"), n)), "x"+strconv.Itoa(n); got != want {
			t.Errorf("appendInt(%d) = %q, want %q", n, got, want)
		}
	}
	for n := 0; n < 200000; n += 7 {
		if got, want := string(appendInt(nil, n)), strconv.Itoa(n); got != want {
			t.Fatalf("appendInt(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestFloatCache writes floats from several goroutines, each float twice
// (the second time from floatCache, unless another float took its slot),
// and checks every copy against encoding/json.
func TestFloatCache(t *testing.T) {
	const n = 2000
	fs := make([]float64, n)
	r := rand.New(rand.NewPCG(3, 4))
	for i := range fs {
		fs[i] = r.NormFloat64() * math.Pow(10, float64(r.IntN(40)-20))
	}
	want := make([]string, n)
	for i, f := range fs {
		want[i] = string(encodingJSON(t, f))
	}
	done := make(chan []string)
	for range 4 {
		go func() {
			var got []string
			for _, f := range fs {
				for range 2 {
					var w jsonWriter
					w.float(f)
					got = append(got, string(w.b))
				}
			}
			done <- got
		}()
	}
	for range 4 {
		got := <-done
		for i, s := range got {
			if s != want[i/2] {
				t.Fatalf("float(%v) = %s, want %s", fs[i/2], s, want[i/2])
			}
		}
	}
}
