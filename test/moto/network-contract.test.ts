/**
 * The adapter contract of the five network kinds against moto (a second, independent
 * AWS), on one moto server for the whole file. Where moto departs from AWS, that case
 * is skipped here with the reason; the sandbox runs every case.
 */
import { contractSuite } from '../resources/contract.ts';
import { NETWORK_CONTRACTS, securityGroupFixture } from '../resources/network-fixtures.ts';
import { securityGroupAdapter } from '../../src/resources/ec2-security-group/index.ts';
import { motoSuite } from './server.ts';

const moto = motoSuite();
const makeContext = () => moto.context();

// moto 5.2.1's DescribeSecurityGroupRules drops the description of rules that reference
// another group; blogctl reads rules from DescribeSecurityGroups' IpPermissions, which
// keep it, so every case runs here too.
for (const [kind, c] of Object.entries(NETWORK_CONTRACTS))
  contractSuite(`${kind} on moto`, {
    ...c,
    makeContext,
    unavailable: moto.unavailable,
  });

// The same cases on a group whose group-reference rule has no description.
contractSuite('ec2.security-group (group-reference rule without description) on moto', {
  adapter: securityGroupAdapter,
  setup: (ctx) => securityGroupFixture(ctx, { peerDescription: false }),
  makeContext,
  unavailable: moto.unavailable,
});
