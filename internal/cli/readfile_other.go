//go:build !unix

package cli

import (
	"errors"
	"io"
	"os"
	"slices"
)

// readFile reads the file at path into buf's memory when it is large
// enough and into a new buffer when not.
func readFile(path string, buf []byte) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, errors.Unwrap(err) // *PathError repeats the path
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, errDir
	}
	if err := checkSize(st.Size()); err != nil {
		return nil, err
	}
	// Room for the file's size and a byte to see the end in one more read
	// (io.ReadAll would start at 512 bytes and grow).
	data := slices.Grow(buf[:0], int(st.Size())+1)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) { // the file grew
			data = append(data, 0)[:len(data)]
		}
	}
}
