import { Command, Option } from 'commander';
import { createRequire } from 'node:module';
import { MESSAGE_FORMATS } from './commands/connection.js';
import type { EconomicsOptions } from './commands/economics.js';
import {
  ECONOMICS_REPORTS,
  GRANULARITIES,
  type EconomicsReport,
} from './commands/economics-reports.js';
import type { ReportOptions } from './commands/report.js';
import type { RouteOptions } from './commands/route.js';
import type { RouterTrainOptions } from './commands/router-train.js';
import type { DemoOptions } from './demo/run.js';
import { TOKEN_ROLES } from './commands/token-role-flags.js';
import type { CreateFlags } from './commands/tokens-request.js';
import type { TokensOptions } from './commands/tokens.js';

/**
 * A command's code is loaded only when it runs (commander passes the options and the Command
 * after the arguments: commands taking an output stream get theirs explicitly below): `sluice route` need not load local mode's
 * embedded PostgreSQL, the operator or the API
 * (`sluice --help` went from about 1.5 s to 0.2 s).
 */
const lazy =
  <A extends unknown[]>(load: () => Promise<(...args: A) => unknown>) =>
  async (...args: A): Promise<void> => {
    const action = await load();
    await action(...args);
  };

// dist/main.js -> the package's own manifest: the version npm installed.
const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
const program = new Command('sluice')
  .description('Sluice: cut the cost of serving LLMs on Kubernetes')
  .version(version, '-V, --version', "the CLI's version");
const address = () =>
  new Option('-a, --address <host:port>', 'Sluice API gRPC address').default('127.0.0.1:50051');
const timeout = () => new Option('-t, --timeout <ms>', 'deadline for the call').default('5000');

program
  .command('dev')
  .description(
    'run Sluice locally on embedded defaults (embedded PostgreSQL unless DATABASE_URL is set)',
  )
  .action(lazy(async () => (await import('./commands/dev.js')).dev));

program
  .command('health')
  .description('gRPC health check (grpc.health.v1); exits 0 only when SERVING')
  .addOption(address())
  .addOption(timeout())
  .option('-s, --service <name>', 'service to check; empty means the whole server', '')
  .action(lazy(async () => (await import('./commands/health.js')).health));

program
  .command('status')
  .description('version of the API and the state of its dependencies')
  .addOption(address())
  .addOption(timeout())
  .addOption(
    new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'),
  )
  .action(lazy(async () => (await import('./commands/status.js')).status));

program
  .command('migrate')
  .description('database migrations on DATABASE_URL')
  .addArgument(
    new Command()
      .createArgument('[direction]', 'up, down or status')
      .choices(['up', 'down', 'status'])
      .default('up'),
  )
  .action(lazy(async () => (await import('./commands/migrate.js')).migrate));

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
  .action(lazy(async () => (await import('./commands/render.js')).render));

// route, report, economics and demo call the API with a token: --token, SLUICE_TOKEN, or the
// .sluice/token that `sluice dev` writes.
const token = () =>
  new Option('--token <token>', 'API token (default: .sluice/token)').env('SLUICE_TOKEN');
const messageOutput = () =>
  new Option('-o, --output <format>', 'output format').choices(MESSAGE_FORMATS).default('table');
const collect = (value: string, previous: string[]) => [...previous, value];

program
  .command('route')
  .description('ask the Router which model answers a prompt (sluice.v1.RouterService/Route)')
  .addOption(address())
  .addOption(timeout())
  .addOption(token())
  .addOption(messageOutput())
  .option('--policy <name>', 'RoutingPolicy name', 'default')
  .option('-n, --namespace <namespace>', 'RoutingPolicy namespace', 'default')
  .option('--prompt <text>', 'the prompt')
  .option('--prompt-file <file>', 'a file holding the prompt')
  .option('--task <label>', 'task label, e.g. classification')
  .option('--tag <key=value>', 'tenant tag (repeatable)', collect, [])
  .option('--hint <hint>', 'routing hint (repeatable)', collect, [])
  .action(async (options: RouteOptions) => {
    const { route } = await import('./commands/route.js');
    await route(options);
  });

