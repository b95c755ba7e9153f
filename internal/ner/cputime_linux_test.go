package ner

import (
	"syscall"
	"time"
)

// threadCPU returns the CPU time used so far by the calling thread (lock
// the goroutine to it first). On a busy, shared machine it varies much less
// than wall time.
func threadCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_THREAD, &ru) != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
