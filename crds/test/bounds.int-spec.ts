// MONEY_BOUNDS_USD (crds/index.ts) restates the CEL bounds for readers of objects stored before
// them (the API's capacity recorder); this keeps it equal to the YAML, the source of truth.
import { MONEY_BOUNDS_USD } from '../index.js';
import { loadCrds, type Schema } from './crd-files.js';

const crds = loadCrds();
const schemaOf = (kind: string): Schema => {
  const crd = crds.find((c) => c.kind === kind);
  if (!crd) throw new Error(`no CRD of kind ${kind}`);
  return crd.schema;
};

/** The schema at a dotted path; `[]` steps into a list's items. */
function at(schema: Schema, path: string): Schema {
  return path.split('.').reduce<Schema>((s, step) => {
    const next = step === '[]' ? s.items : s.properties?.[step];
    if (!next) throw new Error(`no ${step} in ${path}`);
    return next;
  }, schema);
}

describe('MONEY_BOUNDS_USD', () => {
  it.each([
    ['InferenceModel', 'spec.pricing.gpuHourlyUSD', MONEY_BOUNDS_USD.gpuHourlyUSD],
    ['InferenceModel', 'spec.pricing.inputPer1M', MONEY_BOUNDS_USD.tokenPer1M],
    ['InferenceModel', 'spec.pricing.cachedInputPer1M', MONEY_BOUNDS_USD.tokenPer1M],
    ['InferenceModel', 'spec.pricing.outputPer1M', MONEY_BOUNDS_USD.tokenPer1M],
    ['RoutingPolicy', 'spec.budgets.[].monthlyUSD', MONEY_BOUNDS_USD.monthlyUSD],
  ])('%s %s is bounded at %s USD by its CEL rule', (kind, path, bound) => {
    const rules = at(schemaOf(kind), path)['x-kubernetes-validations'] ?? [];
    expect(rules.map((r) => r.rule)).toEqual([expect.stringMatching(`<= ${bound}\\.0$`)]);
    expect(rules[0]?.message).toContain(`at most ${bound} `);
  });
});
