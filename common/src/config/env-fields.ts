import { z } from 'zod';

// Reusable validators for environment variables. Each carries the message a user sees when the
// value is wrong, so `loadConfig` can print one line naming the variable and what it expects.

const HOST_PORT = /^(?<host>\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]*):(?<port>\d{1,5})$/;

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

/** `host:port` as kubebuilder's `--metrics-bind-address` takes it; an empty host means all interfaces. */
export function listenAddress(example: string) {
  const expected = `expected host:port, e.g. ${example}`;
  return z
    .string()
    .regex(HOST_PORT, { error: expected })
    .transform((value, ctx): ListenAddress => {
      const groups = HOST_PORT.exec(value)?.groups ?? {};
      const port = Number(groups.port);
      if (port > 65535) ctx.addIssue({ code: 'custom', message: `${expected} (port 0-65535)` });
      const host = (groups.host ?? '').replace(/^\[|\]$/g, '');
      return { host: host === '' ? '0.0.0.0' : host, port };
    })
    .prefault(example);
}

export function integer(min: number, max: number, fallback: number) {
  return z.coerce
    .number({ error: `expected a whole number from ${min} to ${max}` })
    .int({ error: `expected a whole number from ${min} to ${max}` })
    .min(min, { error: `expected a whole number from ${min} to ${max}` })
    .max(max, { error: `expected a whole number from ${min} to ${max}` })
    .default(fallback);
}

export function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
  fallback: T[number],
) {
  return z.enum(values, { error: `expected one of ${values.join(', ')}` }).default(fallback);
}

/** A URL whose scheme is one of `schemes`, e.g. postgres://user@host:5432/db. */
export function urlWithScheme(schemes: readonly string[], example: string) {
  const expected = `expected a URL like ${example}`;
  return z.string({ error: `is required: ${expected}` }).refine(
    (value) => {
      try {
        return schemes.includes(new URL(value).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    { error: expected },
  );
}

export const optionalPath = z.string().min(1, { error: 'expected a file path' }).optional();

/** A Kubernetes object name of the DNS-1123 label kind (namespaces, Lease names). */
export function dnsLabel(fallback: string) {
  return z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, {
      error: 'expected a DNS-1123 label: lower-case letters, digits and "-", at most 63',
    })
    .default(fallback);
}

/**
 * A comma-separated list of tenant tag keys (common.proto's tag key rule), at most `max`, no
 * repeats; empty (the default) is none. Parsed into the list.
 */
export function tagKeyList(max: number) {
  const expected = `expected up to ${max} comma-separated tag keys like team,product (each ^[a-z][a-z0-9_]{0,62}$)`;
  return z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((key) => key.trim())
        .filter((key) => key !== ''),
    )
    .pipe(
      z
        .array(z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, { error: expected }))
        .max(max, { error: expected })
        .refine((keys) => new Set(keys).size === keys.length, { error: `${expected}, no repeats` }),
    );
}

// A label key: an optional DNS-subdomain prefix and a name (Kubernetes' qualified name rules).
const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

/** `key=value,key=value` Kubernetes labels (e.g. release=kube-prometheus-stack); empty is none. */
export function labelList() {
  const expected =
    'expected comma-separated key=value Kubernetes labels like release=kube-prometheus-stack';
  return z
    .string()
    .default('')
    .transform((raw, ctx): Record<string, string> => {
      const labels: Record<string, string> = {};
      for (const pair of raw
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== '')) {
        const [key = '', value = '', ...rest] = pair.split('=');
        if (
          rest.length > 0 ||
          !pair.includes('=') ||
          !LABEL_KEY.test(key) ||
          !LABEL_VALUE.test(value)
        ) {
          ctx.addIssue({ code: 'custom', message: `${expected} (got "${pair}")` });
          continue;
        }
        labels[key] = value;
      }
      return labels;
    });
}
