// Process entry: `node kube-sim/dist/kube-server/main.js [--host H] [--port P]
// [--kubeconfig PATH]`. Prints the address and `export KUBECONFIG=...`, stops cleanly on SIGTERM/SIGINT.
import { parseArgs } from 'node:util';
import { startKubeServer } from './start.js';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    kubeconfig: { type: 'string' },
  },
});

const server = await startKubeServer({
  host: values.host,
  port: Number(values.port),
  ...(values.kubeconfig ? { kubeconfigPath: values.kubeconfig } : {}),
});
console.log(`Kubernetes test API server listening on ${server.url}`);
if (server.kubeconfigPath) console.log(`export KUBECONFIG=${server.kubeconfigPath}`);

const stop = (signal: string): void => {
  console.log(`Stopping on ${signal}`);
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', () => stop('SIGTERM'));
process.once('SIGINT', () => stop('SIGINT'));
