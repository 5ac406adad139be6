// Runs generated calls against the API child and turns what it sees into failures that say
// which request did it. A request that kills the process is recorded (and the process started
// again for the tests after it), so one crash cannot hide every other finding.
import type { DescMethod } from '@bufbuild/protobuf';
import { status as Status } from '@grpc/grpc-js';
import fc from 'fast-check';
import { ApiChild, type ApiEnv } from './api-child.js';
import { bearer, RawClient, type CallResult } from './raw-call.js';
import { describeRequest, encode, type CallerName, type FuzzRequest } from './request-arbitrary.js';
import { methodPath } from './rpc-catalog.js';
import { brokenRule } from './verdict.js';

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_207);
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 60);

const BOGUS_TOKEN = 'sk-sluice-00000000000000000000000000000000';
// Transport-level answers after which the process may be on its way out.
const DYING = new Set([Status.UNAVAILABLE, Status.CANCELLED, Status.INTERNAL, Status.UNKNOWN]);

export interface Death {
  readonly request: string;
  readonly exit: string;
}

/**
 * Restarts allowed while one property shrinks a request that killed the process: each costs a
 * process start, and a few steps already cut most of a request away.
 */
const SHRINK_RESTARTS = 6;

export class Fuzzer {
  readonly deaths: Death[] = [];
  private client: RawClient;
  private restartsLeft = 0;
  private deathsBefore = 0;

  private constructor(
    public api: ApiChild,
    private readonly env: ApiEnv,
    private readonly tokens: Readonly<Record<'admin' | 'scoped', string>>,
  ) {
    this.client = new RawClient(api.grpcAddress);
  }

  static async start(env: ApiEnv, tokens: Record<'admin' | 'scoped', string>): Promise<Fuzzer> {
    return new Fuzzer(await ApiChild.start(env), env, tokens);
  }

  /** A fresh process after a death, so later tests still judge the API. */
  async restartIfDead(): Promise<void> {
    if (this.api.alive) return;
    this.client.close();
    this.api = await ApiChild.start(this.env);
    this.client = new RawClient(this.api.grpcAddress);
  }

  tokenOf(caller: CallerName): string | undefined {
    if (caller === 'none') return undefined;
    return caller === 'bogus' ? BOGUS_TOKEN : this.tokens[caller];
  }

  /** Sends encoded bodies; for a unary method, exactly one. */
  send(
    method: DescMethod,
    bodies: readonly Buffer[],
    token: string | undefined,
  ): Promise<CallResult> {
    const path = methodPath(method);
    return method.methodKind === 'client_streaming'
      ? this.client.clientStream(path, bodies, bearer(token))
      : this.client.unary(path, bodies[0] ?? Buffer.alloc(0), bearer(token));
  }

  /** Before each property: its shrinking may restart the process a few times. */
  private beginProperty(): void {
    this.restartsLeft = SHRINK_RESTARTS;
    this.deathsBefore = this.deaths.length;
  }

  /**
   * Throws when the call broke a rule or the process died answering it. After a death, the
   * process is restarted so shrinking can find a smaller request that kills it; once the
   * restarts are used up, calls return quietly (the smallest killer found so far stands).
   */
  async check(
    method: DescMethod,
    what: () => string,
    call: () => Promise<CallResult>,
  ): Promise<void> {
    if (!this.api.alive) {
      if (this.restartsLeft <= 0) return;
      this.restartsLeft--;
      await this.restartIfDead();
    }
    const result = await call();
    // A dying process may drop the connection a moment before it exits: wait for either.
    if (DYING.has(result.code))
      await Promise.race([this.api.exited, new Promise((r) => setTimeout(r, 1000))]);
    if (!this.api.alive) {
      const death = { request: `${methodPath(method)} ${what()}`, exit: this.api.describeExit() };
      // One death per property: the last (smallest) request that killed it.
      this.deaths.splice(this.deathsBefore, 1, death);
      throw new Error(`the API process died answering ${death.request}\n${death.exit}`);
    }
    const broken = brokenRule(methodPath(method), method.input, result);
    if (broken !== undefined) throw new Error(broken);
  }

  property(method: DescMethod, requests: fc.Arbitrary<FuzzRequest>) {
    return fc.asyncProperty(requests, (request) =>
      this.check(
        method,
        () => describeRequest(request),
        () =>
          this.send(
            method,
            request.messages.map((m) => encode(method.input, m)),
            this.tokenOf(request.caller),
          ),
      ),
    );
  }

  /** Runs `property` seeded; on failure, throws with the seed, the counterexample and the error. */
  async assert<T>(
    property: fc.IAsyncPropertyWithHooks<[T]>,
    describe: (value: T) => string,
    numRuns = FUZZ_RUNS,
  ): Promise<void> {
    this.beginProperty();
    const details = await fc.check(property, { seed: FUZZ_SEED, numRuns });
    if (!details.failed) return;
    const example: T | undefined = details.counterexample?.[0];
    const error = details.errorInstance;
    throw new Error(
      [
        `Fuzzing failed after ${details.numRuns} runs (FUZZ_SEED=${FUZZ_SEED}, path ${details.counterexamplePath}, ${details.numShrinks} shrinks).`,
        `Request: ${example === undefined ? '?' : describe(example)}`,
        `Problem: ${error instanceof Error ? error.message : String(error)}`,
        `Reproduce: FUZZ_SEED=${FUZZ_SEED} make fuzz`,
      ].join('\n'),
    );
  }

  close(): Promise<void> {
    this.client.close();
    return this.api.stop();
  }
}
