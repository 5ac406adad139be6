/** Constraint names as the CreateLedger migration creates them; the entities declare the same. */
export const LEDGER_CONSTRAINTS = {
  modelPrices: {
    provider: 'model_prices_provider_check',
    priced: 'model_prices_priced_check',
    nonNegative: 'model_prices_non_negative_check',
  },
  capacityHistory: {
    nonNegative: 'capacity_history_non_negative_check',
    maxConcurrency: 'capacity_history_max_concurrency_check',
  },
  routeDecisions: {
    tenant: 'route_decisions_tenant_id_fkey',
    complexity: 'route_decisions_complexity_check',
    cacheKind: 'route_decisions_cache_kind_check',
    tagsObject: 'route_decisions_tags_object_check',
    promptTokens: 'route_decisions_prompt_tokens_check',
    smallOk: 'route_decisions_small_ok_check',
  },
  usageRecords: {
    tenant: 'usage_records_tenant_id_fkey',
    idempotencyKey: 'usage_records_idempotency_key_check',
    cacheKind: 'usage_records_cache_kind_check',
    status: 'usage_records_status_check',
    pricing: 'usage_records_pricing_check',
    nonNegative: 'usage_records_non_negative_check',
    tagsObject: 'usage_records_tags_object_check',
  },
  outcomes: {
    tenant: 'outcomes_tenant_id_fkey',
    idempotencyKey: 'outcomes_idempotency_key_check',
    tagsObject: 'outcomes_tags_object_check',
    quantity: 'outcomes_quantity_check',
  },
} as const;

/** Money column shapes (money.ts): prices in microdollars, amounts in picodollars. */
export const PRICE_COLUMN = { type: 'numeric', precision: 20, scale: 6 } as const;
export const AMOUNT_COLUMN = { type: 'numeric', precision: 38, scale: 12 } as const;
