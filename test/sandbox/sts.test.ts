/** STS GetCallerIdentity through the real STSClient: the sandbox account's IAM user, the same every call. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { stsSimulator } from '../../src/sandbox/sts/index.ts';
import { harness, rejection } from './harness.ts';

describe('sts', () => {
  it('answers the sandbox account and its blogctl-sandbox user', async () => {
    const { clients } = harness({ services: [stsSimulator] });
    const sts = clients.get(STSClient);
    const me = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(me.Account, '123456789012');
    assert.equal(me.Arn, 'arn:aws:iam::123456789012:user/blogctl-sandbox');
    assert.match(me.UserId!, /^AIDA[A-Z0-9]{17}$/);
    const again = await sts.send(new GetCallerIdentityCommand({}));
    assert.deepEqual({ ...again, $metadata: undefined }, { ...me, $metadata: undefined });
  });

  it('answers another account id when the sandbox has one, and throttles with STS\'s error', async () => {
    const { clients, sandbox } = harness({ services: [stsSimulator], accountId: '111122223333' });
    const sts = clients.get(STSClient);
    assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Arn, 'arn:aws:iam::111122223333:user/blogctl-sandbox');
    sandbox.faults.inject({ service: 'sts', fault: 'throttle', times: 3 });
    const e = await rejection(sts.send(new GetCallerIdentityCommand({})));
    assert.equal(e.name, 'Throttling');
    assert.equal(e.$metadata?.attempts, 3, 'retried as throttling');
  });
});
