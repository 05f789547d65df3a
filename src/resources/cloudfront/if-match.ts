/**
 * CloudFront's optimistic locking: a write of a distribution or an origin access control
 * names the ETag of the version it was made from (If-Match). When someone wrote in
 * between, CloudFront answers PreconditionFailed (412): read again (the new ETag and
 * config) and apply the change again on top of what is there now.
 */
import type { Log } from '../../reconciler/types.ts';

export const isPreconditionFailed = (err: unknown): boolean => (err as { name?: string }).name === 'PreconditionFailed';

/** A resource's current version: its ETag and what it holds. */
export interface Versioned<T> {
  readonly etag: string;
  readonly value: T;
}

/** How many times a write is tried against a moving ETag before giving up. */
export const IF_MATCH_ATTEMPTS = 4;

/**
 * Reads the current version and writes from it with its ETag; on PreconditionFailed reads
 * again and re-applies, at most IF_MATCH_ATTEMPTS times (the last failure is thrown).
 */
export async function writeIfMatch<T, R>(
  read: () => Promise<Versioned<T>>,
  write: (current: T, etag: string) => Promise<R>,
  log: Log,
): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    const { etag, value } = await read();
    try {
      return await write(value, etag);
    } catch (err) {
      if (!isPreconditionFailed(err) || attempt >= IF_MATCH_ATTEMPTS) throw err;
      log.info({ attempt }, 'changed by someone else since it was read (PreconditionFailed): reading it again and re-applying');
    }
  }
}
