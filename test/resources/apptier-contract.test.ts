/**
 * The adapter contract of the application tier's kinds on the sandbox, in one process
 * (the SDK clients load once). Every case runs here; test/moto/apptier-contract.test.ts
 * runs them against moto where it implements the calls.
 */
import { contractSuite, sandboxContext } from './contract.ts';
import { APPTIER_CONTRACTS } from './apptier-fixtures.ts';

for (const [kind, c] of Object.entries(APPTIER_CONTRACTS)) contractSuite(`${kind} on the sandbox`, { ...c, makeContext: sandboxContext });
