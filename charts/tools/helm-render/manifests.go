package main

import (
	"fmt"
	"io"
	"path"
	"regexp"
	"sort"
	"strings"

	"sigs.k8s.io/yaml"
)

// What Helm does with rendered templates before installing them (pkg/releaseutil): split each
// file into YAML documents, refuse one that does not parse ("YAML parse error on <file>"), and
// order them by kind so that, e.g., ServiceAccounts exist before the Deployments naming them.

// manifest is one rendered document and the template it came from.
type manifest struct {
	Source  string
	Content string
	Kind    string
}

// head is what Helm reads of every document (releaseutil.SimpleHead).
type head struct {
	Version  string `json:"apiVersion"`
	Kind     string `json:"kind,omitempty"`
	Metadata *struct {
		Name        string            `json:"name"`
		Annotations map[string]string `json:"annotations"`
	} `json:"metadata,omitempty"`
}

var documentSeparator = regexp.MustCompile(`(?:^|\s*\n)---\s*`)

// installOrder is Helm's releaseutil.InstallOrder; other kinds follow, by kind name.
var installOrder = strings.Fields(`PriorityClass Namespace NetworkPolicy ResourceQuota LimitRange
	PodSecurityPolicy PodDisruptionBudget ServiceAccount Secret SecretList ConfigMap StorageClass
	PersistentVolume PersistentVolumeClaim CustomResourceDefinition ClusterRole ClusterRoleList
	ClusterRoleBinding ClusterRoleBindingList Role RoleList RoleBinding RoleBindingList Service
	DaemonSet Pod ReplicationController ReplicaSet Deployment HorizontalPodAutoscaler StatefulSet
	Job CronJob IngressClass Ingress APIService`)

// splitManifests turns rendered templates (NOTES.txt and partials excluded by the caller) into
// documents in install order; a document that is not YAML fails the whole render, as in Helm.
func splitManifests(rendered map[string]string) ([]manifest, error) {
	names := make([]string, 0, len(rendered))
	for name := range rendered {
		names = append(names, name)
	}
	sort.Strings(names)
	var out []manifest
	for _, name := range names {
		if strings.HasPrefix(path.Base(name), "_") || strings.TrimSpace(rendered[name]) == "" {
			continue
		}
		for _, doc := range documentSeparator.Split(rendered[name], -1) {
			if strings.TrimSpace(doc) == "" {
				continue
			}
			var h head
			if err := yaml.Unmarshal([]byte(doc), &h); err != nil {
				return nil, fmt.Errorf("YAML parse error on %s: %w", name, err)
			}
			out = append(out, manifest{Source: name, Content: strings.TrimSpace(doc), Kind: h.Kind})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return kindBefore(out[i].Kind, out[j].Kind) })
	return out, nil
}

func kindBefore(a, b string) bool {
	ra, rb := kindRank(a), kindRank(b)
	if ra != rb {
		return ra < rb
	}
	if ra == len(installOrder) {
		return a < b
	}
	return false
}

func kindRank(kind string) int {
	for i, k := range installOrder {
		if k == kind {
			return i
		}
	}
	return len(installOrder)
}

// writeManifests prints documents as `helm template` does.
func writeManifests(w io.Writer, manifests []manifest) error {
	for _, m := range manifests {
		if _, err := fmt.Fprintf(w, "---\n# Source: %s\n%s\n", m.Source, m.Content); err != nil {
			return err
		}
	}
	return nil
}
