// provider external: no workload. Ready when the base URL is a usable http(s) URL and the API-key
// Secret exists; endpoint and served name come from spec.external, and its prices feed economics.
import { computeStatus } from '../status/status.js';
import type { Plan, PlanInput } from './plan-types.js';

export function planExternal(input: PlanInput): Plan {
  const external = input.model.spec?.external;
  const blocked = externalProblem(input);
  const { status, changed } = computeStatus({
    model: input.model,
    now: input.now,
    external: true,
    ...(blocked ? { blocked } : {}),
    ...(external ? { endpoint: external.baseURL, servedModelName: external.modelId } : {}),
    ...tokenPrices(input),
  });
  return {
    objects: [],
    obsolete: [],
    conditions: status.conditions ?? [],
    statusPatch: status,
    statusChanged: changed,
  };
}

/** Both prices in one figure: the output price alone would read as every token's. */
function tokenPrices(input: PlanInput): { tokenPricesPer1MUSD?: string } {
  const pricing = input.model.spec?.pricing;
  if (!pricing?.inputPer1M || !pricing.outputPer1M) return {};
  return { tokenPricesPer1MUSD: `${pricing.inputPer1M}/${pricing.outputPer1M}` };
}

function externalProblem(input: PlanInput): { reason: string; message: string } | undefined {
  const external = input.model.spec?.external;
  if (!external)
    return {
      reason: 'InvalidSpec',
      message: 'spec.external must be set when provider is external.',
    };
  if (!isHttpUrl(external.baseURL)) {
    return {
      reason: 'InvalidBaseURL',
      message: `spec.external.baseURL ${JSON.stringify(external.baseURL)} is not an http(s) URL.`,
    };
  }
  const ref = external.apiKeySecretRef;
  const secret = `Secret ${ref.name} (key ${ref.key ?? 'api-key'})`;
  if (input.observed?.secretFound === undefined) {
    return { reason: 'SecretNotChecked', message: `${secret} has not been looked up yet.` };
  }
  if (!input.observed.secretFound) {
    return {
      reason: 'SecretNotFound',
      message: `${secret} was not found in namespace ${input.model.metadata?.namespace ?? 'default'}; create it.`,
    };
  }
  return undefined;
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}
