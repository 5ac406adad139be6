package main

import (
	"encoding/base64"
	"path"
	"strings"
)

// Files is .Files: the chart's non-template files by path, with the methods of Helm's
// pkg/engine/files.go. A missing file reads as empty, as in Helm.
type Files map[string][]byte

// Get returns a file's content as a string.
func (f Files) Get(name string) string { return string(f.GetBytes(name)) }

// GetBytes returns a file's content.
func (f Files) GetBytes(name string) []byte {
	if data, ok := f[name]; ok {
		return data
	}
	return []byte{}
}

// Lines returns a file's lines.
func (f Files) Lines(name string) []string {
	if f == nil || f[name] == nil {
		return []string{}
	}
	return strings.Split(string(f[name]), "\n")
}

// Glob returns the files whose paths match pattern. Helm matches with gobwas/glob, where "**"
// crosses directories; path.Match does not, which no template of ours relies on.
func (f Files) Glob(pattern string) Files {
	matched := Files{}
	for name, data := range f {
		if ok, _ := path.Match(pattern, name); ok {
			matched[name] = data
		}
	}
	return matched
}

// AsConfig returns the files as a ConfigMap's data: base names as keys, contents as values.
func (f Files) AsConfig() string {
	data := map[string]string{}
	for name, content := range f {
		data[path.Base(name)] = string(content)
	}
	return toYAML(data)
}

// AsSecrets returns the files as a Secret's data: base names as keys, base64 contents as values.
func (f Files) AsSecrets() string {
	data := map[string]string{}
	for name, content := range f {
		data[path.Base(name)] = base64.StdEncoding.EncodeToString(content)
	}
	return toYAML(data)
}
