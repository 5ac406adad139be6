// SQL of capacity-store.ts. $1, $2: the model's namespace and name; $3: the observation instant.

const CAPACITY_SAME = `ready_replicas = $4 AND gpus_per_replica = $5 AND gpu_hourly_usd = $6::numeric
  AND tier = $7 AND max_concurrency = $8`;

/** The row of one model in effect at $3 ("<=") or the next one after it (">"). */
const capacityAt = (op: '<=' | '>'): string =>
  `SELECT * FROM capacity_history
   WHERE model_namespace = $1 AND model_name = $2 AND observed_at ${op} $3
   ORDER BY observed_at ${op === '<=' ? 'DESC' : 'ASC'} LIMIT 1`;

/** A zero-replica row at $3 (same GPUs and price) if the row in effect then runs and `and` holds. */
const insertZeroAt = (and = ''): string => `
  INSERT INTO capacity_history (model_namespace, model_name, observed_at, ready_replicas,
    gpus_per_replica, gpu_hourly_usd, tier, max_concurrency)
  SELECT $1, $2, $3, 0, last.gpus_per_replica, last.gpu_hourly_usd, last.tier,
    last.max_concurrency
  FROM (${capacityAt('<=')}) last
  WHERE last.ready_replicas > 0 ${and}
  ON CONFLICT (model_namespace, model_name, observed_at) DO NOTHING
  RETURNING 1`;

/** Models whose last capacity row among those `where` selects has ready replicas. */
const runningModels = (where: string): string => `
  SELECT model_namespace, model_name FROM (
    SELECT DISTINCT ON (model_namespace, model_name) model_namespace, model_name, ready_replicas
    FROM capacity_history ${where}
    ORDER BY model_namespace, model_name, observed_at DESC) last
  WHERE ready_replicas > 0`;

export const CAPACITY_SQL = {
  // One 64-bit key per model in a namespace of keys of our own ('sluice.capacity').
  lock: `SELECT pg_advisory_xact_lock(hashtextextended('sluice.capacity:' || $1, 0))`,
  // Skips a state equal to the one in effect, or equal to the next row (another replica
  // observed the same change a moment later and recorded it already), and a first state that
  // costs nothing: before its first row a model is charged nothing anyway.
  insertChanged: `
    INSERT INTO capacity_history (model_namespace, model_name, observed_at, ready_replicas,
      gpus_per_replica, gpu_hourly_usd, tier, max_concurrency)
    SELECT $1, $2, $3, $4, $5, $6::numeric, $7, $8
    WHERE NOT EXISTS (SELECT 1 FROM (${capacityAt('<=')}) last WHERE ${CAPACITY_SAME})
      AND NOT EXISTS (SELECT 1 FROM (${capacityAt('>')}) next WHERE ${CAPACITY_SAME})
      AND ($4 * $5 > 0 OR EXISTS (${capacityAt('<=')}))
    ON CONFLICT (model_namespace, model_name, observed_at) DO NOTHING
    RETURNING 1`,
  insertGone: insertZeroAt(
    `AND NOT EXISTS (SELECT 1 FROM (${capacityAt('>')}) next WHERE next.ready_replicas = 0)`,
  ),
  // $3 here is the object's creationTimestamp. A running row older than that (by more than the
  // clock skew between the API and the API server, which stamp rows and creations) cannot be
  // this object's, which did not exist yet: it is an earlier object of the same name whose
  // deletion no API saw. It was gone when this one was created at the latest, so it ends there;
  // without that zero row this object would inherit its cost back to the earlier rows.
  insertEnded: insertZeroAt(`AND last.observed_at < $3::timestamptz - interval '1 minute'`),
  running: runningModels(''),
  // The same by the rows in effect at $1, whatever came after.
  runningAt: runningModels('WHERE observed_at <= $1'),
  // Zero from $3 on if it ran then, whatever rows follow: the run that watched it ended at $3
  // (a killed local run, last seen alive then), and what a later run recorded is that run's.
  insertStopped: insertZeroAt(),
} as const;

const PRICE_SAME = `provider = $4
  AND input_per_1m IS NOT DISTINCT FROM $5::numeric
  AND cached_input_per_1m IS NOT DISTINCT FROM $6::numeric
  AND output_per_1m IS NOT DISTINCT FROM $7::numeric
  AND gpu_hourly_usd IS NOT DISTINCT FROM $8::numeric`;

const priceAt = (op: '<=' | '>'): string =>
  `SELECT * FROM model_prices
   WHERE model_namespace = $1 AND model_name = $2 AND effective_from ${op} $3
   ORDER BY effective_from ${op === '<=' ? 'DESC' : 'ASC'} LIMIT 1`;

export const PRICE_SQL = {
  insertChanged: `
    INSERT INTO model_prices (model_namespace, model_name, effective_from, provider,
      input_per_1m, cached_input_per_1m, output_per_1m, gpu_hourly_usd)
    SELECT $1, $2, $3, $4, $5::numeric, $6::numeric, $7::numeric, $8::numeric
    WHERE NOT EXISTS (SELECT 1 FROM (${priceAt('<=')}) last WHERE ${PRICE_SAME})
      AND NOT EXISTS (SELECT 1 FROM (${priceAt('>')}) next WHERE ${PRICE_SAME})
    ON CONFLICT (model_namespace, model_name, effective_from) DO NOTHING
    RETURNING 1`,
} as const;
