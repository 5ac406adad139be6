import { Command, Option } from 'commander';
import { dev } from './commands/dev.js';
import { health } from './commands/health.js';
import { migrate } from './commands/migrate.js';
import { render } from './commands/render.js';
import { status } from './commands/status.js';

const program = new Command('sluice').description(
  'Sluice: cut the cost of serving LLMs on Kubernetes',
);
const address = () =>
  new Option('-a, --address <host:port>', 'Sluice API gRPC address').default('127.0.0.1:50051');
const timeout = () => new Option('-t, --timeout <ms>', 'deadline for the call').default('5000');

program
  .command('dev')
  .description(
    'run Sluice locally on embedded defaults (embedded PostgreSQL unless DATABASE_URL is set)',
  )
  .action(dev);

program
  .command('health')
  .description('gRPC health check (grpc.health.v1); exits 0 only when SERVING')
  .addOption(address())
  .addOption(timeout())
  .option('-s, --service <name>', 'service to check; empty means the whole server', '')
  .action(health);

program
  .command('status')
  .description('version of the API and the state of its dependencies')
  .addOption(address())
  .addOption(timeout())
  .addOption(
    new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'),
  )
  .action(status);

program
  .command('migrate')
  .description('database migrations on DATABASE_URL')
  .addArgument(
    new Command()
      .createArgument('[direction]', 'up, down or status')
      .choices(['up', 'down', 'status'])
      .default('up'),
  )
  .action(migrate);

program
  .command('render')
  .description(
    'print the objects the operator would create for InferenceModels, offline (exit 2 if blocked)',
  )
  .addOption(
    new Option(
      '-f, --filename <files...>',
      'manifest files or directories (multi-document YAML)',
    ).makeOptionMandatory(),
  )
  .addOption(
    new Option('--profile-file <files...>', 'QuantizationProfile files or directories').default([]),
  )
  .addOption(
    new Option('-o, --output <format>', 'output format').choices(['yaml', 'json']).default('yaml'),
  )
  .option('-n, --namespace <namespace>', 'namespace of documents that name none', 'default')
  .option('--keda', 'the cluster serves KEDA ScaledObjects', false)
  .option('--service-monitor', 'the cluster serves Prometheus Operator ServiceMonitors', false)
  .action(render);

// A failed command prints one line, not a stack trace; gRPC errors carry their status text.
await program.parseAsync().catch((error: unknown) => {
  const message =
    (error as { details?: string }).details || (error as Error).message || String(error);
  process.stderr.write(`sluice: ${message}\n`);
  process.exitCode = 1;
});
