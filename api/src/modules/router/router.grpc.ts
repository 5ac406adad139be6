import { Injectable } from '@nestjs/common';
import {
  RouterService,
  type ReportOutcomeRequest,
  type ReportShadowVerdictRequest,
  type ReportUsageRequest,
  type ReportUsageStreamRequest,
  type RouteRequest,
} from '@sluice/proto';
import type { CallContext } from '../../grpc/grpc-adapter.js';
import { GrpcService, type ImplementationOf } from '../../grpc/grpc-service.decorator.js';
import { OutcomeService } from './outcome.service.js';
import { RouteService } from './route.service.js';
import { ShadowVerdictService } from './shadow-verdict.service.js';
import { UsageService } from './usage.service.js';

/** sluice.v1.RouterService: one line per RPC (STYLE rule 5); callers are authenticated first. */
@GrpcService(RouterService)
@Injectable()
export class RouterGrpc implements ImplementationOf<typeof RouterService> {
  constructor(
    private readonly routes: RouteService,
    private readonly usage: UsageService,
    private readonly outcomes: OutcomeService,
    private readonly verdicts: ShadowVerdictService,
  ) {}

  route(request: RouteRequest, ctx: CallContext) {
    return this.routes.route(request, ctx);
  }

  reportUsage(request: ReportUsageRequest, ctx: CallContext) {
    return this.usage.reportUsage(request.usage, ctx);
  }

  reportUsageStream(requests: AsyncIterable<ReportUsageStreamRequest>, ctx: CallContext) {
    return this.usage.reportUsageStream(requests, ctx);
  }

  reportOutcome(request: ReportOutcomeRequest, ctx: CallContext) {
    return this.outcomes.reportOutcome(request, ctx);
  }

  reportShadowVerdict(request: ReportShadowVerdictRequest, ctx: CallContext) {
    return this.verdicts.reportShadowVerdict(request, ctx);
  }
}
