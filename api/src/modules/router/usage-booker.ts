import { Injectable } from '@nestjs/common';
import { UsageStatus, type UsageReport as WireUsage } from '@sluice/proto';
import type { ModelRef } from '../ledger/ledger.types.js';
import { LedgerSink } from './ledger-sink.js';
import type { RoutedDecision } from './routed-decision.js';
import { RouterMemory, RouterViews } from './router-state.js';
import { toLedgerUsage } from './usage-input.js';

/**
 * Books one checked report: joined with its decision into the ledger's report and enqueued;
 * a cacheable answer is then stored under the decision's prompt, naming the decision.
 */
@Injectable()
export class UsageBooker {
  constructor(
    private readonly sink: LedgerSink,
    private readonly memory: RouterMemory,
    private readonly views: RouterViews,
  ) {}

  /** `receivedAt` is when the API took the report: its time when it carries none. */
  async book(
    usage: WireUsage,
    routed: RoutedDecision,
    receivedAt: Date,
  ): Promise<{ duplicate: boolean }> {
    const report = toLedgerUsage(usage, routed, this.calledModel(usage, routed), receivedAt);
    const { duplicate } = await this.sink.submitUsage(report);
    if (!duplicate) await this.storeAnswer(usage, routed, report.model);
    return { duplicate };
  }

  /** The model actually called: the report's (a fallback, booked at its prices) or the target. */
  private calledModel(usage: WireUsage, routed: RoutedDecision): { model: ModelRef; tier: string } {
    const { record } = routed;
    const named = usage.model;
    if (named === undefined || named.name === record.model.name) return record;
    const namespace = named.namespace || record.model.namespace;
    const view = this.views.routing.snapshot(record.policy.namespace, record.policy.name);
    const tier = view?.models.get(named.name)?.tier ?? record.tier;
    return { model: { namespace, name: named.name }, tier };
  }

  private async storeAnswer(usage: WireUsage, routed: RoutedDecision, model: ModelRef) {
    const cache = routed.cache;
    if (!usage.cacheable || usage.status !== UsageStatus.OK || usage.responseText === '') return;
    if (cache === undefined) return;
    await this.memory.cache.store({
      tenant: routed.record.tenantId,
      ...(cache.tokenScope === undefined ? {} : { tokenScope: cache.tokenScope }),
      policy: routed.record.policy,
      ...cache.request,
      settings: cache.settings,
      response: {
        content: usage.responseText,
        model: model.name,
        outputTokens: usage.outputTokens,
        sourceDecisionId: usage.decisionId,
      },
    });
  }
}
