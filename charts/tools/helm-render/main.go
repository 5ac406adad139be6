// Command helm-render renders a chart as `helm template` does, for machines with no helm binary:
// Go's text/template with Sprig and Helm's own functions, values coalesced as Helm does, and the
// output split and checked as YAML as Helm checks it before an install. See README.md.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/Masterminds/semver"
)

type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

type options struct {
	chartDir    string
	valueFiles  stringList
	releaseName string
	namespace   string
	kubeVersion string
	apiVersions stringList
	notesFile   string
}

// Helm's release name rule (pkg/chartutil/validate_name.go).
var releaseName = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`)

func main() {
	opts, err := parseFlags(os.Args[1:])
	if err == nil {
		err = run(opts, os.Stdout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string) (options, error) {
	var opts options
	flags := flag.NewFlagSet("helm-render", flag.ContinueOnError)
	flags.Var(&opts.valueFiles, "f", "a values file (repeatable; later files win)")
	flags.Var(&opts.valueFiles, "values", "same as -f")
	flags.StringVar(&opts.releaseName, "release-name", "release-name", ".Release.Name")
	flags.StringVar(&opts.namespace, "namespace", "default", ".Release.Namespace")
	flags.StringVar(&opts.kubeVersion, "kube-version", "v1.32.0", ".Capabilities.KubeVersion")
	flags.Var(&opts.apiVersions, "api-versions", "extra .Capabilities.APIVersions (repeatable)")
	flags.StringVar(&opts.notesFile, "notes", "", "write the rendered NOTES.txt to this file")
	flags.Usage = func() {
		fmt.Fprintln(flags.Output(), "Usage: helm-render [flags] CHART_DIR   (manifests on stdout)")
		flags.PrintDefaults()
	}
	// Flags may follow the chart directory, as with `helm template`.
	var positional []string
	for {
		if err := flags.Parse(args); err != nil {
			return opts, err
		}
		if flags.NArg() == 0 {
			break
		}
		positional = append(positional, flags.Arg(0))
		args = flags.Args()[1:]
	}
	if len(positional) != 1 {
		flags.Usage()
		return opts, fmt.Errorf("expected one chart directory, got %d arguments", len(positional))
	}
	opts.chartDir = positional[0]
	if len(opts.releaseName) > 53 || !releaseName.MatchString(opts.releaseName) {
		return opts, fmt.Errorf("invalid release name %q: must match %s and be at most 53 characters", opts.releaseName, releaseName)
	}
	return opts, nil
}

func run(opts options, stdout io.Writer) error {
	chart, err := loadChart(opts.chartDir)
	if err != nil {
		return err
	}
	caps, err := newCapabilities(opts.kubeVersion, opts.apiVersions)
	if err != nil {
		return err
	}
	if err := checkKubeVersion(chart.Metadata.KubeVersion, caps.KubeVersion.Version); err != nil {
		return err
	}
	user, err := readValuesFiles(opts.valueFiles)
	if err != nil {
		return err
	}
	values := coalesce(user, chart.Values)
	if err := validateValues(chart.Metadata.Name, chart.Schema, values); err != nil {
		return err
	}
	top := map[string]interface{}{
		"Chart":        chart.Metadata,
		"Capabilities": caps,
		"Files":        chart.Files,
		"Release": map[string]interface{}{
			"Name": opts.releaseName, "Namespace": opts.namespace, "Revision": 1,
			"IsUpgrade": false, "IsInstall": true, "Service": "Helm",
		},
		"Values":    values,
		"Subcharts": map[string]interface{}{},
	}
	rendered, err := (&engine{refs: chart.Templates}).render(top)
	if err != nil {
		return err
	}
	notesName := chart.Metadata.Name + "/templates/NOTES.txt"
	if opts.notesFile != "" {
		if err := os.WriteFile(opts.notesFile, []byte(rendered[notesName]), 0o644); err != nil {
			return err
		}
	}
	delete(rendered, notesName)
	manifests, err := splitManifests(rendered)
	if err != nil {
		return err
	}
	return writeManifests(stdout, manifests)
}

// checkKubeVersion refuses a cluster version outside Chart.yaml's kubeVersion, as Helm does.
func checkKubeVersion(constraint, version string) error {
	if constraint == "" {
		return nil
	}
	c, err := semver.NewConstraint(constraint)
	if err != nil {
		return fmt.Errorf("Chart.yaml kubeVersion %q: %w", constraint, err)
	}
	v, err := semver.NewVersion(version)
	if err != nil || !c.Check(v) {
		return fmt.Errorf("chart requires kubeVersion: %s which is incompatible with Kubernetes %s", constraint, version)
	}
	return nil
}
