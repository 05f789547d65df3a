/**
 * Route 53 health checks through the real client: AWS's defaults, CallerReference
 * idempotency, versioned updates, deletion, listing, and tags of zones and checks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ChangeTagsForResourceCommand,
  CreateHealthCheckCommand,
  DeleteHealthCheckCommand,
  GetHealthCheckCommand,
  HealthCheckAlreadyExists,
  type HealthCheckConfig,
  HealthCheckVersionMismatch,
  InvalidInput,
  ListTagsForResourceCommand,
  ListTagsForResourcesCommand,
  NoSuchHealthCheck,
  NoSuchHostedZone,
  paginateListHealthChecks,
  UpdateHealthCheckCommand,
} from '@aws-sdk/client-route-53';
import { rejection } from '../harness.ts';
import { changes, create, r53Harness } from './fixtures.ts';

const https: HealthCheckConfig = { Type: 'HTTPS', FullyQualifiedDomainName: 'blog-alb-123.us-east-1.elb.amazonaws.com', ResourcePath: '/' };

describe('route53 health checks', () => {
  it('creates a check with AWS\'s defaults; the same CallerReference and settings answer the same check', async () => {
    const { r53 } = await r53Harness();
    const { HealthCheck, Location } = await r53.send(new CreateHealthCheckCommand({ CallerReference: 'blog-health', HealthCheckConfig: https }));
    assert.match(HealthCheck!.Id!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(Location, `https://route53.amazonaws.com/2013-04-01/healthcheck/${HealthCheck!.Id}`);
    assert.equal(HealthCheck?.HealthCheckVersion, 1);
    assert.deepEqual(HealthCheck?.HealthCheckConfig, {
      ...https, Port: 443, RequestInterval: 30, FailureThreshold: 3, MeasureLatency: false, Inverted: false, Disabled: false, EnableSNI: true,
    });
    const again = await r53.send(new CreateHealthCheckCommand({ CallerReference: 'blog-health', HealthCheckConfig: https }));
    assert.equal(again.HealthCheck?.Id, HealthCheck?.Id);
    const other = await rejection(r53.send(new CreateHealthCheckCommand({ CallerReference: 'blog-health', HealthCheckConfig: { ...https, Port: 8443 } })));
    assert.ok(other instanceof HealthCheckAlreadyExists);
    assert.equal(other.$metadata?.httpStatusCode, 409);
    const noSearch = await rejection(r53.send(new CreateHealthCheckCommand({ CallerReference: 'x', HealthCheckConfig: { ...https, Type: 'HTTPS_STR_MATCH' } })));
    assert.ok(noSearch instanceof InvalidInput);
  });

  it('updates with the current HealthCheckVersion and resets elements', async () => {
    const { r53 } = await r53Harness();
    const { HealthCheck } = await r53.send(new CreateHealthCheckCommand({ CallerReference: 'hc', HealthCheckConfig: https }));
    const HealthCheckId = HealthCheck!.Id!;
    const updated = await r53.send(new UpdateHealthCheckCommand({ HealthCheckId, HealthCheckVersion: 1, FailureThreshold: 5, ResetElements: ['ResourcePath'] }));
    assert.equal(updated.HealthCheck?.HealthCheckVersion, 2);
    assert.equal(updated.HealthCheck?.HealthCheckConfig?.FailureThreshold, 5);
    assert.equal(updated.HealthCheck?.HealthCheckConfig?.ResourcePath, undefined);
    const stale = await rejection(r53.send(new UpdateHealthCheckCommand({ HealthCheckId, HealthCheckVersion: 1, FailureThreshold: 2 })));
    assert.ok(stale instanceof HealthCheckVersionMismatch);
    assert.equal(stale.$metadata?.httpStatusCode, 409);
    await r53.send(new UpdateHealthCheckCommand({ HealthCheckId, FailureThreshold: 2 }));
    assert.equal((await r53.send(new GetHealthCheckCommand({ HealthCheckId }))).HealthCheck?.HealthCheckVersion, 3);
  });

  it('deletes a check even while a record uses it, as AWS documents; its CallerReference stays taken', async () => {
    const { r53, zoneId } = await r53Harness();
    const { HealthCheck } = await r53.send(new CreateHealthCheckCommand({ CallerReference: 'hc', HealthCheckConfig: https }));
    const HealthCheckId = HealthCheck!.Id!;
    await changes(r53, zoneId, create({
      Name: 'www.example.com', Type: 'A', SetIdentifier: 'primary', Failover: 'PRIMARY', HealthCheckId,
      AliasTarget: { HostedZoneId: 'Z3AQBSTGFYJSTF', DNSName: 's3-website-us-east-1.amazonaws.com', EvaluateTargetHealth: false },
    }));
    await r53.send(new DeleteHealthCheckCommand({ HealthCheckId }));
    const gone = await rejection(r53.send(new GetHealthCheckCommand({ HealthCheckId })));
    assert.ok(gone instanceof NoSuchHealthCheck);
    assert.equal(gone.$metadata?.httpStatusCode, 404);
    const reuse = await rejection(r53.send(new CreateHealthCheckCommand({ CallerReference: 'hc', HealthCheckConfig: https })));
    assert.ok(reuse instanceof HealthCheckAlreadyExists);
  });

  it('lists checks page by page', async () => {
    const { r53 } = await r53Harness();
    for (let i = 0; i < 5; i++) await r53.send(new CreateHealthCheckCommand({ CallerReference: `hc-${i}`, HealthCheckConfig: { ...https, ResourcePath: `/${i}` } }));
    const pages = [];
    for await (const page of paginateListHealthChecks({ client: r53, pageSize: 2 }, {})) pages.push(page);
    assert.deepEqual(pages.map((p) => p.HealthChecks?.length), [2, 2, 1]);
    assert.equal(pages[0]!.NextMarker, pages[1]!.HealthChecks![0]!.Id);
    assert.deepEqual(pages.flatMap((p) => p.HealthChecks!.map((h) => h.HealthCheckConfig?.ResourcePath)).sort(), ['/0', '/1', '/2', '/3', '/4']);
  });

  it('tags hosted zones and health checks', async () => {
    const { r53, zoneId } = await r53Harness();
    const { HealthCheck } = await r53.send(new CreateHealthCheckCommand({ CallerReference: 'hc', HealthCheckConfig: https }));
    await r53.send(new ChangeTagsForResourceCommand({ ResourceType: 'healthcheck', ResourceId: HealthCheck!.Id, AddTags: [{ Key: 'Name', Value: 'blog-health' }, { Key: 'stack', Value: 'blog' }] }));
    await r53.send(new ChangeTagsForResourceCommand({ ResourceType: 'healthcheck', ResourceId: HealthCheck!.Id, RemoveTagKeys: ['stack'] }));
    await r53.send(new ChangeTagsForResourceCommand({ ResourceType: 'hostedzone', ResourceId: zoneId, AddTags: [{ Key: 'owner', Value: 'me' }] }));
    const one = await r53.send(new ListTagsForResourceCommand({ ResourceType: 'healthcheck', ResourceId: HealthCheck!.Id }));
    assert.deepEqual(one.ResourceTagSet, { ResourceType: 'healthcheck', ResourceId: HealthCheck!.Id, Tags: [{ Key: 'Name', Value: 'blog-health' }] });
    const zones = await r53.send(new ListTagsForResourcesCommand({ ResourceType: 'hostedzone', ResourceIds: [zoneId] }));
    assert.deepEqual(zones.ResourceTagSets, [{ ResourceType: 'hostedzone', ResourceId: zoneId, Tags: [{ Key: 'owner', Value: 'me' }] }]);
    const missing = await rejection(r53.send(new ListTagsForResourceCommand({ ResourceType: 'hostedzone', ResourceId: 'Z0000000000000000000X' })));
    assert.ok(missing instanceof NoSuchHostedZone);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    assert.ok((await rejection(r53.send(new ChangeTagsForResourceCommand({ ResourceType: 'hostedzone', ResourceId: zoneId, AddTags: eleven })))) instanceof InvalidInput);
  });
});
