/**
 * Listeners: CreateListener (one per port; idempotent for the same settings; HTTPS needs
 * an ISSUED ACM certificate and a known SSL policy), DescribeListeners (by load balancer
 * or ARNs, Marker paging), ModifyListener, DeleteListener.
 */
import type {
  CreateListenerCommandInput,
  CreateListenerCommandOutput,
  DeleteListenerCommandInput,
  DeleteListenerCommandOutput,
  DescribeListenersCommandInput,
  DescribeListenersCommandOutput,
  Listener,
  ModifyListenerCommandInput,
  ModifyListenerCommandOutput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { OperationTable } from '../service.ts';
import { defaultActions, listenerCertificates } from './actions.ts';
import { addTags, elbPage, listenerOf, loadBalancerOf, required } from './query.ts';
import type { ElbCtx, ElbState, ListenerRec, LoadBalancerRec } from './state.ts';
import { copyJson } from '../json.ts';

type Out<T> = Omit<T, '$metadata'>;

const PROTOCOLS: Readonly<Record<string, readonly string[]>> = { application: ['HTTP', 'HTTPS'], network: ['TCP', 'TLS', 'UDP', 'TCP_UDP'] };
const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-2016-08';
const SSL_POLICIES = [
  'ELBSecurityPolicy-2016-08', 'ELBSecurityPolicy-TLS13-1-2-2021-06', 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06', 'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06', 'ELBSecurityPolicy-TLS13-1-1-2021-06',
  'ELBSecurityPolicy-TLS13-1-0-2021-06', 'ELBSecurityPolicy-TLS13-1-3-2021-06', 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09', 'ELBSecurityPolicy-TLS-1-2-2017-01', 'ELBSecurityPolicy-TLS-1-2-Ext-2018-06',
  'ELBSecurityPolicy-TLS-1-1-2017-01', 'ELBSecurityPolicy-FS-2018-06', 'ELBSecurityPolicy-FS-1-2-2019-08',
  'ELBSecurityPolicy-FS-1-2-Res-2019-08', 'ELBSecurityPolicy-FS-1-2-Res-2020-10', 'ELBSecurityPolicy-2015-05',
];

export function renderListener(l: ListenerRec): Listener {
  return {
    ListenerArn: l.arn,
    LoadBalancerArn: l.loadBalancerArn,
    Port: l.port,
    Protocol: l.protocol as Listener['Protocol'],
    ...(l.certificates.length > 0 && { Certificates: [{ CertificateArn: l.certificates[0] }] }),
    ...(l.sslPolicy !== null && { SslPolicy: l.sslPolicy }),
    DefaultActions: copyJson(l.defaultActions),
    ...(l.alpnPolicy.length > 0 && { AlpnPolicy: [...l.alpnPolicy] }),
  };
}

interface ListenerSettings {
  port: number;
  protocol: string;
  certificates: string[];
  sslPolicy: string | null;
  defaultActions: ListenerRec['defaultActions'];
}

/** Checks a listener's settings against its load balancer and the other listeners. */
function settings(
  ctx: ElbCtx,
  lb: LoadBalancerRec,
  input: { Port?: number | undefined; Protocol?: string | undefined; SslPolicy?: string | undefined; Certificates?: CreateListenerCommandInput['Certificates']; DefaultActions?: CreateListenerCommandInput['DefaultActions'] },
  base: ListenerRec | undefined,
): ListenerSettings {
  const protocol = input.Protocol ?? base?.protocol ?? (lb.type === 'application' ? 'HTTP' : 'TCP');
  if (!PROTOCOLS[lb.type]!.includes(protocol)) ctx.fail('UnsupportedProtocol', `Protocol '${protocol}' is not supported for load balancers of type '${lb.type}'`);
  const port = input.Port ?? base?.port;
  if (port === undefined || !Number.isInteger(port) || port < 1 || port > 65535) ctx.fail('ValidationError', 'A listener port between 1 and 65535 must be specified');
  const tls = protocol === 'HTTPS' || protocol === 'TLS';
  const certInput = input.Certificates ?? (tls && base?.certificates.length ? base.certificates.map((CertificateArn) => ({ CertificateArn })) : undefined);
  const certificates = listenerCertificates(ctx, certInput, protocol);
  const sslPolicy = tls ? (input.SslPolicy ?? base?.sslPolicy ?? DEFAULT_SSL_POLICY) : null;
  if (!tls && input.SslPolicy !== undefined) ctx.fail('ValidationError', `An SSL policy can only be set for HTTPS and TLS listeners`);
  if (sslPolicy !== null && !SSL_POLICIES.includes(sslPolicy)) ctx.fail('SSLPolicyNotFound', `SSL policy '${sslPolicy}' not found`);
  const actions = input.DefaultActions !== undefined || base === undefined
    ? defaultActions(ctx, input.DefaultActions, lb, protocol, port)
    : base.defaultActions;
  return { port, protocol, certificates, sslPolicy, defaultActions: actions };
}

export const listenerOperations = {
  CreateListener(input: CreateListenerCommandInput, ctx: ElbCtx): Out<CreateListenerCommandOutput> {
    const lb = loadBalancerOf(ctx, input.LoadBalancerArn);
    required(ctx, input.Port, 'port');
    const s = settings(ctx, lb, input, undefined);
    const existing = Object.values(ctx.state.listeners).find((l) => l.loadBalancerArn === lb.arn && l.port === s.port);
    if (existing) {
      const same = existing.protocol === s.protocol && existing.sslPolicy === s.sslPolicy && existing.certificates.join() === s.certificates.join() &&
        JSON.stringify(existing.defaultActions) === JSON.stringify(s.defaultActions);
      if (!same) ctx.fail('DuplicateListener', `A listener already exists on this port for this load balancer '${lb.arn}'`);
      return { Listeners: [renderListener(existing)] };
    }
    const lbId = lb.arn.split('/').slice(1).join('/');
    const l: ListenerRec = {
      arn: ctx.arn(`listener/${lbId}/${ctx.ids.hex(16)}`),
      loadBalancerArn: lb.arn,
      ...s,
      alpnPolicy: input.AlpnPolicy ?? [],
    };
    addTags(ctx, l.arn, input.Tags);
    ctx.state.listeners[l.arn] = l;
    return { Listeners: [renderListener(l)] };
  },

  DescribeListeners(input: DescribeListenersCommandInput, ctx: ElbCtx): Out<DescribeListenersCommandOutput> {
    const arns = input.ListenerArns ?? [];
    if (input.LoadBalancerArn === undefined && arns.length === 0) ctx.fail('ValidationError', 'You must specify either listener ARNs or a load balancer ARN');
    let listeners = Object.values(ctx.state.listeners);
    if (input.LoadBalancerArn !== undefined) {
      const lb = loadBalancerOf(ctx, input.LoadBalancerArn);
      listeners = listeners.filter((l) => l.loadBalancerArn === lb.arn);
    }
    if (arns.length > 0) {
      if (arns.some((a) => !ctx.state.listeners[a])) ctx.fail('ListenerNotFound', 'One or more listeners not found');
      listeners = listeners.filter((l) => arns.includes(l.arn));
    }
    const page = elbPage(ctx, listeners, (l) => l.arn, input);
    return { Listeners: page.items.map(renderListener), NextMarker: page.NextMarker };
  },

  ModifyListener(input: ModifyListenerCommandInput, ctx: ElbCtx): Out<ModifyListenerCommandOutput> {
    const l = listenerOf(ctx, input.ListenerArn);
    const lb = loadBalancerOf(ctx, l.loadBalancerArn);
    const s = settings(ctx, lb, input, l);
    const clash = Object.values(ctx.state.listeners).find((o) => o !== l && o.loadBalancerArn === lb.arn && o.port === s.port);
    if (clash) ctx.fail('DuplicateListener', `A listener already exists on this port for this load balancer '${lb.arn}'`);
    Object.assign(l, s);
    if (input.AlpnPolicy !== undefined) l.alpnPolicy = input.AlpnPolicy;
    return { Listeners: [renderListener(l)] };
  },

  DeleteListener(input: DeleteListenerCommandInput, ctx: ElbCtx): Out<DeleteListenerCommandOutput> {
    const l = listenerOf(ctx, input.ListenerArn);
    delete ctx.state.listeners[l.arn];
    delete ctx.state.tags[l.arn];
    return {};
  },
} satisfies OperationTable<ElbState>;
