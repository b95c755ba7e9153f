// Package lazy holds values built on first use and shared by every
// goroutine after that, for tables that a hot path reads on every token:
// once a value is built, reading it costs one atomic load, inlined at the
// call site (a sync.OnceValue function costs a call).
package lazy

import (
	"sync"
	"sync/atomic"
)

// Value is a *T built by New's function on first use; the zero Value is
// not usable.
type Value[T any] struct {
	once  sync.Once
	p     atomic.Pointer[T]
	build func() *T
}

// New returns a Value that build makes on first use. build must not
// return nil.
func New[T any](build func() *T) *Value[T] {
	return &Value[T]{build: build}
}

// Get returns the value, building it on the first call.
func (v *Value[T]) Get() *T {
	if p := v.p.Load(); p != nil {
		return p
	}
	return v.slow()
}

func (v *Value[T]) slow() *T {
	v.once.Do(func() { v.p.Store(v.build()) })
	return v.p.Load()
}
