import { join } from 'node:path';
import { eventually, Journey, REAL_CLUSTER, STEP_MS } from '../support/journey.js';
import { ROOT } from '../support/processes.js';
import type { Decision } from '../support/wire.js';

interface Rule {
  readonly name: string;
  readonly route: { tier: string; maxTokens?: number };
}

const SMALL_MODELS = ['llama-3-1-8b-awq', 'ticket-classifier'];
const OTHER_MODELS = ['qwen2-5-32b-fp8', 'gpt-4o'];
const EXAMPLE_FILES = ['small-llama-8b-awq', 'fine-tune', 'medium-fp8', 'frontier-external'];

// SPEC journey 4: the policy is edited with kubectl and routing follows; models go away and
// routing falls back through the tiers, then says clearly that nothing can serve.
describe('journey: policy edits and model loss change the next decision', () => {
  let journey: Journey;
  let rules: Rule[];
  let asked = 0;

  // A new prompt each time: a cached answer would name the model that answered it before.
  const classify = (args: string[] = []) => [
    'route',
    '--task',
    'classification',
    '--prompt',
    `Classify ticket #${++asked}: the export button does nothing.`,
    ...args,
  ];

  /** Routes until the decision satisfies `accept` (the API follows the cluster by watch). */
  const routeUntil = (accept: (d: Decision) => boolean, what: string) =>
    eventually(async () => {
      const decision = await journey.cliJson<Decision>(classify());
      return accept(decision) ? decision : undefined;
    }, what);

  /** `kubectl patch --type merge`: the simple-tasks rule routed to `tier` (lists are replaced). */
  const routeSimpleTasksTo = (tier: string) => {
    const patched = rules.map((r) =>
      r.name === 'simple-tasks' ? { ...r, route: { ...r.route, tier } } : r,
    );
    const patch = JSON.stringify({ spec: { rules: patched } });
    return journey.kubectl(['patch', 'routingpolicy', 'default', '--type', 'merge', '-p', patch]);
  };

  beforeAll(async () => {
    journey = await Journey.start(14);
    const policy = JSON.parse(
      await journey.kubectl(['get', 'routingpolicy', 'default', '-o', 'json']),
    ) as {
      spec: { rules: Rule[] };
    };
    rules = policy.spec.rules;
  }, 120_000);

  afterAll(async () => {
    // A real cluster gets back what the journey took away: the example models and the policy.
    if (REAL_CLUSTER !== undefined) {
      await routeSimpleTasksTo('small');
      const files = EXAMPLE_FILES.flatMap((f) => ['-f', join(ROOT, 'examples', `${f}.yaml`)]);
      await journey.kubectl(['apply', ...files]);
    }
    await journey.stop();
  }, 60_000);

  it(
    'routes classification to the frontier tier once the rule says so, and back',
    async () => {
      expect(rules.find((r) => r.name === 'simple-tasks')?.route.tier).toBe('small');
      await routeSimpleTasksTo('frontier');
      const moved = await routeUntil((d) => d.target.tier === 'frontier', 'a frontier decision');
      expect(moved.target.model.name).toBe('gpt-4o');
      expect(moved.reason).toMatchObject({ rule: 'simple-tasks' });
      expect(moved.reason.message).not.toMatch(/fell back/);
      await routeSimpleTasksTo('small');
      const back = await routeUntil((d) => d.target.tier === 'small', 'a small decision');
      expect(SMALL_MODELS).toContain(back.target.model.name);
    },
    STEP_MS * 3,
  );

  it(
    'falls back to the medium tier when the small-tier models are deleted, and says so',
    async () => {
      await journey.kubectl(['delete', 'inferencemodel', ...SMALL_MODELS, '--wait=false']);
      const fallen = await routeUntil((d) => d.target.tier !== 'small', 'a decision past small');
      expect(fallen.target).toMatchObject({ tier: 'medium', model: { name: 'qwen2-5-32b-fp8' } });
      expect(fallen.reason).toMatchObject({ rule: 'simple-tasks' });
      expect(fallen.reason.message).toMatch(/fell back past small \(unavailable\)/);
      expect(fallen.fallbacks?.map((f) => f.model.name)).toEqual(['gpt-4o']);
    },
    STEP_MS * 3,
  );

  it(
    // Nothing the policy names exists any more: the policy is not Ready (NoResolvedModel), and Route
    // says so as FAILED_PRECONDITION (a retry cannot help until someone creates or re-points
    // models), naming each missing model, the text of the policy's Ready condition.
    'answers FAILED_PRECONDITION, naming every missing model, when no model of any tier is left',
    async () => {
      await journey.kubectl(['delete', 'inferencemodel', ...OTHER_MODELS, '--wait=false']);
      const refused = await eventually(async () => {
        const result = await journey.cli(classify(['-o', 'json']));
        return result.code === 0 ? undefined : result;
      }, 'a refused Route');
      expect(refused.stderr).toMatch(
        /RoutingPolicy default\/default is not Ready \(NoResolvedModel\)/,
      );
      for (const model of [...SMALL_MODELS, ...OTHER_MODELS])
        expect(refused.stderr).toContain(`InferenceModel ${model} does not exist`);
      // The status code an application's gRPC client sees, from a client of its own.
      const request = {
        policy: { namespace: 'default', name: 'default' },
        text: 'Classify: hi',
        taskLabel: 'classification',
      };
      const status = await journey.rpc<{ code: string; details: string }>('Route', request);
      expect(status.code).toBe('FAILED_PRECONDITION');
      expect(status.details).toMatch(/is not Ready \(NoResolvedModel\)/);
    },
    STEP_MS * 3,
  );
});
