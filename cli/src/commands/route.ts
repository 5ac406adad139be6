import { readFile } from 'node:fs/promises';
import { createUnaryClient } from '@sluice/api/grpc-client';
import {
  CacheKind,
  ModelTargetSchema,
  RouteReasonSchema,
  RouteDecisionSchema,
  RouterService,
  type ModelTarget,
  RouteRequestSchema,
  type RouteDecision,
} from '@sluice/proto';
import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { formatTable, type TableSpec } from '../output/table.js';
import {
  callOptions,
  formatMessage,
  keyValues,
  type ConnectionOptions,
  type MessageFormat,
} from './connection.js';

// Optional flags are undefined when absent, as commander passes them.
export interface RouteOptions extends ConnectionOptions {
  readonly policy: string;
  readonly namespace: string;
  readonly prompt?: string | undefined;
  readonly promptFile?: string | undefined;
  readonly task?: string | undefined;
  readonly tag: readonly string[];
  readonly hint: readonly string[];
  readonly output: MessageFormat;
}

type RouteInit = MessageInitShape<typeof RouteRequestSchema>;

/** The RouteRequest the flags describe; exactly one of --prompt and --prompt-file. */
export async function routeRequest(options: RouteOptions): Promise<RouteInit> {
  if ((options.prompt === undefined) === (options.promptFile === undefined)) {
    throw new Error('give exactly one of --prompt and --prompt-file');
  }
  const text = options.prompt ?? (await readFile(options.promptFile ?? '', 'utf8'));
  return {
    policy: { namespace: options.namespace, name: options.policy },
    prompt: { case: 'text', value: text },
    tags: keyValues(options.tag, '--tag'),
    hints: [...options.hint],
    ...(options.task === undefined ? {} : { taskLabel: options.task }),
  };
}

const targetText = (t: ModelTarget | undefined): string =>
  t === undefined ? '' : `${t.model?.namespace}/${t.model?.name} (${t.tier})`;

function cacheText(decision: RouteDecision): string {
  const hit = decision.cacheHit;
  if (hit === undefined) return 'miss';
  return `${CacheKind[hit.kind].toLowerCase()} hit, similarity ${hit.similarity.toFixed(3)}`;
}

function budgetRows(decision: RouteDecision): [string, string][] {
  const b = decision.budgetDowngrade;
  if (b === undefined) return [];
  return [['budget', `${b.budget} at ${b.spentPercent}%: ${b.requestedTier} downgraded`]];
}

/** The decision as a two-column table, the fields a person deciding what happened reads. */
export function decisionTable(decision: RouteDecision): TableSpec {
  const target = decision.target ?? create(ModelTargetSchema);
  const reason = decision.reason ?? create(RouteReasonSchema);
  const rows: [string, string][] = [
    ['decision', decision.decisionId],
    ['model', targetText(decision.target)],
    ['served as', target.servedModelName],
    ['endpoint', target.endpointUrl],
    ['rule', reason.rule || '(default route)'],
    ['reason', reason.message],
    ['max_tokens', decision.maxTokens === undefined ? '(no cap)' : String(decision.maxTokens)],
    ['prompt tokens', String(decision.promptTokens)],
    ['fallbacks', decision.fallbacks.map(targetText).join(', ') || '(none)'],
    ['cache', cacheText(decision)],
  ];
  return { head: ['field', 'value'], rows: [...rows, ...budgetRows(decision)] };
}

/** sluice.v1.RouterService/Route: which model answers a prompt, and why. */
export async function route(
  options: RouteOptions,
  out: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout,
): Promise<RouteDecision> {
  const request = await routeRequest(options);
  const call = await callOptions(options);
  const client = createUnaryClient(RouterService, options.address);
  try {
    const { decision } = await client.route(request, call);
    if (decision === undefined) throw new Error('Route answered without a decision');
    out.write(
      options.output === 'table'
        ? formatTable(decisionTable(decision), out)
        : formatMessage(RouteDecisionSchema, decision, options.output),
    );
    return decision;
  } finally {
    client.close();
  }
}
