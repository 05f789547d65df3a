/**
 * The RDS simulator: DB subnet groups (on the simulated EC2 subnets), DB instances with
 * their lifecycle on the clock and an RDS-managed master secret (kept by the Secrets
 * Manager simulator), the engine versions offered, and tags.
 */
import { DEFAULT_BUCKET } from '../faults.ts';
import type { ServiceSimulator } from '../service.ts';
import { engineVersionOperations } from './engine-versions.ts';
import { rdsToException } from './errors.ts';
import { instanceViewOperations } from './instance-views.ts';
import { instanceOperations } from './instances.ts';
import { modifyOperations } from './modify.ts';
import { emptyRdsState, type RdsState } from './state.ts';
import { subnetGroupOperations } from './subnet-groups.ts';
import { tagOperations } from './tags.ts';

export type { RdsState } from './state.ts';

export const rdsSimulator: ServiceSimulator<RdsState> = {
  name: 'rds',
  clientName: 'RDSClient',
  initialState: () => emptyRdsState(),
  operations: {
    ...subnetGroupOperations,
    ...instanceOperations,
    ...instanceViewOperations,
    ...modifyOperations,
    ...engineVersionOperations,
    ...tagOperations,
  },
  errors: {
    throttling: { code: 'Throttling', status: 400 },
    serverError: { code: 'InternalFailure', status: 500 },
    toException: rdsToException,
  },
  rateLimit: () => DEFAULT_BUCKET,
  // Every call first settles the instances' transitions due by now (lifecycle.ts), so none only reads.
  readOnly: () => false,
};
