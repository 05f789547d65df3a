/**
 * How a release reaches the app servers, run on the sandbox and on moto: the launch
 * template's change becomes its new default version, the group follows it, and (with
 * instance refresh) its instances are replaced; a group can also be created on a version
 * a change made. Cases an emulator cannot run are skipped with the reason.
 */
import assert from 'node:assert/strict';
import { describe, it, type TestContext as NodeTestContext } from 'node:test';
import { autoScalingGroupAdapter } from '../../src/resources/autoscaling-group/index.ts';
import { launchTemplateAdapter, type ObservedLaunchTemplate } from '../../src/resources/ec2-launch-template/index.ts';
import { groupAndTemplate } from './apptier-fixtures.ts';
import { only, type TestContext } from './contract.ts';

export const ROLLOUT_CASES = ['new-version', 'group-follows', 'instance-refresh', 'create-on-new-version'] as const;
export type RolloutCase = (typeof ROLLOUT_CASES)[number];

/** A group on version 1 of its template, then a new release (new user data) made version 2. */
async function released(ctx: TestContext, refresh: boolean) {
  const { group: g, template } = await groupAndTemplate(ctx);
  const desired = { ...g, ...(refresh && { instanceRefresh: { minHealthyPercentage: 50 } }) };
  const group = await autoScalingGroupAdapter.create('asg', desired, ctx);
  const lt = only(await launchTemplateAdapter.observe([], ctx), 'lt')!.state;
  const next = { ...template, userData: '#!/bin/bash\necho release 2\n' };
  const v2 = await launchTemplateAdapter.update('lt', next, lt, launchTemplateAdapter.diff(next, lt), ctx);
  return { desired, group, v2 };
}

export function rolloutSuite(name: string, o: { makeContext: () => TestContext; skip?: Partial<Record<RolloutCase, string>>; unavailable?: string }): void {
  const test = (c: RolloutCase, title: string, fn: () => Promise<void>) =>
    it(title, async (t: NodeTestContext) => (o.skip?.[c] !== undefined ? t.skip(o.skip[c]) : fn()));

  describe(`${name} rollout`, { skip: o.unavailable }, () => {
    test('new-version', 'a template change is a new version, made the default; the old one stays', async () => {
      const ctx = o.makeContext();
      const { v2 } = await released(ctx, false);
      const seen: ObservedLaunchTemplate = only(await launchTemplateAdapter.observe([], ctx), 'lt')!.state;
      assert.deepEqual([v2.latestVersion, seen.defaultVersion, seen.latestVersion, seen.data.userData], [2, 2, 2, '#!/bin/bash\necho release 2\n']);
    });

    test('group-follows', 'a group without instance refresh follows the new version; its instances stay', async () => {
      const ctx = o.makeContext();
      const { desired, group, v2 } = await released(ctx, false);
      const next = { ...desired, launchTemplate: { ...desired.launchTemplate, version: String(v2.latestVersion) } };
      const changes = autoScalingGroupAdapter.diff(next, group);
      assert.deepEqual(changes.map((c) => c.path), ['launchTemplate.version']);
      const after = await autoScalingGroupAdapter.update('asg', next, group, changes, ctx);
      assert.equal(after.launchTemplate.version, '2');
      assert.deepEqual(autoScalingGroupAdapter.diff(next, only(await autoScalingGroupAdapter.observe([], ctx), 'asg')!.state), []);
    });

    test('instance-refresh', 'with instance refresh, the instances are replaced by ones of the new version', async () => {
      const ctx = o.makeContext();
      const { desired, group, v2 } = await released(ctx, true);
      const next = { ...desired, launchTemplate: { ...desired.launchTemplate, version: String(v2.latestVersion) } };
      const seen = only(await autoScalingGroupAdapter.observe([], ctx), 'asg')!.state;
      const changes = autoScalingGroupAdapter.diff(next, seen);
      assert.ok(changes.some((c) => c.path === 'instances'), 'outdated instances are a difference');
      await autoScalingGroupAdapter.update('asg', next, group, changes, ctx);
      const after = only(await autoScalingGroupAdapter.observe([], ctx), 'asg')!.state;
      assert.deepEqual(autoScalingGroupAdapter.diff(next, after), []);
    });

    test('create-on-new-version', 'a group can be created on a version a change made', async () => {
      const ctx = o.makeContext();
      const { desired, v2 } = await released(ctx, false);
      const made = await autoScalingGroupAdapter.create('asg2', { ...desired, autoScalingGroupName: `${desired.autoScalingGroupName}-2`, launchTemplate: { ...desired.launchTemplate, version: String(v2.latestVersion) } }, ctx);
      assert.equal(made.launchTemplate.version, '2');
    });
  });
}
