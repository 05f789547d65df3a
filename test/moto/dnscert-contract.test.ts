/**
 * The adapter contract of the load balancer, certificate and DNS kinds against moto, on
 * one moto server for the file. Where moto departs from AWS, exactly that is left out
 * here, with the reason; the sandbox runs every case.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adapterContext } from '../../src/reconciler/context.ts';
import { TAG, type Clock } from '../../src/reconciler/types.ts';
import { recordAdapter } from '../../src/resources/route53-record/index.ts';
import { contractSuite, type TestContext } from '../resources/contract.ts';
import { aRecord, certificateFixture, DNSCERT_CONTRACTS, makeZone } from '../resources/dnscert-fixtures.ts';
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

// moto deletes every record set of a zone carrying a set identifier when one of them is
// deleted: the owners are plain TXTs (their own names), so a failover pair survives it.
describe('route53.record failover pair on moto', { skip: moto.unavailable }, () => {
  it('changes the PRIMARY and keeps both owners', async () => {
    const ctx = makeContext();
    const zone = await makeZone(ctx);
    const primary = { ...aRecord(zone.zoneId, `www.${zone.name}`, '192.0.2.1'), setIdentifier: 'primary', failover: 'PRIMARY' as const, ttl: 60 };
    const secondary = { ...primary, setIdentifier: 'secondary', failover: 'SECONDARY' as const, records: ['192.0.2.2'] };
    const made = await recordAdapter.create('primaryRecord', primary, ctx);
    await recordAdapter.create('secondaryRecord', secondary, ctx);
    const changed = { ...primary, ttl: 30 };
    await recordAdapter.update('primaryRecord', changed, made, recordAdapter.diff(changed, made), ctx);
    const found = await recordAdapter.observe([{ id: 'primaryRecord', desired: changed }, { id: 'secondaryRecord', desired: secondary }], ctx);
    assert.deepEqual(found.map((o) => [o.id, o.tags[TAG.stack]]).sort(), [['primaryRecord', ctx.stack], ['secondaryRecord', ctx.stack]]);
    assert.deepEqual(recordAdapter.diff(changed, found.find((o) => o.id === 'primaryRecord')!.state), []);
  });
});
