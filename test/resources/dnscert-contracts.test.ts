/**
 * The shared adapter contract of the load balancer, certificate and DNS kinds on the
 * sandbox (each case in an account of its own); their special cases are in each kind's
 * test file, the moto runs in test/moto/dnscert-contract.test.ts.
 */
import { contractSuite, sandboxContext } from './contract.ts';
import { DNSCERT_CONTRACTS } from './dnscert-fixtures.ts';

for (const [kind, c] of Object.entries(DNSCERT_CONTRACTS)) contractSuite(`${kind} on the sandbox`, { ...c, makeContext: sandboxContext });
