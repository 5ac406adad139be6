import { create } from '@bufbuild/protobuf';
import {
  GetUnitEconomicsRequestSchema,
  ReportOutcomeRequestSchema,
  RouteRequestSchema,
  UsageReportSchema,
} from '@sluice/proto';
import { usageReportViolations } from '../../modules/router/usage-input.js';
import { outcomeViolations } from '../../modules/router/outcome-input.js';
import { toRouteInput } from '../../modules/router/route-input.js';
import { SluiceError } from '../sluice-error.js';
import { assertStorable, unprintable, unstorable, unstorableViolations } from './storable.js';

const NUL = '\u0000';
const caller = { tenantId: 't', tenantName: 't', tokenId: 'k', scope: {}, admin: false };
const text = { case: 'text' as const, value: 'hi' };

function fieldsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof SluiceError)
      return error.violations.map((v) => `${v.field}: ${v.description}`);
    throw error;
  }
  return [];
}

describe('unstorable and unprintable', () => {
  it.each([
    ['plain', undefined, undefined],
    ['équipe ключ 😀', undefined, undefined],
    [`a${NUL}b`, 'must not contain U+0000 (NUL)', undefined],
    ['a\nb', undefined, 'must not contain control characters (U+0001-U+001F, U+007F)'],
    ['a\tb\u007f', undefined, 'must not contain control characters (U+0001-U+001F, U+007F)'],
  ])('%j: storable %p, printable %p', (value, storable, printable) => {
    expect(unstorable(value)).toBe(storable);
    expect(unprintable(value)).toBe(printable);
  });
});

describe('unstorableViolations walks every string of a request', () => {
  it.each([
    [{ tags: { team: `a${NUL}` } }, 'tags[team]'],
    [{ promptTemplate: NUL }, 'prompt_template'],
    [{ correlationId: `x${NUL}` }, 'correlation_id'],
    [{ hints: ['ok', NUL] }, 'hints[1]'],
    [
      { prompt: { case: 'chat' as const, value: { messages: [{ role: 'user', content: NUL }] } } },
      'prompt.chat.messages[0].content',
    ],
    [{ parameters: { extra: { stop: NUL } } }, 'parameters.extra.fields[stop].kind.string_value'],
    [{ policy: { name: NUL } }, 'policy.name'],
  ])('Route %j names %s', (fields, field) => {
    const violations = unstorableViolations(RouteRequestSchema, create(RouteRequestSchema, fields));
    expect(violations).toEqual([{ field, description: 'must not contain U+0000 (NUL)' }]);
  });

  it('names the map key itself when the key holds the NUL', () => {
    const request = create(ReportOutcomeRequestSchema, { tags: { [`k${NUL}`]: 'v' } });
    expect(unstorableViolations(ReportOutcomeRequestSchema, request)).toEqual([
      { field: `tags[k${NUL}]`, description: 'must not contain U+0000 (NUL)' },
    ]);
  });

  it('throws INVALID_ARGUMENT for an economics filter value', () => {
    const request = create(GetUnitEconomicsRequestSchema, {
      filters: [{ dimension: 'tag:team', values: ['a', NUL] }],
      outcomes: [NUL],
    });
    expect(fieldsOf(() => assertStorable(GetUnitEconomicsRequestSchema, request))).toEqual([
      'filters[0].values[1]: must not contain U+0000 (NUL)',
      'outcomes[0]: must not contain U+0000 (NUL)',
    ]);
  });
});

describe('Timestamps outside google.protobuf.Timestamp range', () => {
  const at = (seconds: bigint, nanos = 0) =>
    create(UsageReportSchema, { occurredAt: { seconds, nanos } });
  it.each([
    [0n, 0, []],
    [-62_135_596_800n, 0, []],
    [253_402_300_799n, 999_999_999, []],
    [-62_135_596_801n, 0, ['occurred_at']],
    [253_402_300_800n, 0, ['occurred_at']],
    [100_000_000_000_000n, 0, ['occurred_at']],
    [-100_000_000_000_000n, 0, ['occurred_at']],
    [0n, -1, ['occurred_at']],
    [0n, 1_000_000_000, ['occurred_at']],
  ])('%p s %p ns -> %j', (seconds, nanos, fields) => {
    const found = unstorableViolations(UsageReportSchema, at(seconds, nanos));
    expect(found.map((v) => v.field)).toEqual(fields);
  });

  it('names the economics window', () => {
    const request = create(GetUnitEconomicsRequestSchema, {
      window: { start: { seconds: -100_000_000_000_000n }, end: { seconds: 100_000_000_000_000n } },
    });
    expect(fieldsOf(() => assertStorable(GetUnitEconomicsRequestSchema, request))).toEqual([
      'window.start: must be a time from 0001-01-01 to 9999-12-31 (UTC)',
      'window.end: must be a time from 0001-01-01 to 9999-12-31 (UTC)',
    ]);
  });
});

describe('every request input refuses what PostgreSQL cannot store', () => {
  it.each([
    [{ tags: { team: `a${NUL}` } }, 'tags[team]: must not contain U+0000 (NUL)'],
    [
      { tags: { team: 'a\nb' } },
      'tags[team]: must not contain control characters (U+0001-U+001F, U+007F)',
    ],
    [{ promptTemplate: `t${NUL}` }, 'prompt_template: must not contain U+0000 (NUL)'],
    [
      { correlationId: 'a\rb' },
      'correlation_id: must not contain control characters (U+0001-U+001F, U+007F)',
    ],
  ])('Route %j', (fields, violation) => {
    const request = create(RouteRequestSchema, { policy: { name: 'p' }, prompt: text, ...fields });
    expect(fieldsOf(() => toRouteInput(request, caller, 'default'))).toEqual([violation]);
  });

  it.each([
    [{ idempotencyKey: `k${NUL}` }, 'usage.idempotency_key: must not contain U+0000 (NUL)'],
    [{ errorCode: `e${NUL}` }, 'usage.error_code: must not contain U+0000 (NUL)'],
    [
      { errorCode: 'e\n' },
      'usage.error_code: must not contain control characters (U+0001-U+001F, U+007F)',
    ],
    [{ promptTemplate: `t${NUL}` }, 'usage.prompt_template: must not contain U+0000 (NUL)'],
    [{ responseText: `r${NUL}` }, 'usage.response_text: must not contain U+0000 (NUL)'],
  ])('ReportUsage %j', (fields, violation) => {
    const usage = create(UsageReportSchema, { decisionId: 'd', status: 1, ...fields });
    const found = usageReportViolations(usage, new Date()).map(
      (v) => `${v.field}: ${v.description}`,
    );
    expect(found).toEqual([violation]);
  });

  it.each([
    [{ idempotencyKey: `k${NUL}` }, 'idempotency_key: must not contain U+0000 (NUL)'],
    [{ tags: { team: NUL } }, 'tags[team]: must not contain U+0000 (NUL)'],
    [{ correlationId: NUL, decisionIds: [] }, 'correlation_id: must not contain U+0000 (NUL)'],
  ])('ReportOutcome %j', (fields, violation) => {
    const request = create(ReportOutcomeRequestSchema, {
      idempotencyKey: 'k',
      outcome: 'sale',
      decisionIds: ['d'],
      ...fields,
    });
    const found = outcomeViolations(request).map((v) => `${v.field}: ${v.description}`);
    expect(found).toEqual([violation]);
  });
});
