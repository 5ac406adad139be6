import { l2Normalize, type Embedder } from './embedder.js';

export interface OpenAiEmbedderOptions {
  /** Base URL of an OpenAI-compatible server, e.g. an InferenceModel's endpoint (`.../v1`). */
  readonly baseUrl: string;
  readonly model: string;
  /** Length of the model's vectors; each answer is checked against it. */
  readonly dimensions: number;
  readonly apiKey?: string;
  /** Embedding sits on Route's hot path: past this, the lookup gives up and misses. */
  readonly timeoutMs?: number;
}

export class EmbeddingError extends Error {
  override readonly name = 'EmbeddingError';
}

interface EmbeddingsBody {
  data?: Array<{ index?: number; embedding?: unknown }>;
}

/** Calls `POST {baseUrl}/embeddings` (vLLM and OpenAI both serve it) with the global fetch. */
export class OpenAiEmbedder implements Embedder {
  readonly kind = 'semantic';
  readonly id: string;
  readonly dimensions: number;

  constructor(private readonly options: OpenAiEmbedderOptions) {
    this.dimensions = options.dimensions;
    this.id = `openai:${options.model}:${options.dimensions}`;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const response = await fetch(`${this.options.baseUrl.replace(/\/+$/, '')}/embeddings`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.options.apiKey === undefined
          ? {}
          : { authorization: `Bearer ${this.options.apiKey}` }),
      },
      body: JSON.stringify({ model: this.options.model, input: texts, encoding_format: 'float' }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 1000),
    });
    if (!response.ok) {
      throw new EmbeddingError(`embeddings endpoint answered HTTP ${response.status}`);
    }
    return this.vectors((await response.json()) as EmbeddingsBody, texts.length);
  }

  /** The answer's vectors in input order (servers may reorder `data`), checked and normalized. */
  private vectors(body: EmbeddingsBody, count: number): Float32Array[] {
    const data = [...(body.data ?? [])].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    if (data.length !== count) {
      throw new EmbeddingError(`expected ${count} embeddings, got ${data.length}`);
    }
    return data.map(({ embedding }) => {
      if (!Array.isArray(embedding) || embedding.length !== this.dimensions) {
        throw new EmbeddingError(`expected embeddings of ${this.dimensions} numbers`);
      }
      return l2Normalize(Float32Array.from(embedding as number[]));
    });
  }
}
