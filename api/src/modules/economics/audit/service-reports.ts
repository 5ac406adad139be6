import { create } from '@bufbuild/protobuf';
import {
  GetCostReportRequestSchema,
  GetCostReportResponseSchema,
  GetCrossoverRequestSchema,
  GetCrossoverResponseSchema,
  GetSavingsRequestSchema,
  GetSavingsResponseSchema,
  GetUnitEconomicsRequestSchema,
  GetUnitEconomicsResponseSchema,
  type TimeWindow,
} from '@sluice/proto';
import type { Caller } from '../../../grpc/auth/caller.js';
import { GrpcStatus, SluiceError } from '../../../grpc/sluice-error.js';
import type { EconomicsService } from '../economics.service.js';
import { MAX_LIMIT } from '../economics.request.js';
import { REPORTS } from './audit-reports.js';
import { TOTAL, type FigureRow, type ReportFigures, type ReportRefusal } from './figures.js';
import {
  costFigures,
  crossoverFigures,
  savingsFigures,
  serviceGroup,
  unitFigures,
} from './service-figures.js';

const byGroup = <R extends { group: Parameters<typeof serviceGroup>[0] }>(
  rows: readonly R[],
  total: R | undefined,
  figures: (row: R) => FigureRow,
): Map<string, FigureRow> => {
  const map = new Map(rows.map((r) => [serviceGroup(r.group), figures(r)]));
  if (total !== undefined) map.set(TOTAL, figures(total));
  return map;
};

/** The service's answers for one grouping, asked in-process as an unscoped admin, limit max. */
export async function serviceReports(
  economics: EconomicsService,
  window: TimeWindow,
  groupBy: readonly string[],
  caller: Caller,
): Promise<Array<ReportFigures | ReportRefusal>> {
  const common = { window, groupBy: [...groupBy], limit: MAX_LIMIT };
  const label = groupBy.join(',');
  const cost = async (shareIdle: boolean, report: string): Promise<ReportFigures> => {
    const request = create(GetCostReportRequestSchema, { ...common, shareIdle });
    const reply = create(GetCostReportResponseSchema, await economics.costReport(request, caller));
    return { report, groupBy: label, rows: byGroup(reply.rows, reply.total, costFigures) };
  };
  const unitRequest = create(GetUnitEconomicsRequestSchema, common);
  const unit = create(
    GetUnitEconomicsResponseSchema,
    await economics.unitEconomics(unitRequest, caller),
  );
  return [
    await cost(false, REPORTS.cost),
    await cost(true, REPORTS.costShared),
    { report: REPORTS.unit, groupBy: label, rows: byGroup(unit.rows, unit.total, unitFigures) },
    await savings(economics, create(GetSavingsRequestSchema, common), caller, label),
  ];
}

async function savings(
  economics: EconomicsService,
  request: ReturnType<typeof create<typeof GetSavingsRequestSchema>>,
  caller: Caller,
  groupBy: string,
): Promise<ReportFigures | ReportRefusal> {
  try {
    const reply = create(GetSavingsResponseSchema, await economics.savings(request, caller));
    const rows = byGroup(reply.rows, reply.total, savingsFigures);
    return { report: REPORTS.savings, groupBy, rows };
  } catch (error) {
    if (error instanceof SluiceError && error.code === GrpcStatus.FAILED_PRECONDITION) {
      return { report: REPORTS.savings, groupBy, code: error.code };
    }
    throw error;
  }
}

export async function serviceCrossover(
  economics: EconomicsService,
  window: TimeWindow,
  caller: Caller,
): Promise<ReportFigures> {
  const request = create(GetCrossoverRequestSchema, { window });
  const reply = create(GetCrossoverResponseSchema, await economics.crossover(request, caller));
  const rows = new Map(
    reply.rows.map((r) => [
      `${r.model?.namespace ?? ''}/${r.model?.name ?? ''}`,
      crossoverFigures(r),
    ]),
  );
  return { report: REPORTS.crossover, groupBy: 'model', rows };
}
