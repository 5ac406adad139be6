import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DependencyProbe } from '../modules/system/dependency-probe.js';
import { DatabaseConnector } from './database-connector.js';

/** Shorter than the status RPC's own deadline, so the report says why rather than "timed out". */
export const HEALTH_QUERY_TIMEOUT_MS = 1000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to select 1 within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Whether PostgreSQL answers now, for the status RPC. Not for liveness: restarting the API does
 * not bring a database back, and SPEC section 6 wants the API serving through the outage.
 */
@Injectable()
export class DatabaseHealth implements DependencyProbe {
  readonly name = 'postgres';

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly connector: DatabaseConnector,
  ) {}

  /** Resolves when `select 1` succeeds; rejects with the reason otherwise. */
  async check(): Promise<void> {
    const problem = this.connector.problem;
    if (problem !== undefined) throw new Error(`not connected: ${problem}`);
    await withTimeout(this.dataSource.query<unknown>('select 1'), HEALTH_QUERY_TIMEOUT_MS);
  }

  isUp(): Promise<boolean> {
    return this.check().then(
      () => true,
      () => false,
    );
  }
}
