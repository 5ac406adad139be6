import { Injectable } from '@nestjs/common';
import {
  EconomicsService as EconomicsServiceSchema,
  type AuditEconomicsRequest,
  type GetCostReportRequest,
  type GetCrossoverRequest,
  type GetSavingsRequest,
  type GetUnitEconomicsRequest,
} from '@sluice/proto';
import type { CallContext } from '../../grpc/grpc-adapter.js';
import { GrpcService, type ImplementationOf } from '../../grpc/grpc-service.decorator.js';
import { AuditService } from './audit/audit.service.js';
import { EconomicsService } from './economics.service.js';

/** sluice.v1.EconomicsService on the wire: one line per RPC (STYLE: thin transport). */
@GrpcService(EconomicsServiceSchema)
@Injectable()
export class EconomicsGrpc implements ImplementationOf<typeof EconomicsServiceSchema> {
  constructor(
    private readonly economics: EconomicsService,
    private readonly audit: AuditService,
  ) {}

  getCostReport = (request: GetCostReportRequest, ctx: CallContext) =>
    this.economics.costReport(request, ctx.caller);

  getUnitEconomics = (request: GetUnitEconomicsRequest, ctx: CallContext) =>
    this.economics.unitEconomics(request, ctx.caller);

  getSavings = (request: GetSavingsRequest, ctx: CallContext) =>
    this.economics.savings(request, ctx.caller);

  getCrossover = (request: GetCrossoverRequest, ctx: CallContext) =>
    this.economics.crossover(request, ctx.caller);

  auditEconomics = (request: AuditEconomicsRequest, ctx: CallContext) =>
    this.audit.audit(request, ctx.caller);
}
