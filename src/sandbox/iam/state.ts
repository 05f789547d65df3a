/**
 * The IAM part of the simulated account. IAM is global: one state for every region, ARNs
 * without a region. Names are unique regardless of case (IAM's rule), so records are keyed
 * by the lower-cased name and keep the name as given.
 */

export interface RoleRec {
  name: string;
  id: string;
  path: string;
  arn: string;
  createdAt: number;
  /** The trust policy exactly as given (AWS returns it URL-encoded, whitespace kept). */
  assumeRolePolicy: string;
  description: string | null;
  maxSessionDuration: number;
  permissionsBoundary: string | null;
  /** Inline policies: name -> document as given. */
  inlinePolicies: Record<string, string>;
  /** Managed policy ARNs, in attach order. */
  attachedPolicies: string[];
  tags: Record<string, string>;
}

export interface InstanceProfileRec {
  name: string;
  id: string;
  path: string;
  arn: string;
  createdAt: number;
  /** Lower-cased role names (at most one: AWS's quota). */
  roles: string[];
  tags: Record<string, string>;
}

export interface ManagedPolicyRec {
  name: string;
  id: string;
  path: string;
  arn: string;
  description: string | null;
  document: string;
  createdAt: number;
  tags: Record<string, string>;
}

export interface IamState {
  roles: Record<string, RoleRec>;
  instanceProfiles: Record<string, InstanceProfileRec>;
  /** Customer managed policies, keyed by ARN. */
  policies: Record<string, ManagedPolicyRec>;
  /**
   * How long a new role or instance profile stays unknown to other services (IAM's
   * eventual consistency); absent or 0: known at once. Set by the simulator's option.
   */
  propagationMs?: number;
}

export function emptyIamState(propagationMs = 0): IamState {
  return { roles: {}, instanceProfiles: {}, policies: {}, ...(propagationMs > 0 && { propagationMs }) };
}
