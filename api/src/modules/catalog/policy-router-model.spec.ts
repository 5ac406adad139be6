import type { V1ConfigMap } from '@kubernetes/client-node';
import type { ClassifierModel } from '../routing/engine/index.js';
import { aPolicy } from '../routing/engine/testing/builders.js';
import type { ArtifactOutcome, ArtifactRef } from '../routing/router-model-artifacts.js';
import { resolvePolicyRouterModel, type RouterModelSources } from './policy-router-model.js';

const model = (version: string): ClassifierModel => ({
  version,
  predict: () => ({ kind: 'math', kindProbability: 1, smallOk: 1 }),
});
const BUILT_IN = model('router-model-b0000001');
const OURS = model('router-model-0000000a');
const LAST = model('router-model-1a570001');

const learned = () => aPolicy('p').tier('small', 'a').learned(['small', 0]);
const INVALID: ArtifactOutcome = {
  reason: 'RouterModelInvalid',
  error: 'ConfigMap default/mine key router-model.bin is not a router model artifact: truncated',
};

/** Sources where ConfigMap "mine" exists and its artifact gives `outcome`; records the ref read. */
function sources(outcome: ArtifactOutcome, previous?: ClassifierModel) {
  const refs: ArtifactRef[] = [];
  const found: RouterModelSources = {
    builtIn: BUILT_IN,
    configMap: (name): V1ConfigMap | undefined =>
      name === 'mine' ? { metadata: { name } } : undefined,
    artifacts: {
      fromConfigMap: (ref) => {
        refs.push(ref);
        return outcome;
      },
    },
    previous,
  };
  return { refs, found };
}

describe('resolvePolicyRouterModel', () => {
  // [name, policy, what its ConfigMap's artifact gives, the model it had, expected]
  type Row = [
    string,
    ReturnType<typeof learned>,
    ArtifactOutcome,
    ClassifierModel | undefined,
    object,
  ];
  it.each<Row>([
    ['rules: no model', aPolicy('p').tier('small', 'a'), { model: OURS }, LAST, {}],
    [
      'learned without a ref: the built-in model',
      learned(),
      { model: OURS },
      LAST,
      { model: BUILT_IN },
    ],
    [
      'learned with a good ref: its model',
      learned().routerModelFrom('mine'),
      { model: OURS },
      LAST,
      { model: OURS },
    ],
    [
      'a malformed artifact on a fresh process: no model, the field and what is wrong',
      learned().routerModelFrom('mine'),
      INVALID,
      undefined,
      {
        modelProblem: {
          field: 'spec.classifier.model.configMapRef',
          reason: 'RouterModelInvalid',
          message: INVALID.error,
        },
      },
    ],
    [
      'a malformed artifact after a good one: the last good model, said so',
      learned().routerModelFrom('mine'),
      INVALID,
      LAST,
      {
        model: LAST,
        modelProblem: {
          field: 'spec.classifier.model.configMapRef',
          reason: 'RouterModelStale',
          message: `${INVALID.error}; Route keeps the last good model, router-model-1a570001`,
        },
      },
    ],
    [
      'a ConfigMap the API does not watch: not found, with the label to add',
      learned().routerModelFrom('elsewhere'),
      { model: OURS },
      undefined,
      {
        modelProblem: {
          field: 'spec.classifier.model.configMapRef',
          reason: 'RouterModelNotFound',
          message:
            'ConfigMap default/elsewhere not found among the ConfigMaps labelled sluice.dev/router-model=true (kubectl label configmap elsewhere -n default sluice.dev/router-model=true)',
        },
      },
    ],
  ])('%s', (...[, policy, outcome, previous, expected]: Row) => {
    expect(resolvePolicyRouterModel(policy.obj(), sources(outcome, previous).found)).toEqual(
      expected,
    );
  });

  it('reads the key the policy names, router-model.bin when it names none', () => {
    const { refs, found } = sources({ model: OURS });
    resolvePolicyRouterModel(learned().routerModelFrom('mine').obj(), found);
    resolvePolicyRouterModel(learned().routerModelFrom('mine', 'v2.bin').obj(), found);
    expect(refs).toEqual([
      { namespace: 'default', name: 'mine', key: 'router-model.bin' },
      { namespace: 'default', name: 'mine', key: 'v2.bin' },
    ]);
  });
});
