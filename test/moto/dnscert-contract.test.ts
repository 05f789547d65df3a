/**
 * The adapter contract of the load balancer, certificate and DNS kinds against moto, on
 * one moto server for the file. Where moto departs from AWS, exactly that is left out
 * here, with the reason; the sandbox runs every case.
 */
import { adapterContext } from '../../src/reconciler/context.ts';
import type { Clock } from '../../src/reconciler/types.ts';
import { contractSuite, type TestContext } from '../resources/contract.ts';
import { certificateFixture, DNSCERT_CONTRACTS } from '../resources/dnscert-fixtures.ts';
import { motoSuite } from './server.ts';

const moto = motoSuite();

/**
 * Real time, but waits are skipped: moto answers at once and does not rate-limit, so
 * Route 53's pacing (five calls a second, tested on the sandbox) would only slow these.
 */
function skippingClock(): Clock {
  let skipped = 0;
  return {
    now: () => Date.now() + skipped,
    sleep: async (ms) => {
      skipped += ms;
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
    random: Math.random,
  };
}

function makeContext(): TestContext {
  const base = moto.context();
  return { ...base, ...adapterContext({ ...base, clock: skippingClock() }) };
}

for (const [kind, c] of Object.entries(DNSCERT_CONTRACTS)) {
  if (kind === 'acm.certificate') continue;
  contractSuite(`${kind} on moto`, { ...c, makeContext, unavailable: moto.unavailable });
}

// moto 5.2.1 does not implement UpdateCertificateOptions (and a certificate requested with
// Options lacking "Export" breaks its ListCertificates): the in-place change is tags only.
contractSuite('acm.certificate on moto', {
  ...DNSCERT_CONTRACTS['acm.certificate'],
  makeContext,
  unavailable: moto.unavailable,
  setup: async (ctx: TestContext) => {
    const fx = await certificateFixture(ctx);
    return { ...fx, changedInPlace: { desired: { ...fx.desired, tags: { Name: 'renamed', Team: 'blog' } }, paths: ['tags.Name', 'tags.Team'] } };
  },
});
