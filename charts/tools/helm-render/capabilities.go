package main

import (
	"fmt"
	"strings"

	"github.com/Masterminds/semver"
)

// Capabilities is .Capabilities, shaped as Helm's chartutil.Capabilities.
type Capabilities struct {
	KubeVersion KubeVersion
	APIVersions VersionSet
	HelmVersion map[string]string
}

// KubeVersion is .Capabilities.KubeVersion.
type KubeVersion struct {
	Version string
	Major   string
	Minor   string
}

// String is what `{{ .Capabilities.KubeVersion }}` prints.
func (kv KubeVersion) String() string { return kv.Version }

// GitVersion is the deprecated alias Helm keeps.
func (kv KubeVersion) GitVersion() string { return kv.Version }

// VersionSet is .Capabilities.APIVersions.
type VersionSet []string

// Has tells whether a group/version (or group/version/Kind) is served.
func (vs VersionSet) Has(apiVersion string) bool {
	for _, v := range vs {
		if v == apiVersion {
			return true
		}
	}
	return false
}

// builtinAPIVersions are the group/versions a Kubernetes 1.27-1.32 API server serves; `helm
// template` likewise offers only built-ins unless --api-versions adds more (e.g. a CRD's).
var builtinAPIVersions = strings.Fields(`v1 admissionregistration.k8s.io/v1 apiextensions.k8s.io/v1
	apiregistration.k8s.io/v1 apps/v1 authentication.k8s.io/v1 authorization.k8s.io/v1
	autoscaling/v1 autoscaling/v2 batch/v1 certificates.k8s.io/v1 coordination.k8s.io/v1
	discovery.k8s.io/v1 events.k8s.io/v1 flowcontrol.apiserver.k8s.io/v1 networking.k8s.io/v1
	node.k8s.io/v1 policy/v1 rbac.authorization.k8s.io/v1 scheduling.k8s.io/v1 storage.k8s.io/v1`)

func newCapabilities(kubeVersion string, extra []string) (*Capabilities, error) {
	v, err := semver.NewVersion(kubeVersion)
	if err != nil {
		return nil, fmt.Errorf("invalid --kube-version %q: %w", kubeVersion, err)
	}
	return &Capabilities{
		KubeVersion: KubeVersion{
			Version: "v" + v.String(),
			Major:   fmt.Sprint(v.Major()),
			Minor:   fmt.Sprint(v.Minor()),
		},
		APIVersions: append(append(VersionSet{}, builtinAPIVersions...), extra...),
		HelmVersion: map[string]string{"Version": "v3", "GoVersion": "go1.19"},
	}, nil
}
