import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { exponentialDelay, type Backoff } from '../util/backoff.js';
import { errorMessage } from '../util/error-message.js';

export const CONNECT_BACKOFF: Backoff = { initialMs: 1000, maxMs: 30_000 };

/**
 * Opens the DataSource without ever failing start-up (SPEC section 6: the API starts and answers
 * while PostgreSQL is down). The first attempt is awaited in onModuleInit, which Nest finishes for
 * every module before any onApplicationBootstrap: a healthy database is ready before the API
 * listens and before the recorders and writers started there make their first write. After a
 * failure, attempts continue in the background with capped backoff.
 * Once connected, the pg pool replaces broken connections by itself.
 */
@Injectable()
export class DatabaseConnector implements OnModuleInit, OnApplicationShutdown {
  private attempts = 0;
  private lastError: unknown;
  private retryTimer: NodeJS.Timeout | undefined;
  private attempt: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectPinoLogger(DatabaseConnector.name) private readonly logger: PinoLogger,
  ) {}

  /** Why the database is not connected, or undefined once it is. */
  get problem(): string | undefined {
    if (this.dataSource.isInitialized) return undefined;
    return this.lastError === undefined ? 'connecting' : errorMessage(this.lastError);
  }

  onModuleInit(): Promise<void> {
    return this.connect();
  }

  /**
   * Stops retrying; closing is TypeOrmCoreModule's job. It is global, so its shutdown hook runs
   * after every feature module's and the database closes last (STYLE rule 10). An attempt still
   * under way is awaited so that its connection, too, is there for it to close.
   */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.attempt;
  }

  private connect(): Promise<void> {
    this.attempt = this.tryOnce().finally(() => (this.attempt = undefined));
    return this.attempt;
  }

  private async tryOnce(): Promise<void> {
    this.attempts += 1;
    try {
      await this.dataSource.initialize();
      this.lastError = undefined;
      this.logger.info({ attempts: this.attempts }, 'Connected to PostgreSQL');
    } catch (error) {
      this.lastError = error;
      if (!this.stopped) this.scheduleRetry();
    }
  }

  private scheduleRetry(): void {
    const retryInMs = exponentialDelay(this.attempts, CONNECT_BACKOFF);
    this.logger.warn(
      { err: errorMessage(this.lastError), attempts: this.attempts, retryInMs },
      'Failed to connect to PostgreSQL; will retry',
    );
    this.retryTimer = setTimeout(() => void this.connect(), retryInMs);
    // Retrying must not be what keeps a stopping process alive.
    this.retryTimer.unref();
  }
}
