// TEST FIXTURES standing in for model servers in local mode: one fake vLLM (OpenAI-compatible,
// deterministic, not a model) per example model, the external one included, so a routed request
// can be sent somewhere. The map they produce is what the API uses instead of status.endpoint
// (api/src/modules/catalog/local-endpoints.ts); nothing else changes.
import { startFakeVllm, type FakeVllm } from '@sluice/kube-sim';
import type { ExampleModel } from './examples.js';

export interface FakeBackend {
  readonly model: ExampleModel;
  readonly fake: FakeVllm;
  /** Like the operator's status.endpoint: the OpenAI base URL, ending in /v1. */
  readonly endpoint: string;
}

export async function startFakeBackends(models: readonly ExampleModel[]): Promise<FakeBackend[]> {
  const started: FakeBackend[] = [];
  try {
    for (const model of models) {
      const fake = await startFakeVllm({ model: model.servedModelName });
      started.push({ model, fake, endpoint: `${fake.url}/v1` });
    }
    return started;
  } catch (error) {
    await closeFakeBackends(started);
    throw error;
  }
}

export function localEndpoints(backends: readonly FakeBackend[]): ReadonlyMap<string, string> {
  return new Map(backends.map((b) => [`${b.model.namespace}/${b.model.name}`, b.endpoint]));
}

export async function closeFakeBackends(backends: readonly FakeBackend[]): Promise<void> {
  await Promise.all(backends.map((b) => b.fake.close()));
}
