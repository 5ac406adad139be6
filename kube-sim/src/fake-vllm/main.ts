// Process entry of the TEST FIXTURE: `node kube-sim/dist/fake-vllm/main.js --model NAME
// [--port P] [--host H] [--seed N] [--token-delay-ms MS]`. A stand-in for `vllm serve` on machines
// with no GPU; prints its URL, stops cleanly on SIGTERM/SIGINT.
import { parseArgs } from 'node:util';
import { startFakeVllm } from './server.js';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'fake-model' },
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '8000' },
    seed: { type: 'string', default: '0' },
    'token-delay-ms': { type: 'string', default: '0' },
  },
});

const vllm = await startFakeVllm({
  model: values.model,
  host: values.host,
  port: Number(values.port),
  seed: Number(values.seed),
  tokenDelayMs: Number(values['token-delay-ms']),
});
console.log(`Fake vLLM (test fixture) serving ${vllm.model} on ${vllm.url}`);

const stop = (signal: string): void => {
  console.log(`Stopping on ${signal}`);
  vllm.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', () => stop('SIGTERM'));
process.once('SIGINT', () => stop('SIGINT'));
