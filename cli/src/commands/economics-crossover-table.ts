// `sluice economics crossover` as a table: per self-hosted model, its own running cost per hour
// against the hosted reference, and the inverse question (how many replicas the traffic needs).
import type { CrossoverRow, GetCrossoverResponse } from '@sluice/proto';
import type { Cell, TableSpec } from '../output/table.js';
import { CENTS, money, NONE_LABEL, percent, type TableView } from './economics-tables.js';

const ref = (r: { namespace: string; name: string } | undefined): string =>
  r === undefined ? '' : `${r.namespace}/${r.name}`;

/** Hours to two places: run time is read, not summed, from the table. */
const hours = (h: number): string => h.toFixed(2);

/** economics.proto: break-even figures are 0 when not computable, which is not a volume. */
const volume = (n: bigint): Cell => (n === 0n ? '-' : Number(n));

const crossoverCells =
  (view: TableView) =>
  (r: CrossoverRow): Cell[] => {
    const ran = r.selfHostedHourlyUsd !== '';
    return [
      ref(r.model),
      r.tier || NONE_LABEL,
      ref(r.hostedReference),
      hours(r.runHours),
      ran ? `${money(r.selfHostedHourlyUsd, view.precision)}/h` : 'did not run',
      ran ? volume(r.breakEvenTokensPerHour) : '-',
      ran ? volume(r.breakEvenQueriesPerMonth) : '-',
      percent(r.utilization),
      r.neededReplicas === 0 ? '-' : r.neededReplicas,
      r.neededReplicasHourlyUsd === ''
        ? '-'
        : `${money(r.neededReplicasHourlyUsd, view.precision)}/h`,
      r.hostedHourlyUsd === '' ? '-' : `${money(r.hostedHourlyUsd, view.precision)}/h`,
      r.cheaper || '-',
    ];
  };

export function crossoverTable(reply: GetCrossoverResponse, view: TableView = CENTS): TableSpec {
  const head = [
    'model',
    'tier',
    'hosted reference',
    'run hours',
    'hourly',
    'break-even tok/h',
    'break-even q/month',
    'utilization',
    'needed replicas',
    'needed hourly',
    'hosted hourly',
    'cheaper',
  ];
  return { head, rows: reply.rows.map(crossoverCells(view)) };
}
