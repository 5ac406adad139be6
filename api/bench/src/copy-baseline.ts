import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';

const SCRATCH = 'bench_usage_copy';

export interface CopyFigures {
  /** COPY FROM STDIN (text format) of the rows, into a table of usage_records' shape. */
  readonly copyMs: number;
  /** One INSERT ... SELECT FROM unnest of the same rows (what a batch of the writer does). */
  readonly insertMs: number;
}

async function withClient<T>(dataSource: DataSource, use: (c: PoolClient) => Promise<T>) {
  const runner = dataSource.createQueryRunner();
  try {
    return await use((await runner.connect()) as PoolClient);
  } finally {
    await runner.release();
  }
}

async function copyOut(client: PoolClient, sql: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write: (chunk: Buffer, _encoding, done) => done(void chunks.push(chunk)),
  });
  await pipeline(client.query(copyTo(sql)), sink);
  return Buffer.concat(chunks);
}

/**
 * The baseline of usage ingest: the very rows ingest committed for `tenantId`, read out as COPY
 * text and written back by COPY FROM STDIN into a scratch table LIKE usage_records INCLUDING ALL
 * (same columns, primary key, indexes and checks; no foreign keys). The clock runs for the COPY
 * alone: the textbook floor of loading these rows, with nothing to price, check or acknowledge.
 * Also timed, the same rows by one INSERT ... SELECT FROM unnest, the writer's statement before.
 */
export async function copyBaseline(dataSource: DataSource, tenantId: string): Promise<CopyFigures> {
  return withClient(dataSource, async (client) => {
    await client.query(`CREATE TABLE ${SCRATCH} (LIKE usage_records INCLUDING ALL)`);
    try {
      const rows = `SELECT * FROM usage_records WHERE tenant_id = '${tenantId}'`;
      const text = await copyOut(client, `COPY (${rows}) TO STDOUT`);
      const started = performance.now();
      const copying = client.query(copyFrom(`COPY ${SCRATCH} FROM STDIN`));
      const done = once(copying, 'finish');
      Readable.from([text]).pipe(copying);
      await done;
      const copyMs = performance.now() - started;
      await client.query(`TRUNCATE ${SCRATCH}`);
      const insertMs = await insertUnnest(client, rows);
      return { copyMs, insertMs };
    } finally {
      await client.query(`DROP TABLE ${SCRATCH}`);
    }
  });
}

/** The rows as one array per column, then one INSERT ... unnest of them, timed. */
async function insertUnnest(client: PoolClient, rows: string): Promise<number> {
  const columns = await client.query<{ name: string; type: string }>(
    `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
      WHERE attrelid = 'usage_records'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
  );
  const names = columns.rows.map((c) => `"${c.name}"`);
  const arrays = await client.query<Record<string, unknown[]>>(
    `SELECT ${names.map((n) => `array_agg(${n}::text) AS ${n}`).join(', ')} FROM (${rows}) r`,
  );
  const parameters = columns.rows.map((c) => arrays.rows[0]?.[c.name] ?? []);
  const unnest = columns.rows.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const started = performance.now();
  await client.query(
    `INSERT INTO ${SCRATCH} (${names.join(', ')}) SELECT * FROM unnest(${unnest})`,
    parameters,
  );
  return performance.now() - started;
}
