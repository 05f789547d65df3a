/**
 * The adapter contract of the application tier's kinds against moto, on one moto server
 * for the whole file (with its catalogue of public AMIs: the instance, launch template
 * and group fixtures launch Ubuntu). Where moto departs from AWS, exactly that case is
 * skipped here with the reason; the sandbox runs every case.
 */
import { contractSuite } from '../resources/contract.ts';
import { APPTIER_CONTRACTS } from '../resources/apptier-fixtures.ts';
import { motoSuite } from './server.ts';

const moto = motoSuite({ loadDefaultAmis: true });

for (const [kind, c] of Object.entries(APPTIER_CONTRACTS))
  contractSuite(`${kind} on moto`, { ...c, makeContext: () => moto.context(), unavailable: moto.unavailable });
