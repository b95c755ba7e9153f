// Package web is the newsgraph web interface: one HTML page and the plain
// scripts, styles and map data it loads, embedded into the binary. Nothing
// is built at run time; build/ holds the reproducible build of
// static/world.json (country outlines) from its npm packages.
package web

import (
	"embed"
	"io/fs"
)

//go:embed index.html static
var files embed.FS

// FS returns the interface's files: index.html and static/.
func FS() fs.FS { return files }
