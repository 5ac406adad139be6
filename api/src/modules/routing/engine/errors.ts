import type { WakingTarget } from './waking.js';

/**
 * The engine's error shape. The engine is pure and knows nothing of gRPC, so it returns errors as
 * values (never throws on bad input) with a code named after the gRPC status the edge maps it to
 * (SluiceError there, once, STYLE.md rule 4). `field` names the request field, as
 * google.rpc.BadRequest.FieldViolation does, when the caller's input is at fault.
 */
export type RouteErrorCode =
  'INVALID_ARGUMENT' | 'NOT_FOUND' | 'FAILED_PRECONDITION' | 'UNAVAILABLE' | 'RESOURCE_EXHAUSTED';

export interface RouteError {
  readonly kind: 'error';
  readonly code: RouteErrorCode;
  readonly message: string;
  readonly field?: string;
  /** UNAVAILABLE while scale-to-zero models wake: they count this query as demand (choose.ts). */
  readonly waking?: readonly WakingTarget[];
}

export function routeError(code: RouteErrorCode, message: string, field?: string): RouteError {
  return field === undefined
    ? { kind: 'error', code, message }
    : { kind: 'error', code, message, field };
}

export function invalidArgument(field: string, description: string): RouteError {
  return routeError('INVALID_ARGUMENT', `${field}: ${description}`, field);
}

export function isRouteError(value: unknown): value is RouteError {
  return (
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'error'
  );
}
