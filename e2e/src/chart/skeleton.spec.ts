import { skeleton, skeletonDocuments } from './skeleton.js';

describe('skeleton', () => {
  it.each<[string, string, string]>([
    ['drops action-only lines', 'a: 1\n  {{- if .Values.x }}\nb: 2\n{{- end }}', 'a: 1\nb: 2'],
    ['replaces inline actions', 'name: {{ include "n" . }}-api', 'name: x-api'],
    ['keeps plain lines', 'kind: Service', 'kind: Service'],
  ])('%s', (_, template, expected) => {
    expect(skeleton(template)).toBe(expected);
  });
});

describe('skeletonDocuments', () => {
  it('parses every document', () => {
    const template = '{{- range .Values.l }}\n---\nkind: A\nspec:\n  n: {{ . }}\n{{- end }}';
    expect(skeletonDocuments(template)).toEqual([{ kind: 'A', spec: { n: 'x' } }]);
  });

  it.each<[string, string]>([
    ['a broken indent', 'spec:\n  a: 1\n b: 2'],
    ['a duplicate key', 'kind: A\nkind: B'],
    ['a list item among keys', 'spec:\n  a: 1\n  - b'],
  ])('refuses %s', (_, template) => {
    expect(() => skeletonDocuments(template)).toThrow(/document 0/);
  });
});
