// The fake vLLM over real HTTP, as the router and journeys call it.
import { startFakeVllm, type FakeVllm } from '../src/fake-vllm/index.js';

interface ChatReply {
  id: string;
  object: string;
  model: string;
  choices: { message: { role: string; content: string }; finish_reason: string }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

const MODEL = 'llama-3.1-8b-instruct';
const messages = [{ role: 'user', content: 'Classify: my invoice is wrong.' }];

describe('fake vLLM over HTTP', () => {
  let vllm: FakeVllm;
  const post = (path: string, body: unknown) =>
    fetch(`${vllm.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const chat = async (body: object) =>
    (await (
      await post('/v1/chat/completions', { model: MODEL, messages, ...body })
    ).json()) as ChatReply;
  const metric = async (series: string) => {
    const text = await (await fetch(`${vllm.url}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${series}{model_name="${MODEL}"} `));
    return Number(line?.split(' ')[1]);
  };

  beforeEach(async () => {
    vllm = await startFakeVllm({ model: MODEL, seed: 1 });
  });
  afterEach(() => vllm.close());

  it('answers a chat completion deterministically, with usage', async () => {
    const first = await chat({});
    expect(first).toMatchObject({ object: 'chat.completion', model: MODEL });
    expect(first.choices[0]).toMatchObject({
      message: { role: 'assistant' },
      finish_reason: 'stop',
    });
    expect(first.usage.total_tokens).toBe(
      first.usage.prompt_tokens + first.usage.completion_tokens,
    );
    const second = await chat({});
    expect(second.choices[0]?.message.content).toBe(first.choices[0]?.message.content);
    expect(second.id).not.toBe(first.id);
  });

  it('honours max_tokens with finish reason length', async () => {
    const reply = await chat({ max_tokens: 3 });
    expect(reply.choices[0]?.finish_reason).toBe('length');
    expect(reply.usage.completion_tokens).toBe(3);
    expect(reply.choices[0]?.message.content.split(' ')).toHaveLength(3);
  });

  it('streams the same answer as server-sent events, with a final usage chunk', async () => {
    const whole = await chat({});
    const res = await post('/v1/chat/completions', {
      model: MODEL,
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const events = (await res.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map(
      (e) =>
        JSON.parse(e.slice('data: '.length)) as {
          object: string;
          choices: { delta: { content?: string }; finish_reason: string | null }[];
          usage?: unknown;
        },
    );
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    const content = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(content).toBe(whole.choices[0]?.message.content);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: whole.usage });
  });

  it('answers text completions and embeddings', async () => {
    const completion = (await (
      await post('/v1/completions', { model: MODEL, prompt: 'Once upon', max_tokens: 2 })
    ).json()) as { choices: { text: string; finish_reason: string }[]; usage: object };
    expect(completion.choices[0]?.finish_reason).toBe('length');
    expect(completion.usage).toEqual({ prompt_tokens: 2, completion_tokens: 2, total_tokens: 4 });
    const res = await post('/v1/embeddings', { model: MODEL, input: ['a b', 'c'], dimensions: 8 });
    const embeddings = (await res.json()) as { data: { index: number; embedding: number[] }[] };
    expect(embeddings.data.map((d) => [d.index, d.embedding.length])).toEqual([
      [0, 8],
      [1, 8],
    ]);
  });

  it('lists its served model and reports healthy', async () => {
    const models = (await (await fetch(`${vllm.url}/v1/models`)).json()) as {
      data: { id: string }[];
    };
    expect(models.data.map((m) => m.id)).toEqual([MODEL]);
    expect((await fetch(`${vllm.url}/health`)).status).toBe(200);
  });

  it.each([
    ['an unknown model', { model: 'gpt-4o', messages }, 404, 'model_not_found'],
    ['bad JSON', '{"model": ', 400, null],
    ['no messages', { model: MODEL }, 400, null],
    ['zero embedding dimensions', { model: MODEL, input: 'a', dimensions: 0 }, 400, null],
  ])('rejects %s with the OpenAI error shape', async (_case, body, status, code) => {
    const path =
      typeof body === 'object' && 'input' in body ? '/v1/embeddings' : '/v1/chat/completions';
    const res = await post(path, body);
    expect(res.status).toBe(status);
    const { error } = (await res.json()) as { error: { message: string; code: unknown } };
    expect(error.message).toEqual(expect.any(String));
    expect(error.code).toBe(code);
  });

  it('counts served requests and tokens in the vLLM metrics', async () => {
    const a = await chat({});
    const b = await chat({ max_tokens: 2 });
    await post('/v1/chat/completions', { model: 'other', messages });
    expect(await metric('vllm:prompt_tokens_total')).toBe(a.usage.prompt_tokens * 2);
    expect(await metric('vllm:generation_tokens_total')).toBe(a.usage.completion_tokens + 2);
    expect(await metric('vllm:e2e_request_latency_seconds_count')).toBe(2);
    expect(await metric('vllm:time_to_first_token_seconds_count')).toBe(2);
    expect(b.usage.completion_tokens).toBe(2);
    expect(vllm.stats()).toMatchObject({
      finished: 2,
      requests: { 'POST /v1/chat/completions': 3 },
    });
  });

  it('shows a streaming request as running until it ends', async () => {
    // Slow chunks leave a window of a second or more to read the gauge mid-stream.
    await vllm.close();
    vllm = await startFakeVllm({ model: MODEL, tokenDelayMs: 100 });
    const res = await post('/v1/chat/completions', { model: MODEL, messages, stream: true });
    const reader = res.body!.getReader();
    await reader.read();
    expect(await metric('vllm:num_requests_running')).toBe(1);
    while (!(await reader.read()).done);
    expect(await metric('vllm:num_requests_running')).toBe(0);
  });
});
