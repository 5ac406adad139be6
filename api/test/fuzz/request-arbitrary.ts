// One fuzzed call: who sends it (admin, a scoped token of another tenant, no token, a bogus
// one) and its messages (one for a unary RPC, zero or more for a client stream), each either
// generated from scratch or a valid base with one field mutated.
import type { DescMessage, DescMethod } from '@bufbuild/protobuf';
import fc from 'fast-check';
import { messageArbitrary, type Init } from './descriptor-arbitrary.js';
import { mutatedArbitrary } from './mutation.js';
import { taintedArbitrary } from './taint.js';
import { methodPath } from './rpc-catalog.js';
import { BASES, type BaseContext } from './valid-requests.js';

export type CallerName = 'admin' | 'scoped' | 'none' | 'bogus';

export interface FuzzRequest {
  readonly caller: CallerName;
  readonly messages: readonly Init[];
}

/** The base context per caller that has one (no token and a bogus token borrow the admin's). */
export type Contexts = Readonly<Record<'admin' | 'scoped', BaseContext>>;

/** Only the fields `desc` has: a base shared by several RPCs carries the union of theirs. */
function known(desc: DescMessage, init: Init): Init {
  const names = new Set(desc.members.map((m) => m.localName));
  return Object.fromEntries(Object.entries(init).filter(([k]) => names.has(k)));
}

function messageOf(method: DescMethod, ctx: BaseContext): fc.Arbitrary<Init> {
  const base = BASES[methodPath(method)]?.(ctx) ?? fc.constant({});
  return fc.oneof(
    {
      weight: 3,
      arbitrary: base.chain((b) => mutatedArbitrary(method.input, known(method.input, b))),
    },
    { weight: 2, arbitrary: messageArbitrary(method.input) },
    {
      weight: 2,
      arbitrary: base.chain((b) => taintedArbitrary(method.input, known(method.input, b))),
    },
    // Unmutated valid requests keep state moving (decisions, usage, outcomes to report on).
    { weight: 1, arbitrary: base.map((b) => known(method.input, b)) },
  );
}

export function requestArbitrary(
  method: DescMethod,
  contexts: Contexts,
): fc.Arbitrary<FuzzRequest> {
  const caller = fc.constantFrom<CallerName>('admin', 'admin', 'scoped', 'scoped', 'none', 'bogus');
  return caller.chain((name) => {
    const message = messageOf(method, contexts[name === 'scoped' ? 'scoped' : 'admin']);
    const messages =
      method.methodKind === 'client_streaming'
        ? fc.array(message, { maxLength: 4 })
        : message.map((m) => [m]);
    return messages.map((m) => ({ caller: name, messages: m }));
  });
}

export { encode } from './encode.js';

/** A request for reports: bigints as text, long strings abbreviated. */
export function describeRequest(request: FuzzRequest): string {
  return JSON.stringify(request, (_key, value: unknown) => {
    if (typeof value === 'bigint') return `${value}n`;
    if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
    if (value instanceof Uint8Array) return `bytes(${Buffer.from(value).toString('hex')})`;
    if (typeof value === 'string' && value.length > 200)
      return `${JSON.stringify(value.slice(0, 40))}... (${value.length} chars)`;
    return value;
  });
}
