// Loaded into the API child by the fuzz suite only (node --expose-gc --import): on SIGUSR2 it
// collects all garbage and prints the live heap, so the suite can tell memory the API still holds
// (a leak) from the high-water marks RSS keeps (V8's grown heap, the allocator's free pages).
process.on('SIGUSR2', () => {
  // Twice: the first collection runs finalizers whose garbage only the second one frees.
  globalThis.gc();
  globalThis.gc();
  const { heapUsed, external } = process.memoryUsage();
  process.stderr.write(`${JSON.stringify({ fuzzLiveHeap: { heapUsed, external } })}\n`);
});
