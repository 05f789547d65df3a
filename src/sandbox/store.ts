/**
 * Where the account state lives: in memory (tests) or in one JSON file shared by
 * processes. Every call is a transaction: exclusive access -> latest state -> handler ->
 * commit if the state changed, roll back if the handler threw.
 *
 * The file store holds a lock file (proper-lockfile, `<file>.lock`) across load, handler
 * and save, and writes atomically (write-file-atomic: temp file + rename), so two
 * processes never lose each other's writes and a crash never leaves half a file.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import lockfile from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import { type AccountState, parseAccountState, SandboxStateError, serializeAccountState } from './state.ts';

export interface StateStore {
  /** The file path, or '(memory)'. */
  readonly location: string;
  /** Runs fn with exclusive access to the latest state; commits its changes unless it throws. */
  transact<T>(fn: (state: AccountState) => T | Promise<T>): Promise<T>;
  /** Replaces the account with `fresh`, even if the stored one is unreadable. */
  reset(fresh: AccountState): Promise<void>;
}

/** Serialises async sections within this process. */
class Mutex {
  #tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(fn);
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

/** Runs fn on `state`; returns its result and the state's text afterwards. */
async function runInTransaction<T>(
  state: AccountState,
  fn: (state: AccountState) => T | Promise<T>,
): Promise<{ result: T; text: string }> {
  const result = await fn(state);
  return { result, text: serializeAccountState(state) };
}

export class MemoryStore implements StateStore {
  readonly location = '(memory)';
  readonly #mutex = new Mutex();
  #state: AccountState;
  #text: string;

  constructor(initial: AccountState) {
    this.#state = initial;
    this.#text = serializeAccountState(initial);
  }

  transact<T>(fn: (state: AccountState) => T | Promise<T>): Promise<T> {
    return this.#mutex.run(async () => {
      try {
        const { result, text } = await runInTransaction(this.#state, fn);
        this.#text = text;
        return result;
      } catch (e) {
        this.#state = JSON.parse(this.#text) as AccountState;
        throw e;
      }
    });
  }

  reset(fresh: AccountState): Promise<void> {
    return this.#mutex.run(async () => {
      this.#state = fresh;
      this.#text = serializeAccountState(fresh);
    });
  }
}

export interface FileStoreOptions {
  /** Creates the account when the file does not exist yet. */
  readonly init: () => AccountState;
  /** Waiting for another process's lock: attempts and backoff. */
  readonly lockRetries?: { retries: number; minTimeout: number; maxTimeout: number };
  /** fsync before rename (durability across power loss); default true. */
  readonly fsync?: boolean;
}

export class FileStore implements StateStore {
  readonly location: string;
  readonly #options: FileStoreOptions;
  readonly #mutex = new Mutex();
  /** The last text read or written, and the state parsed from it. */
  #cache: { text: string; state: AccountState } | undefined;

  constructor(file: string, options: FileStoreOptions) {
    this.location = file;
    this.#options = options;
  }

  async #withLock<T>(fn: () => Promise<T>): Promise<T> {
    await mkdir(dirname(this.location), { recursive: true });
    let compromised: Error | undefined;
    const release = await lockfile
      .lock(this.location, {
        realpath: false,
        stale: 10_000,
        retries: this.#options.lockRetries ?? { retries: 200, minTimeout: 2, maxTimeout: 50 },
        onCompromised: (err) => {
          compromised = err;
        },
      })
      .catch((e: Error) => {
        throw new Error(
          `sandbox state ${this.location} stayed locked by another process (${e.message}); ` +
            `if no blogctl is running, remove ${this.location}.lock`,
          { cause: e },
        );
      });
    try {
      const result = await fn();
      if (compromised) throw new Error(`lost the lock on ${this.location}: ${compromised.message}`, { cause: compromised });
      return result;
    } finally {
      await release().catch(() => undefined);
    }
  }

  async #load(): Promise<{ text: string; state: AccountState }> {
    let text: string;
    try {
      text = await readFile(this.location, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new SandboxStateError(this.location, `cannot be read (${(e as Error).message})`, { cause: e });
      }
      const state = this.#options.init();
      return { text: '', state };
    }
    if (this.#cache?.text === text) return this.#cache;
    return { text, state: parseAccountState(text, this.location) };
  }

  async #save(text: string): Promise<void> {
    await writeFileAtomic(this.location, text, { fsync: this.#options.fsync ?? true });
  }

  transact<T>(fn: (state: AccountState) => T | Promise<T>): Promise<T> {
    return this.#mutex.run(() =>
      this.#withLock(async () => {
        const loaded = await this.#load();
        // Until the commit below succeeds the parsed state may be half-mutated: forget it.
        this.#cache = undefined;
        const outcome = await runInTransaction(loaded.state, fn);
        if (outcome.text !== loaded.text) await this.#save(outcome.text);
        this.#cache = { text: outcome.text, state: loaded.state };
        return outcome.result;
      }),
    );
  }

  reset(fresh: AccountState): Promise<void> {
    return this.#mutex.run(() =>
      this.#withLock(async () => {
        const text = serializeAccountState(fresh);
        await this.#save(text);
        this.#cache = { text, state: fresh };
      }),
    );
  }
}
