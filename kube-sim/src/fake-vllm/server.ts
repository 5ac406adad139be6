// TEST FIXTURE, not vLLM. An OpenAI-compatible stand-in for vLLM's server (SPEC section 5: no GPU
// or weights are reachable here): chat and text completions (also streamed as SSE), embeddings,
// /v1/models, /health and /metrics under vLLM's metric names. Answers are deterministic (text.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VllmMetrics, type MetricsSnapshot } from './metrics.js';
import {
  chatRequest,
  checkModel,
  completionRequest,
  embeddingDimensions,
  embeddingInputs,
  OpenAiError,
  parseJson,
  type Body,
} from './requests.js';
import { streamChunks, type Answer } from './responses.js';
import * as reply from './responses.js';
import { complete, countTokens, embed } from './text.js';

export interface FakeVllmOptions {
  /** The served model name (vLLM's --served-model-name); other names get 404. */
  model: string;
  port?: number;
  host?: string;
  /** Changes every answer; the same seed and prompt always give the same answer. */
  seed?: number;
  /** Pause between streamed chunks, so tests can observe a request while it runs. */
  tokenDelayMs?: number;
  embeddingDimensions?: number;
}

export interface FakeVllmStats extends MetricsSnapshot {
  /** Requests received per "METHOD /path", whatever their outcome. */
  requests: Record<string, number>;
}

export interface FakeVllm {
  url: string;
  model: string;
  stats(): FakeVllmStats;
  close(): Promise<void>;
}

interface Context {
  options: Required<Omit<FakeVllmOptions, 'port' | 'host'>>;
  metrics: VllmMetrics;
  requests: Record<string, number>;
  sequence: number;
}

type Handler = (ctx: Context, req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

const ROUTES: Record<string, Handler> = {
  'GET /health': (_ctx, _req, res) => void res.writeHead(200).end(),
  'GET /metrics': (ctx, _req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
    res.end(ctx.metrics.render(ctx.options.model));
  },
  'GET /v1/models': (ctx, _req, res) => sendJson(res, 200, models(ctx.options.model)),
  'POST /v1/chat/completions': async (ctx, req, res) =>
    generate(ctx, await readJson(req), res, true),
  'POST /v1/completions': async (ctx, req, res) => generate(ctx, await readJson(req), res, false),
  'POST /v1/embeddings': async (ctx, req, res) => embeddings(ctx, await readJson(req), res),
};

export async function startFakeVllm(options: FakeVllmOptions): Promise<FakeVllm> {
  const ctx: Context = {
    options: { seed: 0, tokenDelayMs: 0, embeddingDimensions: 384, ...options },
    metrics: new VllmMetrics(),
    requests: {},
    sequence: 0,
  };
  const server = createServer((req, res) => void handle(ctx, req, res));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    model: options.model,
    stats: () => ({ ...ctx.metrics.snapshot(), requests: { ...ctx.requests } }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(ctx: Context, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const route = `${req.method} ${new URL(req.url ?? '/', 'http://fake').pathname}`;
  ctx.requests[route] = (ctx.requests[route] ?? 0) + 1;
  try {
    const handler = ROUTES[route];
    if (handler) await handler(ctx, req, res);
    else sendJson(res, 404, { detail: 'Not Found' });
  } catch (err) {
    const error = err instanceof OpenAiError ? err : new OpenAiError(500, String(err));
    if (res.headersSent) res.end();
    else sendJson(res, error.status, error.body());
  }
}

async function generate(ctx: Context, body: Body, res: ServerResponse, chat: boolean) {
  checkModel(body, ctx.options.model);
  const request = chat ? chatRequest(body) : completionRequest(body);
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const answer: Answer = {
    id: `${chat ? 'chatcmpl' : 'cmpl'}-fake-${++ctx.sequence}`,
    model: ctx.options.model,
    created: Math.floor(Date.now() / 1000),
    promptTokens: request.promptTokens,
    completion: complete(request.prompt, ctx.options.seed, request.maxTokens),
  };
  ctx.metrics.started(request.promptTokens);
  try {
    if (request.stream) {
      await stream(ctx, res, streamChunks(answer, chat, request.includeUsage), seconds);
    } else {
      ctx.metrics.firstToken(seconds());
      sendJson(res, 200, chat ? reply.chatResponse(answer) : reply.completionResponse(answer));
    }
  } finally {
    ctx.metrics.finished(answer.completion.tokens.length, seconds());
  }
}

/** Server-sent events, one `data:` line per chunk, then `data: [DONE]`, as OpenAI streams. */
async function stream(ctx: Context, res: ServerResponse, chunks: object[], seconds: () => number) {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  for (const [i, chunk] of chunks.entries()) {
    if (i > 0 && ctx.options.tokenDelayMs > 0) await sleep(ctx.options.tokenDelayMs);
    res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    if (i === 0) ctx.metrics.firstToken(seconds());
  }
  res.end('data: [DONE]\n\n');
}

function embeddings(ctx: Context, body: Body, res: ServerResponse): void {
  checkModel(body, ctx.options.model);
  const inputs = embeddingInputs(body);
  const dimensions = embeddingDimensions(body, ctx.options.embeddingDimensions);
  const vectors = inputs.map((text) => embed(text, dimensions));
  const tokens = inputs.reduce((sum, text) => sum + countTokens(text), 0);
  ctx.metrics.promptTokens += tokens;
  sendJson(res, 200, reply.embeddingResponse(ctx.options.model, vectors, tokens));
}

function models(model: string) {
  const card = { id: model, object: 'model', owned_by: 'vllm', root: model, parent: null };
  return { object: 'list', data: [{ ...card, created: Math.floor(Date.now() / 1000) }] };
}

async function readJson(req: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return parseJson(Buffer.concat(chunks).toString('utf8'));
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(text);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
