/**
 * The embedded simulated AWS account: state store, clock, durations, faults, rate limits,
 * call counts, and the registry of service simulators (see service.ts for how a service
 * plugs in, middleware.ts for how SDK clients reach it).
 */
import { CallCounter, serviceLabel } from '../aws/call-counter.ts';
import { AwsClients } from '../aws/clients.ts';
import { type FaultKind, type FaultOptions, Faults, RateLimiter } from './faults.ts';
import { formatArn, IdGenerator, seededUuid } from './ids.ts';
import { type AnySimulator, type CallContext, cloneOutput, type EffectContext, type ServiceSimulator, SimulatedError } from './service.ts';
import { type AccountState, DEFAULT_REGION, DEFAULT_SEED, newAccountState } from './state.ts';
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
  /** The simulators this sandbox answers for (see services.ts for all of them). */
  readonly services: readonly AnySimulator[];
  /** fsync the state file before rename; default true. */
  readonly fsync?: boolean;
}

export class Sandbox {
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
  readonly #byClient = new Map<string, AnySimulator>();
  readonly #byName = new Map<string, AnySimulator>();
  readonly #newAccount: () => AccountState;
  readonly #clients = new Map<string, AwsClients>();
  #requests = 0;

  constructor(options: SandboxOptions) {
    this.clock = options.clock ?? systemClock;
    this.delay = options.delay ?? (this.clock instanceof ManualClock ? this.clock.delay : realDelay);
    this.durations = new Durations(options.profile ?? 'quick', options.timeScale ?? 1);
    this.#seed = options.seed ?? DEFAULT_SEED;
    this.faults = new Faults(options.faults ?? {}, this.#seed);
    this.rateLimits = options.rateLimits ?? true;
    this.region = options.region ?? DEFAULT_REGION;
    this.limiter = new RateLimiter(this.clock);
    this.#newAccount = () =>
      newAccountState({ accountId: options.accountId, region: options.region, seed: this.#seed, now: this.clock.now() });
    this.store =
      options.file === undefined
        ? new MemoryStore(this.#newAccount())
        : new FileStore(options.file, { init: this.#newAccount, fsync: options.fsync });
    for (const sim of options.services) this.register(sim);
  }

  register(sim: AnySimulator): void {
    if (this.#byName.has(sim.name)) throw new Error(`sandbox: service '${sim.name}' is registered twice`);
    this.#byName.set(sim.name, sim);
    this.#byClient.set(sim.clientName, sim);
  }

  /** The simulator answering for an SDK client class name ('EC2Client'). */
  simulatorFor(clientName: string): AnySimulator | undefined {
    return this.#byClient.get(clientName);
  }


  /** Answers one API call; throws SimulatedError for AWS errors. `operation` has no 'Command' suffix. */
  async call(clientName: string, operation: string, input: object, region?: string): Promise<object> {
    const sim = this.#byClient.get(clientName);
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

  async #answer(sim: ServiceSimulator, label: string, operation: string, input: object, region?: string): Promise<object> {
    const bucket = this.rateLimits ? sim.rateLimit?.(operation) : undefined;
    const callRegion = region ?? this.region;
    if (bucket) {
      const key = bucket.scope === 'service' ? `${callRegion}/${label}` : `${callRegion}/${label}/${operation}`;
      if (!this.limiter.take(key, bucket)) throw this.#fault(sim, 'throttle');
    }
    const fault = this.faults.decide([sim.name, sim.clientName, label], operation);
    if (fault !== undefined) throw this.#fault(sim, fault);
    const handler = sim.operations[operation];
    if (handler === undefined) {
      throw new SimulatedError('InvalidAction', `blogctl sandbox: ${sim.clientName} does not simulate ${operation}`);
    }
    const effects: ((effect: EffectContext) => void | Promise<void>)[] = [];
    const output = await this.store.transact(async (account) => {
      const ctx = this.#context<object>(sim, account, operation, region ?? account.region, effects);
      return cloneOutput(await handler(input as never, ctx));
    });
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

  #fault(sim: ServiceSimulator, fault: FaultKind): SimulatedError {
    if (fault === 'throttle') {
      const t = sim.errors.throttling;
      return new SimulatedError(t.code, 'Rate exceeded (blogctl sandbox).', { status: t.status, fault: t.status >= 500 ? 'server' : 'client' });
    }
    if (fault === 'server-error') {
      const t = sim.errors.serverError;
      return new SimulatedError(t.code, 'An internal error has occurred (blogctl sandbox fault injection).', { status: t.status, fault: 'server' });
    }
    const status = fault.status ?? 400;
    return new SimulatedError(fault.code, fault.message ?? `${fault.code} (blogctl sandbox fault injection)`, {
      status,
      fault: status >= 500 ? 'server' : 'client',
    });
  }

  #serviceState(account: AccountState, name: string, region: string): unknown {
    const existing = account.services[name];
    if (existing !== undefined) return existing;
    const sim = this.#byName.get(name);
    if (sim === undefined) throw new Error(`blogctl sandbox: no simulator named '${name}'`);
    const created = sim.initialState({ accountId: account.accountId, region, now: this.clock.now(), ids: new IdGenerator(account) });
    account.services[name] = created;
    return created;
  }

  #context<S>(
    sim: ServiceSimulator,
    account: AccountState,
    operation: string,
    region: string,
    effects: ((effect: EffectContext) => void | Promise<void>)[],
  ): CallContext<S> {
    const state = this.#serviceState(account, sim.name, region) as S;
    const namespace = sim.arnNamespace ?? sim.name;
    return {
      state,
      operation,
      region,
      accountId: account.accountId,
      now: this.clock.now(),
      ids: new IdGenerator(account),
      durations: this.durations,
      arn: (resource, o = {}) =>
        formatArn({ service: o.service ?? namespace, region: o.region ?? region, account: o.account ?? account.accountId, resource }),
      serviceState: <T>(name: string) => this.#serviceState(account, name, region) as T,
      afterCommit: (fn) => {
        effects.push(fn);
      },
      fail: (code, message, options) => {
        throw new SimulatedError(code, message, options);
      },
    };
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

  /** Read or change the whole account under the store's lock (blogctl sandbox show/tamper). */
  transact<T>(fn: (state: AccountState) => T | Promise<T>): Promise<T> {
    return this.store.transact(fn);
  }

  /** A deep copy of the account. */
  snapshot(): Promise<AccountState> {
    return this.store.transact((s) => structuredClone(s));
  }

  /** Starts a new empty account, even when the stored one is unreadable. */
  reset(): Promise<void> {
    return this.store.reset(this.#newAccount());
  }
}
