import { CreateTenants1795817825135 } from './migrations/1795817825135-CreateTenants.js';
import { CreateLedger1795826166731 } from './migrations/1795826166731-CreateLedger.js';
import { CreateApiTokens1795827232498 } from './migrations/1795827232498-CreateApiTokens.js';
import { AddApiTokenAdmin1795827872406 } from './migrations/1795827872406-AddApiTokenAdmin.js';
import { AddOutcomeQuantity1795830478308 } from './migrations/1795830478308-AddOutcomeQuantity.js';
import { IndexRouteDecisionsByTime1795834000000 } from './migrations/1795834000000-IndexRouteDecisionsByTime.js';
import { MarkShadowCalls1795838000000 } from './migrations/1795838000000-MarkShadowCalls.js';
import { AddTokenRolesAndAudit1795850000000 } from './migrations/1795850000000-AddTokenRolesAndAudit.js';
import { RecordTierAndConcurrency1795860000000 } from './migrations/1795860000000-RecordTierAndConcurrency.js';
import { RecordClassifierScores1795870000000 } from './migrations/1795870000000-RecordClassifierScores.js';
import { RecordShadowVerdicts1795880000000 } from './migrations/1795880000000-RecordShadowVerdicts.js';
import { IndexUsageByTime1795890000000 } from './migrations/1795890000000-IndexUsageByTime.js';
import { Tenant } from '../modules/tenants/tenant.entity.js';
import { ApiToken } from '../modules/apitokens/api-token.entity.js';
import { CapacityHistoryRow } from '../modules/ledger/capacity-history.entity.js';
import { ModelPriceRow } from '../modules/ledger/model-price.entity.js';
import { OutcomeRow } from '../modules/ledger/outcome.entity.js';
import { RouteDecisionRow } from '../modules/ledger/route-decision.entity.js';
import { UsageHourlyRow } from '../modules/ledger/usage-hourly.entity.js';
import { UsageRecordRow } from '../modules/ledger/usage-record.entity.js';
import { ShadowVerdictRow } from '../modules/router/shadow-verdict.entity.js';

// Adding a table touches this file only. Classes are listed, not globbed: globs resolve files at
// run time, which breaks under ESM and jest (ts sources vs dist .js).

export const ENTITIES = [
  Tenant,
  ModelPriceRow,
  CapacityHistoryRow,
  RouteDecisionRow,
  UsageRecordRow,
  OutcomeRow,
  UsageHourlyRow,
  ApiToken,
  ShadowVerdictRow,
];

/** In order of their timestamps; TypeORM sorts them again, but reading order should match. */
export const MIGRATIONS = [
  CreateTenants1795817825135,
  CreateLedger1795826166731,
  CreateApiTokens1795827232498,
  AddApiTokenAdmin1795827872406,
  AddOutcomeQuantity1795830478308,
  IndexRouteDecisionsByTime1795834000000,
  MarkShadowCalls1795838000000,
  AddTokenRolesAndAudit1795850000000,
  RecordTierAndConcurrency1795860000000,
  RecordClassifierScores1795870000000,
  RecordShadowVerdicts1795880000000,
  IndexUsageByTime1795890000000,
];
