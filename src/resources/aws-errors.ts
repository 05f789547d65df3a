/** How adapters read AWS errors: "already gone" for idempotent deletes, and retryability. */

/** AWS error names that mean the thing does not exist (InvalidVpcID.NotFound, NoSuchBucket, ...). */
export const isNotFound = (err: unknown): boolean => /NotFound|NoSuch|NotExist/.test((err as { name?: string }).name ?? '');

/** Awaits a read; "not found" is undefined (the thing is gone, or the document is not set), other errors go through. */
export async function unlessGone<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** Runs a delete; "not found" counts as success, so deleting what is gone is idempotent. */
export async function goneIsFine(del: () => Promise<unknown>): Promise<void> {
  try {
    await del();
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}
