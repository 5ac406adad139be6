import { VllmMetrics } from './metrics.js';

const sample = (text: string, series: string) =>
  text
    .split('\n')
    .find((line) => line.startsWith(`${series} `))
    ?.split(' ')[1];

describe('VllmMetrics', () => {
  it('renders the vLLM series with their model_name label', () => {
    const text = new VllmMetrics().render('llama');
    expect(text).toContain('# TYPE vllm:num_requests_running gauge');
    expect(text).toContain('# TYPE vllm:prompt_tokens_total counter');
    expect(text).toContain('# TYPE vllm:e2e_request_latency_seconds histogram');
    expect(sample(text, 'vllm:num_requests_waiting{model_name="llama"}')).toBe('0');
  });

  it.each([
    ['one running', [[5, undefined]], { running: 1, promptTokens: 5, generationTokens: 0 }],
    ['one finished', [[5, 9]], { running: 0, promptTokens: 5, generationTokens: 9 }],
    [
      'one of two finished',
      [
        [5, 9],
        [2, undefined],
      ],
      { running: 1, promptTokens: 7, generationTokens: 9 },
    ],
  ] as const)('counts %s', (_case, requests, expected) => {
    const metrics = new VllmMetrics();
    for (const [prompt, generated] of requests) {
      metrics.started(prompt);
      if (generated !== undefined) metrics.finished(generated, 0.2);
    }
    expect(metrics.snapshot()).toMatchObject(expected);
    const text = metrics.render('m');
    expect(sample(text, 'vllm:num_requests_running{model_name="m"}')).toBe(
      String(expected.running),
    );
    expect(sample(text, 'vllm:prompt_tokens_total{model_name="m"}')).toBe(
      String(expected.promptTokens),
    );
  });

  it('fills histogram buckets cumulatively', () => {
    const metrics = new VllmMetrics();
    metrics.firstToken(0.03);
    metrics.firstToken(2);
    const text = metrics.render('m');
    const bucket = (le: string) =>
      sample(text, `vllm:time_to_first_token_seconds_bucket{le="${le}",model_name="m"}`);
    expect([bucket('0.020'), bucket('0.040'), bucket('2.500'), bucket('+Inf')]).toEqual([
      '0',
      '1',
      '2',
      '2',
    ]);
    expect(sample(text, 'vllm:time_to_first_token_seconds_count{model_name="m"}')).toBe('2');
  });
});
