// TEST FIXTURE. Reading OpenAI-style request bodies the way vLLM's OpenAI server does, and the
// OpenAI error shape (`{ error: { message, type, param, code } }`) for what it rejects.
import { countTokens } from './text.js';

export class OpenAiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param: string | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
  }

  body(): { error: Record<string, unknown> } {
    const type = this.status === 404 ? 'NotFoundError' : 'invalid_request_error';
    return { error: { message: this.message, type, param: this.param, code: this.code } };
  }
}

export type Body = Record<string, unknown>;

/** What a generation request asks for, whichever endpoint it came through. */
export interface GenerationRequest {
  prompt: string;
  promptTokens: number;
  maxTokens?: number;
  stream: boolean;
  includeUsage: boolean;
}

export function parseJson(text: string): Body {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new OpenAiError(400, `Invalid JSON body: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new OpenAiError(400, 'The request body must be a JSON object.');
  }
  return value as Body;
}

/** vLLM serves its served name only; an omitted model means that one. */
export function checkModel(body: Body, served: string): void {
  if (body.model === undefined || body.model === served) return;
  const name = typeof body.model === 'string' ? body.model : JSON.stringify(body.model);
  throw new OpenAiError(404, `The model \`${name}\` does not exist.`, 'model', 'model_not_found');
}

/** Content as a string or as parts ({ type: 'text', text }), as the chat API allows. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: { text?: unknown }) => (typeof part?.text === 'string' ? part.text : ''))
    .join('');
}

/** The chat template adds a few tokens per message, as OpenAI's counting guide estimates. */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_REPLY = 3;

export function chatRequest(body: Body): GenerationRequest {
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    throw new OpenAiError(400, 'messages must be a non-empty array.', 'messages');
  }
  const texts = (body.messages as { role?: unknown; content?: unknown }[]).map(
    (m) => `${String(m?.role)}: ${contentText(m?.content)}`,
  );
  const promptTokens =
    texts.reduce((sum, t) => sum + countTokens(t) + TOKENS_PER_MESSAGE, 0) + TOKENS_PER_REPLY;
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  return generation(body, texts.join('\n'), promptTokens, maxTokens);
}

export function completionRequest(body: Body): GenerationRequest {
  const prompt: unknown =
    Array.isArray(body.prompt) && body.prompt.length === 1 ? body.prompt[0] : body.prompt;
  if (typeof prompt !== 'string') {
    throw new OpenAiError(400, 'prompt must be a string (or a list of one string).', 'prompt');
  }
  return generation(body, prompt, countTokens(prompt), body.max_tokens);
}

function generation(
  body: Body,
  prompt: string,
  promptTokens: number,
  maxTokens: unknown,
): GenerationRequest {
  if (maxTokens !== undefined && maxTokens !== null && !isPositiveInteger(maxTokens)) {
    throw new OpenAiError(400, 'max_tokens must be at least 1.', 'max_tokens');
  }
  const options = (body.stream_options ?? {}) as { include_usage?: unknown };
  const request: GenerationRequest = {
    prompt,
    promptTokens,
    stream: body.stream === true,
    includeUsage: options.include_usage === true,
  };
  if (isPositiveInteger(maxTokens)) request.maxTokens = maxTokens;
  return request;
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

/** /v1/embeddings input: a string or a list of strings. */
export function embeddingInputs(body: Body): string[] {
  const input = body.input;
  if (typeof input === 'string') return [input];
  if (Array.isArray(input) && input.length > 0 && input.every((i) => typeof i === 'string')) {
    return input;
  }
  throw new OpenAiError(400, 'input must be a string or a non-empty list of strings.', 'input');
}

/** Requested `dimensions` (OpenAI's parameter), or the server's default. */
export function embeddingDimensions(body: Body, fallback: number): number {
  if (body.dimensions === undefined) return fallback;
  if (isPositiveInteger(body.dimensions) && body.dimensions <= MAX_DIMENSIONS) {
    return body.dimensions;
  }
  throw new OpenAiError(400, `dimensions must be between 1 and ${MAX_DIMENSIONS}.`, 'dimensions');
}

const MAX_DIMENSIONS = 8192;
