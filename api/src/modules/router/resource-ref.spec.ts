import { isDnsLabel, isDnsSubdomain, resourceRefViolations } from './resource-ref.js';

describe('Kubernetes names', () => {
  it.each([
    ['a', true, true],
    ['llama-3-1-8b', true, true],
    ['gpt-4o.mini', false, true],
    ['x'.repeat(63), true, true],
    ['x'.repeat(64), false, true],
    [`${'x'.repeat(63)}.${'y'.repeat(63)}.${'z'.repeat(63)}.${'w'.repeat(61)}`, false, true],
    [`${'x'.repeat(63)}.${'y'.repeat(63)}.${'z'.repeat(63)}.${'w'.repeat(62)}`, false, false],
    ['x'.repeat(100_000), false, false],
    ['Upper', false, false],
    ['-dash', false, false],
    ['dash-', false, false],
    ['a..b', false, false],
    ['a_b', false, false],
    ['ü', false, false],
    ['a\nb', false, false],
    ['', false, false],
  ])('%p: label %p, subdomain %p', (value, label, subdomain) => {
    expect(isDnsLabel(value)).toBe(label);
    expect(isDnsSubdomain(value)).toBe(subdomain);
  });
});

describe('resourceRefViolations', () => {
  it.each([
    [{ namespace: '', name: 'gpt-4o' }, []],
    [{ namespace: 'team-a', name: 'gpt-4o.mini' }, []],
    [{ namespace: '', name: '' }, ['usage.model.name']],
    [{ namespace: '', name: 'm'.repeat(100_000) }, ['usage.model.name']],
    [{ namespace: 'Bad_NS', name: 'ok' }, ['usage.model.namespace']],
    [{ namespace: 'n'.repeat(64), name: 'BAD' }, ['usage.model.name', 'usage.model.namespace']],
  ])('%p -> %p', (ref, fields) => {
    expect(resourceRefViolations(ref, 'usage.model').map((v) => v.field)).toEqual(fields);
  });
});
