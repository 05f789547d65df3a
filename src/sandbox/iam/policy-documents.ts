/**
 * Policy documents as IAM checks them (MalformedPolicyDocument for what it refuses):
 * trust policies (who may assume a role) and identity policies (what a role may do).
 */
import { type IamCtx, iamFail } from './validation.ts';

type Statement = Record<string, unknown>;

/** Default quota of a role's trust policy, and of all its inline policies together. */
export const TRUST_POLICY_MAX = 2048;
export const INLINE_POLICIES_MAX = 10240;
export const MANAGED_POLICY_MAX = 6144;

function malformed(ctx: IamCtx, message: string): never {
  return iamFail(ctx, 'MalformedPolicyDocument', message);
}

function list(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function checkActions(ctx: IamCtx, s: Statement, trust: boolean): void {
  const actions = list(s['Action'] ?? s['NotAction']);
  if (actions.length === 0) malformed(ctx, 'Policy statement must contain actions.');
  for (const a of actions) {
    if (typeof a !== 'string' || (a !== '*' && !/^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+$/.test(a))) {
      malformed(ctx, 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');
    }
    if (trust && !/^sts:/i.test(a)) malformed(ctx, 'AssumeRole policy may only specify STS AssumeRole actions.');
  }
}

function checkPrincipal(ctx: IamCtx, principal: unknown): void {
  if (principal === '*') return;
  if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) malformed(ctx, 'Invalid principal in policy');
  for (const [kind, values] of Object.entries(principal)) {
    if (!['AWS', 'Service', 'Federated', 'CanonicalUser'].includes(kind)) malformed(ctx, `Invalid principal in policy: "${kind}"`);
    for (const v of list(values)) {
      if (typeof v !== 'string' || v === '') malformed(ctx, 'Invalid principal in policy');
      if (kind === 'Service' && !/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(v)) malformed(ctx, `Invalid principal in policy: "SERVICE":"${v}"`);
      if (kind === 'AWS' && v !== '*' && !/^(\d{12}|arn:aws[a-z-]*:(iam|sts)::\d{12}:.+)$/.test(v)) malformed(ctx, `Invalid principal in policy: "AWS":"${v}"`);
    }
  }
}

/** Parses and checks a policy document; `kind` says which rules apply. Returns the statements. */
export function checkPolicyDocument(ctx: IamCtx, text: string | undefined, kind: 'trust' | 'identity', field: string): Statement[] {
  if (text === undefined) ctx.fail('ValidationError', `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    malformed(ctx, kind === 'trust' ? 'This policy contains invalid Json' : 'Syntax errors in policy.');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) malformed(ctx, 'Syntax errors in policy.');
  const d = doc as Record<string, unknown>;
  const version = d['Version'];
  if (version !== undefined && version !== '2012-10-17' && version !== '2008-10-17') malformed(ctx, 'The policy failed legacy parsing');
  for (const key of Object.keys(d)) if (!['Version', 'Id', 'Statement'].includes(key)) malformed(ctx, 'Syntax errors in policy.');
  const statements = list(d['Statement']);
  if (statements.length === 0) malformed(ctx, 'Syntax errors in policy.');
  const sids = new Set<string>();
  for (const raw of statements) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) malformed(ctx, 'Syntax errors in policy.');
    const s = raw as Statement;
    if (s['Effect'] !== 'Allow' && s['Effect'] !== 'Deny') malformed(ctx, `Invalid effect: ${String(s['Effect'])}`);
    const sid = s['Sid'];
    if (sid !== undefined) {
      if (typeof sid !== 'string' || (kind === 'identity' && !/^[A-Za-z0-9]*$/.test(sid))) malformed(ctx, 'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*');
      if (sids.has(sid)) malformed(ctx, 'Statement IDs (SID) in a single policy must be unique.');
      sids.add(sid);
    }
    checkActions(ctx, s, kind === 'trust');
    if (kind === 'trust') {
      if ('Resource' in s || 'NotResource' in s) malformed(ctx, 'Has prohibited field Resource');
      if (!('Principal' in s) && !('NotPrincipal' in s)) malformed(ctx, 'AssumeRolepolicy contained an invalid principal: Missing required field Principal');
      checkPrincipal(ctx, s['Principal'] ?? s['NotPrincipal']);
    } else {
      if ('Principal' in s || 'NotPrincipal' in s) malformed(ctx, 'Policy document should not specify a principal.');
      if (list(s['Resource'] ?? s['NotResource']).length === 0) malformed(ctx, 'Policy statement must contain resources.');
    }
  }
  return statements as Statement[];
}

/** Does the trust policy let this service assume the role (an Allow of sts:AssumeRole to it)? */
export function trustsService(document: string, service: string): boolean {
  let doc: { Statement?: unknown };
  try {
    doc = JSON.parse(document) as { Statement?: unknown };
  } catch {
    return false;
  }
  return list(doc.Statement).some((raw) => {
    const s = raw as Statement;
    const principal = s['Principal'];
    const services = principal === '*' ? [service] : list((principal as Record<string, unknown> | undefined)?.['Service']);
    const actions = list(s['Action']).map(String);
    return s['Effect'] === 'Allow' && services.includes(service) && actions.some((a) => /^(sts:AssumeRole|sts:\*|\*)$/i.test(a));
  });
}
