package sqlite

import (
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/storetest"
)

func TestExplorerConformance(t *testing.T) {
	storetest.RunExplorer(t, func(t *testing.T) store.Store {
		return open(t, filepath.Join(t.TempDir(), "test.db"))
	})
}
