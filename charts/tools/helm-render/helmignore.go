package main

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// ignoreRules is the subset of .helmignore that Helm's pkg/ignore implements and charts use:
// one glob per line, "dir/" for directories only, a glob without "/" matched against the base
// name, "!" negation. Like Helm, hidden files under templates/ are always ignored.
type ignoreRules []string

func readHelmignore(dir string) (ignoreRules, error) {
	rules := ignoreRules{"templates/.?*"}
	data, err := os.ReadFile(filepath.Join(dir, ".helmignore"))
	if errors.Is(err, fs.ErrNotExist) {
		return rules, nil
	}
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			rules = append(rules, line)
		}
	}
	return append(rules, ".helmignore"), nil
}

func (rules ignoreRules) matches(name string, isDir bool) bool {
	ignored := false
	for _, rule := range rules {
		negate := strings.HasPrefix(rule, "!")
		pattern := strings.TrimPrefix(rule, "!")
		if strings.HasSuffix(pattern, "/") {
			if !isDir {
				continue
			}
			pattern = strings.TrimSuffix(pattern, "/")
		}
		target := name
		if !strings.Contains(pattern, "/") {
			target = path.Base(name)
		}
		if ok, _ := path.Match(pattern, target); ok {
			ignored = !negate
		}
	}
	return ignored
}
