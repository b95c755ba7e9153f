package event

import "testing"

// BenchmarkLoad measures parsing the embedded dictionaries, the start-up
// cost of the stage.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loadDict(); err != nil {
			b.Fatal(err)
		}
	}
}
