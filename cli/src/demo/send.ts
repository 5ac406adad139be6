// One batch of the demo's day through the API as an application would send it: Route, call the
// model unless the cache answered (and the shadow model when sampled), then ReportUsage.
import type { MessageInitShape } from '@bufbuild/protobuf';
import type { UnaryClient } from '@sluice/api/grpc-client';
import {
  UsageStatus,
  type RouteDecision,
  type RouterService,
  type UsageReportSchema,
} from '@sluice/proto';
import type { Call } from '../commands/connection.js';
import type { ModelAnswer, ModelCaller } from './model-call.js';
import type { DemoQuery } from './traffic.js';

export type RouterClient = UnaryClient<(typeof RouterService)['method']>;
type Usage = MessageInitShape<typeof UsageReportSchema>;

export interface SendContext {
  readonly client: RouterClient;
  readonly call: Call;
  readonly policy: { namespace: string; name: string };
  /** Tags every query carries besides its team's, e.g. the run's id. */
  readonly tags: Record<string, string>;
  readonly models: ModelCaller;
}

export interface Sent {
  readonly query: DemoQuery;
  readonly decision: RouteDecision;
  readonly answers: readonly ModelAnswer[];
}

const usage = (decisionId: string, answer: ModelAnswer): Usage => ({
  decisionId,
  inputTokens: answer.inputTokens,
  outputTokens: answer.outputTokens,
  latencyMs: answer.latencyMs,
  status: UsageStatus.OK,
  responseText: answer.text,
  cacheable: true,
});

async function sendOne(context: SendContext, query: DemoQuery): Promise<Sent> {
  const request = {
    policy: context.policy,
    prompt: { case: 'text' as const, value: query.text },
    taskLabel: query.task,
    tags: { ...context.tags, team: query.team },
  };
  const { decision } = await context.client.route(request, context.call);
  if (decision === undefined) throw new Error('Route answered without a decision');
  if (decision.cacheHit !== undefined) return { query, decision, answers: [] };
  const answer = await context.models.answer(decision, query.text);
  const shadow = decision.shadow;
  if (shadow?.target === undefined) return { query, decision, answers: [answer] };
  const shadowDecision = { ...decision, target: shadow.target, maxTokens: undefined };
  const shadowAnswer = await context.models.answer(shadowDecision, query.text);
  return { query, decision, answers: [answer, shadowAnswer] };
}

/** The usage reports of a sent batch: one per model call, shadow calls under their own ids. */
export function usageReports(sent: readonly Sent[]): Usage[] {
  return sent.flatMap(({ decision, answers }) =>
    answers.map((answer, i) =>
      usage(i === 0 ? decision.decisionId : (decision.shadow?.decisionId ?? ''), answer),
    ),
  );
}

/** Routes a batch concurrently, then books its model calls over one ReportUsageStream. */
export async function sendBatch(
  context: SendContext,
  batch: readonly DemoQuery[],
): Promise<Sent[]> {
  const sent = await Promise.all(batch.map((query) => sendOne(context, query)));
  const reports = usageReports(sent);
  if (reports.length === 0) return sent;
  const reply = await context.client.reportUsageStream(
    reports.map((u) => ({ usage: u })),
    { metadata: context.call.metadata },
  );
  if (reply.rejectedCount > 0n) {
    const first = reply.rejections[0]?.violations.map((v) => `${v.field}: ${v.description}`);
    throw new Error(
      `ReportUsageStream rejected ${reply.rejectedCount} reports: ${first?.join('; ')}`,
    );
  }
  return sent;
}

export interface SentSummary {
  readonly routed: number;
  readonly cacheHits: number;
  readonly shadows: number;
  readonly modelCalls: number;
  /** Model calls a model server answered; the rest have synthetic figures. */
  readonly calledModel: number;
}

export function summarize(sent: readonly Sent[]): SentSummary {
  const answers = sent.flatMap((s) => s.answers);
  return {
    routed: sent.length,
    cacheHits: sent.filter((s) => s.decision.cacheHit !== undefined).length,
    shadows: sent.filter((s) => s.answers.length > 1).length,
    modelCalls: answers.length,
    calledModel: answers.filter((a) => a.called).length,
  };
}

export const summaryLine = (s: SentSummary, runId: string): string =>
  `Sent ${s.routed} queries (run ${runId}): ${s.cacheHits} answered by the cache, ` +
  `${s.shadows} sampled for a shadow call, ${s.modelCalls} model calls ` +
  `(${s.calledModel} answered by a model server, ${s.modelCalls - s.calledModel} with synthetic ` +
  `token counts: external, or no self-hosted endpoint answered)\n\n`;
