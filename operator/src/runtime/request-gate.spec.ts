import { RequestGate } from './request-gate.js';

function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('RequestGate', () => {
  it('closes only after the requests in flight settled, and aborts its signal at once', async () => {
    const gate = new RequestGate();
    const list = deferred();
    const failing = gate.track(() => Promise.reject(new Error('watch failed')));
    void gate.track(() => list.promise);
    let closed = false;
    const closing = gate.close().then(() => (closed = true));
    expect(gate.signal.aborted).toBe(true);
    await expect(failing).rejects.toThrow('watch failed');
    expect(closed).toBe(false);
    list.resolve();
    await closing;
    expect(closed).toBe(true);
  });

  it('refuses new requests once closed, without running them, until reopened', async () => {
    const gate = new RequestGate();
    await gate.close();
    const sent: string[] = [];
    const send = () => Promise.resolve(void sent.push('list'));
    await expect(gate.track(send)).rejects.toThrow('Informer stopped');
    expect(sent).toEqual([]);
    gate.reopen();
    expect(gate.signal.aborted).toBe(false);
    await gate.track(send);
    expect(sent).toEqual(['list']);
  });
});
