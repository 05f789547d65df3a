/**
 * The adapter contract of the application tier's kinds, and how a release reaches the app
 * servers (test/resources/rollout-suite.ts), against moto, on one moto server for the
 * whole file (with its catalogue of public AMIs: the instance, launch template and group
 * fixtures launch Ubuntu). Where moto departs from AWS, exactly that case is skipped here
 * with the reason; the sandbox runs every case.
 */
import { contractSuite } from '../resources/contract.ts';
import { rolloutSuite } from '../resources/rollout-suite.ts';
import { APPTIER_CONTRACTS } from '../resources/apptier-fixtures.ts';
import { motoSuite } from './server.ts';

const moto = motoSuite({ loadDefaultAmis: true });

for (const [kind, c] of Object.entries(APPTIER_CONTRACTS))
  contractSuite(`${kind} on moto`, { ...c, makeContext: () => moto.context(), unavailable: moto.unavailable });

rolloutSuite('moto', {
  makeContext: () => moto.context(),
  unavailable: moto.unavailable,
  skip: {
    // Also, moto reports every instance's launch template version as the template's current default, not the one it was launched from.
    'instance-refresh': 'moto 5.2.1: instance refreshes are not implemented (StartInstanceRefresh and DescribeInstanceRefreshes answer HTTP 500)',
    'create-on-new-version': 'moto 5.2.1: CreateAutoScalingGroup answers HTTP 500 when the group names a launch template version made by CreateLaunchTemplateVersion with UserData',
  },
});
