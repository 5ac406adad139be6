import { Journey, REAL_CLUSTER, STEP_MS, itWithFakes } from '../support/journey.js';
import type { Decision } from '../support/wire.js';

interface Completion {
  readonly model: string;
  readonly choices: { message: { content: string } }[];
  readonly usage: { prompt_tokens: number; completion_tokens: number };
}

const PROMPT = 'Classify this ticket: my invoice was charged twice this month.';

// SPEC journey 2: an application asks where to send a prompt, calls that model itself, and
// reports what the call used and what it achieved. Every step is a separate client process.
describe('journey: app developer routes, calls the model and reports', () => {
  let journey: Journey;
  let decision: Decision;
  // The fake vLLM's usage; against a real cluster (no call made) counts the app could have seen.
  let usage = { prompt_tokens: 23, completion_tokens: 7 };

  beforeAll(async () => {
    journey = await Journey.start(12);
  }, 120_000);

  afterAll(() => journey.stop(), 60_000);

  it(
    'routes a classification prompt to the small tier, with an endpoint to call',
    async () => {
      decision = await journey.cliJson<Decision>([
        'route',
        '--prompt',
        PROMPT,
        '--task',
        'classification',
        '--tag',
        'team=support',
      ]);
      expect(decision.target.tier).toBe('small');
      expect(decision.reason.rule).toBe('simple-tasks');
      expect(decision.decisionId).not.toBe('');
      const local = /^http:\/\/127\.0\.0\.1:\d+\/v1$/;
      expect(decision.target.endpointUrl).toMatch(
        REAL_CLUSTER === undefined ? local : /^https?:\/\//,
      );
    },
    STEP_MS,
  );

  itWithFakes(
    'calls the endpoint with a chat completion and gets an answer with usage',
    async () => {
      const reply = await fetch(`${decision.target.endpointUrl}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: decision.target.servedModelName,
          messages: [{ role: 'user', content: PROMPT }],
          max_tokens: 64,
        }),
      });
      expect(reply.status).toBe(200);
      const body = (await reply.json()) as Completion;
      expect(body.model).toBe(decision.target.servedModelName);
      expect(body.choices[0]?.message.content).not.toBe('');
      expect(body.usage.prompt_tokens).toBeGreaterThan(0);
      usage = body.usage;
    },
  );

  const report = () =>
    journey.cliJson<{ idempotencyKey: string; duplicate?: boolean }>([
      'report',
      '--decision',
      decision.decisionId,
      '--input-tokens',
      String(usage.prompt_tokens),
      '--output-tokens',
      String(usage.completion_tokens),
      '--latency-ms',
      '420',
    ]);

  it(
    'books the usage under the decision id, and a retried report as a duplicate',
    async () => {
      expect(await report()).toEqual({ idempotencyKey: decision.decisionId });
      expect(await report()).toEqual({ idempotencyKey: decision.decisionId, duplicate: true });
    },
    STEP_MS,
  );

  it(
    'records the business outcome once, however often it is sent',
    async () => {
      const outcome = {
        idempotencyKey: `ticket-4711:${decision.decisionId}`,
        outcome: 'ticket_resolved',
        decisionIds: [decision.decisionId],
      };
      expect(await journey.rpc('ReportOutcome', outcome)).toEqual({});
      expect(await journey.rpc('ReportOutcome', outcome)).toEqual({ duplicate: true });
    },
    STEP_MS,
  );

  it(
    'refuses an outcome that names no decision, saying which field',
    async () => {
      const refused = await journey.rpc<{ code: string; details: string }>('ReportOutcome', {
        idempotencyKey: 'no-decision',
        outcome: 'ticket_resolved',
      });
      expect(refused.code).toBe('INVALID_ARGUMENT');
      expect(refused.details).toMatch(/decision_ids|correlation_id/);
    },
    STEP_MS,
  );
});
