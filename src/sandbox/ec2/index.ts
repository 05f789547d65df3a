/**
 * The EC2 simulator: networking (VPCs, subnets, gateways, route tables, endpoints,
 * security groups, tags), instances (their volumes, metadata options, monitoring, CPU
 * credits), the instance types a region offers, launch templates and the public Ubuntu
 * images.
 */
import { EC2ServiceException } from '@aws-sdk/client-ec2';
import { EC2_MUTATING, EC2_NON_MUTATING } from '../faults.ts';
import { type ServiceSimulator, sdkExceptions } from '../service.ts';
import { imageOperations } from './images.ts';
import { instanceViewOperations } from './instance-views.ts';
import { instanceSettingOperations } from './instance-settings.ts';
import { instanceTypeOperations } from './instance-types.ts';
import { instanceOperations } from './instances.ts';
import { internetGatewayOperations } from './internet-gateways.ts';
import { launchTemplateOperations } from './launch-templates.ts';
import { routeTableOperations } from './route-tables.ts';
import { routeOperations } from './routes.ts';
import { securityGroupOperations } from './security-groups.ts';
import { sgRuleOperations } from './sg-rule-operations.ts';
import { type Ec2State, emptyEc2State } from './state.ts';
import { subnetOperations } from './subnets.ts';
import { tagOperations } from './tags.ts';
import { volumeOperations } from './volumes.ts';
import { vpcEndpointOperations } from './vpc-endpoints.ts';
import { VPC_QUOTA_DEFAULT, vpcOperations } from './vpcs.ts';
import { createDefaultVpc, zoneOperations } from './region.ts';

export type { Ec2State } from './state.ts';

export interface Ec2SimulatorOptions {
  /** A new account has a default VPC, as real ones do; default true. */
  readonly defaultVpc?: boolean;
  /** VPCs per region (AWS's default quota is 5, the default VPC included). */
  readonly vpcQuota?: number;
}

export function createEc2Simulator(options: Ec2SimulatorOptions = {}): ServiceSimulator<Ec2State> {
  return {
    name: 'ec2',
    clientName: 'EC2Client',
    arnNamespace: 'ec2',
    initialState(init) {
      const state = emptyEc2State(init.ids.next('dopt'));
      if (options.defaultVpc ?? true) createDefaultVpc({ state, ids: init.ids, accountId: init.accountId, region: init.region });
      return state;
    },
    operations: {
      ...vpcOperations(options.vpcQuota ?? VPC_QUOTA_DEFAULT),
      ...subnetOperations,
      ...zoneOperations,
      ...internetGatewayOperations,
      ...routeTableOperations,
      ...routeOperations,
      ...vpcEndpointOperations,
      ...securityGroupOperations,
      ...sgRuleOperations,
      ...tagOperations,
      ...instanceOperations,
      ...instanceViewOperations,
      ...instanceSettingOperations,
      ...instanceTypeOperations,
      ...volumeOperations,
      ...launchTemplateOperations,
      ...imageOperations,
    },
    errors: {
      throttling: { code: 'RequestLimitExceeded', status: 503 },
      serverError: { code: 'InternalError', status: 500 },
      // Like a parsed EC2 error response, which carries Code and Error besides name.
      toException: sdkExceptions(EC2ServiceException, {}, (e) => ({ Code: e.code, Error: { Code: e.code, Message: e.message } })),
    },
    // EC2 throttles each API action in its own bucket: Describe* are non-mutating.
    rateLimit: (operation) => (operation.startsWith('Describe') ? EC2_NON_MUTATING : EC2_MUTATING),
  };
}

export const ec2Simulator = createEc2Simulator();
