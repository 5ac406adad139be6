/**
 * Thrown by a reconciler when retrying cannot help (invalid spec, missing reference the user must
 * fix): the controller records the error and does not requeue, like controller-runtime's
 * reconcile.TerminalError and BullMQ's UnrecoverableError. Set a condition before throwing.
 */
export class TerminalError extends Error {
  override readonly name = 'TerminalError';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}
