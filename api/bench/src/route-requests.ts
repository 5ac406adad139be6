import type { BenchPrompt, RouteSpec } from './targets.js';

/** Unless repeating, the call's number makes every prompt a new text, as in live traffic. */
const textOf = (spec: RouteSpec, prompt: BenchPrompt, i: number): string =>
  spec.repeat ? prompt.text : `${prompt.text}\n(request ${i})`;

/** The i-th call's RouteRequest, and which of the spec's prompts it is. */
export function routeRequestOf(spec: RouteSpec, i: number) {
  const index = i % spec.prompts.length;
  const prompt = spec.prompts[index];
  if (prompt === undefined) throw new Error('no prompts to route');
  const request = {
    policy: spec.policy,
    prompt: { case: 'text' as const, value: textOf(spec, prompt, i) },
    taskLabel: prompt.taskLabel,
  };
  return { index, request };
}
