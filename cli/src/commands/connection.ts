// What route, report, economics and demo share: where the API is, how long a call may take, and
// the API token sent as `authorization: Bearer ...` (SPEC section 7).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toJson, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import { stringify } from 'yaml';

export interface ConnectionOptions {
  readonly address: string;
  readonly timeout: string;
  /** --token, or SLUICE_TOKEN through commander's Option.env. */
  readonly token?: string;
}

export const MESSAGE_FORMATS = ['table', 'json', 'yaml'] as const;
export type MessageFormat = (typeof MESSAGE_FORMATS)[number];

/** The file `sluice dev` writes its admin token to, relative to where it runs. */
export const TOKEN_FILE = join('.sluice', 'token');

/** --token or SLUICE_TOKEN, else `.sluice/token` in `cwd`; no token at all is an error here, not a
 * round trip that ends UNAUTHENTICATED. */
export async function resolveToken(
  token: string | undefined,
  cwd = process.cwd(),
): Promise<string> {
  if (token !== undefined && token !== '') return token;
  const file = join(cwd, TOKEN_FILE);
  const text = await readFile(file, 'utf8').catch(() => '');
  if (text.trim() === '') {
    throw new Error(`no API token: pass --token, set SLUICE_TOKEN, or run sluice dev (${file})`);
  }
  return text.trim();
}

export interface Call {
  readonly timeoutMs: number;
  readonly metadata: Record<string, string>;
}

export async function callOptions(options: ConnectionOptions): Promise<Call> {
  const token = await resolveToken(options.token);
  return { timeoutMs: Number(options.timeout), metadata: { authorization: `Bearer ${token}` } };
}

/** A reply in its protobuf JSON form (int64 as strings, enums by name), as JSON or YAML. */
export function formatMessage<D extends DescMessage>(
  schema: D,
  message: MessageShape<D>,
  format: Exclude<MessageFormat, 'table'>,
): string {
  const json = toJson(schema, message);
  return format === 'json'
    ? `${JSON.stringify(json, null, 2)}\n`
    : stringify(json, { lineWidth: 0 });
}

/** `key=value` pairs of repeatable flags (--tag team=search) as a map; a bare key is an error. */
export function keyValues(pairs: readonly string[], flag: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`${flag} ${pair}: expected key=value`);
    map[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return map;
}
