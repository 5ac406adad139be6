import { parseAllDocuments } from 'yaml';
import { formatDocuments } from './documents.js';

const probe = { httpGet: { path: '/health', port: 'http' } };
const objects = [
  { kind: 'Deployment', metadata: { name: 'a' }, spec: { readiness: probe, liveness: probe } },
  { kind: 'Service', metadata: { name: 'a' }, args: ['--x '.repeat(40)] },
];

describe('formatDocuments', () => {
  it.each(['yaml', 'json'] as const)('prints nothing for no objects (%s)', (format) => {
    expect(formatDocuments([], format)).toBe('');
  });

  it('prints a multi-document YAML stream that reads back as the objects', () => {
    const text = formatDocuments(objects, 'yaml');
    expect(text.startsWith('---\n')).toBe(true);
    expect(parseAllDocuments(text).map((d) => d.toJS() as unknown)).toEqual(objects);
  });

  it('writes shared values out in full, without YAML anchors, and folds no line', () => {
    const text = formatDocuments(objects, 'yaml');
    expect(text).not.toMatch(/[&*]a\d/);
    expect(text).toContain(`- "${'--x '.repeat(40)}"`);
  });

  it('prints a kubectl-style JSON List', () => {
    expect(JSON.parse(formatDocuments(objects, 'json'))).toEqual({
      apiVersion: 'v1',
      kind: 'List',
      metadata: { resourceVersion: '' },
      items: objects,
    });
  });
});
