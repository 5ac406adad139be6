import { actions, templateRefs } from './template-refs.js';

describe('templateRefs', () => {
  it.each<[string, string, string[][]]>([
    ['a plain path', '{{ .Values.api.replicas }}', [['api', 'replicas']]],
    [
      'a path from the root context',
      '{{ $.Values.serviceMonitor.interval }}',
      [['serviceMonitor', 'interval']],
    ],
    [
      'paths inside a pipeline',
      '{{- toYaml .Values.api.resources | nindent 12 }}',
      [['api', 'resources']],
    ],
    ['paths of a condition', '{{- if and .Values.a.b .Values.c }}', [['a', 'b'], ['c']]],
    ['each path once', '{{ .Values.a }}{{ .Values.a }}', [['a']]],
    ['nothing in comments', '{{/* .Values.not.read */}}', []],
    ['nothing outside actions', 'value: .Values.literal', []],
  ])('finds %s', (_, text, expected) => {
    expect(templateRefs(text).values).toEqual(expected);
  });

  it('finds includes, defines and embedded files', () => {
    const text = [
      '{{- define "x.name" -}}{{ include "x.full" . }}{{- end }}',
      '{{ template "x.other" . }}',
      '{{- .Files.Get "files/rules.yaml" | nindent 2 }}',
    ].join('\n');
    expect(templateRefs(text)).toEqual({
      values: [],
      includes: ['x.full', 'x.other'],
      defines: ['x.name'],
      files: ['files/rules.yaml'],
    });
  });

  it('reads actions across lines, with trim markers', () => {
    expect(actions('a {{- if\n .Values.x -}} b {{ end }}')).toEqual([' if\n .Values.x ', ' end ']);
  });
});
