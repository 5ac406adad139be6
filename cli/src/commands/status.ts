import { createUnaryClient } from '@sluice/api/grpc-client';
import { DependencyState, SystemService } from '@sluice/proto';
import { timestampDate } from '@bufbuild/protobuf/wkt';

export interface StatusOptions {
  readonly address: string;
  readonly timeout: string;
  readonly output: 'text' | 'json';
}

/** sluice.v1.SystemService/GetStatus: which API answered and whether its dependencies do. */
export async function status(options: StatusOptions): Promise<void> {
  const client = createUnaryClient(SystemService, options.address);
  try {
    const reply = await client.getStatus({}, { timeoutMs: Number(options.timeout) });
    const dependencies = reply.dependencies.map((d) => ({
      name: d.name,
      state: DependencyState[d.state],
      detail: d.detail,
    }));
    const startedAt = reply.startedAt ? timestampDate(reply.startedAt).toISOString() : '';
    if (options.output === 'json') {
      process.stdout.write(
        `${JSON.stringify({ version: reply.version, startedAt, dependencies }, null, 2)}\n`,
      );
    } else {
      const lines = dependencies.map(
        (d) => `  ${d.name.padEnd(10)} ${d.state.padEnd(5)} ${d.detail}`,
      );
      process.stdout.write(
        [`Sluice API ${reply.version}, up since ${startedAt}`, ...lines, ''].join('\n'),
      );
    }
    process.exitCode = dependencies.every((d) => d.state === 'UP') ? 0 : 1;
  } finally {
    client.close();
  }
}
