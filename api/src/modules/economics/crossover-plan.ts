import type { MessageInitShape } from '@bufbuild/protobuf';
import type { CrossoverRowSchema, GetCrossoverRequest } from '@sluice/proto';
import { GrpcStatus, SluiceError } from '../../grpc/sluice-error.js';
import type { TokenPrice } from '../ledger/cost.js';
import type { Loaded } from './economics-loader.js';
import type { Query } from './economics.request.js';
import { crossoverRow } from './crossover.js';
import type { GroupFigures } from './figures.js';
import { crossoverTier, defaultReference } from './reference.js';
import { mergeFigures } from './row-math.js';

/** An empty namespace means the API's default one (common.proto). */
const DEFAULT_NAMESPACE = 'default';
const keyOf = (ref: { namespace: string; name: string }) =>
  `${ref.namespace || DEFAULT_NAMESPACE}/${ref.name}`;

const preconditionFailed = (message: string) =>
  new SluiceError(GrpcStatus.FAILED_PRECONDITION, message);

/** External models' token prices at the window's end, and the tiers each was routed under. */
function externalModels(loaded: Loaded, query: Query) {
  const prices = new Map<string, TokenPrice>();
  const tiers = new Map<string, Set<string>>();
  for (const cell of loaded.cells) {
    const set = tiers.get(cell.model) ?? new Set<string>();
    tiers.set(cell.model, set.add(cell.tier));
  }
  for (const model of loaded.view.pricedModels) {
    const price = loaded.view.priceAt(model, query.window.to);
    if (price !== undefined && loaded.view.providerOf(model) === 'external')
      prices.set(model, price);
  }
  return { prices, tiers };
}

/** Rows per self-hosted model the caller may see (query grouped by model, no bucketing). */
function selfHostedRows(loaded: Loaded, wanted: ReadonlySet<string>): Map<string, GroupFigures> {
  const byModel = new Map<string, GroupFigures[]>();
  for (const row of loaded.rows) {
    const model = row.sums.values[0] ?? '';
    if (loaded.view.providerOf(model) !== 'vllm' || (wanted.size > 0 && !wanted.has(model)))
      continue;
    byModel.set(model, [...(byModel.get(model) ?? []), row]);
  }
  return new Map(
    [...byModel].map(([model, rows]) => [
      model,
      mergeFigures(rows, rows[0]?.sums.bucket ?? new Date(0)),
    ]),
  );
}

export function crossoverRows(
  loaded: Loaded,
  query: Query,
  request: GetCrossoverRequest,
): Array<MessageInitShape<typeof CrossoverRowSchema>> {
  const { prices, tiers } = externalModels(loaded, query);
  const explicit =
    request.hostedReference === undefined ? undefined : keyOf(request.hostedReference);
  const explicitPrice = explicit === undefined ? undefined : prices.get(explicit);
  if (explicit !== undefined && explicitPrice === undefined) {
    throw preconditionFailed(`hosted_reference ${explicit} is not an external model with prices`);
  }
  const rows = selfHostedRows(loaded, new Set(request.models.map(keyOf)));
  return [...rows.keys()].sort().map((model) => {
    const figures = rows.get(model) as GroupFigures;
    const hours = loaded.view.modelHours(model);
    const latest = loaded.view.latestCapacity(model);
    const tier = crossoverTier(hours, latest, figures, model);
    const reference =
      explicit !== undefined && explicitPrice !== undefined
        ? { model: explicit, price: explicitPrice }
        : defaultReference(tier, tiers, prices);
    if (reference === undefined)
      throw preconditionFailed('no external model with prices to compare with');
    return crossoverRow({ model, tier, figures, hours, latest, reference });
  });
}
