package main

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"sigs.k8s.io/yaml"
)

// Metadata is Chart.yaml as templates see it in .Chart: Helm passes its chart.Metadata struct, so
// fields are capitalised (.Chart.AppVersion) and an unknown field is an error, not "<no value>".
type Metadata struct {
	Name         string            `json:"name,omitempty"`
	Home         string            `json:"home,omitempty"`
	Sources      []string          `json:"sources,omitempty"`
	Version      string            `json:"version,omitempty"`
	Description  string            `json:"description,omitempty"`
	Keywords     []string          `json:"keywords,omitempty"`
	Maintainers  []*Maintainer     `json:"maintainers,omitempty"`
	Icon         string            `json:"icon,omitempty"`
	APIVersion   string            `json:"apiVersion,omitempty"`
	Condition    string            `json:"condition,omitempty"`
	Tags         string            `json:"tags,omitempty"`
	AppVersion   string            `json:"appVersion,omitempty"`
	Deprecated   bool              `json:"deprecated,omitempty"`
	Annotations  map[string]string `json:"annotations,omitempty"`
	KubeVersion  string            `json:"kubeVersion,omitempty"`
	Dependencies []interface{}     `json:"dependencies,omitempty"`
	Type         string            `json:"type,omitempty"`
}

// Maintainer is one entry of Chart.yaml's maintainers.
type Maintainer struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	URL   string `json:"url,omitempty"`
}

// Template is one file of templates/, named as Helm names it: <chart>/templates/<file>.
type Template struct {
	Name string
	Data string
}

// Chart is a chart directory as Helm's loader splits it.
type Chart struct {
	Metadata  *Metadata
	Values    map[string]interface{}
	Schema    []byte
	Templates []Template
	Files     Files
}

// loadChart reads a chart directory: Chart.yaml, values.yaml, templates/ and every other file
// not matched by .helmignore (what .Files serves). Subcharts are refused rather than ignored.
func loadChart(dir string) (*Chart, error) {
	chart := &Chart{Values: map[string]interface{}{}, Files: Files{}}
	ignore, err := readHelmignore(dir)
	if err != nil {
		return nil, err
	}
	err = filepath.WalkDir(dir, func(full string, entry fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, full)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		if ignore.matches(rel, entry.IsDir()) {
			if entry.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if entry.IsDir() {
			return nil
		}
		data, err := os.ReadFile(full)
		if err != nil {
			return err
		}
		return chart.add(rel, data)
	})
	if err != nil {
		return nil, err
	}
	if chart.Metadata == nil {
		return nil, fmt.Errorf("%s: Chart.yaml file is missing", dir)
	}
	if len(chart.Metadata.Dependencies) > 0 {
		return nil, fmt.Errorf("%s: chart dependencies are not supported by this renderer", dir)
	}
	for i := range chart.Templates {
		chart.Templates[i].Name = path.Join(chart.Metadata.Name, chart.Templates[i].Name)
	}
	return chart, nil
}

// add files one chart file where Helm's loader does (pkg/chart/loader).
func (c *Chart) add(name string, data []byte) error {
	switch {
	case name == "Chart.yaml":
		c.Metadata = &Metadata{}
		if err := yaml.Unmarshal(data, c.Metadata); err != nil {
			return fmt.Errorf("cannot load Chart.yaml: %w", err)
		}
	case name == "values.yaml":
		if err := yaml.Unmarshal(data, &c.Values); err != nil {
			return fmt.Errorf("cannot load values.yaml: %w", err)
		}
		if c.Values == nil {
			c.Values = map[string]interface{}{}
		}
	case name == "values.schema.json":
		c.Schema = data
	case name == "Chart.lock":
	case strings.HasPrefix(name, "charts/"):
		return fmt.Errorf("%s: subcharts are not supported by this renderer", name)
	case strings.HasPrefix(name, "templates/"):
		c.Templates = append(c.Templates, Template{Name: name, Data: string(data)})
	default:
		c.Files[name] = data
	}
	return nil
}
