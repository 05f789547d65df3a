/**
 * The Auto Scaling simulator: groups launching from EC2 launch templates into EC2 subnets
 * (their instances simulated here, InService after a delay, registered with the attached
 * ELBv2 target groups), tags, target-tracking policies and instance refreshes.
 */
import { DEFAULT_BUCKET } from '../faults.ts';
import type { ServiceSimulator } from '../service.ts';
import { asgToException } from './errors.ts';
import { groupViewOperations } from './group-views.ts';
import { groupOperations } from './groups.ts';
import { instanceRefreshOperations } from './instance-refresh.ts';
import { policyOperations } from './policies.ts';
import { type AsgState, emptyAsgState } from './state.ts';
import { tagOperations } from './tags.ts';

export type { AsgState } from './state.ts';

export const autoScalingSimulator: ServiceSimulator<AsgState> = {
  name: 'autoscaling',
  clientName: 'AutoScalingClient',
  initialState: () => emptyAsgState(),
  operations: {
    ...groupOperations,
    ...groupViewOperations,
    ...tagOperations,
    ...policyOperations,
    ...instanceRefreshOperations,
  },
  errors: {
    throttling: { code: 'Throttling', status: 400 },
    serverError: { code: 'InternalFailure', status: 500 },
    toException: asgToException,
  },
  rateLimit: () => DEFAULT_BUCKET,
  // Every call first settles the groups (refreshes, terminations), so none only reads.
  readOnly: () => false,
};
