import { contractSuite, sandboxContext } from './contract.ts';
import { NETWORK_CONTRACTS } from './network-fixtures.ts';

contractSuite('ec2.subnet on the sandbox', { ...NETWORK_CONTRACTS['ec2.subnet'], makeContext: sandboxContext });
