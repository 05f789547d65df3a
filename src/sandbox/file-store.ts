/**
 * The account in one JSON file that processes share (`.blogctl/sandbox.json`).
 *
 * Calls queue up and run in batches: whatever is queued when the file is free runs under
 * one lock (file-lock.ts), one call after another. Batches that follow each other at once
 * share the lock (at most HOLD_MS), and their changes are written once, atomically
 * (write-file-atomic: temp file + rename), before the lock goes. So a burst of concurrent writes costs one write, not one each; and the text
 * written re-serialises only the records the batch changed (state-text.ts).
 * - The parsed account is kept between batches and the file is re-read only when it
 *   changed (another process wrote it): its identity (device, inode, size, mtime,
 *   ctime) differs from the one this process last read or wrote.
 * - A read runs on that account as it is; a write runs through an undo journal, so a
 *   call that throws leaves nothing behind, even in the middle of a batch.
 * - A file whose mode says read-only is read but never replaced: writes are refused.
 * - Calls are answered as their batch runs; what a hold's batches changed is written
 *   once, before the lock goes (another process cannot read the file before that). If
 *   that write fails, the account is read again from the file next time: the hold's
 *   calls, answered already, are lost as if AWS had lost them; the queued ones fail.
 */
import { readFile, stat } from 'node:fs/promises';
import type { BigIntStats } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { SandboxAccessError, SandboxStateError } from './errors.ts';
import { DEFAULT_LOCK_RETRIES, fileProblem, type LockRetries, withFileLock } from './file-lock.ts';
import { journaled, type Path } from './journal.ts';
import { type AccountState, parseAccountState, serializeAccountState } from './state.ts';
import { StateText } from './state-text.ts';
import type { StateStore } from './store.ts';

export interface FileStoreOptions {
  /** Creates the account when the file does not exist yet. */
  readonly init: () => AccountState;
  /** Waiting for another process's lock: attempts and backoff. */
  readonly lockRetries?: LockRetries;
  /** fsync before rename (durability across power loss); default false (see SandboxOptions.fsync). */
  readonly fsync?: boolean;
  /** Check each text written against a full serialisation (tests). */
  readonly checkText?: boolean;
}

type Job =
  | { readonly kind: 'read' | 'write'; readonly fn: (state: AccountState) => unknown; settle: Settle }
  | { readonly kind: 'reset'; readonly fresh: AccountState; settle: Settle };
type Settle = (ok: boolean, value: unknown) => void;
type Outcome = { ok: boolean; value: unknown };

interface Loaded {
  readonly state: AccountState;
  /** Undefined: the file does not exist yet (this account is new and must be written). */
  readonly stats: BigIntStats | undefined;
}

/** The longest one process keeps the file's lock while its calls keep coming. */
const HOLD_MS = 200;

