import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fromJsonString, type MessageInitShape } from '@bufbuild/protobuf';
import { createUnaryClient } from '@sluice/api/grpc-client';
import {
  ReportUsageResponseSchema,
  ReportUsageStreamResponseSchema,
  RouterService,
  UsageReportSchema,
  UsageStatus,
  type UsageReport,
} from '@sluice/proto';
import { formatTable } from '../output/table.js';
import {
  callOptions,
  formatMessage,
  type ConnectionOptions,
  type MessageFormat,
} from './connection.js';

export interface ReportOptions extends ConnectionOptions {
  readonly decision?: string | undefined;
  readonly file?: string | undefined;
  readonly inputTokens?: string | undefined;
  readonly outputTokens?: string | undefined;
  readonly cachedInputTokens?: string | undefined;
  readonly latencyMs?: string | undefined;
  readonly status: string;
  readonly idempotencyKey?: string | undefined;
  readonly output: MessageFormat;
}

type Out = NodeJS.WritableStream & { isTTY?: boolean };

function count(value: string | undefined, flag: string): number {
  const n = Number(value ?? '0');
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} ${value}: expected a whole number`);
  return n;
}

/** --status ok|error|timeout|cancelled|rate_limited as the enum; the server checks the rest. */
export function usageStatus(name: string): UsageStatus {
  const status = UsageStatus[name.toUpperCase() as keyof typeof UsageStatus];
  if (status === undefined || status === UsageStatus.UNSPECIFIED) {
    throw new Error(`--status ${name}: expected ok, error, timeout, cancelled or rate_limited`);
  }
  return status;
}

/** The one UsageReport the flags describe. */
export function usageFromFlags(options: ReportOptions): MessageInitShape<typeof UsageReportSchema> {
  if (options.decision === undefined) throw new Error('give --decision, or --file for a stream');
  return {
    decisionId: options.decision,
    idempotencyKey: options.idempotencyKey ?? '',
    inputTokens: count(options.inputTokens, '--input-tokens'),
    outputTokens: count(options.outputTokens, '--output-tokens'),
    cachedInputTokens: count(options.cachedInputTokens, '--cached-input-tokens'),
    latencyMs: count(options.latencyMs, '--latency-ms'),
    status: usageStatus(options.status),
  };
}

/** Each non-empty line of a JSONL file as a UsageReport in its protobuf JSON form. */
export async function* usageLines(file: string): AsyncGenerator<UsageReport> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number++;
    if (line.trim() === '') continue;
    try {
      yield fromJsonString(UsageReportSchema, line);
    } catch (error) {
      throw new Error(`${file}:${number}: ${(error as Error).message}`, { cause: error });
    }
  }
}

/** ReportUsage for one call, or ReportUsageStream for a JSONL file of them. */
export async function report(options: ReportOptions, out: Out = process.stdout): Promise<void> {
  const call = await callOptions(options);
  const client = createUnaryClient(RouterService, options.address);
  try {
    if (options.file === undefined) {
      const reply = await client.reportUsage({ usage: usageFromFlags(options) }, call);
      out.write(
        options.output === 'table'
          ? `${reply.duplicate ? 'duplicate, already booked' : 'booked'} as ${reply.idempotencyKey}\n`
          : formatMessage(ReportUsageResponseSchema, reply, options.output),
      );
      return;
    }
    const messages = async function* (file: string) {
      for await (const usage of usageLines(file)) yield { usage };
    };
    // A stream may carry hours of reports: no deadline but the connection's.
    const reply = await client.reportUsageStream(messages(options.file), {
      metadata: call.metadata,
    });
    if (options.output !== 'table') {
      out.write(formatMessage(ReportUsageStreamResponseSchema, reply, options.output));
    } else {
      const head = ['accepted', 'duplicate', 'rejected'];
      const counts = [reply.acceptedCount, reply.duplicateCount, reply.rejectedCount].map(Number);
      out.write(formatTable({ head, rows: [counts] }, out));
      for (const r of reply.rejections) {
        const why = r.violations.map((v) => `${v.field}: ${v.description}`).join('; ');
        out.write(`report #${Number(r.index)} (${r.idempotencyKey || 'no key'}): ${why}\n`);
      }
    }
    if (reply.rejectedCount > 0n) process.exitCode = 1;
  } finally {
    client.close();
  }
}
