/**
 * The embedded simulated AWS account: state store, clock, durations, faults, rate limits,
 * call counts, and the registry of service simulators (see service.ts for how a service
 * plugs in, middleware.ts for how SDK clients reach it). It is a ClientPlugin: give it to
 * AwsClients as `sandbox` and every client answers from it.
 */
import { CallCounter, serviceLabel } from '../aws/call-counter.ts';
import { AwsClients } from '../aws/clients.ts';
import type { ClientPlugin, PluggableClient } from '../aws/plugin.ts';
import { buildContext, faultError, type Mode, NeedsWrite } from './call-context.ts';
import { type FaultOptions, Faults, RateLimiter } from './faults.ts';
import { seededUuid } from './ids.ts';
import { attachSandbox } from './middleware.ts';
import { SimulatorNotLoaded, SimulatorRegistry } from './registry.ts';
import { type AnySimulator, cloneOutput, type EffectContext, isReadOperation, SimulatedError, type SimulatorSource } from './service.ts';
import { type AccountState, DEFAULT_REGION, DEFAULT_SEED, newAccountState, serializeAccountState } from './state.ts';
import { FileStore, MemoryStore, type StateStore } from './store.ts';
import { type Clock, type Delay, type DurationProfile, Durations, ManualClock, realDelay, systemClock } from './time.ts';

export interface SandboxOptions {
  /** The state file shared by processes; undefined keeps the account in memory. */
  readonly file?: string | undefined;
  /** For a new account: default 123456789012, us-east-1, seed 'blogctl'. */
  readonly accountId?: string;
  readonly region?: string;
  readonly seed?: string;
  /** Default: the system clock; a ManualClock in tests. */
  readonly clock?: Clock;
  /** How injected latency waits. Default: a ManualClock's own delay, else setTimeout. */
  readonly delay?: Delay;
  readonly profile?: DurationProfile;
  /** Multiplies realistic durations. */
  readonly timeScale?: number;
  readonly faults?: FaultOptions;
  /** AWS-like request-rate limits per service; default on. */
  readonly rateLimits?: boolean;
  /** The simulators this sandbox answers for, or lazy ones (see services.ts for all of them). */
  readonly services: readonly SimulatorSource[];
  /**
   * fsync the state file before its rename; default false: the rename keeps the file whole
   * if a process dies, and a simulated account needs no durability across power loss
   * (fsync was most of a large apply's time: one per batch of calls).
   */
  readonly fsync?: boolean;
  /**
   * Check that every call answered as a read left the account as it was, and that each
   * state file text equals a full serialisation (serialisations before and after each
   * read and at each write: for tests). Default: BLOGCTL_SANDBOX_CHECK_READS=1.
   */
  readonly checkReads?: boolean;
}

type Effect = (effect: EffectContext) => void | Promise<void>;

export class Sandbox implements ClientPlugin {
  readonly store: StateStore;
  readonly clock: Clock;
  readonly delay: Delay;
  readonly durations: Durations;
  readonly faults: Faults;
  readonly rateLimits: boolean;
  /** The region sandbox-backed clients use unless told otherwise. */
  readonly region: string;
  readonly limiter: RateLimiter;
  /** Attempts that reached the simulated account, per service and operation. */
  readonly calls = new CallCounter();
  /** Errors thrown by after-commit effects (they never fail the call that caused them). */
  readonly effectErrors: Error[] = [];
  readonly #seed: string;
  readonly #registry = new SimulatorRegistry();
  readonly #newAccount: () => AccountState;
  readonly #clients = new Map<string, AwsClients>();
  readonly #checkReads: boolean;
  #requests = 0;
  /** This sandbox's number among those that drew random faults from the account (see faultRun). */
  #faultRun: Promise<number> | undefined;

