import { Module } from '@nestjs/common';
import { TokenBudgets } from './token-budgets.js';

/** One TokenBudgets per application: Route enforces it, ListTokens shows what it read. */
@Module({
  providers: [TokenBudgets],
  exports: [TokenBudgets],
})
export class TokenBudgetsModule {}
