import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Injectable } from '@nestjs/common';
import {
  AuditEconomicsRequestSchema,
  type AuditEconomicsRequest,
  type AuditEconomicsResponseSchema,
  type TimeWindow,
} from '@sluice/proto';
import { roleOf, type Caller } from '../../../grpc/auth/caller.js';
import { GrpcStatus, SluiceError } from '../../../grpc/sluice-error.js';
import { assertStorable } from '../../../grpc/validation/storable.js';
import type { Window } from '../../ledger/capacity-cost.js';
import { EconomicsService } from '../economics.service.js';
import { validateWindow } from '../window.js';
import {
  auditedCrossover,
  auditedGroupings,
  REPORTS,
  type AuditedGrouping,
} from './audit-reports.js';
import { AuditRepository } from './audit.repository.js';
import { compareReport, type Comparison } from './compare.js';
import type { ReportFigures, ReportRefusal } from './figures.js';
import { serviceCrossover, serviceReports } from './service-reports.js';

export const MAX_DIFFERENCES = 1000;

const refused = (r: ReportFigures | ReportRefusal): r is ReportRefusal => 'code' in r;

function platformAdmin(caller: Caller | undefined): Caller {
  if (caller === undefined) throw new SluiceError(GrpcStatus.UNAUTHENTICATED, 'send an API token');
  if (roleOf(caller) !== 'platform_admin') {
    throw new SluiceError(GrpcStatus.PERMISSION_DENIED, 'AuditEconomics is for platform admins');
  }
  // The audit recomputes everything, idle lines included: the service must answer unscoped too.
  return { ...caller, scope: {}, admin: true };
}

/** A closed window: an open one changes while it is read, and both sides would differ rightly. */
function closedWindow(wire: TimeWindow | undefined, now: Date): Window {
  const start = wire?.start === undefined ? undefined : timestampDate(wire.start);
  const end = wire?.end === undefined ? undefined : timestampDate(wire.end);
  const window = validateWindow(start, end);
  if (window.to.getTime() > now.getTime()) {
    throw SluiceError.invalidArgument('window.end', 'must not be after now (a closed window)');
  }
  return window;
}

/** AuditEconomics: the service's figures for a closed window against the audit's own SQL. */
@Injectable()
export class AuditService {
  constructor(
    private readonly economics: EconomicsService,
    private readonly repository: AuditRepository,
  ) {}

  async audit(
    request: AuditEconomicsRequest,
    caller: Caller | undefined,
    now: Date = new Date(),
  ): Promise<MessageInitShape<typeof AuditEconomicsResponseSchema>> {
    // Timestamps PostgreSQL cannot hold (and nanos out of range) are INVALID_ARGUMENT here too.
    assertStorable(AuditEconomicsRequestSchema, request);
    const admin = platformAdmin(caller);
    const window = closedWindow(request.window, now);
    const wire = request.window as TimeWindow;
    const comparison: Comparison = { checked: 0n, differences: [] };
    const audited = await this.repository.read(window);
    for (const grouping of auditedGroupings(audited)) {
      const answers = await serviceReports(this.economics, wire, grouping.groupBy, admin);
      answers.forEach((answer) => compareAnswer(comparison, grouping, answer));
    }
    const crossover = await serviceCrossover(this.economics, wire, admin);
    compareReport(comparison, crossover, auditedCrossover(audited));
    return {
      figuresChecked: comparison.checked,
      differences: comparison.differences.slice(0, MAX_DIFFERENCES),
      truncated: comparison.differences.length > MAX_DIFFERENCES,
    };
  }
}

function compareAnswer(
  into: Comparison,
  grouping: AuditedGrouping,
  answer: ReportFigures | ReportRefusal,
): void {
  if (answer.report === REPORTS.savings && (grouping.savingsRefused || refused(answer))) {
    checkRefusal(into, answer, grouping.savingsRefused);
    return;
  }
  const mine = grouping.reports.find((r) => r.report === answer.report);
  if (mine !== undefined && !refused(answer)) compareReport(into, answer, mine);
}

/** README "Savings": a query without a baseline makes GetSavings FAILED_PRECONDITION. */
function checkRefusal(into: Comparison, answer: ReportFigures | ReportRefusal, expected: boolean) {
  into.checked += 1n;
  const got = refused(answer) ? 'FAILED_PRECONDITION' : 'OK';
  const want = expected ? 'FAILED_PRECONDITION' : 'OK';
  if (got === want) return;
  into.differences.push({
    report: answer.report,
    groupBy: answer.groupBy,
    group: 'total',
    figure: 'status',
    serviceValue: got,
    auditValue: want,
  });
}
