import { place, type ModelHealth, type Placement } from './choose.js';
import { isRouteError } from './errors.js';
import { aModel, aPolicy, snapshotOf, type PolicyBuilder } from './testing/builders.js';

interface Setup {
  readonly taskKind?: string;
  readonly pick?: number;
  readonly unready?: readonly string[];
  readonly health?: Readonly<Record<string, Partial<ModelHealth>>>;
  readonly policy?: PolicyBuilder;
}

// small: an unlabelled model (weight 3) and two classification specialists (weights 1 and 3);
// medium: a summarization specialist and an unlabelled model; frontier: a code-only model.
const policy = () =>
  aPolicy()
    .tier('small', ['llama', 3], ['ticket', 1], ['intent', 3])
    .tier('medium', ['summarizer', 5], ['qwen', 1])
    .tier('frontier', 'coder');
const models = (unready: readonly string[]) =>
  [
    aModel('llama').tier('small'),
    aModel('ticket').tier('small').taskLabels('classification', 'ticket-classification'),
    aModel('intent').tier('small').taskLabels('classification'),
    aModel('summarizer').tier('medium').taskLabels('summarization'),
    aModel('qwen').tier('medium'),
    aModel('coder').tier('frontier').taskLabels('code'),
  ].map((m) => (unready.includes(m.obj().metadata?.name ?? '') ? m.ready(false) : m));

function placed(start: string, setup: Setup): Placement | string {
  const snapshot = snapshotOf(setup.policy ?? policy(), models(setup.unready ?? []));
  const healthy: ModelHealth = { ready: true, overloaded: false, errorRatePercent: 0 };
  const health = new Map(
    Object.entries(setup.health ?? {}).map(([name, h]) => [name, { ...healthy, ...h }]),
  );
  const result = place(start, {
    policy: snapshot.policy,
    models: snapshot.models,
    health,
    need: undefined,
    pick: setup.pick ?? 0,
    taskKind: setup.taskKind,
  });
  return isRouteError(result) ? result.message : result;
}

const where = (start: string, setup: Setup): string => {
  const p = placed(start, setup);
  return typeof p === 'string' ? p : `${p.chosen.tier}/${p.chosen.model.name}`;
};

describe('place: model fitness inside a tier', () => {
  it.each<[string, string, Setup, string]>([
    ['a specialist of the kind first', 'small', { taskKind: 'classification' }, 'small/ticket'],
    [
      'specialists weighted among themselves',
      'small',
      { taskKind: 'classification', pick: 0.5 },
      'small/intent',
    ],
    [
      'the other labels of a specialist',
      'small',
      { taskKind: 'ticket-classification', pick: 0.9 },
      'small/ticket',
    ],
    [
      'no specialist for another kind',
      'small',
      { taskKind: 'extraction', pick: 0.99 },
      'small/llama',
    ],
    ['no specialist for no kind', 'small', { pick: 0.99 }, 'small/llama'],
    [
      'the unlabelled model when the specialists are unready',
      'small',
      { taskKind: 'classification', unready: ['ticket', 'intent'] },
      'small/llama',
    ],
    [
      'a healthy unlabelled model over overloaded specialists',
      'small',
      {
        taskKind: 'classification',
        health: { ticket: { overloaded: true }, intent: { overloaded: true } },
      },
      'small/llama',
    ],
    [
      'the next tier past one whose only fit model is unready',
      'small',
      { taskKind: 'code', unready: ['llama'] },
      'medium/qwen',
    ],
    ['a specialist-only tier for its kind', 'frontier', { taskKind: 'code' }, 'frontier/coder'],
    [
      'no model when the last tier fits no kind',
      'frontier',
      { taskKind: 'math' },
      'no model can serve the query from tier frontier (frontier: task-fit)',
    ],
  ])('picks %s', (_label, start, setup, expected) => {
    expect(where(start, setup)).toBe(expected);
  });

  it('passes over a tier no model fits, even when the policy does not fall back', () => {
    const strict = policy().fallback({ onUnavailable: false, onOverload: false });
    const result = placed('frontier', { taskKind: 'summarization', policy: strict });
    expect(result).toBe('no model can serve the query from tier frontier (frontier: task-fit)');
    const onward = placed('small', {
      taskKind: 'code',
      unready: ['llama'],
      policy: aPolicy()
        .tier('small', 'ticket')
        .tier('frontier', 'coder')
        .fallback({ onUnavailable: false }),
    });
    expect(typeof onward !== 'string' && onward.skipped).toEqual([
      { tier: 'small', reason: 'task-fit' },
    ]);
  });

  it('lists fallbacks fit for the kind only', () => {
    const summary = placed('small', { taskKind: 'summarization' });
    expect(typeof summary !== 'string' && summary.fallbacks.map((f) => f.model.name)).toEqual([
      'summarizer',
    ]);
    const code = placed('small', { taskKind: 'code' });
    expect(typeof code !== 'string' && code.fallbacks.map((f) => f.model.name)).toEqual([
      'qwen',
      'coder',
    ]);
  });
});