const identityOf = (s: BigIntStats) => `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;

/** Whether the mode bits let this process write the file (checked by hand: root may write anything). */
function writableByMode(s: BigIntStats): boolean {
  const mode = Number(s.mode);
  const uid = process.getuid?.();
  if (uid === undefined || uid === 0) return (mode & 0o222) !== 0;
  if (Number(s.uid) === uid) return (mode & 0o200) !== 0;
  if (process.getgid?.() === Number(s.gid) || (process.getgroups?.() ?? []).includes(Number(s.gid))) return (mode & 0o020) !== 0;
  return (mode & 0o002) !== 0;
}

export class FileStore implements StateStore {
  readonly location: string;
  readonly #options: FileStoreOptions;
  readonly #queue: Job[] = [];
  #draining = false;
  /** What the store did: batches run under the lock, file reads (parses), file writes. */
  readonly stats = { batches: 0, parsed: 0, written: 0 };
  readonly #text = new StateText();
  /**
   * The account as last read or written, and the identity of the file it matches
   * (undefined just after a write, until the hold ends: `written` is then the stats the
   * file had before it, standing in for the checks of its mode).
   */
  #cache: { state: AccountState; identity: string | undefined; written?: BigIntStats } | undefined;

  constructor(file: string, options: FileStoreOptions) {
    this.location = file;
    this.#options = options;
  }

  read<T>(fn: (state: AccountState) => T | Promise<T>): Promise<T> {
    return this.#enqueue((settle) => ({ kind: 'read', fn, settle }));
  }

  transact<T>(fn: (state: AccountState) => T | Promise<T>): Promise<T> {
    return this.#enqueue((settle) => ({ kind: 'write', fn, settle }));
  }

  reset(fresh: AccountState): Promise<void> {
    return this.#enqueue((settle) => ({ kind: 'reset', fresh, settle }));
  }

  /** Resolves once no call is queued and the file's lock is let go (calls are answered a moment before). */
  idle(): Promise<void> {
    return this.#drained ?? Promise.resolve();
  }

  #drained: Promise<void> | undefined;

  #enqueue<T>(job: (settle: Settle) => Job): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push(job((ok, value) => (ok ? resolve(value as T) : reject(value))));
      if (!this.#draining) this.#drained = this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      while (this.#queue.length > 0) {
        let inHand: Job[] = [];
        try {
          // One lock for back-to-back batches (a large apply's calls come in waves), let go
          // at least every HOLD_MS so another process's call is not kept waiting long.
          await withFileLock(this.location, this.#options.lockRetries ?? DEFAULT_LOCK_RETRIES, async (stillHeld) => {
            const until = Date.now() + HOLD_MS;
            let trusted = false;
            let more = false;
            do {
              inHand = this.#queue.splice(0);
              stillHeld();
              // After the first batch of this hold, no other process can have written the file.
              const outcomes = await this.#run(inHand, trusted);
              trusted = true;
              inHand.forEach((job, i) => job.settle(outcomes[i]!.ok, outcomes[i]!.value));
              inHand = [];
              // The callers just answered send their next calls: take them under this lock.
              // Their changes and these are written together, once, before the lock goes:
              // no other process reads the file before that.
              await new Promise((resolve) => setImmediate(resolve));
              more = this.#queue.length > 0 && Date.now() < until;
            } while (more);
            await this.#flush();
            await this.#settleIdentity();
          });
        } catch (e) {
          for (const job of [...inHand, ...this.#queue.splice(0)]) job.settle(false, e);
        }
      }
    } finally {
      this.#draining = false;
    }
  }

  /** Runs a batch under the lock; writes its changes once. */
  async #run(batch: readonly Job[], trusted: boolean): Promise<Outcome[]> {
    this.stats.batches += 1;
    const outcomes: Outcome[] = [];
    let loaded: Loaded | undefined;
    let loadError: unknown;
    /** The first call whose answer depends on changes not written yet. */
    let firstUnsaved = -1;
    const touched: Path[] = [];
    for (const [i, job] of batch.entries()) {
      try {
        if (job.kind === 'reset') {
          const current = await this.#stat();
          if (current) this.#checkWritable(current);
          loaded = { state: job.fresh, stats: undefined };
          loadError = undefined;
        } else {
          if (loaded === undefined && loadError === undefined) loaded = await this.#load(trusted).catch((e: unknown) => void (loadError = e));
          if (loaded === undefined) throw loadError;
          const isNew = loaded.stats === undefined;
          let changed = isNew;
          if (job.kind === 'read') {
            outcomes.push({ ok: true, value: await job.fn(loaded.state) });
          } else {
            if (!isNew) this.#checkWritable(loaded.stats!);
            const done = await journaled(loaded.state, job.fn);
            outcomes.push({ ok: true, value: done.result });
            changed ||= done.changed;
            touched.push(...done.touched);
          }
          if (changed && firstUnsaved < 0) firstUnsaved = i;
          continue;
        }
        outcomes.push({ ok: true, value: undefined });
        firstUnsaved = firstUnsaved < 0 ? i : firstUnsaved;
      } catch (e) {
        outcomes.push({ ok: false, value: e });
      }
    }
    if (firstUnsaved >= 0 && loaded !== undefined) {
      const pending = this.#pending;
      this.#pending = {
        state: loaded.state,
        touched: [...(pending?.touched ?? []), ...touched],
        stats: pending ? pending.stats : loaded.stats,
      };
      // The next batch of this hold runs on this account as it is now.
      this.#cache = { state: loaded.state, identity: undefined, written: this.#pending.stats };
    }
    return outcomes;
  }

  /** Changes run but not written yet: their account, where they touched it, the file's stats before them. */
  #pending: { state: AccountState; touched: Path[]; stats: BigIntStats | undefined } | undefined;

  /**
   * Writes what the hold's batches changed, once, before the lock goes. When it cannot be
   * written, the account is read from the file again next time (the hold's calls, answered
   * already, are lost as if AWS had lost them) and the calls still queued fail.
   */
  async #flush(): Promise<void> {
    const pending = this.#pending;
    if (pending === undefined) return;
    this.#pending = undefined;
    try {
      await this.#save(pending.state, pending.touched, pending.stats);
    } catch (e) {
      this.#cache = undefined;
      throw e;
    }
  }

  async #stat(): Promise<BigIntStats | undefined> {
    try {
      return await stat(this.location, { bigint: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw fileProblem(this.location, 'read', this.location, e);
    }
  }

  async #load(trusted = false): Promise<Loaded> {
    // Changed by this process under the lock it still holds: as it is, no stat needed.
    if (trusted && this.#cache) return { state: this.#cache.state, stats: this.#cache.written };
    const stats = await this.#stat();
    if (stats === undefined) {
      this.#cache = undefined;
      return { state: this.#options.init(), stats };
    }
    const identity = identityOf(stats);
    if (this.#cache?.identity === identity) return { state: this.#cache.state, stats };
    this.#cache = undefined;
    let text: string;
    try {
      text = await readFile(this.location, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (code === 'EACCES' || code === 'EPERM') throw fileProblem(this.location, 'read', this.location, e);
      throw new SandboxStateError(this.location, `cannot be read (${(e as Error).message})`, { cause: e });
    }
    const state = parseAccountState(text, this.location);
    this.stats.parsed += 1;
    this.#cache = { state, identity };
    return { state, stats };
  }

  #checkWritable(stats: BigIntStats): void {
    if (writableByMode(stats)) return;
    const mode = (Number(stats.mode) & 0o777).toString(8).padStart(4, '0');
    throw new SandboxAccessError(
      this.location,
      `sandbox state ${this.location} is read-only (mode ${mode}), so blogctl will not change it; ` +
        `make it writable (chmod u+w ${this.location}) or pass another --sandbox-file`,
    );
  }

  async #save(state: AccountState, touched: readonly Path[], stats: BigIntStats | undefined): Promise<void> {
    this.#text.invalidate(state, touched);
    const text = `${this.#text.text(state)}\n`;
    if (this.#options.checkText && text !== serializeAccountState(state)) {
      throw new Error(`blogctl sandbox: the text of ${this.location} made from the changed records differs from the account (a bug)`);
    }
    try {
      await writeFileAtomic(this.location, text, { fsync: this.#options.fsync ?? false });
    } catch (e) {
      throw fileProblem(this.location, 'write', this.location, e);
    }
    this.stats.written += 1;
    if (stats !== undefined) this.#cache = { state, identity: undefined, written: stats };
    else {
      // The file is new: its stats now stand for it.
      const made = await this.#stat();
      this.#cache = made === undefined ? undefined : { state, identity: identityOf(made), written: made };
    }
  }

  /** Before the lock goes: the identity of the file this process wrote, so the next hold knows it unchanged. */
  async #settleIdentity(): Promise<void> {
    if (!this.#cache || this.#cache.identity !== undefined) return;
    const stats = await this.#stat();
    this.#cache = stats === undefined ? undefined : { state: this.#cache.state, identity: identityOf(stats) };
  }
}
