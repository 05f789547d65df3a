/**
 * The least-privilege IAM policy of blogctl: one statement per service of the kinds with
 * adapters (Resource `*`: the resources do not exist before blogctl makes them, and their
 * ARNs hold ids AWS picks), plus the tool's own statements (the lease on its table only).
 */
import type { Kind } from '../../reconciler/types.ts';
import { CORE_ACTIONS, KIND_ACTIONS } from './actions.ts';

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: string;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

const sid = (service: string) => `Blogctl${service.split(/[^a-z0-9]/i).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('')}`;

/** The policy for these kinds (default: every kind with an adapter), the lease in `table`. */
export function iamPolicy(kinds: readonly Kind[], o: { table: string }): PolicyDocument {
  const byService = new Map<string, Set<string>>();
  for (const kind of kinds) for (const action of KIND_ACTIONS[kind] ?? []) {
    const service = action.split(':')[0]!;
    (byService.get(service) ?? byService.set(service, new Set()).get(service)!).add(action);
  }
  const statements: PolicyStatement[] = [...byService.keys()].sort().map((service) => ({
    Sid: sid(service), Effect: 'Allow', Action: [...byService.get(service)!].sort(), Resource: '*',
  }));
  for (const c of CORE_ACTIONS) statements.push({ Sid: `Blogctl${c.sid}`, Effect: 'Allow', Action: [...c.actions].sort(), Resource: c.resource ? c.resource(o) : '*' });
  return { Version: '2012-10-17', Statement: statements };
}
