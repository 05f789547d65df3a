/**
 * elbv2.listener's adapter. Listeners are listed per load balancer: observe finds this
 * stack's load balancers by tag (and those the requests name), describes their listeners
 * and reads the listeners' tags in batches of 20. Everything but the load balancer
 * changes in place (ModifyListener). An HTTPS/TLS listener without an sslPolicy gets
 * DEFAULT_TLS_POLICY, not the API's ELBSecurityPolicy-2016-08 (which allows TLS 1.0).
 */
import {
  CreateListenerCommand, DeleteListenerCommand, ElasticLoadBalancingV2Client, ModifyListenerCommand, paginateDescribeListeners, type Listener,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { TAG, type DesiredOf, type ResourceAdapter } from '../../reconciler/types.ts';
import { goneIsFine } from '../aws-errors.ts';
import { known } from '../known-values.ts';
import { listLoadBalancers } from '../elbv2/load-balancers.ts';
import { selectForStack } from '../elbv2/select.ts';
import { createTags, describeTags, markCreated, stateTags, syncElbTags } from '../elbv2/tags.ts';
import { diffFields } from '../normalize/compare.ts';
import { diffNested } from '../normalize/nested.ts';
import { userTags } from '../normalize/tags.ts';
import { fromAwsActions, toAwsAction, type DefaultAction, type OtherAction } from './actions.ts';
import { DEFAULT_TLS_POLICY, listenerProperties } from './schema.ts';

type Desired = DesiredOf<typeof listenerProperties>;

export interface ObservedListener {
  readonly arn: string;
  readonly loadBalancerArn: string;
  readonly port: number;
  readonly protocol: Desired['protocol'];
  readonly certificateArn?: string;
  readonly sslPolicy?: string;
  readonly defaultAction: DefaultAction | OtherAction;
  readonly tags: Record<string, string>;
}

const isTls = (protocol: string) => protocol === 'HTTPS' || protocol === 'TLS';

/** The security policy the listener should have: the spec's, or blogctl's default for HTTPS/TLS. */
export const sslPolicyOf = (d: Pick<Desired, 'protocol' | 'sslPolicy'>): string | undefined =>
  isTls(d.protocol) ? (d.sslPolicy ?? DEFAULT_TLS_POLICY) : undefined;

function fromAws(l: Listener, tags: Record<string, string>): ObservedListener {
  const cert = l.Certificates?.find((c) => c.IsDefault !== false)?.CertificateArn;
  return {
    arn: l.ListenerArn!,
    loadBalancerArn: l.LoadBalancerArn!,
    port: l.Port ?? 0,
    protocol: l.Protocol as Desired['protocol'],
    ...(cert !== undefined && { certificateArn: cert }),
    ...(l.SslPolicy !== undefined && { sslPolicy: l.SslPolicy }),
    defaultAction: fromAwsActions(l.DefaultActions),
    tags,
  };
}

/** What CreateListener and ModifyListener take, but the load balancer. */
function settings(d: Desired) {
  const tls = isTls(d.protocol);
  return {
    Port: d.port,
    Protocol: d.protocol,
    ...(tls && d.certificateArn !== undefined && { Certificates: [{ CertificateArn: d.certificateArn }] }),
    ...(tls && { SslPolicy: sslPolicyOf(d) }),
    DefaultActions: [toAwsAction(d.defaultAction)],
  };
}

/** The state AWS holds once `d` is applied to `arn`. */
const applied = (arn: string, d: Desired, tags: Record<string, string>): ObservedListener => ({
  arn,
  loadBalancerArn: d.loadBalancerArn,
  port: d.port,
  protocol: d.protocol,
  ...(isTls(d.protocol) && d.certificateArn !== undefined && { certificateArn: d.certificateArn }),
  ...(isTls(d.protocol) && { sslPolicy: sslPolicyOf(d)! }),
  defaultAction: d.defaultAction,
  tags,
});

export const listenerAdapter: ResourceAdapter<'elbv2.listener', Desired, ObservedListener> = {
  kind: 'elbv2.listener',
  replaceOn: ['loadBalancerArn'],
  // Another load balancer: the new listener can be made first; the old goes with its port.
  replaceOrder: 'create-before-delete',
  timeouts: { create: 5 * 60_000, update: 5 * 60_000, delete: 5 * 60_000, ready: 5 * 60_000 },

  async observe(requests, ctx) {
    const elb = ctx.clients.get(ElasticLoadBalancingV2Client);
    const lbs = await listLoadBalancers(elb);
    const exists = new Set(lbs.map((l) => l.resource.LoadBalancerArn!));
    const named = requests.flatMap((r) => [r.desired?.loadBalancerArn, r.last?.loadBalancerArn]).filter((a): a is string => known(a) && exists.has(a));
    const ours = lbs.filter((l) => l.tags[TAG.stack] === ctx.stack).map((l) => l.resource.LoadBalancerArn!);
    const listeners: Listener[] = [];
    await Promise.all([...new Set([...ours, ...named])].map(async (LoadBalancerArn) => {
      for await (const page of paginateDescribeListeners({ client: elb }, { LoadBalancerArn, PageSize: 400 })) listeners.push(...(page.Listeners ?? []));
    }));
    const tags = await describeTags(elb, listeners.map((l) => l.ListenerArn!));
    const listed = listeners.map((resource) => ({ resource, tags: tags.get(resource.ListenerArn!) ?? {} }));
    const wanted = requests.map((r) => ({
      id: r.id,
      key: known(r.desired?.loadBalancerArn) && r.desired.port !== undefined ? `${r.desired.loadBalancerArn} ${r.desired.port}` : undefined,
    }));
    const selected = selectForStack(ctx.stack, listed, (l) => `${l.LoadBalancerArn} ${l.Port}`, wanted);
    return selected.map((s) => {
      const state = fromAws(s.resource, { ...s.tags });
      return { id: s.id, state, tags: state.tags };
    });
  },

  diff: (desired, observed) => [
    ...diffFields(desired, observed, ['loadBalancerArn', 'port', 'protocol', 'certificateArn']),
    ...diffFields({ sslPolicy: sslPolicyOf(desired) }, observed, ['sslPolicy']),
    ...diffNested('defaultAction', desired.defaultAction, observed.defaultAction),
  ],

  async create(id, desired, ctx) {
    const elb = ctx.clients.get(ElasticLoadBalancingV2Client);
    const identity = ctx.identityTags(id);
    const out = await elb.send(new CreateListenerCommand({
      LoadBalancerArn: desired.loadBalancerArn,
      ...settings(desired),
      Tags: createTags(undefined, ctx.identityTags(id, 'creating')),
    }));
    const arn = out.Listeners![0]!.ListenerArn!;
    await markCreated(elb, arn, identity);
    return applied(arn, desired, stateTags(undefined, identity));
  },

  async update(id, desired, observed, _changes, ctx) {
    const elb = ctx.clients.get(ElasticLoadBalancingV2Client);
    const identity = ctx.identityTags(id);
    if (listenerAdapter.diff(desired, observed).length > 0)
      await elb.send(new ModifyListenerCommand({ ListenerArn: observed.arn, ...settings(desired) }));
    // The spec has no user tags for listeners: only blogctl's are written, others are left alone.
    const user = userTags(observed.tags);
    await syncElbTags(elb, observed.arn, user, observed.tags, identity);
    return applied(observed.arn, desired, stateTags(user, identity));
  },

  delete: (observed, ctx) => goneIsFine(() => ctx.clients.get(ElasticLoadBalancingV2Client).send(new DeleteListenerCommand({ ListenerArn: observed.arn }))),

  outputs: (o) => ({ id: o.arn, arn: o.arn }),
};
