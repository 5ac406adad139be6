import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Injectable } from '@nestjs/common';
import type { AuditEconomicsRequest, AuditEconomicsResponseSchema } from '@sluice/proto';
import { roleOf, type Caller } from '../../../grpc/auth/caller.js';
import { GrpcStatus, SluiceError } from '../../../grpc/sluice-error.js';
import { EconomicsService } from '../economics.service.js';
import { validateWindow } from '../window.js';
import { auditedCrossover, auditedGroupings, REPORTS } from './audit-reports.js';
import { AuditRepository } from './audit.repository.js';
import { compareReport, type Comparison } from './compare.js';
import type { ReportFigures, ReportRefusal } from './figures.js';
import { serviceCrossover, serviceReports } from './service-reports.js';

export const MAX_DIFFERENCES = 1000;

const refused = (r: ReportFigures | ReportRefusal): r is ReportRefusal => 'code' in r;

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
    if (caller === undefined) throw new SluiceError(GrpcStatus.UNAUTHENTICATED, 'send an API token');
    if (roleOf(caller) !== 'platform_admin') {
      throw new SluiceError(GrpcStatus.PERMISSION_DENIED, 'AuditEconomics is for platform admins');
    }
    const w = request.window;
    const window = validateWindow(
      w?.start && timestampDate(w.start),
      w?.end && timestampDate(w.end),
    );
    // An open window changes while it is read: both sides would be right and still differ.
    if (window.to.getTime() > now.getTime()) {
      throw SluiceError.invalidArgument('window.end', 'must not be after now (a closed window)');
    }
    const admin: Caller = { ...caller, scope: {}, admin: true };
    const comparison: Comparison = { checked: 0n, differences: [] };
    const audited = await this.repository.read(window);
    for (const grouping of auditedGroupings(audited)) {
      const service = await serviceReports(this.economics, w!, grouping.groupBy, admin);
      for (const answer of service) {
        const mine = grouping.reports.find((r) => r.report === answer.report);
        if (mine === undefined) continue;
        if (answer.report === REPORTS.savings && (grouping.savingsRefused || refused(answer))) {
          checkRefusal(comparison, answer, grouping.savingsRefused);
        } else if (!refused(answer)) compareReport(comparison, answer, mine);
      }
    }
    const crossover = await serviceCrossover(this.economics, w!, admin);
    compareReport(comparison, crossover, auditedCrossover(audited));
    return {
      figuresChecked: comparison.checked,
      differences: comparison.differences.slice(0, MAX_DIFFERENCES),
      truncated: comparison.differences.length > MAX_DIFFERENCES,
    };
  }
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
