import type { OnApplicationShutdown } from '@nestjs/common';
import { pino } from 'pino';
import type { Logger } from '@sluice/common';

/** pino's default destination (sonic-boom, asynchronous): `_writing` while a write is in flight. */
interface Destination {
  readonly _writing?: boolean;
  once?(event: 'drain', listener: () => void): unknown;
}

/**
 * pino writes asynchronously, and in local mode the CLI logs to the same stdout with a logger of
 * its own: unflushed, the operator's last lines ("Stopped controller manager") could follow the
 * CLI's "Stopped the operator". The last shutdown hook, so close() resolves after they are out.
 * pino's flush() does not wait for a write in flight (sonic-boom with minLength 0), its drain
 * event does.
 */
export class LogFlush implements OnApplicationShutdown {
  constructor(private readonly logger: Logger) {}

  async onApplicationShutdown(): Promise<void> {
    const destination = (this.logger as unknown as Record<symbol, Destination | undefined>)[
      pino.symbols.streamSym
    ];
    while (destination?._writing && destination.once)
      await new Promise<void>((resolve) => destination.once?.('drain', resolve));
    await new Promise<void>((resolve) => this.logger.flush(() => resolve()));
  }
}
