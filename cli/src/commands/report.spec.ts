import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageStatus } from '@sluice/proto';
import { usageFromFlags, usageLines, usageStatus, type ReportOptions } from './report.js';

const flags: ReportOptions = {
  address: '127.0.0.1:0',
  timeout: '1000',
  decision: 'd1',
  inputTokens: '1200',
  outputTokens: '80',
  status: 'ok',
  output: 'table',
};

describe('sluice report', () => {
  it.each([
    ['ok', UsageStatus.OK],
    ['ERROR', UsageStatus.ERROR],
    ['rate_limited', UsageStatus.RATE_LIMITED],
  ])('--status %s', (name, status) => {
    expect(usageStatus(name)).toBe(status);
  });

  it.each(['unspecified', 'fine', ''])('refuses --status %j', (name) => {
    expect(() => usageStatus(name)).toThrow('--status');
  });

  it('sends the flags as a UsageReport, absent counts as 0', () => {
    expect(usageFromFlags({ ...flags, idempotencyKey: 'd1:2', latencyMs: '350' })).toEqual({
      decisionId: 'd1',
      idempotencyKey: 'd1:2',
      inputTokens: 1200,
      outputTokens: 80,
      cachedInputTokens: 0,
      latencyMs: 350,
      status: UsageStatus.OK,
    });
  });

  it.each([
    [{ decision: undefined }, '--decision'],
    [{ inputTokens: '-1' }, '--input-tokens -1'],
    [{ outputTokens: '1.5' }, '--output-tokens 1.5'],
  ])('refuses %j', (override, message) => {
    expect(() => usageFromFlags({ ...flags, ...override })).toThrow(message);
  });

  it('reads a JSONL file in the protobuf JSON form, naming the bad line', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'sluice-usage-')), 'usage.jsonl');
    const line = { decisionId: 'd1', inputTokens: 3, status: 'USAGE_STATUS_OK' };
    await writeFile(file, `${JSON.stringify(line)}\n\n{"inputTokens": "many"}\n`);
    const read: unknown[] = [];
    await expect(
      (async () => {
        for await (const usage of usageLines(file)) read.push(usage);
      })(),
    ).rejects.toThrow(`${file}:3`);
    expect(read).toMatchObject([{ decisionId: 'd1', inputTokens: 3, status: UsageStatus.OK }]);
  });
});