  constructor(options: SandboxOptions) {
    this.clock = options.clock ?? systemClock;
    this.delay = options.delay ?? (this.clock instanceof ManualClock ? this.clock.delay : realDelay);
    this.durations = new Durations(options.profile ?? 'quick', options.timeScale ?? 1);
    this.#seed = options.seed ?? DEFAULT_SEED;
    this.faults = new Faults(options.faults ?? {}, this.#seed);
    this.rateLimits = options.rateLimits ?? true;
    this.region = options.region ?? DEFAULT_REGION;
    this.limiter = new RateLimiter(this.clock);
    this.#checkReads = options.checkReads ?? process.env['BLOGCTL_SANDBOX_CHECK_READS'] === '1';
    this.#newAccount = () =>
      newAccountState({ accountId: options.accountId, region: options.region, seed: this.#seed, now: this.clock.now() });
    this.store =
      options.file === undefined
        ? new MemoryStore(this.#newAccount())
        : new FileStore(options.file, { init: this.#newAccount, fsync: options.fsync, checkText: this.#checkReads });
    for (const sim of options.services) this.register(sim);
  }

  register(sim: SimulatorSource): void {
    this.#registry.register(sim);
  }

  /** The simulator answering for an SDK client class name ('EC2Client'), once it answered a call. */
  simulatorFor(clientName: string): AnySimulator | undefined {
    return this.#registry.loaded(clientName);
  }

  /** ClientPlugin: dummy credentials the SDK is satisfied with; never sent anywhere. */
  credentials(): { accessKeyId: string; secretAccessKey: string } {
    return { accessKeyId: 'AKIASANDBOXEXAMPLE00', secretAccessKey: 'blogctl-sandbox' };
  }

  /** ClientPlugin: makes `client` answer every command from this sandbox. */
  attach(client: PluggableClient): void {
    attachSandbox(client, this);
  }

  /** Answers one API call; throws SimulatedError for AWS errors. `operation` has no 'Command' suffix. */
  async call(clientName: string, operation: string, input: object, region?: string): Promise<object> {
    const sim = await this.#registry.forClient(clientName);
    if (sim === undefined) throw new Error(`blogctl sandbox: no simulator for ${clientName} (${operation}); see src/sandbox/services.ts`);
    const label = serviceLabel(clientName);
    if (this.faults.latencyMs > 0) await this.delay(this.faults.latencyMs);
    try {
      const output = await this.#answer(sim, label, operation, input, region);
      this.calls.record(label, operation);
      return output;
    } catch (e) {
      this.calls.record(label, operation, e instanceof SimulatedError ? e.code : 'Error');
      throw e;
    }
  }

  async #answer(sim: AnySimulator, label: string, operation: string, input: object, region?: string): Promise<object> {
    const bucket = this.rateLimits ? sim.rateLimit?.(operation) : undefined;
    const callRegion = region ?? this.region;
    if (bucket) {
      const key = bucket.scope === 'service' ? `${callRegion}/${label}` : `${callRegion}/${label}/${operation}`;
      if (!this.limiter.take(key, bucket)) throw faultError(sim, 'throttle');
    }
    const run = this.faults.random ? await this.#faultRunNumber() : 0;
    const fault = this.faults.decide([sim.name, sim.clientName, label], operation, run);
    if (fault !== undefined) throw faultError(sim, fault);
    const handler = sim.operations[operation];
    if (handler === undefined) {
      throw new SimulatedError('InvalidAction', `blogctl sandbox: ${sim.clientName} does not simulate ${operation}`);
    }
    let effects: Effect[] = [];
    const answer = async (account: AccountState, mode: Mode) => {
      effects = [];
      const ctx = buildContext({
        sim, account, operation, mode, region: region ?? account.region, now: this.clock.now(), durations: this.durations,
        registry: this.#registry, afterCommit: (fn) => effects.push(fn),
      });
      return cloneOutput(await handler(input as never, ctx));
    };
    const output = await this.#transaction(sim.readOnly?.(operation) ?? isReadOperation(operation), answer);
    const effectContext: EffectContext = {
      call: (clientName, op, opInput, opRegion) => this.call(clientName, op, opInput, opRegion ?? callRegion),
      transact: (fn) => this.store.transact(fn),
      output: output as Record<string, unknown>,
      clients: (clientRegion) => this.clientsIn(clientRegion),
    };
    for (const effect of effects) {
      try {
        await effect(effectContext);
      } catch (e) {
        this.effectErrors.push(e as Error);
      }
    }
    return output;
  }

  /**
   * Runs `fn` as a read (on the account as it is) or a write (journaled); a read that
   * needs to create state is run again as a write, a call that needs another simulator
   * loaded is run again once it is.
   */
  async #transaction<T>(readOnly: boolean, fn: (account: AccountState, mode: Mode) => Promise<T>): Promise<T> {
    let mode: Mode = readOnly ? 'read' : 'write';
    for (;;) {
      try {
        if (mode === 'write') return await this.store.transact((account) => fn(account, 'write'));
        return await this.store.read((account) => (this.#checkReads ? this.#checkedRead(account, fn) : fn(account, 'read')));
      } catch (e) {
        if (e instanceof NeedsWrite) mode = 'write';
        else if (e instanceof SimulatorNotLoaded) await this.#registry.loadByName(e.name);
        else throw e;
      }
    }
  }

  async #checkedRead<T>(account: AccountState, fn: (account: AccountState, mode: Mode) => Promise<T>): Promise<T> {
    const before = serializeAccountState(account);
    const changed = () => serializeAccountState(account) !== before;
    let result: T;
    try {
      result = await fn(account, 'read');
    } catch (e) {
      if (changed()) throw new Error(`blogctl sandbox: a call answered as a read changed the account before failing (${String(e)})`);
      throw e;
    }
    if (changed()) throw new Error('blogctl sandbox: a call answered as a read changed the account; declare it in its simulator\'s readOnly');
    return result;
  }

  /**
   * Random faults are a hash of the seed, the operation, its call count and this number,
   * which each sandbox takes from the account (a counter in it) the first time it draws:
   * a sandbox repeats its sequence, a second run on the same account draws another one.
   */
  #faultRunNumber(): Promise<number> {
    this.#faultRun ??= this.store.transact((account) => {
      account.faultRuns = (account.faultRuns ?? 0) + 1;
      return account.faultRuns;
    });
    return this.#faultRun;
  }

  /** SDK clients answered by this sandbox, one set per region (what in-process Lambda handlers call AWS with). */
  clientsIn(region: string): AwsClients {
    let clients = this.#clients.get(region);
    if (clients === undefined) {
      clients = new AwsClients({ sandbox: this, region });
      this.#clients.set(region, clients);
    }
    return clients;
  }

  /** A request id for a response ($metadata.requestId). */
  nextRequestId(): string {
    this.#requests += 1;
    return seededUuid(this.#seed, 'request', this.#requests);
  }

  /** Change the whole account under the store's lock (blogctl sandbox tamper, effects). */
  transact<T>(fn: (state: AccountState) => T | Promise<T>): Promise<T> {
    return this.store.transact(fn);
  }

  /** A deep copy of the account. */
  snapshot(): Promise<AccountState> {
    return this.store.read((s) => structuredClone(s));
  }

  /**
   * Resolves once every change made is in the state file and its lock is let go (a file
   * store answers calls a moment before): what a command awaits before it returns.
   */
  idle(): Promise<void> {
    return this.store.idle?.() ?? Promise.resolve();
  }

  /** Starts a new empty account, even when the stored one is unreadable. */
  reset(): Promise<void> {
    return this.store.reset(this.#newAccount());
  }
}
