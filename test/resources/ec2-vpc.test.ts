import { contractSuite, sandboxContext } from './contract.ts';
import { NETWORK_CONTRACTS } from './network-fixtures.ts';

contractSuite('ec2.vpc on the sandbox', { ...NETWORK_CONTRACTS['ec2.vpc'], makeContext: sandboxContext });
