// TEST FIXTURE. The Prometheus metrics of the fake vLLM, under vLLM's own names and its
// `model_name` label (docs.vllm.ai "Production Metrics"), so HPA rules, KEDA queries and scrapers
// written for vLLM read them unchanged. Counts are of real requests served by the fake.

/** vLLM's buckets for time to first token and end-to-end latency (seconds). */
const TTFT_BUCKETS = [
  0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];
const E2E_BUCKETS = [0.3, 0.5, 0.8, 1, 1.5, 2, 2.5, 5, 10, 15, 20, 30, 40, 50, 60];
/** The fake's KV cache "fills" by this fraction per running request. */
const CACHE_PER_REQUEST = 1 / 64;

class Histogram {
  readonly counts: number[];
  sum = 0;
  count = 0;

  constructor(readonly buckets: readonly number[]) {
    this.counts = buckets.map(() => 0);
  }

  observe(value: number): void {
    this.buckets.forEach((le, i) => {
      if (value <= le) this.counts[i] = (this.counts[i] ?? 0) + 1;
    });
    this.sum += value;
    this.count += 1;
  }

  render(name: string, label: string): string[] {
    const buckets = this.buckets.map(
      (le, i) => `${name}_bucket{le="${le.toFixed(3)}",${label}} ${this.counts[i] ?? 0}`,
    );
    return [
      ...buckets,
      `${name}_bucket{le="+Inf",${label}} ${this.count}`,
      `${name}_count{${label}} ${this.count}`,
      `${name}_sum{${label}} ${this.sum}`,
    ];
  }
}

export interface MetricsSnapshot {
  running: number;
  waiting: number;
  promptTokens: number;
  generationTokens: number;
  /** Finished generation requests (chat and completions). */
  finished: number;
}

export class VllmMetrics {
  running = 0;
  /** The fake never queues: every request runs at once, as on an idle vLLM. */
  readonly waiting = 0;
  promptTokens = 0;
  generationTokens = 0;
  readonly ttft = new Histogram(TTFT_BUCKETS);
  readonly e2e = new Histogram(E2E_BUCKETS);

  started(promptTokens: number): void {
    this.running += 1;
    this.promptTokens += promptTokens;
  }

  firstToken(seconds: number): void {
    this.ttft.observe(seconds);
  }

  finished(generationTokens: number, seconds: number): void {
    this.running -= 1;
    this.generationTokens += generationTokens;
    this.e2e.observe(seconds);
  }

  snapshot(): MetricsSnapshot {
    const { running, waiting, promptTokens, generationTokens } = this;
    return { running, waiting, promptTokens, generationTokens, finished: this.e2e.count };
  }

  /** The text exposition format (version 0.0.4). */
  render(modelName: string): string {
    const label = `model_name="${modelName}"`;
    const cache = Math.min(1, this.running * CACHE_PER_REQUEST);
    return [
      ...metric(
        'vllm:num_requests_running',
        'gauge',
        'Number of requests in model execution batches.',
      ),
      `vllm:num_requests_running{${label}} ${this.running}`,
      ...metric(
        'vllm:num_requests_waiting',
        'gauge',
        'Number of requests waiting to be processed.',
      ),
      `vllm:num_requests_waiting{${label}} ${this.waiting}`,
      ...metric(
        'vllm:gpu_cache_usage_perc',
        'gauge',
        'GPU KV-cache usage. 1 means 100 percent usage.',
      ),
      `vllm:gpu_cache_usage_perc{${label}} ${cache}`,
      ...metric('vllm:prompt_tokens_total', 'counter', 'Number of prefill tokens processed.'),
      `vllm:prompt_tokens_total{${label}} ${this.promptTokens}`,
      ...metric(
        'vllm:generation_tokens_total',
        'counter',
        'Number of generation tokens processed.',
      ),
      `vllm:generation_tokens_total{${label}} ${this.generationTokens}`,
      ...metric(
        'vllm:time_to_first_token_seconds',
        'histogram',
        'Histogram of time to first token in seconds.',
      ),
      ...this.ttft.render('vllm:time_to_first_token_seconds', label),
      ...metric(
        'vllm:e2e_request_latency_seconds',
        'histogram',
        'Histogram of e2e request latency in seconds.',
      ),
      ...this.e2e.render('vllm:e2e_request_latency_seconds', label),
      '',
    ].join('\n');
  }
}

function metric(name: string, type: string, help: string): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
}
