import { type DescField, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import { reflect, type ReflectMessage } from '@bufbuild/protobuf/reflect';
import { GrpcStatus, SluiceError, type FieldViolation } from '../sluice-error.js';

// PostgreSQL's text cannot hold U+0000: one such character in a tag value once failed the whole
// decision batch, for every tenant, forever. So no string of any request may carry it, and the
// strings that become identifiers (tags, keys, template and error names) carry no control
// character either: they are shown in tables, logs and label values, where a newline lies.

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
 * Every string of `message` PostgreSQL could not store, named by its proto field path
 * (`tags[team]`, `prompt.chat.messages[0].content`), under `prefix` when given.
 */
export function unstorableTextViolations<Desc extends DescMessage>(
  schema: Desc,
  message: MessageShape<Desc>,
  prefix = '',
): FieldViolation[] {
  return walk(reflect(schema, message), prefix, 0);
}

/** Throws INVALID_ARGUMENT naming every string of `message` PostgreSQL could not store. */
export function assertStorableText<Desc extends DescMessage>(
  schema: Desc,
  message: MessageShape<Desc>,
): void {
  const violations = unstorableTextViolations(schema, message);
  if (violations.length === 0) return;
  const text = violations.map((v) => `${v.field}: ${v.description}`).join('; ');
  throw new SluiceError(GrpcStatus.INVALID_ARGUMENT, text, violations);
}
