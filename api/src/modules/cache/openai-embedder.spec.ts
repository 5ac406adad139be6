import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmbeddingError, OpenAiEmbedder } from './openai-embedder.js';

type Handler = (body: { model: string; input: string[] }, res: ServerResponse) => void;

/** A tiny OpenAI-compatible /v1/embeddings server whose behaviour each test chooses. */
async function serve(
  handler: Handler,
): Promise<{ url: string; server: Server; seen: IncomingMessage[] }> {
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => handler(JSON.parse(raw) as { model: string; input: string[] }, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, server, seen };
}

const json = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

describe('OpenAiEmbedder', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  async function embedderFor(handler: Handler, timeoutMs = 1000) {
    const { url, server, seen } = await serve(handler);
    servers.push(server);
    const options = {
      baseUrl: `${url}/`,
      model: 'bge-small',
      dimensions: 2,
      apiKey: 'k',
      timeoutMs,
    };
    return { embedder: new OpenAiEmbedder(options), seen };
  }

  it('names its vector space after the model and size', async () => {
    const { embedder } = await embedderFor(() => undefined);
    expect([embedder.id, embedder.kind, embedder.dimensions]).toEqual([
      'openai:bge-small:2',
      'semantic',
      2,
    ]);
  });

  it('posts the texts and returns unit vectors in input order', async () => {
    const { embedder, seen } = await embedderFor((body, res) => {
      expect(body).toMatchObject({ model: 'bge-small', input: ['a', 'b'] });
      json(res, 200, {
        data: [
          { index: 1, embedding: [0, 2] },
          { index: 0, embedding: [3, 4] },
        ],
      });
    });
    const vectors = await embedder.embed(['a', 'b']);
    expect(vectors.map((v) => Array.from(v))).toEqual([
      [0.6000000238418579, 0.800000011920929],
      [0, 1],
    ]);
    expect(seen[0]?.url).toBe('/v1/embeddings');
    expect(seen[0]?.headers.authorization).toBe('Bearer k');
  });

  it.each<[string, Handler, RegExp]>([
    ['an HTTP error', (_b, res) => json(res, 503, { error: 'busy' }), /HTTP 503/],
    ['too few vectors', (_b, res) => json(res, 200, { data: [] }), /expected 1 embeddings, got 0/],
    [
      'the wrong size',
      (_b, res) => json(res, 200, { data: [{ index: 0, embedding: [1] }] }),
      /of 2 numbers/,
    ],
    [
      'no numbers',
      (_b, res) => json(res, 200, { data: [{ index: 0, embedding: 'x' }] }),
      /of 2 numbers/,
    ],
  ])('refuses %s', async (_name, handler, message) => {
    const { embedder } = await embedderFor(handler);
    const failure = embedder.embed(['a']);
    await expect(failure).rejects.toBeInstanceOf(EmbeddingError);
    await expect(failure).rejects.toThrow(message);
  });

  it('gives up after its timeout', async () => {
    const { embedder } = await embedderFor(() => undefined, 50);
    await expect(embedder.embed(['a'])).rejects.toThrow(/aborted|timeout/i);
  });

  it('asks nothing for no texts', async () => {
    const { embedder, seen } = await embedderFor(() => undefined);
    await expect(embedder.embed([])).resolves.toEqual([]);
    expect(seen).toHaveLength(0);
  });
});
