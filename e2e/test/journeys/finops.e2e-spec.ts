import { randomUUID } from 'node:crypto';
import { eventually, Journey, STEP_MS } from '../support/journey.js';
import type { CostRow, Decision } from '../support/wire.js';

interface UnitRow {
  readonly group?: readonly { readonly value?: string }[];
  readonly usage?: { readonly queries?: string };
  readonly costUsd?: string;
  readonly costPerQueryUsd?: string;
  readonly costPerMillionInputTokensUsd?: string;
  readonly costPerMillionOutputTokensUsd?: string;
}

/** Exact decimal strings compared as picodollars (the ledger's unit), so "0.0090" is "0.009". */
function pico(usd: string | undefined): bigint {
  const [whole = '0', fraction = ''] = (usd ?? '0').replace('-', '').split('.');
  const value = BigInt(whole) * 10n ** 12n + BigInt(fraction.padEnd(12, '0').slice(0, 12));
  return usd?.startsWith('-') ? -value : value;
}

// Hand-computed from examples/frontier-external.yaml: $2.50 per 1M input, $1.25 per 1M cached
// input, $10.00 per 1M output. Two calls: 1200 input (400 of them cached) + 300 output, and
// 800 input + 150 output.
const CALLS = [
  { input: 1200, cached: 400, output: 300 },
  { input: 800, cached: 0, output: 150 },
];
const INPUT_USD = '0.004'; // (2000 - 400) x 2.50 / 1M
const CACHED_USD = '0.0005'; // 400 x 1.25 / 1M
const OUTPUT_USD = '0.0045'; // 450 x 10.00 / 1M
const EXTERNAL_USD = '0.009';

// SPEC journey 3: FinOps reads cost per query, per model and per token from Economics.
describe('journey: finops reads what the traffic cost', () => {
  const run = randomUUID();
  let journey: Journey;
  const decisions: Decision[] = [];
  const window = () => [
    '--from',
    '-1h',
    '--to',
    new Date(Date.now() + 3_600_000).toISOString(),
    '--filter',
    `tag:e2e_run=${run}`,
    '--group-by',
    'model',
  ];

  beforeAll(async () => {
    journey = await Journey.start(13);
  }, 120_000);

  afterAll(() => journey.stop(), 60_000);

  const route = (prompt: string, task: string) =>
    journey.cliJson<Decision>([
      'route',
      '--prompt',
      prompt,
      '--task',
      task,
      '--tag',
      `e2e_run=${run}`,
    ]);

  const report = (
    decision: Decision,
    call: { input: number; cached: number; output: number; latencyMs?: number },
  ) =>
    journey.cliJson<{ duplicate?: boolean }>([
      'report',
      '--decision',
      decision.decisionId,
      '--input-tokens',
      String(call.input),
      '--cached-input-tokens',
      String(call.cached),
      '--output-tokens',
      String(call.output),
      '--latency-ms',
      String(call.latencyMs ?? 0),
    ]);

  it(
    'books known usage on the external model and on a self-hosted one, each call once',
    async () => {
      for (const [i, call] of CALLS.entries()) {
        const decision = await route(`Analyze the churn drivers of quarter ${i + 1}.`, 'reasoning');
        expect(decision.target.model.name).toBe('gpt-4o');
        expect(await report(decision, call)).not.toHaveProperty('duplicate');
        decisions.push(decision);
      }
      const small = await route('Classify this ticket: login page is blank.', 'classification');
      expect(small.target.tier).toBe('small');
      decisions.push(small);
      // Its request time is what makes GPU time "used" and charged to the call (README Allocation).
      const smallCall = { input: 40, cached: 0, output: 3, latencyMs: 1200 };
      expect(await report(small, smallCall)).not.toHaveProperty('duplicate');
      // A retry after a lost reply: acknowledged, not booked again.
      expect(await report(small, smallCall)).toHaveProperty('duplicate', true);
    },
    STEP_MS * 2,
  );

  let cost: { rows: CostRow[]; total: CostRow };
  /** The cost row of one model (namespace/name), or an empty one. */
  const costOf = (model: string | undefined): CostRow =>
    cost.rows.find((r) => r.group?.[0]?.value === `default/${model}`) ?? {};

  it(
    'counts each routed query and each reported call once, retries included',
    async () => {
      // Ingest is asynchronous: wait until Economics shows every reported call.
      cost = await eventually(async () => {
        const reply = await journey.cliJson<{ rows?: CostRow[]; total?: CostRow }>([
          'economics',
          'cost',
          ...window(),
        ]);
        const calls = reply.total?.usage?.modelCalls;
        return calls === '3' ? { rows: reply.rows ?? [], total: reply.total ?? {} } : undefined;
      }, 'three booked model calls');
      // A shadow call the policy samples is not a query of its own (economics.proto).
      expect(cost.total.usage?.queries).toBe(String(decisions.length));
    },
    STEP_MS * 2,
  );

  it("prices the external model's tokens exactly as the example's prices say", () => {
    const gpt = costOf('gpt-4o');
    expect(gpt.usage).toMatchObject({ modelCalls: '2', inputTokens: '2000', outputTokens: '450' });
    const { inputUsd, cachedInputUsd, outputUsd, externalUsd, totalUsd } = gpt.cost ?? {};
    expect([inputUsd, cachedInputUsd, outputUsd].map(pico)).toEqual(
      [INPUT_USD, CACHED_USD, OUTPUT_USD].map(pico),
    );
    expect([externalUsd, totalUsd].map(pico)).toEqual([EXTERNAL_USD, EXTERNAL_USD].map(pico));
  });

  it('books the self-hosted model GPU time whose parts add up', () => {
    // Self-hosted cost is the GPU time the call used (wall clock), not hand-computable: it must
    // be consistent. Under the run's tag filter no idle line shows: idle is nobody's traffic.
    const parts = costOf(decisions[2]?.target.model.name).cost ?? {};
    expect(pico(parts.selfHostedUsd)).toBeGreaterThan(0n);
    expect(pico(parts.totalUsd)).toBe(pico(parts.selfHostedUsd));
    expect(pico(parts.inputUsd) + pico(parts.cachedInputUsd) + pico(parts.outputUsd)).toBe(
      pico(parts.totalUsd),
    );
    expect(pico(parts.idleUsd)).toBe(0n);
    expect(pico(parts.usedUsd)).toBe(pico(parts.selfHostedUsd));
    expect(pico(cost.total.cost?.totalUsd)).toBe(pico(EXTERNAL_USD) + pico(parts.totalUsd));
  });

  it(
    'gives the per-query and per-token unit figures of the external model',
    async () => {
      const unit = await journey.cliJson<{ rows?: UnitRow[] }>(['economics', 'unit', ...window()]);
      const gpt = unit.rows?.find((r) => r.group?.[0]?.value === 'default/gpt-4o');
      expect(gpt?.usage?.queries).toBe('2');
      expect(
        [
          gpt?.costUsd,
          gpt?.costPerQueryUsd,
          gpt?.costPerMillionInputTokensUsd,
          gpt?.costPerMillionOutputTokensUsd,
        ].map(pico),
      ).toEqual(
        // $0.009 over 2 queries; $0.0045 input (cached included) over 2000 tokens; $0.0045 over 450.
        [EXTERNAL_USD, '0.0045', '2.25', '10'].map(pico),
      );
    },
    STEP_MS,
  );
});
