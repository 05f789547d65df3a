/**
 * Listener default actions (forward, redirect, fixed-response) checked and filled in as
 * ELBv2 reports them, and the ACM certificates an HTTPS listener may use.
 */
import type { Action, Certificate } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AcmState } from '../acm/state.ts';
import { certificateStatus, route53State } from '../acm/validation.ts';
import { loadBalancersOf, type ElbCtx, type LoadBalancerRec } from './state.ts';

const CONTENT_TYPES = ['text/plain', 'text/css', 'text/html', 'application/javascript', 'application/json'];

function forward(ctx: ElbCtx, a: Action, lb: LoadBalancerRec): Action {
  const arns = a.ForwardConfig?.TargetGroups?.length
    ? a.ForwardConfig.TargetGroups.map((t) => ({ arn: t.TargetGroupArn ?? '', weight: t.Weight ?? 1 }))
    : a.TargetGroupArn !== undefined ? [{ arn: a.TargetGroupArn, weight: 1 }] : [];
  if (arns.length === 0) ctx.fail('ValidationError', 'A target group ARN must be specified');
  if (a.TargetGroupArn !== undefined && a.ForwardConfig?.TargetGroups?.length && (arns.length !== 1 || arns[0]!.arn !== a.TargetGroupArn)) {
    ctx.fail('ValidationError', 'You cannot specify both a target group ARN and a forward config with different target groups');
  }
  for (const { arn } of arns) {
    const tg = ctx.state.targetGroups[arn];
    if (!tg) ctx.fail('TargetGroupNotFound', `Target group '${arn}' not found`);
    if (tg.vpcId !== null && tg.vpcId !== lb.vpcId) ctx.fail('ValidationError', `Target group '${arn}' is not in the load balancer's VPC '${lb.vpcId}'`);
    if (lb.type === 'application' && tg.protocol !== null && tg.protocol !== 'HTTP' && tg.protocol !== 'HTTPS') {
      ctx.fail('IncompatibleProtocols', `The target group protocol '${tg.protocol}' is not compatible with an Application Load Balancer`);
    }
    const others = loadBalancersOf(ctx.state, arn).filter((other) => other !== lb.arn);
    if (others.length > 0) ctx.fail('TargetGroupAssociationLimit', `The following target groups cannot be associated with more than one load balancer: '${arn}'`);
  }
  return {
    Type: 'forward',
    ...(arns.length === 1 && { TargetGroupArn: arns[0]!.arn }),
    ForwardConfig: {
      TargetGroups: arns.map(({ arn, weight }) => ({ TargetGroupArn: arn, Weight: weight })),
      TargetGroupStickinessConfig: { Enabled: a.ForwardConfig?.TargetGroupStickinessConfig?.Enabled ?? false },
    },
  };
}

function redirect(ctx: ElbCtx, a: Action, protocol: string, port: number): Action {
  const r = a.RedirectConfig;
  if (!r?.StatusCode || !['HTTP_301', 'HTTP_302'].includes(r.StatusCode)) ctx.fail('ValidationError', 'A redirect status code of HTTP_301 or HTTP_302 must be specified');
  const filled = {
    Protocol: r.Protocol ?? '#{protocol}', Port: r.Port ?? '#{port}', Host: r.Host ?? '#{host}',
    Path: r.Path ?? '/#{path}', Query: r.Query ?? '#{query}', StatusCode: r.StatusCode,
  };
  if (!['#{protocol}', 'HTTP', 'HTTPS'].includes(filled.Protocol)) ctx.fail('ValidationError', `Redirect protocol '${filled.Protocol}' must be HTTP, HTTPS or #{protocol}`);
  const sameProtocol = filled.Protocol === '#{protocol}' || filled.Protocol === protocol;
  const samePort = filled.Port === '#{port}' || filled.Port === String(port);
  if (sameProtocol && samePort && filled.Host === '#{host}' && filled.Path === '/#{path}' && filled.Query === '#{query}') {
    ctx.fail('InvalidLoadBalancerAction', 'The redirect configuration is not valid because it creates a loop.');
  }
  return { Type: 'redirect', RedirectConfig: filled };
}

