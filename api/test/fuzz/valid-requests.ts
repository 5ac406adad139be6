// Valid requests the mutations start from, one family per RPC, with valid but extreme values
// mixed in (quantity 2^63-1 is allowed; what the ledger then does with two of them is the test).
// An RPC missing here is still fuzzed: its base is the empty message, and the random half of
// the generation reaches it all the same. Add a base when an RPC is added, to fuzz it deeply.
import fc from 'fast-check';
import type { Init } from './descriptor-arbitrary.js';

export interface BaseContext {
  readonly tags: Readonly<Record<string, string>>;
  /** A decision Route made for this caller before the run. */
  readonly decisionId: string;
}

type Base = (ctx: BaseContext) => fc.Arbitrary<Init>;

const seconds = (msFromNow: number) => BigInt(Math.floor((Date.now() + msFromNow) / 1000));
const DAY_MS = 86_400_000;
const key = fc.uuid();

const prompt = fc.oneof(
  fc
    .constantFrom(
      'Classify this ticket: the printer is on fire',
      'Analyze step by step and compare both contracts',
      'What is the capital of France?',
    )
    .map((value) => ({ case: 'text', value })),
  fc.constant({
    case: 'chat',
    value: {
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
    },
  }),
  fc.constant({
    case: 'features',
    value: { promptTokens: 120, keywords: ['compare'], complexity: 1 },
  }),
);

const route: Base = ({ tags }) =>
  fc.record({
    policy: fc.constant({ name: 'default' }),
    prompt,
    taskLabel: fc.constantFrom('classification', 'reasoning', 'short-answer', ''),
    hints: fc.constant(['prefer-cheap']),
    tags: fc.constant({ ...tags }),
    parameters: fc.constant({
      temperature: 0.2,
      maxTokens: 200,
      extra: { seed: 7 },
    }),
    correlationId: fc.constantFrom('ticket-1', ''),
    promptTemplate: fc.constantFrom('faq', ''),
  });

const usage = ({ decisionId }: BaseContext) =>
  fc.record({
    idempotencyKey: key,
    decisionId: fc.constant(decisionId),
    inputTokens: fc.constantFrom(100, 2_000_000_000),
    cachedInputTokens: fc.constant(10),
    outputTokens: fc.constantFrom(20, 2_000_000_000),
    latencyMs: fc.constant(300),
    status: fc.constantFrom(1, 2, 3, 4, 5),
    responseText: fc.constant('The answer.'),
    cacheable: fc.boolean(),
    occurredAt: fc.constant({ seconds: seconds(-60_000), nanos: 0 }),
    promptTemplate: fc.constant('faq'),
  });

const outcome: Base = ({ tags, decisionId }) =>
  fc.record({
    idempotencyKey: key,
    outcome: fc.constant('ticket_resolved'),
    decisionIds: fc.constant([decisionId]),
    correlationId: fc.constantFrom('ticket-1', ''),
    quantity: fc.constantFrom(1n, 12n, 2n ** 63n - 1n),
    valueUsd: fc.constantFrom('1.50', '0', '99999999999999999999999999.999999999999'),
    tags: fc.constant({ ...tags }),
  });

const window = fc.constant(null).map(() => ({
  start: { seconds: seconds(-DAY_MS), nanos: 0 },
  end: { seconds: seconds(DAY_MS), nanos: 0 },
}));
const dimensions = ['model', 'tier', 'provider', 'policy', 'template', 'tag:team'] as const;

const economics: Base = ({ tags }) =>
  fc.record({
    window,
    groupBy: fc.subarray([...dimensions], { maxLength: 3 }),
    filters: fc.constant(
      Object.entries(tags).map(([k, value]) => ({ dimension: `tag:${k}`, values: [value] })),
    ),
    limit: fc.constantFrom(0, 10),
    granularity: fc.constantFrom(0, 1, 2, 3, 4),
    outcomes: fc.constantFrom([], ['ticket_resolved']),
    baselineModel: fc.constantFrom(undefined, { name: 'gpt-4o' }),
    models: fc.constantFrom([], [{ name: 'llama-3-1-8b-awq' }]),
    hostedReference: fc.constantFrom(undefined, { name: 'gpt-4o' }),
  });

/** Bases by method path. Fields a message does not have are dropped before encoding. */
export const BASES: Readonly<Record<string, Base>> = {
  '/sluice.v1.RouterService/Route': route,
  '/sluice.v1.RouterService/ReportUsage': (ctx) => fc.record({ usage: usage(ctx) }),
  '/sluice.v1.RouterService/ReportUsageStream': (ctx) => fc.record({ usage: usage(ctx) }),
  '/sluice.v1.RouterService/ReportOutcome': outcome,
  '/sluice.v1.RouterService/ReportShadowVerdict': ({ decisionId }) =>
    fc.record({
      decisionId: fc.constantFrom(decisionId, `${decisionId}:shadow`),
      acceptable: fc.boolean(),
      judge: fc.constantFrom('', 'synthetic', 'j'.repeat(63)),
    }),
  '/sluice.v1.EconomicsService/GetCostReport': economics,
  '/sluice.v1.EconomicsService/GetUnitEconomics': economics,
  '/sluice.v1.EconomicsService/GetSavings': economics,
  '/sluice.v1.EconomicsService/GetCrossover': economics,
  '/sluice.v1.SystemService/GetStatus': () => fc.constant({}),
};
