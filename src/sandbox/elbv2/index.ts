/**
 * The ELBv2 simulator: Application (and Network) Load Balancers on the simulated EC2
 * subnets, target groups and their targets' health, listeners with forward / redirect /
 * fixed-response actions and ACM certificates, attributes and tags.
 */
import { DEFAULT_BUCKET } from '../faults.ts';
import type { ServiceSimulator } from '../service.ts';
import { attributeOperations } from './attributes.ts';
import { elbToException } from './errors.ts';
import { listenerOperations } from './listeners.ts';
import { loadBalancerOperations } from './load-balancers.ts';
import { type ElbState, emptyElbState } from './state.ts';
import { tagOperations } from './tags.ts';
import { targetGroupOperations } from './target-groups.ts';
import { targetOperations } from './targets.ts';

export type { ElbState } from './state.ts';

export const elbv2Simulator: ServiceSimulator<ElbState> = {
  name: 'elbv2',
  clientName: 'ElasticLoadBalancingV2Client',
  arnNamespace: 'elasticloadbalancing',
  initialState: () => emptyElbState(),
  operations: {
    ...loadBalancerOperations,
    ...attributeOperations,
    ...targetGroupOperations,
    ...targetOperations,
    ...listenerOperations,
    ...tagOperations,
  },
  errors: {
    throttling: { code: 'Throttling', status: 400 },
    serverError: { code: 'InternalFailure', status: 500 },
    toException: elbToException,
  },
  rateLimit: () => DEFAULT_BUCKET,
};
