/**
 * The Route 53 simulator: hosted zones (a new account has a public zone for example.com,
 * the spec's default domain, which blogctl looks up and never creates), record sets with
 * alias and failover routing, changes PENDING -> INSYNC on the clock, health checks and
 * tags. Route 53 is global. Its state's shape is documented in state.ts (ACM's DNS
 * validation reads it).
 */
import type { ServiceSimulator } from '../service.ts';
import { changeOperations } from './change-info.ts';
import { route53Errors } from './errors.ts';
import { healthCheckOperations } from './health-checks.ts';
import { listingOperations } from './listing.ts';
import { recordChangeOperations } from './record-changes.ts';
import { emptyRoute53State, type Route53State } from './state.ts';
import { tagOperations } from './tags.ts';
import { createZone, zoneOperations } from './zones.ts';

export type { Route53State } from './state.ts';
export { findRecords } from './state.ts';

/** The zone every new sandbox account has (blog.spec.yaml's default `domain`). */
export const SANDBOX_DOMAIN = 'example.com';

export const route53Simulator: ServiceSimulator<Route53State> = {
  name: 'route53',
  clientName: 'Route53Client',
  arnNamespace: 'route53',
  initialState(init) {
    const state = emptyRoute53State();
    createZone(
      { state, ids: init.ids, now: init.now },
      { name: SANDBOX_DOMAIN, callerReference: `blogctl-sandbox-${SANDBOX_DOMAIN}`, comment: 'The blogctl sandbox: the spec default domain' },
      0,
    );
    return state;
  },
  operations: {
    ...zoneOperations,
    ...listingOperations,
    ...changeOperations,
    ...recordChangeOperations,
    ...healthCheckOperations,
    ...tagOperations,
  },
  errors: route53Errors,
  // Route 53 allows five requests per second per account, all APIs together; the burst is ours.
  rateLimit: () => ({ capacity: 100, refillPerSecond: 5, scope: 'service' }),
};
