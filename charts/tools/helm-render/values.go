package main

import (
	"fmt"
	"os"

	"sigs.k8s.io/yaml"
)

// Values as Helm prepares them (pkg/cli/values and pkg/chartutil/coalesce.go). Files are read
// with sigs.k8s.io/yaml, so every number is a float64, as in Helm: `printf "%d"` needs `int`.

// readValuesFiles merges -f files in order: maps merge key by key, anything else is replaced.
func readValuesFiles(files []string) (map[string]interface{}, error) {
	merged := map[string]interface{}{}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		current := map[string]interface{}{}
		if err := yaml.Unmarshal(data, &current); err != nil {
			return nil, fmt.Errorf("failed to parse %s: %w", file, err)
		}
		merged = mergeMaps(merged, current)
	}
	return merged, nil
}

func mergeMaps(a, b map[string]interface{}) map[string]interface{} {
	out := make(map[string]interface{}, len(a))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		if vm, ok := v.(map[string]interface{}); ok {
			if om, ok := out[k].(map[string]interface{}); ok {
				out[k] = mergeMaps(om, vm)
				continue
			}
		}
		out[k] = v
	}
	return out
}

// coalesce overlays user values on the chart's defaults, as Helm's CoalesceValues: a user null
// deletes the default, maps merge recursively, and a user value replaces a default of another
// type (Helm warns, then does the same). A null the user sets under a key without a default
// stays, as in Helm (it renders as nothing). Neither input is modified.
func coalesce(user, defaults map[string]interface{}) map[string]interface{} {
	out := make(map[string]interface{}, len(user)+len(defaults))
	for key, value := range defaults {
		out[key] = value
	}
	for key, value := range user {
		if value == nil {
			delete(out, key)
			continue
		}
		userMap, userIsMap := value.(map[string]interface{})
		defaultMap, defaultIsMap := out[key].(map[string]interface{})
		switch {
		case userIsMap && defaultIsMap:
			out[key] = coalesce(userMap, defaultMap)
		case userIsMap != defaultIsMap && out[key] != nil:
			fmt.Fprintf(os.Stderr, "coalesce.go: warning: cannot overwrite %s of type %T with %T\n", key, out[key], value)
			out[key] = value
		default:
			out[key] = value
		}
	}
	return out
}
