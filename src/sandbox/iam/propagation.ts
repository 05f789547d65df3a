/**
 * IAM is eventually consistent: a role or instance profile just made is not yet known to
 * EC2, Auto Scaling or Lambda, which refuse it for some seconds ("Invalid IAM Instance
 * Profile ARN"). The account's IAM state says for how long (`propagationMs`, the IAM
 * simulator's option, 0 by default: known at once); other services' simulators ask here.
 */
import type { IamState } from './state.ts';

export type ProfileVisibility = 'ready' | 'propagating' | 'missing';

/** How another service sees an instance profile named by ARN or name, at `now`. */
export function instanceProfileVisibility(iam: IamState, ref: { readonly arn?: string; readonly name?: string }, now: number): ProfileVisibility {
  const profile = ref.arn !== undefined
    ? Object.values(iam.instanceProfiles).find((p) => p.arn === ref.arn)
    : ref.name !== undefined ? iam.instanceProfiles[ref.name.toLowerCase()] : undefined;
  if (!profile) return 'missing';
  return now - profile.createdAt < (iam.propagationMs ?? 0) ? 'propagating' : 'ready';
}
