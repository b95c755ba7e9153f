package newsgraph

import (
	"context"
	"fmt"

	"github.com/newsgraph/newsgraph/doc"
)

// Pipeline is an ordered list of stages whose order has been checked: every
// layer a stage requires is provided by an earlier stage.
type Pipeline struct {
	stages []doc.Stage
}

// NewPipeline checks the order of stages and returns the pipeline.
func NewPipeline(stages ...doc.Stage) (*Pipeline, error) {
	have := map[doc.Layer]string{}
	for _, s := range stages {
		for _, l := range s.Requires() {
			if _, ok := have[l]; !ok {
				return nil, fmt.Errorf("pipeline: stage %s requires %s, which no earlier stage provides", s.Name(), l)
			}
		}
		for _, l := range s.Provides() {
			if by, dup := have[l]; dup {
				return nil, fmt.Errorf("pipeline: stages %s and %s both provide %s", by, s.Name(), l)
			}
			have[l] = s.Name()
		}
	}
	return &Pipeline{stages: stages}, nil
}

// Run runs every stage on d in order, stopping at the first error or when
// ctx is done.
func (p *Pipeline) Run(ctx context.Context, d *doc.Document) error {
	for _, s := range p.stages {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.Run(ctx, d); err != nil {
			return fmt.Errorf("%s: %w", s.Name(), err)
		}
	}
	return nil
}

// Stages returns the names of the stages in order.
func (p *Pipeline) Stages() []string {
	names := make([]string, len(p.stages))
	for i, s := range p.stages {
		names[i] = s.Name()
	}
	return names
}
