/**
 * The state file's lock (proper-lockfile: the directory `<file>.lock`, its mtime kept
 * fresh while held, stale after 2 s, its least), taken around batches of calls: a process
 * killed while holding it keeps the others out for 2 s at most.
 *
 * Only contention is waited out: a lock another process holds is retried with backoff
 * and then reported with the lock to remove. Anything else (a directory blogctl may not
 * write, a path through a file) fails at once, saying so; it is not contention.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import lockfile from 'proper-lockfile';
import { SandboxAccessError, SandboxError } from './errors.ts';

export interface LockRetries {
  readonly retries: number;
  readonly minTimeout: number;
  readonly maxTimeout: number;
}

/** About 10 s of waiting for a live holder (a crashed one's lock turns stale in 2 s). */
export const DEFAULT_LOCK_RETRIES: LockRetries = { retries: 200, minTimeout: 2, maxTimeout: 50 };

const ACCESS_CODES = new Set(['EACCES', 'EPERM', 'EROFS']);

/** A one-line reason for a file-system error on `path`, as SandboxAccessError when it is about permissions. */
export function fileProblem(location: string, doing: string, path: string, e: unknown): SandboxError {
  const code = (e as NodeJS.ErrnoException).code ?? 'error';
  if (ACCESS_CODES.has(code)) {
    return new SandboxAccessError(
      location,
      `cannot ${doing} ${path} (${code}: ${code === 'EROFS' ? 'read-only file system' : 'permission denied'}); ` +
        `blogctl needs to write the sandbox's directory ${dirname(location)}: fix its permissions or pass another --sandbox-file`,
      { cause: e },
    );
  }
  return new SandboxAccessError(location, `cannot ${doing} ${path} (${code}: ${(e as Error).message})`, { cause: e });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Directories made this process: each once. */
const made = new Set<string>();

/**
 * Runs fn holding the lock of `file`; fails if the lock was lost meanwhile. fn gets
 * `stillHeld`, which throws once the lock was lost, to check between steps.
 */
export async function withFileLock<T>(file: string, retries: LockRetries, fn: (stillHeld: () => void) => Promise<T>): Promise<T> {
  const dir = dirname(file);
  if (!made.has(dir)) {
    await mkdir(dir, { recursive: true }).catch((e: unknown) => {
      throw fileProblem(file, 'create the directory', dir, e);
    });
    made.add(dir);
  }
  let compromised: Error | undefined;
  let release: (() => Promise<void>) | undefined;
  for (let attempt = 0; release === undefined; attempt++) {
    try {
      release = await lockfile.lock(file, {
        realpath: false,
        stale: 2_000,
        retries: 0,
        onCompromised: (err) => {
          compromised = err;
        },
      });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw fileProblem(file, 'lock', `${file}.lock`, e);
      if (attempt >= retries.retries) {
        throw new SandboxError(
          `sandbox state ${file} stayed locked by another process (${(e as Error).message}); if no blogctl is running, remove ${file}.lock`,
          { cause: e },
        );
      }
      await sleep(Math.min(retries.maxTimeout, retries.minTimeout * 2 ** attempt));
    }
  }
  const stillHeld = () => {
    if (compromised) throw new SandboxError(`lost the lock on ${file}: ${compromised.message}`, { cause: compromised });
  };
  try {
    const result = await fn(stillHeld);
    stillHeld();
    return result;
  } finally {
    await release().catch(() => undefined);
  }
}
