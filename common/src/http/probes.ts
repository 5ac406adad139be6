import { Injectable, type OnModuleDestroy } from '@nestjs/common';

/** Passed or not; with a detail, `/readyz?verbose` shows it after the name (a setting worth seeing). */
export type ProbeResult = boolean | { readonly ok: boolean; readonly detail: string };
export type ProbeCheck = () => ProbeResult | Promise<ProbeResult>;

function line(name: string, result: ProbeResult): { ok: boolean; text: string } {
  const ok = typeof result === 'boolean' ? result : result.ok;
  const detail = typeof result === 'boolean' ? '' : `: ${result.detail}`;
  return { ok, text: `[${ok ? '+' : '-'}]${name} ${ok ? 'ok' : 'failed'}${detail}` };
}

/**
 * Named readiness checks, reported like kube-apiserver's `/readyz?verbose` ("[+]grpc ok").
 * Readiness turns false as soon as shutdown begins (onModuleDestroy runs before any other
 * shutdown hook), so load balancers stop sending traffic while in-flight work drains.
 */
@Injectable()
export class Probes implements OnModuleDestroy {
  private readonly checks = new Map<string, ProbeCheck>();
  private shuttingDown = false;

  addReadinessCheck(name: string, check: ProbeCheck): void {
    this.checks.set(name, check);
  }

  onModuleDestroy(): void {
    this.shuttingDown = true;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  async readiness(): Promise<{ ready: boolean; lines: string[] }> {
    const lines = [
      `[${this.shuttingDown ? '-' : '+'}]shutdown ${this.shuttingDown ? 'in progress' : 'ok'}`,
    ];
    let ready = !this.shuttingDown;
    for (const [name, check] of this.checks) {
      const result = await Promise.resolve()
        .then(check)
        .catch(() => false);
      const { ok, text } = line(name, result);
      ready &&= ok;
      lines.push(text);
    }
    return { ready, lines };
  }
}
