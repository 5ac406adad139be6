import { readRuleFile } from './rbac-file.js';

describe('readRuleFile', () => {
  it('reads the rules and the ones marked not-exercised, with why', () => {
    const text = [
      '# Header of the file.',
      '',
      '# Custom resources.',
      '- apiGroups: [sluice.dev]',
      '  resources: [inferencemodels]',
      '  verbs: [list, watch]',
      '# KEDA:',
      '# not-exercised: only with KEDA installed',
      '- apiGroups: [keda.sh]',
      '  resources: [scaledobjects]',
      '  verbs: [create]',
      "- apiGroups: ['']",
      '  resources: [secrets]',
      '  verbs: [get]',
    ].join('\n');
    const { rules, notExercised } = readRuleFile(text);
    expect(rules).toEqual([
      { apiGroups: ['sluice.dev'], resources: ['inferencemodels'], verbs: ['list', 'watch'] },
      { apiGroups: ['keda.sh'], resources: ['scaledobjects'], verbs: ['create'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['get'] },
    ]);
    expect([...notExercised]).toEqual([[1, 'only with KEDA installed']]);
  });

  it('finds a mark on the first rule', () => {
    const text =
      '# not-exercised: never in tests\n- apiGroups: [a]\n  resources: [b]\n  verbs: [get]\n';
    expect([...readRuleFile(text).notExercised]).toEqual([[0, 'never in tests']]);
  });

  it('does not take a mention of the mark inside a sentence for one', () => {
    const text =
      '# rules marked with "# not-exercised: why"\n- apiGroups: [a]\n  resources: [b]\n  verbs: [get]\n';
    expect(readRuleFile(text).notExercised.size).toBe(0);
  });

  it.each([
    ['not a list', 'apiGroups: [a]\n'],
    ['an item that is no map', '- get\n'],
    ['a rule without verbs', '- apiGroups: [a]\n  resources: [b]\n'],
    ['broken YAML', '- apiGroups: [a\n'],
  ])('rejects %s', (_, text) => {
    expect(() => readRuleFile(text)).toThrow(/RBAC rules/);
  });
});
