// Command gen writes a deterministic synthetic news corpus for benchmarks:
// articles assembled from the paragraphs of real articles with a fixed seed,
// so that every run of bench/run.sh measures the same bytes.
//
//	go run ./bench/gen -from DIR -n 100000 -size 5000 -o corpus.jsonl
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

func main() {
	from := flag.String("from", "", "`folder` of .txt articles to draw paragraphs from")
	n := flag.Int("n", 100000, "`number` of articles to write")
	size := flag.Int("size", 5000, "approximate article size in `bytes`")
	out := flag.String("o", "corpus.jsonl", "output JSON Lines `file` ({url,title,published,text} per line)")
	dir := flag.String("dir", "", "also write the first -files articles as .txt files into this `folder`")
	files := flag.Int("files", 0, "`number` of articles to write into -dir")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if err := run(*from, *n, *size, *out, *dir, *files, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(from string, n, size int, out, dir string, files int, seed uint64) error {
	paths, err := filepath.Glob(filepath.Join(from, "*.txt"))
	if err != nil || len(paths) == 0 {
		return fmt.Errorf("no .txt articles in %q", from)
	}
	sort.Strings(paths)
	var paras []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, para := range strings.Split(string(data), "\n") {
			if para = strings.TrimSpace(para); len(para) > 40 {
				paras = append(paras, para)
			}
		}
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	base := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	for i := 0; i < n; i++ {
		var b strings.Builder
		for b.Len() < size {
			b.WriteString(paras[rng.IntN(len(paras))])
			b.WriteString("\n\n")
		}
		text := b.String()
		title := strings.Fields(text)
		rec := map[string]string{
			"url":       fmt.Sprintf("https://news.example/%d", i),
			"title":     strings.Join(title[:min(8, len(title))], " "),
			"published": base.Add(time.Duration(rng.IntN(365*24)) * time.Hour).Format(time.RFC3339),
			"text":      text,
		}
		if err := enc.Encode(rec); err != nil {
			return err
		}
		if i < files {
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%06d.txt", i)), []byte(text), 0o644); err != nil {
				return err
			}
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}
