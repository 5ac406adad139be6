// make bench-operator: N InferenceModels applied to the test server with the operator running in
// a child process. Prints the time from the first apply to every child created against the floor
// the client rate limiter sets (requests / KUBE_QPS), the requests of a no-op resync, the
// operator's RSS, and Events' share of its writes (issue 15 goal 5).
import { setTimeout as sleep } from 'node:timers/promises';
import {
  benchModel,
  childrenCreated,
  CHILD_KINDS,
  OPERATOR_USER,
  startBenchCluster,
} from './bench-cluster.js';
import { startOperatorProcess, until } from './operator-process.js';
import { countRequests, reconcileClientRequests } from './request-counts.js';
import { fmt, machine, table, writeResults } from './report.js';

const N = wholeNumber('OPERATOR_MODELS', 1000);
const RESYNC_SECONDS = wholeNumber('OPERATOR_RESYNC_SECONDS', 60);
const QPS = wholeNumber('KUBE_QPS', 20);
const BURST = wholeNumber('KUBE_BURST', 30);
const APPLY_CONCURRENCY = 16;

function wholeNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name}: expected a whole number >= 1, got ${raw}`);
  return value;
}

const cluster = await startBenchCluster();
const log = cluster.server.requests;
if (!log) throw new Error('The test server keeps no request log');
const sent = () => log.entries({ user: OPERATOR_USER });
const operator = await startOperatorProcess(cluster.kubeconfigPath, {
  KUBE_QPS: String(QPS),
  KUBE_BURST: String(BURST),
  RESYNC_SECONDS: String(RESYNC_SECONDS),
});
console.log(`Operator bench: ${N} InferenceModels, KUBE_QPS ${QPS}, burst ${BURST} (${machine()})`);

// Apply every model, as fast as the (unlimited) bench client goes.
const before = sent().length;
const started = performance.now();
const names = Array.from({ length: N }, (_, i) => `bench-${i}`);
for (let i = 0; i < N; i += APPLY_CONCURRENCY) {
  const batch = names.slice(i, i + APPLY_CONCURRENCY);
  await Promise.all(
    batch.map((name) =>
      cluster.custom.createNamespacedCustomObject({
        group: 'sluice.dev',
        version: 'v1alpha1',
        plural: 'inferencemodels',
        namespace: 'default',
        body: benchModel(name),
      }),
    ),
  );
}
const applied = (performance.now() - started) / 1000;
const expected = N * CHILD_KINDS.length;
await until(() => childrenCreated(cluster.server) >= expected, 3_600_000, 250);
const allChildren = (performance.now() - started) / 1000;
const window = countRequests(sent().slice(before));
const rssAtChildren = operator.rss();

// Quiet: no request but watches for 5 s (status writes and Events trail the children).
const nonWatch = () => sent().filter((r) => r.verb !== 'watch').length;
let last = nonWatch();
let quietSince = performance.now();
await until(
  () => {
    const now = nonWatch();
    if (now !== last) [last, quietSince] = [now, performance.now()];
    return performance.now() - quietSince >= 5000;
  },
  1_800_000,
  250,
);
const settled = (performance.now() - started) / 1000;
const whole = countRequests(sent().slice(before));

// A no-op resync: every model reconciled again (the informer's resync), nothing to send.
const reconcilesBefore = await operator.reconciles();
const resyncFrom = nonWatch();
await until(
  async () => (await operator.reconciles()) >= reconcilesBefore + N,
  (RESYNC_SECONDS + 120) * 1000,
  500,
);
await sleep(2000);
const resyncRequests = nonWatch() - resyncFrom;
const resynced = (await operator.reconciles()) - reconcilesBefore;
const rssEnd = operator.rss();
await operator.stop();
await cluster.server.close();

const floorOf = (requests: number): number => Math.max(0, requests - BURST) / QPS;
const clientRequests = reconcileClientRequests(window);
const floor = floorOf(clientRequests);
const childFloor = floorOf(window.childCreates);
const eventShare = whole.eventWrites / (whole.eventWrites + whole.otherWrites);
const rows = [
  ['figure', 'value', 'goal'],
  ['models applied (s)', fmt(applied), ''],
  ['apply -> every child created (s)', fmt(allChildren), ''],
  [`floor: ${clientRequests} reconcile-client requests / ${QPS} QPS (s)`, fmt(floor), ''],
  ['  ratio to that floor', fmt(allChildren / floor), '<= 1.2'],
  [`floor: ${window.childCreates} child creates / ${QPS} QPS (s)`, fmt(childFloor), ''],
  ['  ratio to child creates alone', fmt(allChildren / childFloor), ''],
  ['apply -> quiet (s)', fmt(settled), ''],
  [`no-op resync: requests (${resynced} reconciles)`, String(resyncRequests), '0'],
  ['RSS peak (MiB)', fmt(rssEnd.peak), '< 300'],
  ['RSS at every child / end (MiB)', `${fmt(rssAtChildren.now)} / ${fmt(rssEnd.now)}`, ''],
  [
    `Events' share of writes (${whole.eventWrites} of ${whole.eventWrites + whole.otherWrites})`,
    `${fmt(eventShare * 100)}%`,
    '',
  ],
];
console.log(`\n${table(rows)}`);
console.log(
  `\nUntil every child: ${window.otherWrites} writes but Events, ${window.reads} reads, ` +
    `${window.watches} watches, ${window.eventWrites} Event writes (own bucket, not in the floor).`,
);
const path = writeResults({
  date: new Date().toISOString(),
  machine: machine(),
  models: N,
  qps: QPS,
  burst: BURST,
  seconds: { applied, allChildren, floor, childFloor, settled },
  ratio: allChildren / floor,
  untilEveryChild: window,
  untilQuiet: whole,
  noOpResync: { reconciles: resynced, requests: resyncRequests },
  rssMiB: { atEveryChild: rssAtChildren.now, end: rssEnd.now, peak: rssEnd.peak },
  eventShare,
});
console.log(`\nFigures written to ${path}`);
