import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Injectable } from '@nestjs/common';
import {
  Granularity,
  GetCostReportRequestSchema,
  GetCostReportResponseSchema,
  GetSavingsRequestSchema,
  GetSavingsResponseSchema,
  GetUnitEconomicsRequestSchema,
  GetUnitEconomicsResponseSchema,
} from '@sluice/proto';
import type { Caller } from '../../grpc/auth/caller.js';
import { GrpcStatus, SluiceError } from '../../grpc/sluice-error.js';
import { EconomicsService } from '../economics/economics.service.js';
import { dashboardData, type DashboardData } from './dashboard-data.js';
import type { DashboardRequest } from './dashboard-request.js';

/** What the page's three reports share: the window, the filters and share_idle. */
const commonFields = (request: DashboardRequest) => ({
  window: { start: timestampFromDate(request.start), end: timestampFromDate(request.end) },
  filters: request.filters.map((f) => ({ dimension: f.dimension, values: [...f.values] })),
  shareIdle: request.shareIdle,
});

/**
 * The page's figures come from the same EconomicsService the gRPC API serves, with the caller's
 * token, so the page can never show a number `sluice economics` would not.
 */
@Injectable()
export class DashboardService {
  constructor(private readonly economics: EconomicsService) {}

  async data(request: DashboardRequest, caller: Caller): Promise<DashboardData> {
    const common = commonFields(request);
    const [costs, unit, savings] = await Promise.all([
      this.economics.costReport(
        create(GetCostReportRequestSchema, { ...common, granularity: request.granularity }),
        caller,
      ),
      this.economics.unitEconomics(create(GetUnitEconomicsRequestSchema, common), caller),
      this.savings(request, caller),
    ]);
    return dashboardData({
      window: request,
      request,
      granularity: Granularity[request.granularity].toLowerCase(),
      costs: create(GetCostReportResponseSchema, costs),
      unit: create(GetUnitEconomicsResponseSchema, unit),
      savings,
    });
  }

  /** Without a priced baseline the other three charts still stand; the page says why. */
  private async savings(request: DashboardRequest, caller: Caller) {
    try {
      const answer = await this.economics.savings(
        create(GetSavingsRequestSchema, { ...commonFields(request), groupBy: [request.savingsBy] }),
        caller,
      );
      return create(GetSavingsResponseSchema, answer);
    } catch (error) {
      if (error instanceof SluiceError && error.code === GrpcStatus.FAILED_PRECONDITION)
        return { unavailable: error.message };
      throw error;
    }
  }
}
