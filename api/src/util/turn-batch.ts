/**
 * Work asked for during one turn of the event loop, done once for all of it in that turn's
 * check phase (setImmediate): before the loop polls sockets again, so it waits for no I/O, and
 * after every call that the turn's reads started has had its say. Route used one Redis write
 * per command; under load, concurrent calls' commands now share one (issue 15's profile:
 * the socket writes of Redis commands were a sixth of a Route miss's CPU).
 */
export class TurnBatch<I, O> {
  private pending: Array<{
    readonly item: I;
    readonly resolve: (value: O) => void;
    readonly reject: (error: unknown) => void;
  }> = [];

  /** `run` gets the turn's items in the order asked and answers each, in the same order. */
  constructor(private readonly run: (items: I[]) => Promise<readonly O[]>) {}

  add(item: I): Promise<O> {
    return new Promise((resolve, reject) => {
      if (this.pending.push({ item, resolve, reject }) === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    // Through a promise, so a `run` that throws rejects the batch like one that rejects.
    Promise.resolve(batch.map((b) => b.item))
      .then((items) => this.run(items))
      .then(
        (results) => {
          batch.forEach((b, i) =>
            i < results.length
              ? b.resolve(results[i] as O)
              : b.reject(new Error(`batch answered ${results.length} of ${batch.length}`)),
          );
        },
        (error: unknown) => batch.forEach((b) => b.reject(error)),
      );
  }
}
