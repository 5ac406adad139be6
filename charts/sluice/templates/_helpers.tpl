{{/*
Names and labels shared by every template, as `helm create` scaffolds them: resource names are
<release>-<chart> (63 characters at most), labels follow
https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/.
*/}}

{{- define "sluice.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "sluice.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 52 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 52 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 52 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "sluice.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object; call with (dict "ctx" $ "component" "api"). */}}
{{- define "sluice.labels" -}}
helm.sh/chart: {{ include "sluice.chart" .ctx }}
{{ include "sluice.selectorLabels" . }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
app.kubernetes.io/part-of: sluice
{{- end }}

{{/* The immutable subset that Deployments, Services, PDBs and policies select pods by. */}}
{{- define "sluice.selectorLabels" -}}
app.kubernetes.io/name: {{ include "sluice.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "sluice.operator.fullname" -}}
{{ include "sluice.fullname" . }}-operator
{{- end }}

{{- define "sluice.api.fullname" -}}
{{ include "sluice.fullname" . }}-api
{{- end }}

{{- define "sluice.operator.serviceAccountName" -}}
{{- if .Values.operator.serviceAccount.create }}
{{- default (include "sluice.operator.fullname" .) .Values.operator.serviceAccount.name }}
{{- else }}
{{- required "operator.serviceAccount.name is required when create is false" .Values.operator.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "sluice.api.serviceAccountName" -}}
{{- if .Values.api.serviceAccount.create }}
{{- default (include "sluice.api.fullname" .) .Values.api.serviceAccount.name }}
{{- else }}
{{- required "api.serviceAccount.name is required when create is false" .Values.api.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* An image reference; call with (dict "image" .Values.api.image "ctx" $). */}}
{{- define "sluice.image" -}}
{{ .image.repository }}:{{ default .ctx.Chart.AppVersion .image.tag }}
{{- end }}

{{/* A map of labels as SERVICE_MONITOR_LABELS takes them: key=value,key=value, sorted by key. */}}
{{- define "sluice.labelList" -}}
{{- $pairs := list -}}
{{- range $key, $value := . -}}
{{- $pairs = append $pairs (printf "%s=%s" $key $value) -}}
{{- end -}}
{{- join "," $pairs -}}
{{- end }}