program
  .command('report')
  .description('book model usage: one call from flags, or a JSONL file of UsageReports streamed')
  .addOption(address())
  .addOption(timeout())
  .addOption(token())
  .addOption(messageOutput())
  .option('--decision <id>', 'decision id the call served')
  .option('-f, --file <usage.jsonl>', 'UsageReports in protobuf JSON, one a line')
  .option('--input-tokens <n>', 'input tokens (prompt_tokens)')
  .option('--output-tokens <n>', 'output tokens (completion_tokens)')
  .option('--cached-input-tokens <n>', "part of the input served from the provider's cache")
  .option('--latency-ms <n>', 'wall time of the call')
  .option('--status <status>', 'ok, error, timeout, cancelled or rate_limited', 'ok')
  .option('--idempotency-key <key>', 'key of this report (default: the decision id)')
  .action(async (options: ReportOptions) => {
    const { report } = await import('./commands/report.js');
    await report(options);
  });

program
  .command('economics')
  .description('unit economics, cost, savings or self-hosting crossover for a window')
  .addArgument(
    new Command()
      .createArgument(
        '[report]',
        'unit, cost, savings, crossover, or audit (exits 1 on a difference)',
      )
      .choices([...ECONOMICS_REPORTS, 'audit'])
      .default('unit'),
  )
  .addOption(address())
  .addOption(timeout())
  .addOption(token())
  .addOption(messageOutput())
  .option('--from <time>', 'window start: RFC 3339 or -<n>m|h|d|w before now', '-24h')
  .option('--to <time>', 'window end (excluded): RFC 3339, -<n>h... or now', 'now')
  .option('--group-by <dimensions>', 'e.g. model,tier,tag:team', '')
  .option('--filter <dimension=values>', 'e.g. tag:team=search,support (repeatable)', collect, [])
  .addOption(
    new Option('--granularity <unit>', 'cost report only: one row per UTC calendar unit')
      .choices(GRANULARITIES)
      .default('none'),
  )
  .option('--share-idle', 'cost, unit, savings: spread idle GPU cost over the groups by usage')
  .option(
    '--precision <digits>',
    'tables: money to this many decimals, 0-12 (JSON/YAML exact)',
    '2',
  )
  .action(async (kind: EconomicsReport | 'audit', options: EconomicsOptions) => {
    if (kind === 'audit') {
      const { economicsAudit } = await import('./commands/economics-audit.js');
      process.exitCode = await economicsAudit(options);
      return;
    }
    const { economics } = await import('./commands/economics.js');
    await economics(kind, options);
  });

program
  .command('demo')
  .description('send a synthetic day of traffic through Route and ReportUsage, then its economics')
  .addOption(address())
  .addOption(timeout())
  .addOption(token())
  .option('--policy <name>', 'RoutingPolicy name', 'default')
  .option('-n, --namespace <namespace>', 'RoutingPolicy namespace', 'default')
  .option('--queries <n>', 'queries in the day', '300')
  .option('--seed <n>', 'seed of the day (default: a new one per run)')
  .option('--wait <ms>', 'how long to wait for the ledger to show every query', '60000')
  .option('--precision <digits>', 'money in the tables to this many decimals, 0-12', '2')
  .action(async (options: DemoOptions) => {
    const { demo } = await import('./demo/run.js');
    await demo(options);
  });

// Tokens and tenants (sluice.v1.TokenService), with an admin token: platform admins act on every
// tenant, tenant admins on their own.
const tokens = program
  .command('tokens')
  .description('API tokens: create (secret shown once), list, revoke');
const withConnection = (command: Command) =>
  command.addOption(address()).addOption(timeout()).addOption(token()).addOption(messageOutput());

