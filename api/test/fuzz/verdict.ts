// What a fuzzed call must never get back. Pure: a call's result in, the broken rule out.
import type { DescMessage } from '@bufbuild/protobuf';
import { status as Status } from '@grpc/grpc-js';
import type { CallResult } from './raw-call.js';
import { namesAField, violationsOf } from './violations.js';

/**
 * Statuses no request may cause here. Every dependency (PostgreSQL, Redis, the cluster) is up
 * for the whole run and every model is Ready, so UNAVAILABLE ("retry") would send a client
 * into retrying what can never succeed; INTERNAL/UNKNOWN/DATA_LOSS are server faults; a
 * DEADLINE_EXCEEDED is a hang; UNIMPLEMENTED means the method is not served; the example
 * policy's budget downgrades rather than rejects, so RESOURCE_EXHAUSTED is the oversized
 * trailer block the issue saw (one trailer per violation).
 */
const FORBIDDEN = new Set<Status>([
  Status.INTERNAL,
  Status.UNKNOWN,
  Status.DATA_LOSS,
  Status.UNAVAILABLE,
  Status.DEADLINE_EXCEEDED,
  Status.UNIMPLEMENTED,
  Status.RESOURCE_EXHAUSTED,
]);

/**
 * Deliberately empty. An entry would be `[method path, status, why no client input can avoid
 * it]`, and only for a status that truly is out of the API's reach.
 */
export const ALLOWED: ReadonlyArray<readonly [string, Status, string]> = [];

const allowed = (path: string, code: Status) => ALLOWED.some(([p, c]) => p === path && c === code);

/** The rule `result` breaks, or undefined when it is an acceptable answer. */
export function brokenRule(
  path: string,
  input: DescMessage,
  result: CallResult,
): string | undefined {
  const name = Status[result.code] ?? String(result.code);
  if (FORBIDDEN.has(result.code) && !allowed(path, result.code))
    return `answered ${name} (${JSON.stringify(result.details)})`;
  if (result.code !== Status.INVALID_ARGUMENT) return undefined;
  const violations = violationsOf(result.trailers);
  if (violations.length === 0)
    return `answered INVALID_ARGUMENT (${JSON.stringify(result.details)}) naming no field`;
  const unnamed = violations.filter((v) => v.field === '' || !namesAField(input, v.field));
  if (unnamed.length > 0)
    return `answered INVALID_ARGUMENT with violations that name no field of ${input.typeName}: ${JSON.stringify(unnamed)}`;
  return undefined;
}
