// "Calls the model" for the demo: a self-hosted endpoint, or any endpoint on this machine (local
// mode's fake vLLMs stand in for the external gpt-4o too), is really called when it answers and
// its usage booked; anything else gets deterministic synthetic figures, and the demo says so.
// A remote external API is never called: Sluice hands out no API keys, and it would bill.
import { ProviderKind, type RouteDecision } from '@sluice/proto';

export interface ModelAnswer {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly latencyMs: number;
  readonly text: string;
  /** True when a model server answered; false for synthetic figures. */
  readonly called: boolean;
}

/** A stable 32-bit hash (FNV-1a) of a prompt, for synthetic figures. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Figures a model might have returned: Sluice's prompt count in, 20 to 219 tokens out (capped). */
export function syntheticAnswer(
  promptTokens: number,
  text: string,
  maxTokens?: number,
): ModelAnswer {
  const hash = hashText(text);
  const outputTokens = Math.min(20 + (hash % 200), maxTokens ?? Number.MAX_SAFE_INTEGER);
  return {
    inputTokens: promptTokens,
    outputTokens,
    latencyMs: 80 + outputTokens * 12,
    text: `synthetic answer ${hash.toString(16)}`,
    called: false,
  };
}

interface Completion {
  usage?: { prompt_tokens?: number; completion_tokens?: number };
  choices?: { message?: { content?: string } }[];
}

async function complete(
  url: string,
  model: string,
  text: string,
  maxTokens?: number,
): Promise<ModelAnswer> {
  const started = performance.now();
  const body = { model, messages: [{ role: 'user', content: text }], max_tokens: maxTokens };
  const response = await fetch(`${url.replace(/\/$/, '')}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const completion = (await response.json()) as Completion;
  return {
    inputTokens: completion.usage?.prompt_tokens ?? 0,
    outputTokens: completion.usage?.completion_tokens ?? 0,
    latencyMs: Math.round(performance.now() - started),
    text: completion.choices?.[0]?.message?.content ?? '',
    called: true,
  };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether the demo may call this target: self-hosted, or served on this machine. */
export function callable(provider: ProviderKind | undefined, url: string): boolean {
  if (url === '') return false;
  if (provider === ProviderKind.VLLM) return true;
  try {
    return LOOPBACK.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** Calls endpoints, remembering the ones that did not answer so each costs one try only. */
export class ModelCaller {
  private readonly unreachable = new Set<string>();

  async answer(decision: RouteDecision, text: string): Promise<ModelAnswer> {
    const target = decision.target;
    const url = target?.endpointUrl ?? '';
    const synthetic = () => syntheticAnswer(decision.promptTokens, text, decision.maxTokens);
    if (!callable(target?.provider, url) || this.unreachable.has(url)) return synthetic();
    try {
      return await complete(url, target?.servedModelName ?? '', text, decision.maxTokens);
    } catch {
      this.unreachable.add(url);
      return synthetic();
    }
  }
}
