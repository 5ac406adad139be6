{{- define "engine.name" -}}
{{ .Chart.Name }}-{{ .Values.greeting }}
{{- end }}
