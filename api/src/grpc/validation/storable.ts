import { type DescField, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import { reflect, type ReflectMessage } from '@bufbuild/protobuf/reflect';
import { GrpcStatus, SluiceError, type FieldViolation } from '../sluice-error.js';

// PostgreSQL's text cannot hold U+0000: one such character in a tag value once failed the whole
// decision batch, for every tenant, forever. So no string of any request may carry it, and the
// strings that become identifiers (tags, keys, template and error names) carry no control
// character either: they are shown in tables, logs and label values, where a newline lies.
// Timestamps too: one outside google.protobuf.Timestamp's range is no date anyone can store.

/** Nested messages are walked this deep at most; deeper requests are refused elsewhere. */
const MAX_DEPTH = 64;
// U+0000 is left to `unstorable`, which every request string passes, so it is named once.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0001-\u001f\u007f]/;

/** Why PostgreSQL cannot store `text`, or undefined when it can. */
export const unstorable = (text: string): string | undefined =>
  text.includes('\u0000') ? 'must not contain U+0000 (NUL)' : undefined;

/** Why `text` is not a single-line identifier (NUL aside), or undefined when it is. */
export const unprintable = (text: string): string | undefined =>
  CONTROL.test(text) ? 'must not contain control characters (U+0001-U+001F, U+007F)' : undefined;

export function textViolation(
  field: string,
  text: string,
  rule: (text: string) => string | undefined = unstorable,
): FieldViolation[] {
  const description = rule(text);
  return description === undefined ? [] : [{ field, description }];
}

const TIMESTAMP = 'google.protobuf.Timestamp';
/** google.protobuf.Timestamp's documented range, 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z:
 * beyond it a JavaScript Date is invalid (its limit is ±8.64e15 ms), and PostgreSQL's timestamptz
 * (4713 BC to 294276 AD) is wider, so this is the bound that matters. */
const MIN_SECONDS = -62_135_596_800n;
const MAX_SECONDS = 253_402_300_799n;

function timestampViolation(field: string, m: ReflectMessage): FieldViolation[] {
  const { seconds, nanos } = m.message as unknown as { seconds: bigint; nanos: number };
  if (seconds >= MIN_SECONDS && seconds <= MAX_SECONDS && nanos >= 0 && nanos <= 999_999_999)
    return [];
  return [{ field, description: 'must be a time from 0001-01-01 to 9999-12-31 (UTC)' }];
}

const join = (prefix: string, name: string) => (prefix === '' ? name : `${prefix}.${name}`);

/** One element of a list or map: a message to walk, or a scalar to check when a string. */
function itemViolations(item: unknown, isMessage: boolean, at: string, depth: number) {
  if (isMessage) return walk(item as ReflectMessage, at, depth + 1);
  return typeof item === 'string' ? textViolation(at, item) : [];
}

function fieldViolations(m: ReflectMessage, f: DescField, path: string, depth: number) {
  const value: unknown = m.get(f);
  switch (f.fieldKind) {
    case 'scalar':
    case 'enum':
      return typeof value === 'string' ? textViolation(path, value) : [];
    case 'message':
      if (f.message.typeName === TIMESTAMP)
        return timestampViolation(path, value as ReflectMessage);
      return walk(value as ReflectMessage, path, depth + 1);
    case 'list':
      return [...(value as Iterable<unknown>)].flatMap((item, i) =>
        itemViolations(item, f.listKind === 'message', `${path}[${i}]`, depth),
      );
    case 'map':
      return [...(value as Iterable<[unknown, unknown]>)].flatMap(([key, item]) => {
        const at = `${path}[${String(key)}]`;
        return [
          ...(typeof key === 'string' ? textViolation(at, key) : []),
          ...itemViolations(item, f.mapKind === 'message', at, depth),
        ];
      });
  }
}

function walk(m: ReflectMessage, prefix: string, depth: number): FieldViolation[] {
  if (depth > MAX_DEPTH) return [];
  return m.fields
    .filter((f) => m.isSet(f))
    .flatMap((f) => {
      // Named as route-input.ts does (prompt.chat...): the oneof's name, then its member's.
      const name = f.oneof === undefined ? f.name : `${f.oneof.name}.${f.name}`;
      return fieldViolations(m, f, join(prefix, name), depth);
    });
}

/**
 * Every string of `message` PostgreSQL could not store, and every Timestamp outside its range,
 * named by its proto field path (`tags[team]`, `prompt.chat.messages[0].content`,
 * `usage.occurred_at`), under `prefix` when given.
 */
export function unstorableViolations<Desc extends DescMessage>(
  schema: Desc,
  message: MessageShape<Desc>,
  prefix = '',
): FieldViolation[] {
  return walk(reflect(schema, message), prefix, 0);
}

/** Throws INVALID_ARGUMENT naming every field of `message` PostgreSQL could not store. */
export function assertStorable<Desc extends DescMessage>(
  schema: Desc,
  message: MessageShape<Desc>,
): void {
  const violations = unstorableViolations(schema, message);
  if (violations.length === 0) return;
  const text = violations.map((v) => `${v.field}: ${v.description}`).join('; ');
  throw new SluiceError(GrpcStatus.INVALID_ARGUMENT, text, violations);
}
