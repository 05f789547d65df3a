/**
 * Where the account state lives: in memory (tests) or in one JSON file shared by
 * processes (file-store.ts). Every call is a transaction on the latest state:
 * - a read runs on the state as it is: nothing is copied, serialised or written;
 * - a write runs through an undo journal (journal.ts): a handler that throws leaves
 *   nothing behind, one that succeeds is committed (on file: serialised and written
 *   once, with the other writes of its batch).
 */
import { journaled } from './journal.ts';
import type { AccountState } from './state.ts';

export { FileStore, type FileStoreOptions } from './file-store.ts';

export interface StateStore {
  /** The file path, or '(memory)'. */
  readonly location: string;
  /** Runs fn on the latest state, which fn must not change (a read). */
  read<T>(fn: (state: AccountState) => T | Promise<T>): Promise<T>;
  /** Runs fn with exclusive access to the latest state; commits its changes unless it throws. */
  transact<T>(fn: (state: AccountState) => T | Promise<T>): Promise<T>;
  /** Replaces the account with `fresh`, even if the stored one is unreadable. */
  reset(fresh: AccountState): Promise<void>;
  /** Resolves once nothing is in flight (a file store has let its lock go); absent: always idle. */
  idle?(): Promise<void>;
}

/** Serialises async sections within this process. */
export class Mutex {
  #tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => T | Promise<T>): Promise<T> {
    const result = this.#tail.then(fn);
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

export class MemoryStore implements StateStore {
  readonly location = '(memory)';
  readonly #mutex = new Mutex();
  #state: AccountState;

  constructor(initial: AccountState) {
    this.#state = initial;
  }

  read<T>(fn: (state: AccountState) => T | Promise<T>): Promise<T> {
    return this.#mutex.run(() => fn(this.#state));
  }

  transact<T>(fn: (state: AccountState) => T | Promise<T>): Promise<T> {
    return this.#mutex.run(async () => (await journaled(this.#state, fn)).result);
  }

  reset(fresh: AccountState): Promise<void> {
    return this.#mutex.run(() => {
      this.#state = fresh;
    });
  }
}
