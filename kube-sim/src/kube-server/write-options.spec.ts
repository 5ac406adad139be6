import { checkUnknownFields, warningHeaders, writeOptionsOf } from './write-options.js';
import type { ResourceType } from './types.js';

const widgets = { kind: 'Widget', version: 'v1' } as ResourceType;
const query = (q: string) => writeOptionsOf(new URLSearchParams(q));

describe('writeOptionsOf', () => {
  it('defaults to Warn and no dry run, as kube-apiserver does', () => {
    expect(query('')).toEqual({ fieldValidation: 'Warn', dryRun: false, warnings: [] });
    expect(query('fieldValidation=Strict&dryRun=All')).toMatchObject({
      fieldValidation: 'Strict',
      dryRun: true,
    });
  });

  it.each([
    ['fieldValidation=strict', 'fieldValidation: Unsupported value: "strict"'],
    ['dryRun=true', 'dryRun: Unsupported value: "true": supported values: "All"'],
  ])('refuses %s', (q, message) => {
    expect(() => query(q)).toThrow(message);
  });
});

describe('checkUnknownFields', () => {
  const fields = ['spec.sise', 'spec.items[0].nmae'];

  it('refuses them under Strict, naming each as the decoder does', () => {
    expect(() => checkUnknownFields(widgets, fields, query('fieldValidation=Strict'))).toThrow(
      'Widget in version "v1" cannot be handled as a Widget: strict decoding error: ' +
        'unknown field "spec.sise", unknown field "spec.items[0].nmae"',
    );
  });

  it('warns under Warn and says nothing under Ignore', () => {
    const warn = query('');
    checkUnknownFields(widgets, fields, warn);
    expect(warningHeaders(warn.warnings)).toEqual([
      '299 - "unknown field \\"spec.sise\\""',
      '299 - "unknown field \\"spec.items[0].nmae\\""',
    ]);
    const ignore = query('fieldValidation=Ignore');
    checkUnknownFields(widgets, fields, ignore);
    expect(ignore.warnings).toEqual([]);
  });
});
