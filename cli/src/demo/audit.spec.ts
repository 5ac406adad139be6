import { Writable } from 'node:stream';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { status } from '@grpc/grpc-js';
import { AuditEconomicsResponseSchema, type AuditEconomicsResponse } from '@sluice/proto';
import { auditBooks } from './audit.js';

type Client = Parameters<typeof auditBooks>[0];

/** An Economics client whose AuditEconomics answers `answer` (or fails with it). */
const client = (answer: AuditEconomicsResponse | { code: number }): Client =>
  ({
    auditEconomics: () =>
      '$typeName' in answer
        ? Promise.resolve(answer)
        : Promise.reject(Object.assign(new Error('x'), answer)),
  }) as unknown as Client;

async function printed(answer: AuditEconomicsResponse | { code: number }) {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const window = { start: timestampFromDate(new Date(0)), end: timestampFromDate(new Date(1000)) };
  const verdict = await auditBooks(client(answer), { timeoutMs: 1, metadata: {} }, window, out);
  return { verdict, text: chunks.join('') };
}

describe("the demo's audit of its window", () => {
  it('says in one line that the books balance', async () => {
    const reply = create(AuditEconomicsResponseSchema, { figuresChecked: 812n });
    await expect(printed(reply)).resolves.toEqual({
      verdict: 'balanced',
      text: 'Books balance: 812 figures recomputed from raw rows, 0 differences\n',
    });
  });

  it('lists the differences, then says the books do not balance', async () => {
    const reply = create(AuditEconomicsResponseSchema, {
      figuresChecked: 40n,
      differences: [
        {
          report: 'GetSavings',
          groupBy: 'tag:team',
          group: 'a',
          figure: 'actual_cost_usd',
          serviceValue: '0.2',
          auditValue: '0.1',
        },
      ],
    });
    const { verdict, text } = await printed(reply);
    expect(verdict).toBe('differences');
    expect(text).toMatch(/GetSavings.*tag:team.*actual_cost_usd.*0\.2.*0\.1/);
    expect(text).toMatch(
      /\nBooks do not balance: 40 figures recomputed from raw rows, 1 differences\n$/,
    );
  });

  it('goes on without the audit for a token that is no platform admin, and fails on the rest', async () => {
    const denied = await printed({ code: status.PERMISSION_DENIED });
    expect(denied.verdict).toBe('not audited');
    expect(denied.text).toMatch(/^Books not audited: .*platform admin token.*\n$/);
    await expect(printed({ code: status.INVALID_ARGUMENT })).rejects.toMatchObject({
      code: status.INVALID_ARGUMENT,
    });
  });
});
