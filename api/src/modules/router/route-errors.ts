import { GrpcStatus, SluiceError } from '../../grpc/sluice-error.js';
import type { RouteError } from '../routing/engine/index.js';

/** The engine names RouteRequest properties; the wire names router.proto fields. */
const WIRE_FIELDS: Readonly<Record<string, string>> = {
  prompt: 'prompt.text',
  messages: 'prompt.chat.messages',
  promptTokens: 'prompt.features.prompt_tokens',
  maxTokens: 'parameters.max_tokens',
  decisionId: 'decision_id',
  taskLabel: 'task_label',
  hints: 'hints',
  tags: 'tags',
};

/** The engine's error value as the one domain error, field renamed to the wire's (pure). */
export function fromRouteError(error: RouteError): SluiceError {
  const code = GrpcStatus[error.code];
  if (error.field === undefined) return new SluiceError(code, error.message);
  const field = WIRE_FIELDS[error.field] ?? error.field;
  const prefix = `${error.field}: `;
  const description = error.message.startsWith(prefix)
    ? error.message.slice(prefix.length)
    : error.message;
  return new SluiceError(code, `${field}: ${description}`, [{ field, description }]);
}

/** DEADLINE_EXCEEDED (or CANCELLED) once the call's signal fired: no more work for it. */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new SluiceError(GrpcStatus.CANCELLED, 'the call was cancelled');
}