withConnection(tokens.command('create'))
  .description('issue a token for a tenant or a team; prints its secret once')
  .argument('<name>', 'name of the token, e.g. search-team-ci')
  .option('--tenant <name>', 'tenant the token is for (default: your own)')
  .addOption(
    new Option('--role <role>', 'what the token may do').choices(TOKEN_ROLES).default('member'),
  )
  .option('--scope <key=value>', 'tag the token is limited to (repeatable)', collect, [])
  .option('--expires <when>', 'lifetime (90m, 12h, 30d) or an RFC 3339 instant (default: never)')
  .option('--monthly-budget <usd>', 'monthly budget in USD; Route refuses the token past it')
  .action(async (name: string, options: TokensOptions & CreateFlags) => {
    const { createToken } = await import('./commands/tokens.js');
    await createToken(name, options);
  });

withConnection(tokens.command('list'))
  .description('list the tokens you manage (never their secrets)')
  .option('--tenant <name>', 'one tenant (default: every tenant you manage)')
  .option('--all', 'include revoked tokens', false)
  .action(async (options: TokensOptions & { tenant?: string; all: boolean }) => {
    const { listTokens } = await import('./commands/tokens.js');
    await listTokens(options);
  });

withConnection(tokens.command('revoke'))
  .description('revoke a token by id (other API replicas: within 60 s)')
  .argument('<id>', 'token id, as `sluice tokens list` shows it')
  .action(async (id: string, options: TokensOptions) => {
    const { revokeToken } = await import('./commands/tokens.js');
    await revokeToken(id, options);
  });

tokens
  .command('bootstrap')
  .description(
    'issue a platform admin token straight into DATABASE_URL (the first one, or break-glass)',
  )
  .argument('[name]', 'name of the token', 'platform-admin')
  .option('--tenant <name>', 'tenant of the token, created if missing', 'platform')
  .action(async (name: string, options: { tenant: string }) => {
    const { bootstrapToken } = await import('./commands/tokens.js');
    await bootstrapToken(name, options);
  });

const tenants = program.command('tenants').description('tenants (platform admins only)');

withConnection(tenants.command('create'))
  .description('create a tenant, to issue its tokens')
  .argument('<name>', 'DNS-1123 label, e.g. team-search')
  .action(async (name: string, options: TokensOptions) => {
    const { createTenant } = await import('./commands/tokens.js');
    await createTenant(name, options);
  });

withConnection(tenants.command('list'))
  .description('list tenants')
  .action(async (options: TokensOptions) => {
    const { listTenants } = await import('./commands/tokens.js');
    await listTenants(options);
  });

const router = program.command('router').description('the learned router classifier');

router
  .command('train')
  .description(
    'train a router model from labelled examples (JSONL as in router-model/README.md); prints its evaluation on their test split',
  )
  .requiredOption('--data <examples.jsonl>', 'examples: id, source, kind, split, text')
  .requiredOption('--out <model.bin>', 'where to write the artifact')
  .option(
    '--hash-bits <bits>',
    'hashed feature buckets, 2^bits: 14 (the default) gives 0.72 MB, 15 (make train-router) 1.44 MB, over the 1 MiB a ConfigMap holds',
  )
  .option('--configmap <name>', 'ConfigMap name in the printed kubectl commands', 'router-model')
  .option('-n, --namespace <namespace>', 'namespace in the printed kubectl commands', 'default')
  .action(async (options: RouterTrainOptions) => {
    const { routerTrain } = await import('./commands/router-train.js');
    await routerTrain(options);
  });

// A failed command prints one line, not a stack trace; gRPC errors carry their status text.
await program.parseAsync().catch((error: unknown) => {
  const message =
    (error as { details?: string }).details || (error as Error).message || String(error);
  process.stderr.write(`sluice: ${message}\n`);
  process.exitCode = 1;
});
