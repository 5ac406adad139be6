import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { SPEND_VIEW } from '../routing/routing-view.js';
import { BUDGET_REFRESH_MS, LedgerSpendView } from './ledger-spend-view.js';

type Imports = NonNullable<ModuleMetadata['imports']>;

/** How often month-to-date spend is re-read: budgets lag real spend by at most this much. */
const DEFAULT_REFRESH_MS = 30_000;

/**
 * SPEND_VIEW for the Router: month-to-date spend per budget tag from the ledger. `imports` must
 * provide ROUTING_VIEW (the catalog) and EconomicsService (the app's one EconomicsModule).
 */
@Module({})
export class BudgetsModule {
  static forRoot(imports: Imports, refreshMs = DEFAULT_REFRESH_MS): DynamicModule {
    return {
      module: BudgetsModule,
      imports,
      providers: [
        { provide: BUDGET_REFRESH_MS, useValue: refreshMs },
        LedgerSpendView,
        { provide: SPEND_VIEW, useExisting: LedgerSpendView },
      ],
      exports: [SPEND_VIEW, LedgerSpendView],
    };
  }
}
