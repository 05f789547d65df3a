/**
 * A listener's default action between the spec's shape and ELBv2's. AWS reports a
 * forward twice (TargetGroupArn and a ForwardConfig with weight 1), a redirect's port as
 * a string, and fills in a redirect's defaults: the observed form is brought to the
 * spec's, so what AWS adds is not drift.
 */
import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { DesiredOf } from '../../reconciler/types.ts';
import type { listenerProperties } from './schema.ts';

export type DefaultAction = DesiredOf<typeof listenerProperties>['defaultAction'];

/** What an action AWS holds and the spec cannot say looks like (several target groups, authentication). */
export interface OtherAction {
  readonly type: string;
  readonly aws: unknown;
}

export function toAwsAction(a: DefaultAction): Action {
  switch (a.type) {
    case 'forward':
      return { Type: 'forward', TargetGroupArn: a.targetGroupArn };
    case 'redirect': {
      const r = a.redirectConfig;
      return {
        Type: 'redirect',
        RedirectConfig: { Protocol: r.protocol, Port: String(r.port), Host: r.host, Path: r.path, Query: r.query, StatusCode: r.statusCode },
      };
    }
    case 'fixed-response': {
      const f = a.fixedResponseConfig;
      return {
        Type: 'fixed-response',
        FixedResponseConfig: { StatusCode: f.statusCode, ContentType: f.contentType, ...(f.messageBody !== undefined && { MessageBody: f.messageBody }) },
      };
    }
  }
}

/** The default action as the spec would write it; anything else as it is. */
export function fromAwsActions(actions: readonly Action[] | undefined): DefaultAction | OtherAction {
  const list = [...(actions ?? [])].sort((x, y) => (x.Order ?? 0) - (y.Order ?? 0));
  const a = list[0];
  if (!a || list.length > 1) return { type: list.map((x) => x.Type).join('+') || 'none', aws: list };
  if (a.Type === 'forward') {
    const groups = a.ForwardConfig?.TargetGroups?.map((t) => t.TargetGroupArn!) ?? [];
    const arns = [...new Set([...(a.TargetGroupArn ? [a.TargetGroupArn] : []), ...groups])];
    return arns.length === 1 ? { type: 'forward', targetGroupArn: arns[0]! } : { type: 'forward', aws: a };
  }
  if (a.Type === 'redirect' && a.RedirectConfig) {
    const r = a.RedirectConfig;
    const port = r.Port ?? '#{port}';
    return {
      type: 'redirect',
      redirectConfig: {
        protocol: (r.Protocol ?? '#{protocol}') as 'HTTP' | 'HTTPS' | '#{protocol}',
        port: /^\d+$/.test(port) ? Number(port) : '#{port}',
        host: r.Host ?? '#{host}',
        path: r.Path ?? '/#{path}',
        query: r.Query ?? '#{query}',
        statusCode: r.StatusCode as 'HTTP_301' | 'HTTP_302',
      },
    };
  }
  if (a.Type === 'fixed-response' && a.FixedResponseConfig) {
    const f = a.FixedResponseConfig;
    return {
      type: 'fixed-response',
      fixedResponseConfig: {
        statusCode: f.StatusCode ?? '',
        contentType: (f.ContentType ?? 'text/plain') as 'text/plain',
        ...(f.MessageBody !== undefined && { messageBody: f.MessageBody }),
      },
    };
  }
  return { type: a.Type ?? 'none', aws: a };
}
