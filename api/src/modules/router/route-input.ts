import {
  Complexity as WireComplexity,
  RouteRequestSchema,
  type ModelParameters,
  type PromptFeatures,
  type RouteRequest as WireRouteRequest,
} from '@sluice/proto';
import type { JsonObject } from '@bufbuild/protobuf';
import type { Caller } from '../../grpc/auth/caller.js';
import { scopedTags } from '../../grpc/auth/scope.js';
import { GrpcStatus, SluiceError, type FieldViolation } from '../../grpc/sluice-error.js';
import {
  textViolation,
  unprintable,
  unstorableViolations,
} from '../../grpc/validation/storable.js';
import type { CacheParams, CacheRequest } from '../cache/index.js';
import type { Complexity, RouteRequest } from '../routing/engine/index.js';
import { DECISION_ID, SHADOW_SUFFIX } from './decision-ids.js';
import { extraViolations } from './extra-bounds.js';
import { tagViolations } from './tag-rules.js';

/** A Route call in domain terms, validated, with the token's scope applied to its tags. */
export interface RouteInput {
  readonly policy: { readonly namespace: string; readonly name: string };
  /** The caller's decision id, when it chose one (Route is then idempotent on it). */
  readonly decisionId: string | undefined;
  readonly engine: RouteRequest;
  /** What the cache keys on; undefined when the prompt came as features (never cached). */
  readonly cacheRequest: CacheRequest | undefined;
  /** The caller allows the cache (unset means yes). */
  readonly cacheable: boolean;
  readonly tags: Record<string, string>;
  readonly template: string | undefined;
  readonly correlationId: string | undefined;
}

const CHAT_ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);
const MAX_LABEL = 128;
// Caller keywords are scanned by every keyword rule: bounded like a policy's own lists (the CRD
// allows 64 phrases of 128 characters), with room for phrases the policy does not list.
const MAX_KEYWORDS = 256;
/** The caller's verdict; unspecified leaves the label to the policy's classifier. */
const COMPLEXITIES: Readonly<Record<number, Complexity | undefined>> = {
  [WireComplexity.UNSPECIFIED]: undefined,
  [WireComplexity.SIMPLE]: 'simple',
  [WireComplexity.COMPLEX]: 'complex',
};

const optional = (value: string): string | undefined => (value === '' ? undefined : value);

/** A short single-line label: task labels, hints, keywords, correlation ids, templates. */
function lengthViolation(field: string, value: string): FieldViolation[] {
  return value.length > MAX_LABEL
    ? [{ field, description: `must be at most ${MAX_LABEL} characters` }]
    : textViolation(field, value, unprintable);
}

function promptViolations(prompt: WireRouteRequest['prompt']): FieldViolation[] {
  switch (prompt.case) {
    case undefined:
      return [{ field: 'prompt', description: 'one of text, chat or features is required' }];
    case 'text':
      return prompt.value === ''
        ? [{ field: 'prompt.text', description: 'must not be empty' }]
        : [];
    case 'chat':
      if (prompt.value.messages.length === 0)
        return [{ field: 'prompt.chat.messages', description: 'must have at least one message' }];
      return prompt.value.messages.flatMap((m, i) =>
        CHAT_ROLES.has(m.role)
          ? []
          : [{ field: `prompt.chat.messages[${i}].role`, description: `unknown role "${m.role}"` }],
      );
    case 'features':
      return featureViolations(prompt.value);
  }
}

function featureViolations(features: PromptFeatures): FieldViolation[] {
  const field = 'prompt.features.keywords';
  return [
    ...(features.promptTokens < 1
      ? [{ field: 'prompt.features.prompt_tokens', description: 'must be at least 1' }]
      : []),
    ...(features.keywords.length > MAX_KEYWORDS
      ? [{ field, description: `must have at most ${MAX_KEYWORDS} phrases` }]
      : []),
    ...features.keywords.flatMap((k, i) => lengthViolation(`${field}[${i}]`, k)),
    ...(features.complexity in COMPLEXITIES
      ? []
      : [{ field: 'prompt.features.complexity', description: 'is not a known complexity' }]),
  ];
}

type Parameters = Partial<Pick<ModelParameters, 'temperature' | 'topP' | 'maxTokens' | 'extra'>>;

function parameterViolations(parameters: WireRouteRequest['parameters']): FieldViolation[] {
  const p: Parameters = parameters ?? {};
  const bad: FieldViolation[] = [];
  if (p.maxTokens !== undefined && p.maxTokens < 1)
    bad.push({ field: 'parameters.max_tokens', description: 'must be at least 1' });
  if (p.temperature !== undefined && !(p.temperature >= 0 && p.temperature <= 2))
    bad.push({ field: 'parameters.temperature', description: 'must be between 0 and 2' });
  if (p.topP !== undefined && !(p.topP >= 0 && p.topP <= 1))
    bad.push({ field: 'parameters.top_p', description: 'must be between 0 and 1' });
  return [...bad, ...extraViolations(p.extra)];
}

