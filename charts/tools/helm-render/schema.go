package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/xeipuuv/gojsonschema"
)

// validateValues checks the coalesced values against values.schema.json before any template runs,
// as Helm 3 does (chartutil.ValidateAgainstSingleSchema, gojsonschema until Helm 3.17), with its
// error: "values don't meet the specifications of the schema(s) in the following chart(s):".
func validateValues(chartName string, schema []byte, values map[string]interface{}) error {
	if schema == nil {
		return nil
	}
	data, err := json.Marshal(values)
	if err != nil {
		return err
	}
	result, err := gojsonschema.Validate(gojsonschema.NewBytesLoader(schema), gojsonschema.NewBytesLoader(data))
	if err != nil {
		return fmt.Errorf("%s: values.schema.json: %w", chartName, err)
	}
	if result.Valid() {
		return nil
	}
	var findings strings.Builder
	for _, finding := range result.Errors() {
		fmt.Fprintf(&findings, "- %s\n", finding)
	}
	return fmt.Errorf("values don't meet the specifications of the schema(s) in the following chart(s):\n%s:\n%s", chartName, findings.String())
}