function fixedResponse(ctx: ElbCtx, a: Action): Action {
  const f = a.FixedResponseConfig;
  if (!f?.StatusCode || !/^[245]\d\d$/.test(f.StatusCode)) ctx.fail('ValidationError', 'A fixed response status code of 2XX, 4XX or 5XX must be specified');
  if (f.ContentType !== undefined && !CONTENT_TYPES.includes(f.ContentType)) ctx.fail('ValidationError', `Content type '${f.ContentType}' is not valid`);
  if ((f.MessageBody ?? '').length > 1024) ctx.fail('ValidationError', 'The message body must be at most 1024 characters');
  return { Type: 'fixed-response', FixedResponseConfig: { StatusCode: f.StatusCode, ...(f.ContentType !== undefined && { ContentType: f.ContentType }), ...(f.MessageBody !== undefined && { MessageBody: f.MessageBody }) } };
}

/** The default actions as ELBv2 stores and reports them. */
export function defaultActions(ctx: ElbCtx, actions: readonly Action[] | undefined, lb: LoadBalancerRec, protocol: string, port: number): Action[] {
  if (!actions || actions.length === 0) ctx.fail('ValidationError', 'A default action must be specified');
  if (actions.length > 1) ctx.fail('ValidationError', 'blogctl sandbox: listeners with more than one default action (authentication) are not simulated');
  const a = actions[0]!;
  if ((a.Type === 'redirect' || a.Type === 'fixed-response') && lb.type !== 'application') {
    ctx.fail('InvalidLoadBalancerAction', `The action type '${a.Type}' is not supported for load balancers of type '${lb.type}'`);
  }
  const out = a.Type === 'forward' ? forward(ctx, a, lb) : a.Type === 'redirect' ? redirect(ctx, a, protocol, port) : a.Type === 'fixed-response' ? fixedResponse(ctx, a) : undefined;
  if (!out) ctx.fail('ValidationError', `1 validation error detected: Value '${a.Type ?? ''}' at 'defaultActions.1.member.type' failed to satisfy constraint: Member must satisfy enum value set: [forward, redirect, fixed-response]`);
  return [a.Order !== undefined ? { ...out, Order: a.Order } : out];
}

function acmState(ctx: ElbCtx): AcmState | undefined {
  return ctx.maybeServiceState<AcmState>('acm');
}

/** The certificate ARNs of an HTTPS/TLS listener: each an ISSUED ACM certificate. */
export function listenerCertificates(ctx: ElbCtx, certs: readonly Certificate[] | undefined, protocol: string): string[] {
  const tls = protocol === 'HTTPS' || protocol === 'TLS';
  const arns = (certs ?? []).map((c) => c.CertificateArn ?? '');
  if (!tls) {
    if (arns.length > 0) ctx.fail('ValidationError', `Certificates are not supported for ${protocol} listeners`);
    return [];
  }
  if (arns.length === 0) ctx.fail('ValidationError', `A certificate must be specified for ${protocol} listeners`);
  if (arns.length > 1) ctx.fail('ValidationError', 'Only one certificate can be specified as the default certificate of a listener');
  const acm = acmState(ctx);
  for (const arn of arns) {
    const cert = acm?.certificates[arn];
    if (!cert || arn.split(':')[3] !== ctx.region) ctx.fail('CertificateNotFound', `Certificate '${arn}' not found`);
    if (certificateStatus(cert, ctx.now, route53State(ctx), ctx.durations).status !== 'ISSUED') {
      ctx.fail('UnsupportedCertificate', `The certificate '${arn}' must have a fully-qualified domain name, a supported signature, and a supported key size.`);
    }
  }
  return arns;
}
