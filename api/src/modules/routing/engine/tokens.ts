import { countTokens as countBpe, isWithinTokenLimit } from 'gpt-tokenizer/encoding/o200k_base';
import { bpePieces } from './bpe-pieces.js';
import { invalidArgument, type RouteError } from './errors.js';

/**
 * Token counts for routing bounds (rule min/maxPromptTokens, the classifier's length feature, the
 * oversized-prompt guard). They use o200k_base, the encoding of GPT-4o-class models. Self-hosted
 * models (Llama, Qwen, ...) have tokenizers of their own, typically 10-20% off this count, so the
 * number is an estimate good for routing thresholds; the ledger bills what the model reports.
 */

/** One chat message as OpenAI-compatible APIs take it. */
export interface ChatMessage {
  readonly role: string;
  readonly content: string;
  readonly name?: string;
}

/** What the caller sent: plain text or chat messages. */
export type PromptInput = { readonly text: string } | { readonly messages: readonly ChatMessage[] };

/** Oversized prompts are rejected before any other work (SPEC section 6). */
export interface PromptLimits {
  readonly maxPromptTokens: number;
  /** Checked first, without tokenizing: a multi-megabyte prompt costs one length check. */
  readonly maxPromptBytes: number;
}

/** 200k tokens is the largest context of current frontier models; 2 MiB holds it with room. */
export const DEFAULT_PROMPT_LIMITS: PromptLimits = {
  maxPromptTokens: 200_000,
  maxPromptBytes: 2 * 1024 * 1024,
};

// User text that contains "<|endoftext|>" is text, not a control token; the default throws.
const AS_TEXT = { disallowedSpecial: new Set<string>() };
// Framing of a chat in the OpenAI cookbook's count: per message, per name, and reply priming.
const PER_MESSAGE = 3;
const PER_NAME = 1;
const REPLY_PRIMING = 3;

export function countTokens(text: string): number {
  let total = 0;
  for (const piece of bpePieces(text)) total += countBpe(piece, AS_TEXT);
  return total;
}

export function countChatTokens(messages: readonly ChatMessage[]): number {
  return chatTokensWithin(messages, Number.POSITIVE_INFINITY) ?? 0;
}

/**
 * The prompt's token count, or INVALID_ARGUMENT naming the field when it is over a limit. The text
 * is tokenized once, and tokenizing stops at the limit, so a huge prompt is never counted twice
 * nor to its end.
 */
export function measurePrompt(input: PromptInput, limits: PromptLimits): number | RouteError {
  const field = 'text' in input ? 'prompt' : 'messages';
  const texts = 'text' in input ? [input.text] : input.messages.map((m) => m.content);
  if (overBytes(texts, limits.maxPromptBytes)) {
    return invalidArgument(field, `is larger than ${limits.maxPromptBytes} bytes`);
  }
  const tokens =
    'text' in input
      ? textTokensWithin(input.text, limits.maxPromptTokens)
      : chatTokensWithin(input.messages, limits.maxPromptTokens);
  return tokens ?? invalidArgument(field, `has more than ${limits.maxPromptTokens} tokens`);
}

function overBytes(texts: readonly string[], maxBytes: number): boolean {
  let bytes = 0;
  for (const text of texts) {
    // A UTF-16 code unit is at least one UTF-8 byte, so the length alone can already decide.
    if (text.length > maxBytes - bytes) return true;
    bytes += Buffer.byteLength(text, 'utf8');
    if (bytes > maxBytes) return true;
  }
  return false;
}

function textTokensWithin(text: string, limit: number): number | undefined {
  if (limit === Number.POSITIVE_INFINITY) return countTokens(text);
  let total = 0;
  for (const piece of bpePieces(text)) {
    const within = isWithinTokenLimit(piece, limit - total, AS_TEXT);
    if (within === false) return undefined;
    total += within;
  }
  return total;
}

function chatTokensWithin(messages: readonly ChatMessage[], limit: number): number | undefined {
  let total = REPLY_PRIMING;
  for (const message of messages) {
    const framing = PER_MESSAGE + countTokens(message.role) + nameTokens(message.name);
    const content = textTokensWithin(message.content, limit - total - framing);
    if (content === undefined) return undefined;
    total += framing + content;
  }
  return total <= limit ? total : undefined;
}

function nameTokens(name: string | undefined): number {
  return name === undefined ? 0 : PER_NAME + countTokens(name);
}
