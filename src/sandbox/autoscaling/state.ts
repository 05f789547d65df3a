/**
 * The Auto Scaling part of the simulated account: groups (with their instances, which are
 * simulated here and not created in EC2), tags by group name, scaling policies and
 * instance refreshes. Instance lifecycles are timestamps (Pending until inServiceAt,
 * Terminating until goneAt); ELBv2 reads the instances of groups attached to a target
 * group (see capacity.ts, attachedInstances).
 */
import type { TargetTrackingConfiguration } from '@aws-sdk/client-auto-scaling';
import type { CallContext } from '../service.ts';

export type AsgCtx = CallContext<AsgState>;

export interface LaunchTemplateRef {
  id: string;
  name: string;
  /** As given ('$Latest', '$Default', '3'); null when left out (AWS then uses $Default and shows none). */
  version: string | null;
}

export interface AsgInstanceRec {
  id: string;
  az: string;
  subnetId: string;
  instanceType: string;
  /** The launch template version it was launched from (a number, as a string). */
  launchTemplate: { id: string; name: string; version: string };
  launchedAt: number;
  inServiceAt: number;
  terminatingAt: number | null;
  goneAt: number | null;
}

export interface GroupRec {
  name: string;
  arn: string;
  launchTemplate: LaunchTemplateRef;
  minSize: number;
  maxSize: number;
  desiredCapacity: number;
  defaultCooldown: number;
  /** VPCZoneIdentifier as given (comma-separated) and the subnets' zones. */
  vpcZoneIdentifier: string;
  subnets: { id: string; az: string }[];
  targetGroupArns: string[];
  healthCheckType: string;
  healthCheckGracePeriod: number;
  terminationPolicies: string[];
  capacityRebalance: boolean;
  newInstancesProtectedFromScaleIn: boolean;
  createdAt: number;
  instances: AsgInstanceRec[];
  /** ForceDelete: 'Delete in progress' until every instance is gone, then the group goes. */
  deleting: boolean;
}

export interface PolicyRec {
  arn: string;
  name: string;
  groupName: string;
  type: string;
  targetTracking: TargetTrackingConfiguration;
  estimatedInstanceWarmup: number | null;
  enabled: boolean;
  alarms: { AlarmName: string; AlarmARN: string }[];
}

export interface RefreshRec {
  id: string;
  groupName: string;
  startedAt: number;
  /** When it finishes (Successful) unless cancelled. */
  endsAt: number;
  cancelledAt: number | null;
  /** Set once its outcome has been applied to the group's instances. */
  applied: boolean;
  /** It could not launch the new instances (the launch template went away): Failed. */
  failed: boolean;
  instancesToUpdate: number;
  preferences: { MinHealthyPercentage: number; InstanceWarmup?: number; SkipMatching: boolean };
  desiredLaunchTemplate: LaunchTemplateRef | null;
}

export interface AsgState {
  groups: Record<string, GroupRec>;
  /** group name -> key -> value and PropagateAtLaunch */
  tags: Record<string, Record<string, { value: string; propagate: boolean }>>;
  policies: Record<string, PolicyRec>;
  refreshes: RefreshRec[];
}

export function emptyAsgState(): AsgState {
  return { groups: {}, tags: {}, policies: {}, refreshes: [] };
}
