/** How adapters read AWS errors: "already gone" for idempotent deletes, and retryability. */

/** AWS error names that mean the thing does not exist (InvalidVpcID.NotFound, NoSuchBucket, ...). */
export const isNotFound = (err: unknown): boolean => /NotFound|NoSuch|NotExist/.test((err as { name?: string }).name ?? '');

/** Runs a delete; "not found" counts as success, so deleting what is gone is idempotent. */
export async function goneIsFine(del: () => Promise<unknown>): Promise<void> {
  try {
    await del();
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}
