import type { MemoryReading } from './soak-api.js';

export interface Sample extends MemoryReading {
  readonly label: string;
  readonly seconds: number;
  readonly calls: number;
}

const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);
const signed = (bytes: number): string => `${bytes >= 0 ? '+' : ''}${mib(bytes)}`;

function row(s: Sample): string {
  const structures = Object.entries(s.structures)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  return [
    (s.label || '-').padEnd(8),
    `${s.seconds.toFixed(0).padStart(5)} s`,
    `${String(s.calls).padStart(8)} calls`,
    `rss ${mib(s.rssBytes).padStart(7)} MiB`,
    `heap ${mib(s.heapUsedBytes).padStart(7)} MiB`,
    `external ${mib(s.externalBytes).padStart(6)} MiB`,
    structures,
  ].join('  ');
}

/** One line per sample; with `summary`, the growth from plateau to end below them. */
export function soakTable(samples: readonly Sample[], summary: boolean): string {
  const lines = samples.map(row);
  const plateau = samples.find((s) => s.label === 'plateau');
  const end = samples.find((s) => s.label === 'end');
  if (summary && plateau && end) {
    const calls = end.calls - plateau.calls;
    lines.push(
      `plateau -> end (${calls} calls): rss ${signed(end.rssBytes - plateau.rssBytes)} MiB, ` +
        `live heap ${signed(end.heapUsedBytes - plateau.heapUsedBytes)} MiB ` +
        `(${calls > 0 ? ((end.heapUsedBytes - plateau.heapUsedBytes) / calls).toFixed(1) : '0'} bytes per call)`,
    );
  }
  return lines.join('\n');
}
