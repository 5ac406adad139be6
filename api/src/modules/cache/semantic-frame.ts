import { canonicalJson } from './canonical-json.js';
import type { CacheRequest, ChatMessage } from './cache.types.js';
import { canonicalParams, sha256 } from './exact-key.js';
import { normalizeMessages, normalizePrompt } from './normalize.js';

/** What the semantic cache compares: the question by meaning, everything around it exactly. */
export interface SemanticFrame {
  /** The prompt, or the last user message of a conversation, normalized. */
  readonly question: string;
  /**
   * Hash of all else that shapes the answer: earlier messages (system prompt, history) and
   * the parameters. Similar questions in different conversations or at different temperatures
   * must not share answers, so a candidate is only considered when this matches exactly.
   */
  readonly contextHash: string;
}

export function semanticFrame(request: CacheRequest): SemanticFrame {
  const params = canonicalParams(request.params);
  if (request.prompt !== undefined) {
    return { question: normalizePrompt(request.prompt), contextHash: hashOf([], params) };
  }
  const messages = normalizeMessages(request.messages);
  const last = lastUserIndex(messages);
  const context = messages.filter((_message, i) => i !== last);
  return { question: messages[last]?.content ?? '', contextHash: hashOf(context, params) };
}

/** A conversation that does not end with a user turn has no question: index -1, empty text. */
function lastUserIndex(messages: readonly ChatMessage[]): number {
  const last = messages.length - 1;
  return messages[last]?.role === 'user' ? last : -1;
}

function hashOf(context: readonly ChatMessage[], params: unknown): string {
  return sha256(canonicalJson({ context, params })).slice(0, 32);
}
