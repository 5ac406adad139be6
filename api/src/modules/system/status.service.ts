import { Inject, Injectable } from '@nestjs/common';
import { createRequire } from 'node:module';
import { DEPENDENCY_PROBES, type DependencyProbe } from './dependency-probe.js';

const PROBE_TIMEOUT_MS = 2000;

export interface DependencyReport {
  readonly name: string;
  readonly up: boolean;
  readonly detail: string;
}

function withTimeout(probe: DependencyProbe): Promise<string | void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)),
      PROBE_TIMEOUT_MS,
    );
    probe
      .check()
      .then(resolve, reject)
      .finally(() => clearTimeout(timer));
  });
}

/** Version, uptime and dependency state of this API process. */
@Injectable()
export class StatusService {
  readonly version: string = (
    createRequire(import.meta.url)('../../../package.json') as { version: string }
  ).version;
  readonly startedAt = new Date();

  constructor(@Inject(DEPENDENCY_PROBES) private readonly probes: DependencyProbe[]) {}

  dependencies(): Promise<DependencyReport[]> {
    return Promise.all(
      this.probes.map((probe) =>
        withTimeout(probe).then(
          (detail) => ({ name: probe.name, up: true, detail: detail || 'ok' }),
          (error: unknown) => ({
            name: probe.name,
            up: false,
            detail: error instanceof Error ? error.message : String(error),
          }),
        ),
      ),
    );
  }
}
