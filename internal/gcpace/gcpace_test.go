package gcpace

import (
	"os"
	"runtime/debug"
	"testing"
)

func TestPercent(t *testing.T) {
	if os.Getenv("GOGC") != "" {
		t.Skip("GOGC is set")
	}
	if got := debug.SetGCPercent(percent); got != percent {
		t.Errorf("GOGC at run time is %d, want %d", got, percent)
	}
}
