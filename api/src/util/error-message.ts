/**
 * One line for logs and status details. Node reports a refused connect to a host with several
 * addresses (localhost: ::1 and 127.0.0.1) as an AggregateError whose own message is empty.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.map(errorMessage).join('; ');
  }
  if (error instanceof Error) return error.message === '' ? error.name : error.message;
  return String(error);
}
