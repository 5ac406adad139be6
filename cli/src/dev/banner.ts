// What `sluice dev` prints once everything is up: where each piece listens and how to use it.
import type { FakeBackend } from './fake-backends.js';
import { withoutPassword, type RedisInUse } from './local-redis.js';

export interface BannerFacts {
  readonly grpc: string;
  readonly http: string;
  readonly tokenFile: string;
  /** The test server's kubeconfig; undefined when an existing cluster (KUBECONFIG) is used. */
  readonly kubeconfig: string | undefined;
  readonly existingCluster: string | undefined;
  readonly backends: readonly FakeBackend[];
  readonly redis: RedisInUse;
}

export function banner(facts: BannerFacts): string {
  return [
    '',
    'Sluice is running locally.',
    `  gRPC API     ${facts.grpc}   (try: npx sluice health --address ${facts.grpc})`,
    `  HTTP         ${facts.http}/healthz  ${facts.http}/readyz  ${facts.http}/metrics`,
    `  API token    ${facts.tokenFile}   (platform admin, tenant "local"; sluice route/economics/tokens read it)`,
    `  Dashboard    ${facts.http}/dashboard   (unit economics; paste the API token, or add #token=<it>)`,
    `  Redis        ${redisLine(facts.redis)}`,
    ...clusterLines(facts),
    '  Stop with Ctrl-C.',
    '',
  ].join('\n');
}

const REDIS_SOURCES: Record<RedisInUse['source'], string> = {
  private: 'private redis-server, append-only file in .sluice/redis; stops with sluice dev',
  REDIS_URL: 'REDIS_URL',
  conventional: 'no redis-server on PATH: install Redis for a private one, or set REDIS_URL',
};

export function redisLine(redis: RedisInUse): string {
  return `${withoutPassword(redis.url)}   (${REDIS_SOURCES[redis.source]})`;
}

function clusterLines(facts: BannerFacts): string[] {
  if (facts.kubeconfig === undefined) {
    return [
      `  Kubernetes   your cluster (KUBECONFIG=${facts.existingCluster ?? ''}); nothing applied`,
    ];
  }
  return [
    `  Kubernetes   test API server, no kubelet: export KUBECONFIG=${facts.kubeconfig}; kubectl get inferencemodels`,
    '               examples/ applied; the operator runs in-process',
    '  LOCAL ONLY   Deployment status is reported ready by a local kubelet stand-in (after 2 s),',
    '               ScaledObjects are evaluated by a KEDA stand-in (demand from /metrics), and Route',
    '               returns these fake vLLM URLs (deterministic text, not a model) instead of the',
    "               models' in-cluster Service endpoints:",
    ...facts.backends.map((b) => `                 ${b.model.name.padEnd(20)} ${b.endpoint}`),
  ];
}
