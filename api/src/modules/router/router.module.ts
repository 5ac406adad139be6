import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module.js';
import type { UsageIngestOptions } from '../ledger/usage-ingest.processor.js';
import { DecisionFinder } from './decision-finder.js';
import { DirectUsage } from './direct-usage.js';
import { DecisionReaderRepository } from './decision-reader.repository.js';
import {
  DeferredUsage,
  UNKNOWN_DECISION_GRACE,
  UNKNOWN_DECISION_GRACE_MS,
} from './deferred-usage.js';
import { LedgerSink } from './ledger-sink.js';
import { OutcomeService } from './outcome.service.js';
import { DecisionBooker } from './route-booking.js';
import { RouteService } from './route.service.js';
import { RouterGrpc } from './router.grpc.js';
import { RouterMetrics } from './router-metrics.js';
import { RouterMemory, RouterViews } from './router-state.js';
import { ShadowVerdictService } from './shadow-verdict.service.js';
import { ShadowVerdictsRepository } from './shadow-verdicts.repository.js';
import { TokenBudgetsModule } from '../tokens/token-budgets.module.js';
import { UsageBooker } from './usage-booker.js';
import { UsageDelivery } from './usage-delivery.js';
import { UsageService } from './usage.service.js';

type Imports = NonNullable<ModuleMetadata['imports']>;

export interface RouterModuleOptions {
  /** Modules exporting ROUTING_VIEW (required) and SPEND_VIEW (optional). */
  readonly views: Imports;
  /** Usage ingest tuning (tests give each run a queue of its own). */
  readonly ingest?: UsageIngestOptions;
  /** How long a held report's unknown decision is looked for before it is refused. */
  readonly unknownDecisionGraceMs?: number;
}

/**
 * sluice.v1.RouterService, and the ledger's usage worker with it (whoever serves ReportUsage
 * runs the worker). The views are passed in, so the application uses the informers and tests
 * an in-memory RoutingView. Needs DatabaseModule, RedisModule, ApiConfigModule and
 * ObservabilityModule.
 */
@Module({})
export class RouterModule {
  static forRoot(options: RouterModuleOptions): DynamicModule {
    return {
      module: RouterModule,
      imports: [
        LedgerModule.forRoot(options.ingest, options.views),
        TokenBudgetsModule,
        ...options.views,
      ],
      providers: [
        RouterViews,
        RouterMemory,
        RouterMetrics,
        DirectUsage,
        UsageDelivery,
        LedgerSink,
        DecisionBooker,
        DecisionReaderRepository,
        DecisionFinder,
        UsageBooker,
        DeferredUsage,
        {
          provide: UNKNOWN_DECISION_GRACE,
          useValue: options.unknownDecisionGraceMs ?? UNKNOWN_DECISION_GRACE_MS,
        },
        RouteService,
        UsageService,
        OutcomeService,
        ShadowVerdictsRepository,
        ShadowVerdictService,
        RouterGrpc,
      ],
    };
  }
}
