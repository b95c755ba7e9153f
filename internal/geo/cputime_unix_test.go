//go:build unix

package geo

import (
	"syscall"
	"time"
)

// cpuTime returns the user plus system CPU time used by this process so far.
func cpuTime() time.Duration {
	var r syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &r) != nil {
		return 0
	}
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}
