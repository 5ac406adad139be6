import { Injectable, type OnModuleDestroy } from '@nestjs/common';

export type ProbeCheck = () => boolean | Promise<boolean>;

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
      const ok = await Promise.resolve()
        .then(check)
        .catch(() => false);
      ready &&= ok;
      lines.push(`[${ok ? '+' : '-'}]${name} ${ok ? 'ok' : 'failed'}`);
    }
    return { ready, lines };
  }
}
