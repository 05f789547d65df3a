/**
 * The simulators a sandbox answers for, by SDK client name and by service name. Lazy
 * ones (services.ts lists them so) are loaded when their service is first called, or
 * when another service's call first needs their state.
 */
import type { AnySimulator, LazySimulator, SimulatorSource } from './service.ts';

interface Entry {
  readonly name: string;
  readonly clientName: string;
  sim: AnySimulator | undefined;
  loading: Promise<AnySimulator> | undefined;
  readonly load: () => Promise<AnySimulator>;
}

function isLazy(source: SimulatorSource): source is LazySimulator {
  return typeof (source as Partial<LazySimulator>).load === 'function' && (source as Partial<AnySimulator>).operations === undefined;
}

/** Thrown inside a call that needs a simulator not loaded yet: the sandbox loads it and runs the call again. */
export class SimulatorNotLoaded {
  constructor(readonly name: string) {}
}

export class SimulatorRegistry {
  readonly #byClient = new Map<string, Entry>();
  readonly #byName = new Map<string, Entry>();

  register(source: SimulatorSource): void {
    if (this.#byName.has(source.name)) throw new Error(`sandbox: service '${source.name}' is registered twice`);
    const lazy = isLazy(source);
    const entry: Entry = {
      name: source.name,
      clientName: source.clientName,
      sim: lazy ? undefined : (source as AnySimulator),
      loading: undefined,
      load: lazy ? () => source.load() : async () => source as AnySimulator,
    };
    this.#byName.set(entry.name, entry);
    this.#byClient.set(entry.clientName, entry);
  }

  /** Is a service of this name simulated (loaded or not)? */
  has(name: string): boolean {
    return this.#byName.has(name);
  }

  /** The loaded simulator for an SDK client name ('EC2Client'), if any. */
  loaded(clientName: string): AnySimulator | undefined {
    return this.#byClient.get(clientName)?.sim;
  }

  /** The loaded simulator of a service; throws SimulatorNotLoaded when it is registered but not loaded. */
  byName(name: string): AnySimulator | undefined {
    const entry = this.#byName.get(name);
    if (entry === undefined) return undefined;
    if (entry.sim === undefined) throw new SimulatorNotLoaded(name);
    return entry.sim;
  }

  /** Loads (once) the simulator for an SDK client name; undefined when none is registered. */
  forClient(clientName: string): Promise<AnySimulator> | undefined {
    const entry = this.#byClient.get(clientName);
    return entry && this.#load(entry);
  }

  /** Loads (once) the simulator of a service. */
  loadByName(name: string): Promise<AnySimulator> {
    const entry = this.#byName.get(name);
    if (entry === undefined) return Promise.reject(new Error(`blogctl sandbox: no simulator named '${name}'`));
    return this.#load(entry);
  }

  #load(entry: Entry): Promise<AnySimulator> {
    if (entry.sim !== undefined) return Promise.resolve(entry.sim);
    entry.loading ??= entry.load().then(
      (sim) => {
        if (sim.name !== entry.name || sim.clientName !== entry.clientName) {
          throw new Error(`blogctl sandbox: the simulator loaded for '${entry.name}' is '${sim.name}' (${sim.clientName})`);
        }
        entry.sim = sim;
        return sim;
      },
      (e: unknown) => {
        entry.loading = undefined;
        throw e;
      },
    );
    return entry.loading;
  }
}
