// TEST FIXTURE. OpenAI response and stream-chunk bodies, as vLLM's OpenAI server shapes them.
import type { Completion } from './text.js';

export interface Answer {
  id: string;
  model: string;
  /** Unix seconds. */
  created: number;
  promptTokens: number;
  completion: Completion;
}

export function usage(answer: Answer) {
  const completion = answer.completion.tokens.length;
  return {
    prompt_tokens: answer.promptTokens,
    completion_tokens: completion,
    total_tokens: answer.promptTokens + completion,
  };
}

const text = (answer: Answer) => answer.completion.tokens.join(' ');
const head = (answer: Answer, object: string) => ({
  id: answer.id,
  object,
  created: answer.created,
  model: answer.model,
});

export function chatResponse(answer: Answer) {
  const message = { role: 'assistant', content: text(answer) };
  const finish_reason = answer.completion.finishReason;
  return {
    ...head(answer, 'chat.completion'),
    choices: [{ index: 0, message, logprobs: null, finish_reason }],
    usage: usage(answer),
  };
}

export function completionResponse(answer: Answer) {
  const finish_reason = answer.completion.finishReason;
  return {
    ...head(answer, 'text_completion'),
    choices: [{ index: 0, text: text(answer), logprobs: null, finish_reason }],
    usage: usage(answer),
  };
}

/** Each token's piece of text, spaces included, so the pieces concatenate to the answer. */
const pieces = (answer: Answer) => answer.completion.tokens.map((t, i) => (i === 0 ? t : ` ${t}`));

/**
 * The chunks of a stream: a role chunk (chat), one per token, one with finish_reason, and with
 * stream_options.include_usage a last chunk with empty choices and the usage.
 */
export function streamChunks(answer: Answer, chat: boolean, includeUsage: boolean): object[] {
  const object = chat ? 'chat.completion.chunk' : 'text_completion';
  const choice = (piece: string | undefined, finish: string | null) =>
    chat
      ? { index: 0, delta: piece === undefined ? {} : { content: piece }, finish_reason: finish }
      : { index: 0, text: piece ?? '', finish_reason: finish };
  const chunk = (choices: object[]) => ({ ...head(answer, object), choices });
  const chunks: object[] = pieces(answer).map((p) => chunk([choice(p, null)]));
  if (chat) {
    chunks.unshift(
      chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]),
    );
  }
  chunks.push(chunk([choice(undefined, answer.completion.finishReason)]));
  if (includeUsage) chunks.push({ ...chunk([]), usage: usage(answer) });
  return chunks;
}

export function embeddingResponse(model: string, vectors: number[][], promptTokens: number) {
  return {
    id: `embd-${promptTokens}-${vectors.length}`,
    object: 'list',
    created: Math.floor(Date.now() / 1000),
    model,
    data: vectors.map((embedding, index) => ({ index, object: 'embedding', embedding })),
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens, completion_tokens: 0 },
  };
}
