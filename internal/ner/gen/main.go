// Command gen trains the named-entity model on CoNLL-2003 files and writes
// the weights file embedded by package ner. Run through `go generate` in
// internal/ner.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/newsgraph/newsgraph/internal/ner"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func readDocs(path string) ([]ner.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	d, err := ner.ReadCoNLL(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return d, nil
}

func run(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	trainPath := fs.String("train", "", "CoNLL-2003 training file")
	devPath := fs.String("dev", "", "CoNLL-2003 dev file (scored after each epoch)")
	seed := fs.Int64("seed", 1, "shuffling seed")
	epochs := fs.Int("epochs", 0, "epochs (0: the package default)")
	bits := fs.Uint("bits", 0, "log2 weight rows (0: the package default)")
	dropout := fs.Float64("dropout", 0, "share of capitalised tokens without identity features (0: the package default)")
	runs := fs.Int("runs", 0, "second-stage perceptrons to average (0: the package default)")
	noAug := fs.Bool("noaug", false, "train on CoNLL as it is, without augmentation")
	out := fs.String("o", "model.bin", "weights file to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *trainPath == "" {
		return fmt.Errorf("-train is required")
	}
	train, err := readDocs(*trainPath)
	if err != nil {
		return err
	}
	var dev []ner.Document
	if *devPath != "" {
		if dev, err = readDocs(*devPath); err != nil {
			return err
		}
	}
	start := time.Now()
	opts := ner.TrainOptions{Seed: *seed, Epochs: *epochs, Bits: *bits, Dropout: *dropout, Runs: *runs}
	if *noAug {
		opts.Augment = &ner.AugmentOptions{}
	}
	if dev != nil {
		opts.Progress = func(epoch int, s ner.Scores) {
			fmt.Printf("epoch %2d  %6.1fs  dev %s\n", epoch, time.Since(start).Seconds(), s)
		}
	}
	m, err := ner.Train(train, dev, opts)
	if err != nil {
		return err
	}
	fmt.Printf("trained in %.1fs\n", time.Since(start).Seconds())
	if dev != nil {
		fmt.Printf("final dev %s\n", ner.Evaluate(m, dev))
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	if err := m.Save(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if st, err := os.Stat(*out); err == nil {
		fmt.Printf("wrote %s (%d bytes)\n", *out, st.Size())
	}
	return nil
}