function requestViolations(request: WireRouteRequest): FieldViolation[] {
  const { decisionId, policy } = request;
  return [
    ...(policy?.name ? [] : [{ field: 'policy.name', description: 'is required' }]),
    ...promptViolations(request.prompt),
    ...(decisionId === '' || DECISION_ID.test(decisionId)
      ? []
      : [{ field: 'decision_id', description: 'must be 1 to 64 characters of [A-Za-z0-9._:-]' }]),
    // Route names a decision's shadow call `<id>:shadow`: a chosen id may not take that name.
    ...(decisionId.endsWith(SHADOW_SUFFIX)
      ? [{ field: 'decision_id', description: `must not end with ${SHADOW_SUFFIX}` }]
      : []),
    ...lengthViolation('task_label', request.taskLabel),
    ...request.hints.flatMap((hint, i) => lengthViolation(`hints[${i}]`, hint)),
    ...lengthViolation('correlation_id', request.correlationId),
    ...lengthViolation('prompt_template', request.promptTemplate),
    ...tagViolations(request.tags),
    ...parameterViolations(request.parameters),
    ...unstorableViolations(RouteRequestSchema, request),
  ];
}

export function invalid(violations: readonly FieldViolation[]): SluiceError {
  const message = violations.map((v) => `${v.field}: ${v.description}`).join('; ');
  return new SluiceError(GrpcStatus.INVALID_ARGUMENT, message, violations);
}

/** Throws INVALID_ARGUMENT (every bad field) or PERMISSION_DENIED (tags outside the scope). */
export function toRouteInput(
  request: WireRouteRequest,
  caller: Caller,
  defaultNamespace: string,
): RouteInput {
  const violations = requestViolations(request);
  if (violations.length > 0) throw invalid(violations);
  const scoped = scopedTags(caller.scope, request.tags);
  if ('violations' in scoped) {
    const message = scoped.violations.map((v) => `${v.field}: ${v.description}`).join('; ');
    throw new SluiceError(GrpcStatus.PERMISSION_DENIED, message, scoped.violations);
  }
  const policy = request.policy ?? { namespace: '', name: '' };
  return {
    policy: { namespace: policy.namespace || defaultNamespace, name: policy.name },
    decisionId: optional(request.decisionId),
    engine: engineRequest(request, scoped.tags),
    cacheRequest: cacheRequestOf(request),
    cacheable: request.cacheable ?? true,
    tags: scoped.tags,
    template: optional(request.promptTemplate),
    correlationId: optional(request.correlationId),
  };
}

function engineRequest(request: WireRouteRequest, tags: Record<string, string>): RouteRequest {
  const { prompt } = request;
  const maxTokens = request.parameters?.maxTokens;
  return {
    ...(request.decisionId === '' ? {} : { decisionId: request.decisionId }),
    ...(prompt.case === 'text' ? { prompt: prompt.value } : {}),
    ...(prompt.case === 'chat'
      ? { messages: prompt.value.messages.map(({ role, content }) => ({ role, content })) }
      : {}),
    ...(prompt.case === 'features' ? featureFields(prompt.value) : {}),
    ...(request.taskLabel === '' ? {} : { taskLabel: request.taskLabel }),
    hints: request.hints,
    tags,
    ...(maxTokens === undefined ? {} : { maxTokens }),
  };
}

function featureFields(features: PromptFeatures): Partial<RouteRequest> {
  const complexity = COMPLEXITIES[features.complexity];
  return {
    promptTokens: features.promptTokens,
    keywords: features.keywords,
    ...(complexity === undefined ? {} : { complexity }),
  };
}

function cacheParamsOf(parameters: WireRouteRequest['parameters']): CacheParams {
  const p: Parameters = parameters ?? {};
  const extra: JsonObject | undefined = p.extra;
  return {
    ...(p.temperature === undefined ? {} : { temperature: p.temperature }),
    ...(p.topP === undefined ? {} : { topP: p.topP }),
    ...(p.maxTokens === undefined ? {} : { maxTokens: p.maxTokens }),
    ...(extra === undefined ? {} : { extra }),
  };
}

function cacheRequestOf(request: WireRouteRequest): CacheRequest | undefined {
  const params = cacheParamsOf(request.parameters);
  const { prompt } = request;
  if (prompt.case === 'text') return { prompt: prompt.value, params };
  if (prompt.case === 'chat') {
    const messages = prompt.value.messages.map(({ role, content }) => ({ role, content }));
    return { messages, params };
  }
  return undefined;
}
