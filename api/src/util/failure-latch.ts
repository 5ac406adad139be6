/** The part of a pino logger a FailureLatch writes to. */
export interface LatchLogger {
  info(message: string): void;
  warn(fields: { err: string }, message: string): void;
}

/**
 * For a read repeated in the background (budget spend every 30 s): a warning when it starts
 * failing and a note when it recovers, not one line per attempt while the database is away.
 */
export class FailureLatch {
  private failing = false;

  constructor(
    private readonly logger: LatchLogger,
    private readonly messages: { readonly failed: string; readonly recovered: string },
  ) {}

  succeeded(): void {
    if (this.failing) this.logger.info(this.messages.recovered);
    this.failing = false;
  }

  failed(error: unknown): void {
    if (!this.failing) this.logger.warn({ err: String(error) }, this.messages.failed);
    this.failing = true;
  }
}
