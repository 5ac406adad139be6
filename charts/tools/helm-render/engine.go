package main

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"text/template"
)

// The template engine of Helm's pkg/engine/engine.go, reproduced for the chart's CI: every file of
// templates/ parsed into one template set (so any file may include another's defines), executed
// with missingkey=zero and "<no value>" removed from the output, include/tpl/required bound to the
// set, partials (_*.tpl) parsed but not output, and errors worded as Helm words them.

const (
	warnStart      = "HELM_ERR_START"
	warnEnd        = "HELM_ERR_END"
	recursionLimit = 1000
)

var warnPattern = regexp.MustCompile(warnStart + `(.*)` + warnEnd)

type engine struct {
	// refs are the chart's templates: what include and tpl can reach.
	refs []Template
}

// render executes every non-partial template with top as its data (.Values, .Release, ...).
func (e *engine) render(top map[string]interface{}) (rendered map[string]string, err error) {
	return e.renderSet(e.refs, top)
}

func (e *engine) renderSet(tpls []Template, top map[string]interface{}) (rendered map[string]string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("rendering template failed: %v", r)
		}
	}()
	t := template.New("gotpl").Option("missingkey=zero")
	t.Funcs(e.funcs(t))
	for _, tpl := range sortByDepth(tpls) {
		if _, err := t.New(tpl.Name).Parse(tpl.Data); err != nil {
			return nil, parseError(tpl.Name, err)
		}
	}
	for _, tpl := range sortByDepth(e.refs) {
		if t.Lookup(tpl.Name) == nil {
			if _, err := t.New(tpl.Name).Parse(tpl.Data); err != nil {
				return nil, parseError(tpl.Name, err)
			}
		}
	}
	rendered = map[string]string{}
	// Helm executes in parse order too, so the first failing file it reports is the same.
	for _, tpl := range sortByDepth(tpls) {
		if strings.HasPrefix(path.Base(tpl.Name), "_") {
			continue
		}
		top["Template"] = map[string]interface{}{"Name": tpl.Name, "BasePath": path.Dir(tpl.Name)}
		var out strings.Builder
		if err := t.ExecuteTemplate(&out, tpl.Name, top); err != nil {
			return nil, execError(tpl.Name, err)
		}
		rendered[tpl.Name] = strings.ReplaceAll(out.String(), "<no value>", "")
	}
	return rendered, nil
}

// funcs binds include, tpl and required to the template set t.
func (e *engine) funcs(t *template.Template) template.FuncMap {
	funcs := funcMap()
	depth := map[string]int{}
	funcs["include"] = func(name string, data interface{}) (string, error) {
		if depth[name] > recursionLimit {
			return "", fmt.Errorf("rendering template has a nested reference name: %s: unable to execute template", name)
		}
		depth[name]++
		defer func() { depth[name]-- }()
		var out strings.Builder
		err := t.ExecuteTemplate(&out, name, data)
		return out.String(), err
	}
	funcs["tpl"] = func(text string, vals map[string]interface{}) (string, error) {
		current, _ := vals["Template"].(map[string]interface{})
		name, _ := current["Name"].(string)
		if name == "" {
			return "", fmt.Errorf("cannot retrieve Template.Name from values inside tpl function: %s", text)
		}
		rendered, err := e.renderSet([]Template{{Name: name, Data: text}}, vals)
		if err != nil {
			return "", fmt.Errorf("error during tpl function execution for %q: %w", text, err)
		}
		return rendered[name], nil
	}
	funcs["required"] = func(warn string, val interface{}) (interface{}, error) {
		if s, isString := val.(string); val == nil || (isString && s == "") {
			return val, errors.New(warnStart + warn + warnEnd)
		}
		return val, nil
	}
	return funcs
}

// sortByDepth orders templates as Helm parses them: deepest paths first, then by name descending,
// which decides which of two same-named defines wins.
func sortByDepth(tpls []Template) []Template {
	sorted := append([]Template(nil), tpls...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i].Name, sorted[j].Name
		if ca, cb := strings.Count(a, "/"), strings.Count(b, "/"); ca != cb {
			return ca > cb
		}
		return a > b
	})
	return sorted
}

// parseError words a parse error as Helm does: "parse error at (<file>:<line>): <message>".
func parseError(name string, err error) error {
	tokens := strings.Split(err.Error(), ": ")
	if len(tokens) == 1 {
		return fmt.Errorf("parse error in (%s): %s", name, err)
	}
	return fmt.Errorf("parse error at (%s): %s", tokens[1], tokens[len(tokens)-1])
}

// execError words a failed `required` as Helm does; other execution errors pass unchanged.
func execError(name string, err error) error {
	var execErr template.ExecError
	if !errors.As(err, &execErr) {
		return err
	}
	tokens := strings.SplitN(err.Error(), ": ", 3)
	if len(tokens) != 3 {
		return fmt.Errorf("execution error in (%s): %s", name, err)
	}
	if parts := warnPattern.FindStringSubmatch(tokens[2]); len(parts) >= 2 {
		return fmt.Errorf("execution error at (%s): %s", tokens[1], parts[1])
	}
	return err
}
