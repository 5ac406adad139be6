import type { Complexity } from './classifier.js';
import { invalidArgument, type RouteError } from './errors.js';
import { measurePrompt, type ChatMessage, type PromptLimits } from './tokens.js';

/**
 * A Route request in domain terms (the gRPC edge maps sluice.v1.RouteRequest onto it). Error
 * fields name these properties; the edge renames them to the wire's field names.
 */
export interface RouteRequest {
  /** Idempotency key of the decision; also makes sticky picks and shadow sampling repeatable. */
  readonly decisionId?: string;
  readonly prompt?: string;
  readonly messages?: readonly ChatMessage[];
  /** The caller's own count when it sends no text; regex rules then cannot match. */
  readonly promptTokens?: number;
  /**
   * Phrases the caller found in the prompt (with promptTokens, when it sends no text): rule
   * keywords and the classifier's complexKeywords match them as if they appeared in the text.
   */
  readonly keywords?: readonly string[];
  /**
   * The caller's own verdict (with promptTokens, when it sends no text): it labels the query in
   * place of the classifier, whose score and features are still computed, for explanation.
   */
  readonly complexity?: Complexity;
  readonly taskLabel?: string;
  readonly hints?: readonly string[];
  /** Tenant tags (team, product, use_case, customer, ...). */
  readonly tags?: Readonly<Record<string, string>>;
  /** The caller's max_tokens; the route's cap can only lower it. */
  readonly maxTokens?: number;
}

/** What the engine works on once the request is accepted. */
export interface MeasuredPrompt {
  /** Text that rules and the classifier read ('' when only a token count was sent). */
  readonly text: string;
  readonly tokens: number;
}

/**
 * Validates the request and measures its prompt, rejecting oversized prompts before any other
 * work. Of chat messages, the user turns are what rules and the classifier read: a system prompt
 * that says "analyze" on every request would otherwise make every query complex. Token bounds
 * count every message, as the model will.
 */
export function measureRequest(
  request: RouteRequest,
  limits: PromptLimits,
): MeasuredPrompt | RouteError {
  const invalid = invalidMaxTokens(request.maxTokens);
  if (invalid) return invalid;
  const { prompt, messages, promptTokens } = request;
  if (prompt !== undefined && messages !== undefined) {
    return invalidArgument('messages', 'send either prompt or messages, not both');
  }
  if (prompt !== undefined) return measured(prompt, measurePrompt({ text: prompt }, limits));
  if (messages !== undefined && messages.length > 0) {
    return measured(readableText(messages), measurePrompt({ messages }, limits));
  }
  if (promptTokens !== undefined) return countedByCaller(promptTokens, limits);
  return invalidArgument('prompt', 'one of prompt, messages or promptTokens is required');
}

function measured(text: string, tokens: number | RouteError): MeasuredPrompt | RouteError {
  return typeof tokens === 'number' ? { text, tokens } : tokens;
}

function readableText(messages: readonly ChatMessage[]): string {
  const user = messages.filter((m) => m.role === 'user');
  return (user.length > 0 ? user : messages).map((m) => m.content).join('\n');
}

function countedByCaller(tokens: number, limits: PromptLimits): MeasuredPrompt | RouteError {
  if (!Number.isSafeInteger(tokens) || tokens < 0) {
    return invalidArgument('promptTokens', 'must be a whole number of tokens, 0 or more');
  }
  if (tokens > limits.maxPromptTokens) {
    return invalidArgument('promptTokens', `has more than ${limits.maxPromptTokens} tokens`);
  }
  return { text: '', tokens };
}

function invalidMaxTokens(maxTokens: number | undefined): RouteError | undefined {
  if (maxTokens === undefined || (Number.isSafeInteger(maxTokens) && maxTokens > 0))
    return undefined;
  return invalidArgument('maxTokens', 'must be a whole number of tokens, 1 or more');
}
