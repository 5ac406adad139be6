import { parseManifests } from './manifests.js';

const doc = (kind: string, name: string, extra = '', apiVersion = 'sluice.dev/v1alpha1') =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n${extra}`;
const parse = (...texts: string[]) =>
  parseManifests(
    texts.map((text, i) => ({ name: `f${i}.yaml`, text })),
    'team-a',
  );
const names = (objects: { metadata?: { name?: unknown; namespace?: unknown } }[]) =>
  objects.map((o) => `${String(o.metadata?.namespace)}/${String(o.metadata?.name)}`);

describe('parseManifests', () => {
  it.each([
    ['one model', [doc('InferenceModel', 'm')], ['team-a/m'], [], []],
    [
      'a multi-document file',
      [`${doc('InferenceModel', 'a')}---\n${doc('QuantizationProfile', 'q')}---\n`],
      ['team-a/a'],
      ['team-a/q'],
      [],
    ],
    [
      'documents over several files',
      [doc('InferenceModel', 'a'), doc('InferenceModel', 'b')],
      ['team-a/a', 'team-a/b'],
      [],
      [],
    ],
    ['its own namespace', [doc('InferenceModel', 'm', '  namespace: prod\n')], ['prod/m'], [], []],
    ['a Secret, silently', [doc('Secret', 'key', '', 'v1')], [], [], []],
    ['a RoutingPolicy, noted', [doc('RoutingPolicy', 'p')], [], [], ['RoutingPolicy team-a/p']],
    [
      'another group',
      [doc('InferenceModel', 'x', '', 'other.dev/v1')],
      [],
      [],
      ['InferenceModel team-a/x'],
    ],
    [
      'a kind: List',
      [
        `apiVersion: v1\nkind: List\nitems:\n  - ${doc('InferenceModel', 'l').replaceAll('\n', '\n    ')}`,
      ],
      ['team-a/l'],
      [],
      [],
    ],
    ['empty documents', ['---\n---\n# only a comment\n'], [], [], []],
  ])('reads %s', (_case, texts, ...expected) => {
    const manifests = parse(...texts);
    const read = [names(manifests.models), names(manifests.profiles), manifests.skipped];
    expect(read).toEqual(expected);
  });

  it.each([
    ['broken YAML', 'kind: [', /^f0\.yaml: /],
    ['a scalar document', 'just text', /^f0\.yaml: a document is not a Kubernetes object/],
  ])('rejects %s naming the file', (_case, text, error) => {
    expect(() => parse(text)).toThrow(error);
  });
});
