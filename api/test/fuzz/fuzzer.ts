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
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);

const BOGUS_TOKEN = 'sk-sluice-00000000000000000000000000000000';
// Transport-level answers after which the process may be on its way out.
const DYING = new Set([Status.UNAVAILABLE, Status.CANCELLED, Status.INTERNAL, Status.UNKNOWN]);

export interface Death {
  readonly request: string;
  readonly exit: string;
}

/**
 * What one property may spend shrinking: each restart costs a process start and each hang a
 * deadline, and a few steps already cut most of a request away. Past the budget, calls return
 * quietly and the smallest failing request found so far stands.
 */
const SHRINK_BUDGET = { restarts: 6, hangs: 2, failures: 25 };

/** Larger requests are refused by grpc-js with RESOURCE_EXHAUSTED, as gRPC specifies. */
const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/** A rule the API broke, as opposed to an error of the suite itself. */
class Finding extends Error {}

/** For an error of the suite's own (not a finding): where it was thrown. */
function whereThrown(error: unknown): string[] {
  if (!(error instanceof Error) || error instanceof Finding) return [];
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '));
  return [`Thrown in the test process (not by the API), at:`, ...frames.slice(0, 6)];
}

export class Fuzzer {
  readonly deaths: Death[] = [];
  private client: RawClient;
  private budget = { ...SHRINK_BUDGET };
  private deathsBefore = 0;
  /** The first failure of the current property, before shrinking changed the request. */
  private firstFailure: string | undefined;

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
    this.budget = { ...SHRINK_BUDGET };
    this.deathsBefore = this.deaths.length;
    this.firstFailure = undefined;
  }

  private fail(message: string, what: () => string): never {
    this.budget.failures--;
    this.firstFailure ??= `${what()}\n  ${message.split('\n')[0]}`;
    throw new Finding(message);
  }

  /** False once the property's budget is spent; restarts the process after a death. */
  private async ready(): Promise<boolean> {
    if (this.budget.failures <= 0 || this.budget.hangs <= 0) return false;
    if (this.api.alive) return true;
    if (this.budget.restarts-- <= 0) return false;
    await this.restartIfDead();
    return true;
  }

  /**
   * Sends `bodies` and throws when the answer broke a rule or the process died answering. After
   * a death the process is restarted, so shrinking can find a smaller request that kills it.
   */
  async check(
    method: DescMethod,
    what: () => string,
    bodies: readonly Buffer[],
    token: string | undefined,
  ): Promise<void> {
    if (!(await this.ready())) return;
    const result = await this.send(method, bodies, token);
    if (result.code === Status.DEADLINE_EXCEEDED) {
      this.budget.hangs--;
      // A hung answer can wedge the whole HTTP/2 connection: later calls get a fresh one.
      this.client.close();
      this.client = new RawClient(this.api.grpcAddress);
    }
    // A dying process may drop the connection a moment before it exits: wait for either.
    if (DYING.has(result.code))
      await Promise.race([this.api.exited, new Promise((r) => setTimeout(r, 1000))]);
    const path = methodPath(method);
    if (!this.api.alive) {
      const death = { request: `${path} ${what()}`, exit: this.api.describeExit() };
      // One death per property: the last (smallest) request that killed it.
      this.deaths.splice(this.deathsBefore, 1, death);
      this.fail(`the API process died answering ${death.request}\n${death.exit}`, what);
    }
    const size = bodies.reduce((sum, b) => sum + b.length, 0);
    if (result.code === Status.RESOURCE_EXHAUSTED && size > MAX_REQUEST_BYTES) return;
    const broken = brokenRule(path, method.input, result);
    if (broken !== undefined) this.fail(broken, what);
  }

  property(method: DescMethod, requests: fc.Arbitrary<FuzzRequest>) {
    return fc.asyncProperty(requests, (request) =>
      this.check(
        method,
        () => describeRequest(request),
        request.messages.map((m) => encode(method.input, m)),
        this.tokenOf(request.caller),
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
        ...whereThrown(error),
        `First failure, before shrinking: ${this.firstFailure ?? '?'}`,
        `Reproduce: FUZZ_SEED=${FUZZ_SEED} make fuzz`,
      ].join('\n'),
    );
  }

  close(): Promise<void> {
    this.client.close();
    return this.api.stop();
  }
}
