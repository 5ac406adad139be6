// SpendView for Route's budget check: month-to-date spend per budget tag, read from the ledger
// through EconomicsService (the same figures FinOps sees, GPU cost spread included) in the
// background, never on the hot path. Until the first refresh, budgets are not enforced.
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { GetCostReportRequestSchema } from '@sluice/proto';
import { PinoLogger } from 'nestjs-pino';
import type { Caller } from '../../grpc/auth/caller.js';
import { MAX_LIMIT } from '../economics/economics.request.js';
import { EconomicsService } from '../economics/economics.service.js';
import type { Micros, SpendSnapshot } from '../routing/engine/index.js';
import { FailureLatch } from '../../util/failure-latch.js';
import { runPeriodically, type Periodic } from '../../util/periodic.js';
import { ROUTING_VIEW, type RoutingView, type SpendView } from '../routing/routing-view.js';
import { budgetTags, monthToDate, spendSnapshot, usdToMicrosCeil } from './spend-snapshot.js';

/** Every tenant's traffic counts against a policy's budget: the policy is the cluster's. */
const BUDGET_READER: Caller = {
  tenantId: '',
  tenantName: 'sluice-budgets',
  tokenId: '',
  scope: {},
  admin: true,
};

export const BUDGET_REFRESH_MS = Symbol('BUDGET_REFRESH_MS');

@Injectable()
export class LedgerSpendView implements SpendView, OnApplicationBootstrap, OnModuleDestroy {
  private snapshot: SpendSnapshot | undefined;
  private refresher: Periodic | undefined;
  private readonly reads: FailureLatch;

  constructor(
    @Inject(ROUTING_VIEW) private readonly routing: RoutingView,
    private readonly economics: EconomicsService,
    @Inject(BUDGET_REFRESH_MS) private readonly refreshMs: number,
    logger: PinoLogger,
  ) {
    logger.setContext('LedgerSpendView');
    this.reads = new FailureLatch(logger, {
      failed: 'Failed to read budget spend',
      recovered: 'Budget spend readable again',
    });
  }

  current(): SpendSnapshot | undefined {
    return this.snapshot;
  }

  onApplicationBootstrap(): void {
    this.refresher = runPeriodically(() => this.refresh(), this.refreshMs);
  }

  onModuleDestroy(): void {
    this.refresher?.stop();
  }

  /** Totals every budget tag of every current policy; keeps the last snapshot on failure. */
  async refresh(now = new Date()): Promise<void> {
    const tags = budgetTags(this.routing.snapshots().map((s) => s.policy));
    try {
      const totals = new Map<string, Micros>();
      for (const [key, values] of tags) {
        const spent = await this.spentBy(key, now);
        values.forEach((value) => totals.set(`${key}=${value}`, spent.get(value) ?? 0n));
      }
      this.snapshot = spendSnapshot(now, totals);
      this.reads.succeeded();
    } catch (error) {
      this.reads.failed(error);
    }
  }

  private async spentBy(key: string, now: Date): Promise<Map<string, Micros>> {
    const { start, end } = monthToDate(now);
    if (end <= start) return new Map();
    const request = create(GetCostReportRequestSchema, {
      window: { start: timestampFromDate(start), end: timestampFromDate(end) },
      groupBy: [`tag:${key}`],
      limit: MAX_LIMIT,
    });
    const report = await this.economics.costReport(request, BUDGET_READER);
    const spent = new Map<string, Micros>();
    for (const row of report.rows ?? []) addRow(spent, row.group?.[0]?.value, row.cost?.totalUsd);
    return spent;
  }
}

function addRow(spent: Map<string, Micros>, value?: string, totalUsd?: string): void {
  const micros = usdToMicrosCeil(totalUsd ?? '');
  if (!value || micros === undefined) return;
  spent.set(value, (spent.get(value) ?? 0n) + micros);
}
