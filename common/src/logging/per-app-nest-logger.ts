// Nest's own Logger is process-wide: app.useLogger sets one static delegate
// (Logger.overrideLogger) for every `new Logger(context)` of every app, the framework's lines
// included. With two apps in one process (local mode), the app started last would label the
// other's lines. So the one delegate we install looks up the app in the async context that app
// starts and closes in (startNestApp); timers, sockets and watches it sets up keep that context.
import { AsyncLocalStorage } from 'node:async_hooks';
import { ConsoleLogger, type LoggerService } from '@nestjs/common';

/** An app's logger, filled in once its container exists (the context starts before). */
export class AppLogSlot {
  logger: LoggerService | undefined;
}

const slots = new AsyncLocalStorage<AppLogSlot>();
const beforeAnyApp = new ConsoleLogger();
// Outside every app's context (code called from outside, e.g. a test or sluice dev itself):
// the app that started last, which is what Nest alone would do.
let latest: LoggerService | undefined;

export function inAppLogContext<T>(slot: AppLogSlot, run: () => T): T {
  return slots.run(slot, run);
}

export function setAppLogger(slot: AppLogSlot, logger: LoggerService): void {
  slot.logger = logger;
  latest = logger;
}

const target = (): LoggerService => slots.getStore()?.logger ?? latest ?? beforeAnyApp;

/** The process-wide delegate for Nest's Logger; pass it to every app's useLogger. */
export const perAppNestLogger: LoggerService = {
  log(message: unknown, ...params: unknown[]): void {
    target().log(message, ...params);
  },
  error(message: unknown, ...params: unknown[]): void {
    target().error(message, ...params);
  },
  warn(message: unknown, ...params: unknown[]): void {
    target().warn(message, ...params);
  },
  debug(message: unknown, ...params: unknown[]): void {
    target().debug?.(message, ...params);
  },
  verbose(message: unknown, ...params: unknown[]): void {
    target().verbose?.(message, ...params);
  },
  fatal(message: unknown, ...params: unknown[]): void {
    target().fatal?.(message, ...params);
  },
};
