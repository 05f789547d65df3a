/**
 * IAM is eventually consistent: a role or instance profile made seconds ago may be
 * refused by the services that use it (EC2 and Auto Scaling: "Invalid IAM Instance
 * Profile ARN"; Lambda: "The role defined for the function cannot be assumed by
 * Lambda"). Dependents retry exactly that error, with backoff on the engine's clock
 * (ctx.waitFor, progress logged), for a bounded time; any other error goes through.
 */
import type { AdapterContext } from '../reconciler/types.ts';

const NOT_PROPAGATED = /Invalid IAM Instance Profile|role defined for the function cannot be assumed/i;
const CODES = /^(InvalidParameterValue|ValidationError|InvalidParameterValueException)$/;

/** Is this AWS error the one IAM's propagation delay causes? */
export function isIamPropagationError(err: unknown): boolean {
  const e = err as { name?: string; message?: string };
  return CODES.test(e.name ?? '') && NOT_PROPAGATED.test(e.message ?? '');
}

/** How long a dependent waits for IAM (AWS: usually seconds, documented "may take a minute or more"). */
export const IAM_PROPAGATION_LIMIT_MS = 2 * 60_000;

/** Runs `op`, again with backoff while it fails only because IAM has not propagated yet. */
export function whileIamPropagates<T>(ctx: AdapterContext, op: () => Promise<T>, timeoutMs = IAM_PROPAGATION_LIMIT_MS): Promise<T> {
  let tries = 0;
  return ctx.waitFor(async () => {
    try {
      return await op();
    } catch (err) {
      if (!isIamPropagationError(err)) throw err;
      tries += 1;
      if (tries === 1) ctx.log.info({ code: (err as Error).name }, 'IAM has not propagated the role or instance profile yet; retrying');
      return undefined;
    }
  }, { what: 'waiting for IAM to propagate', timeoutMs });
}
