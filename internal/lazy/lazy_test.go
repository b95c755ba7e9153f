package lazy

import (
	"sync"
	"sync/atomic"
	"testing"
)

// TestBuildOnce checks that concurrent first uses build the value once
// and all see the same one.
func TestBuildOnce(t *testing.T) {
	var builds atomic.Int32
	v := New(func() *[]int {
		builds.Add(1)
		s := []int{1, 2, 3}
		return &s
	})
	var wg sync.WaitGroup
	got := make([]*[]int, 16)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = v.Get()
		}()
	}
	wg.Wait()
	if n := builds.Load(); n != 1 {
		t.Fatalf("built %d times, want 1", n)
	}
	for i, p := range got {
		if p != got[0] || len(*p) != 3 {
			t.Fatalf("goroutine %d got %v, want the one value %v", i, p, got[0])
		}
	}
}
