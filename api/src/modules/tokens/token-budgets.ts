// Route's check of a token's own monthly budget. Month-to-date spend of every budgeted token is
// read from the ledger in the background (every 30 s, like the policies' budgets), never on the
// hot path; until the first read, token budgets are not enforced.
import {
  Inject,
  Injectable,
  Optional,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import type { Caller } from '../../grpc/auth/caller.js';
import { requireConnected } from '../../database/query-errors.js';
import { monthToDate } from '../budgets/spend-snapshot.js';
import { parsePicos, type Picos } from '../ledger/money.js';
import { monthOf } from '../routing/engine/index.js';
import { FailureLatch } from '../../util/failure-latch.js';
import { runPeriodically, type Periodic } from '../../util/periodic.js';
import { budgetError, spentThisMonth, type TokenSpendSnapshot } from './token-spend.js';

export const TOKEN_BUDGET_REFRESH_MS = Symbol('TOKEN_BUDGET_REFRESH_MS');
const DEFAULT_REFRESH_MS = 30_000;

/**
 * What the ledger charged the decisions each live budgeted token made this month: the usage
 * rows of its decisions (token-priced calls; self-hosted GPU time is shared capacity, spread
 * over everyone's traffic at report time, and is not charged to one token).
 */
const SPEND_SQL = `
  SELECT d.token_id AS id, sum(u.cost_usd)::text AS spent
  FROM api_tokens k
  JOIN route_decisions d ON d.token_id = k.id AND d.created_at >= $1
  JOIN usage_records u ON u.decision_id = d.decision_id AND u.tenant_id = d.tenant_id
  WHERE k.monthly_budget_usd IS NOT NULL AND k.revoked_at IS NULL
    AND (k.expires_at IS NULL OR k.expires_at > $2)
    AND u.occurred_at >= $1 AND u.occurred_at < $2
  GROUP BY d.token_id`;

@Injectable()
export class TokenBudgets implements OnApplicationBootstrap, OnModuleDestroy {
  private snapshot: TokenSpendSnapshot | undefined;
  private refresher: Periodic | undefined;
  private readonly reads: FailureLatch;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    logger: PinoLogger,
    @Optional() @Inject(TOKEN_BUDGET_REFRESH_MS) private readonly refreshMs = DEFAULT_REFRESH_MS,
  ) {
    logger.setContext('TokenBudgets');
    this.reads = new FailureLatch(logger, {
      failed: 'Failed to read token budget spend',
      recovered: 'Token budget spend readable again',
    });
  }

  /** Throws RESOURCE_EXHAUSTED when the caller's token has spent its own monthly budget. */
  enforce(caller: Caller, now = new Date()): void {
    const budget = caller.monthlyBudgetUsd;
    if (budget === undefined || budget === null) return;
    const spent = spentThisMonth(this.snapshot, caller.tokenId, now);
    const error = budgetError(
      { name: caller.tokenName ?? caller.tokenId, monthlyBudgetUsd: budget },
      spent,
    );
    if (error !== undefined) throw error;
  }

  /** A budgeted token's month-to-date spend as last read; undefined before the first read. */
  spent(tokenId: string, now = new Date()): Picos | undefined {
    return spentThisMonth(this.snapshot, tokenId, now);
  }

  onApplicationBootstrap(): void {
    this.refresher = runPeriodically(() => this.refresh(), this.refreshMs);
  }

  onModuleDestroy(): void {
    this.refresher?.stop();
  }

  /** Re-reads every budgeted token's spend; keeps the last snapshot on failure. */
  async refresh(now = new Date()): Promise<void> {
    const { start, end } = monthToDate(now);
    try {
      const rows = await requireConnected(this.dataSource).query<{ id: string; spent: string }[]>(
        SPEND_SQL,
        [start, end],
      );
      const spent = new Map<string, Picos>(rows.map((r) => [r.id, parsePicos(r.spent)]));
      this.snapshot = { month: monthOf(now), spent };
      this.reads.succeeded();
    } catch (error) {
      this.reads.failed(error);
    }
  }
}
