// The recorder's writes. Every write compares with the row in effect at its instant and is a
// no-op when nothing changed, so a restart (which sees every model again) and several API
// replicas (which all see every change) append each change once. Replicas race only on the same
// model at the same moment; a transaction-scoped advisory lock per model serialises them, so the
// second writer's comparison sees the first one's row. A unique constraint could not do this:
// observation instants differ per replica, and a state may legitimately come back (2 -> 3 -> 2).
import type { DataSource, EntityManager } from 'typeorm';
import { requireConnected } from '../../database/query-errors.js';
import type { ModelRef } from '../ledger/ledger.types.js';
import type { PriceSpec } from '../ledger/ledger.repository.js';
import type { CapacityState } from './capacity-state.js';
import { CAPACITY_SQL, PRICE_SQL } from './capacity.sql.js';

export interface CapacityWrites {
  /**
   * Appends the state from `at` on unless the row in effect then (or the next one) equals it.
   * A running row from before `createdAt` was an earlier object's: it ends at `createdAt`.
   */
  recordCapacity(
    model: ModelRef,
    state: CapacityState,
    at: Date,
    createdAt?: Date,
  ): Promise<boolean>;
  /** A deleted model: zero ready replicas from `at` on, if it had any. */
  recordGone(model: ModelRef, at: Date): Promise<boolean>;
  /** Appends a price effective from `at` unless the price in effect then equals it. */
  recordPrice(model: ModelRef, price: PriceSpec, at: Date): Promise<boolean>;
  /** Models whose latest capacity row has ready replicas: the ones a deletion could leave running. */
  running(): Promise<ModelRef[]>;
  /**
   * Every model running at `at` stops there, whatever was recorded after: the run that watched
   * them (a local run, whose cluster dies with it) was killed and last seen alive at `at`.
   */
  recordRunEnded(at: Date): Promise<number>;
}

interface Statement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

export class CapacityStore implements CapacityWrites {
  constructor(private readonly dataSource: DataSource) {}

  recordCapacity(
    model: ModelRef,
    state: CapacityState,
    at: Date,
    createdAt?: Date,
  ): Promise<boolean> {
    const { readyReplicas, gpusPerReplica, gpuHourlyUSD, tier, maxConcurrency } = state;
    const params = [
      ...[model.namespace, model.name, at],
      ...[readyReplicas, gpusPerReplica, gpuHourlyUSD, tier, maxConcurrency],
    ];
    const ended =
      createdAt === undefined
        ? []
        : [{ sql: CAPACITY_SQL.insertEnded, params: [model.namespace, model.name, createdAt] }];
    return this.locked(model, [...ended, { sql: CAPACITY_SQL.insertChanged, params }]);
  }

  recordGone(model: ModelRef, at: Date): Promise<boolean> {
    const params = [model.namespace, model.name, at];
    return this.locked(model, [{ sql: CAPACITY_SQL.insertGone, params }]);
  }

  recordPrice(model: ModelRef, price: PriceSpec, at: Date): Promise<boolean> {
    const external = price.provider === 'external' ? price : undefined;
    const params = [
      model.namespace,
      model.name,
      at,
      price.provider,
      external?.inputPer1M ?? null,
      external?.cachedInputPer1M ?? null,
      external?.outputPer1M ?? null,
      price.provider === 'vllm' ? price.gpuHourlyUSD : null,
    ];
    return this.locked(model, [{ sql: PRICE_SQL.insertChanged, params }]);
  }

  async running(): Promise<ModelRef[]> {
    const rows = await requireConnected(this.dataSource).query<
      Array<{ model_namespace: string; model_name: string }>
    >(CAPACITY_SQL.running);
    return rows.map((r) => ({ namespace: r.model_namespace, name: r.model_name }));
  }

  async recordRunEnded(at: Date): Promise<number> {
    const rows = await requireConnected(this.dataSource).query<
      Array<{ model_namespace: string; model_name: string }>
    >(CAPACITY_SQL.runningAt, [at]);
    let stopped = 0;
    for (const { model_namespace: namespace, model_name: name } of rows) {
      const params = [namespace, name, at];
      if (await this.locked({ namespace, name }, [{ sql: CAPACITY_SQL.insertStopped, params }]))
        stopped += 1;
    }
    return stopped;
  }

  /** Runs the statements in order under the model's lock; true if any of them wrote. */
  private locked(model: ModelRef, statements: Statement[]): Promise<boolean> {
    return requireConnected(this.dataSource).transaction(async (manager: EntityManager) => {
      await manager.query(CAPACITY_SQL.lock, [`${model.namespace}/${model.name}`]);
      let wrote = false;
      for (const { sql, params } of statements)
        wrote = (await manager.query<unknown[]>(sql, params)).length > 0 || wrote;
      return wrote;
    });
  }
}
