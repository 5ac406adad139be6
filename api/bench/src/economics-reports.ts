// The reports `make bench-economics` times, called on EconomicsService in process (the gRPC layer
// is the same for every RPC and is measured by `make bench`).
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  GetCostReportRequestSchema,
  GetCrossoverRequestSchema,
  GetSavingsRequestSchema,
  GetUnitEconomicsRequestSchema,
  Granularity,
} from '@sluice/proto';
import type { DataSource } from 'typeorm';
import type { Caller } from '../../dist/grpc/auth/caller.js';
import { EconomicsLoader } from '../../dist/modules/economics/economics-loader.js';
import { EconomicsRepository } from '../../dist/modules/economics/economics.repository.js';
import { EconomicsService } from '../../dist/modules/economics/economics.service.js';

type Span = { readonly from: Date; readonly to: Date };

export interface Report {
  readonly name: string;
  readonly run: (window: Span) => Promise<unknown>;
}

export const caller = (tenantId: string, admin: boolean): Caller => ({
  tenantId,
  tenantName: 'bench',
  tokenId: 'bench',
  scope: {},
  admin,
});

const wire = (w: Span) => ({
  start: timestampFromDate(w.from),
  end: timestampFromDate(w.to),
});

/** Every RPC of EconomicsService, as an admin and as a tenant member would ask. */
export function reports(db: DataSource, now: Date, admin: Caller, member: Caller): Report[] {
  const repository = new EconomicsRepository(db, () => now);
  const service = new EconomicsService(new EconomicsLoader(repository), repository);
  const cost = (by: string[], granularity: Granularity, who: Caller) => (w: Span) =>
    service.costReport(
      create(GetCostReportRequestSchema, { window: wire(w), groupBy: by, granularity }),
      who,
    );
  return [
    { name: 'cost by model (admin)', run: cost(['model'], Granularity.UNSPECIFIED, admin) },
    { name: 'cost by team per day (admin)', run: cost(['tag:team'], Granularity.DAY, admin) },
    {
      name: 'unit economics by model (admin)',
      run: (w) =>
        service.unitEconomics(
          create(GetUnitEconomicsRequestSchema, { window: wire(w), groupBy: ['model'] }),
          admin,
        ),
    },
    {
      name: 'savings by team, idle shared (admin)',
      run: (w) =>
        service.savings(
          create(GetSavingsRequestSchema, {
            window: wire(w),
            groupBy: ['tag:team'],
            shareIdle: true,
          }),
          admin,
        ),
    },
    {
      name: 'crossover (admin)',
      run: (w) => service.crossover(create(GetCrossoverRequestSchema, { window: wire(w) }), admin),
    },
    { name: 'cost by model (tenant)', run: cost(['model'], Granularity.UNSPECIFIED, member) },
    {
      name: 'savings by team (tenant)',
      run: (w) =>
        service.savings(
          create(GetSavingsRequestSchema, { window: wire(w), groupBy: ['tag:team'] }),
          member,
        ),
    },
  ];
}
