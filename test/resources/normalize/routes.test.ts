/**
 * Routes as a set keyed by destination: only the routes the spec manages are compared,
 * and the delta says which to create, replace (same destination, other target) or delete.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffIdSet } from '../../../src/resources/normalize/compare.ts';
import { diffRoutes, routeDelta, routeFromAws } from '../../../src/resources/normalize/routes.ts';

describe('route normalisation', () => {
  it('ignores the local route, gateway endpoint routes and propagated routes', () => {
    const aws = [
      { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' },
      { DestinationPrefixListId: 'pl-63a5400a', GatewayId: 'vpce-0123456789abcdef0', Origin: 'CreateRoute', State: 'active' },
      { DestinationCidrBlock: '172.16.0.0/12', GatewayId: 'vgw-1', Origin: 'EnableVgwRoutePropagation', State: 'active' },
      { DestinationIpv6CidrBlock: '::/0', GatewayId: 'igw-1', Origin: 'CreateRoute', State: 'active' },
    ] as const;
    assert.deepEqual(aws.map((r) => routeFromAws({ ...r })), [undefined, undefined, undefined, undefined]);
  });

  it('reads targets as the spec writes them; an endpoint route names the endpoint', () => {
    assert.deepEqual(routeFromAws({ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1', Origin: 'CreateRoute', State: 'blackhole' }), {
      destinationCidrBlock: '0.0.0.0/0', gatewayId: 'igw-1',
    });
    assert.deepEqual(routeFromAws({ DestinationCidrBlock: '0.0.0.0/0', InstanceId: 'i-1', NetworkInterfaceId: 'eni-1', InstanceOwnerId: '1', Origin: 'CreateRoute' }), {
      destinationCidrBlock: '0.0.0.0/0', instanceId: 'i-1', networkInterfaceId: 'eni-1',
    });
    assert.deepEqual(routeFromAws({ DestinationCidrBlock: '10.9.0.0/16', GatewayId: 'vpce-1', Origin: 'CreateRoute' }), {
      destinationCidrBlock: '10.9.0.0/16', vpcEndpointId: 'vpce-1',
    });
  });
});

describe('route sets', () => {
  const observed = [
    { destinationCidrBlock: '0.0.0.0/0', instanceId: 'i-1', networkInterfaceId: 'eni-1' },
    { destinationCidrBlock: '192.0.2.0/24', gatewayId: 'igw-1' },
  ];

  it('matches an instance route named by the instance or by its interface, in any order', () => {
    assert.deepEqual(diffRoutes([{ destinationCidrBlock: '192.0.2.0/24', gatewayId: 'igw-1' }, { destinationCidrBlock: '0.0.0.0/0', instanceId: 'i-1' }], observed), []);
    assert.deepEqual(diffRoutes([observed[1]!, { destinationCidrBlock: '0.0.0.0/0', networkInterfaceId: 'eni-1' }], observed), []);
  });

  it('replaces a route whose target changed, creates new ones, deletes the rest', () => {
    const desired = [{ destinationCidrBlock: '0.0.0.0/0', instanceId: 'i-2' }, { destinationCidrBlock: '198.51.100.0/24', gatewayId: 'igw-1' }];
    const delta = routeDelta(desired, observed);
    assert.deepEqual(delta.replace, [desired[0]]);
    assert.deepEqual(delta.create, [desired[1]]);
    assert.deepEqual(delta.remove, [observed[1]]);
    assert.deepEqual(diffRoutes(desired, observed), [
      { path: 'routes[0.0.0.0/0]', from: observed[0], to: desired[0] },
      { path: 'routes[192.0.2.0/24]', from: observed[1], to: undefined },
      { path: 'routes[198.51.100.0/24]', from: undefined, to: desired[1] },
    ]);
  });

  it('compares subnet associations as a set of ids', () => {
    assert.deepEqual(diffIdSet('subnetIds', ['subnet-b', 'subnet-a'], ['subnet-a', 'subnet-b']), []);
    assert.deepEqual(diffIdSet('subnetIds', ['subnet-a', 'subnet-c'], ['subnet-b', 'subnet-a']), [
      { path: 'subnetIds[subnet-b]', from: 'subnet-b', to: undefined },
      { path: 'subnetIds[subnet-c]', from: undefined, to: 'subnet-c' },
    ]);
  });
});
