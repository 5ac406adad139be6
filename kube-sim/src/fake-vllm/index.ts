// TEST FIXTURE: the fake vLLM backend for local mode and e2e journeys. Not a model server.
export {
  startFakeVllm,
  type FakeVllm,
  type FakeVllmOptions,
  type FakeVllmStats,
} from './server.js';
export { complete, countTokens, embed } from './text.js';
