/**
 * Health checks of endpoints (HTTP, HTTPS, *_STR_MATCH, TCP): CreateHealthCheck (the same
 * CallerReference and settings return the same check; other settings, or the reference of
 * a deleted check, are HealthCheckAlreadyExists), Get, Update (HealthCheckVersion must
 * match; ResetElements), Delete, List with Marker/MaxItems. As AWS documents today,
 * deleting a check that records still use is allowed (those records keep its id).
 */
import type {
  CreateHealthCheckCommandInput,
  CreateHealthCheckCommandOutput,
  DeleteHealthCheckCommandInput,
  DeleteHealthCheckCommandOutput,
  GetHealthCheckCommandInput,
  GetHealthCheckCommandOutput,
  HealthCheck,
  HealthCheckConfig,
  ListHealthChecksCommandInput,
  ListHealthChecksCommandOutput,
  UpdateHealthCheckCommandInput,
  UpdateHealthCheckCommandOutput,
} from '@aws-sdk/client-route-53';
import type { OperationTable } from '../service.ts';
import { noSuchHealthCheck, type R53Ctx, r53Fail, requireInput } from './errors.ts';
import { canonicalJson, type HealthCheckRec, jsonClean, type Route53State } from './state.ts';
import { maxItems } from './listing.ts';
import { API_ROOT } from './zones.ts';

type Out<T> = Omit<T, '$metadata'>;

const ENDPOINT_TYPES = ['HTTP', 'HTTPS', 'HTTP_STR_MATCH', 'HTTPS_STR_MATCH', 'TCP'];
const REGIONS = ['us-east-1', 'us-west-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'sa-east-1'];
const MAX_PER_PAGE = 1000;
const DEFAULT_PER_PAGE = 100;

/** The config as Route 53 keeps it: validated, with its defaults (port, interval, threshold, SNI) filled in. */
function validConfig(ctx: R53Ctx, c: HealthCheckConfig): HealthCheckConfig {
  const bad = (message: string): never => r53Fail(ctx, 'InvalidInput', `Invalid request: ${message}`);
  const type = requireInput(ctx, c.Type, 'HealthCheckConfig.Type');
  if (!ENDPOINT_TYPES.includes(type)) bad(`the blogctl sandbox simulates endpoint health checks (${ENDPOINT_TYPES.join(', ')}), not ${type}`);
  if (c.FullyQualifiedDomainName === undefined && c.IPAddress === undefined) bad('a health check of an endpoint needs FullyQualifiedDomainName or IPAddress');
  if (type.endsWith('_STR_MATCH') !== (c.SearchString !== undefined)) bad(`SearchString is required for and only allowed with HTTP_STR_MATCH and HTTPS_STR_MATCH, not ${type}`);
  if (type === 'TCP' && c.Port === undefined) bad('a TCP health check needs a Port');
  if (type === 'TCP' && c.ResourcePath !== undefined) bad('a TCP health check has no ResourcePath');
  if (c.RequestInterval !== undefined && c.RequestInterval !== 10 && c.RequestInterval !== 30) bad(`RequestInterval must be 10 or 30, not ${c.RequestInterval}`);
  if (c.FailureThreshold !== undefined && (!Number.isInteger(c.FailureThreshold) || c.FailureThreshold < 1 || c.FailureThreshold > 10)) bad(`FailureThreshold must be between 1 and 10, not ${c.FailureThreshold}`);
  if (c.Port !== undefined && (!Number.isInteger(c.Port) || c.Port < 1 || c.Port > 65535)) bad(`Port must be between 1 and 65535, not ${c.Port}`);
  if (c.ResourcePath !== undefined && c.ResourcePath.length > 255) bad('ResourcePath is at most 255 characters');
  if (c.Regions !== undefined && (c.Regions.length < 3 || c.Regions.some((r) => !REGIONS.includes(r)))) bad('Regions lists at least 3 health checker regions');
  if (c.EnableSNI === true && !type.startsWith('HTTPS')) bad('EnableSNI is only for HTTPS health checks');
  return jsonClean({
    ...c,
    Port: c.Port ?? (type.startsWith('HTTPS') ? 443 : 80),
    RequestInterval: c.RequestInterval ?? 30,
    FailureThreshold: c.FailureThreshold ?? 3,
    MeasureLatency: c.MeasureLatency ?? false,
    Inverted: c.Inverted ?? false,
    Disabled: c.Disabled ?? false,
    EnableSNI: c.EnableSNI ?? type === 'HTTPS',
  });
}

function find(ctx: R53Ctx, id: string | undefined): HealthCheckRec {
  const key = requireInput(ctx, id, 'HealthCheckId');
  return ctx.state.healthChecks[key] ?? noSuchHealthCheck(ctx, key);
}

function render(h: HealthCheckRec): HealthCheck {
  return { Id: h.id, CallerReference: h.callerReference, HealthCheckConfig: jsonClean(h.config), HealthCheckVersion: h.version };
}

const RESETTABLE = ['FullyQualifiedDomainName', 'Regions', 'ResourcePath', 'ChildHealthChecks'] as const;
const UPDATABLE = ['IPAddress', 'Port', 'ResourcePath', 'FullyQualifiedDomainName', 'SearchString', 'FailureThreshold', 'Inverted', 'Disabled', 'EnableSNI', 'Regions'] as const;

export const healthCheckOperations = {
  CreateHealthCheck(input: CreateHealthCheckCommandInput, ctx: R53Ctx): Out<CreateHealthCheckCommandOutput> {
    const callerReference = requireInput(ctx, input.CallerReference, 'CallerReference');
    const config = validConfig(ctx, requireInput(ctx, input.HealthCheckConfig, 'HealthCheckConfig'));
    const fingerprint = canonicalJson(config);
    const usedBy = ctx.state.healthCheckCallerReferences[callerReference];
    if (usedBy !== undefined) {
      const existing = ctx.state.healthChecks[usedBy];
      if (existing === undefined || existing.createdFrom !== fingerprint) {
        r53Fail(ctx, 'HealthCheckAlreadyExists', `A health check with the caller reference ${callerReference} already exists or existed, with other settings.`);
      }
      return { HealthCheck: render(existing), Location: `${API_ROOT}/healthcheck/${existing.id}` };
    }
    const id = ctx.ids.uuid();
    const check: HealthCheckRec = { id, callerReference, config, version: 1, createdFrom: fingerprint, createdAt: ctx.now };
    ctx.state.healthChecks[id] = check;
    ctx.state.healthCheckCallerReferences[callerReference] = id;
    return { HealthCheck: render(check), Location: `${API_ROOT}/healthcheck/${id}` };
  },

  GetHealthCheck(input: GetHealthCheckCommandInput, ctx: R53Ctx): Out<GetHealthCheckCommandOutput> {
    return { HealthCheck: render(find(ctx, input.HealthCheckId)) };
  },

  UpdateHealthCheck(input: UpdateHealthCheckCommandInput, ctx: R53Ctx): Out<UpdateHealthCheckCommandOutput> {
    const check = find(ctx, input.HealthCheckId);
    if (input.HealthCheckVersion !== undefined && input.HealthCheckVersion !== check.version) {
      r53Fail(ctx, 'HealthCheckVersionMismatch', `The value of HealthCheckVersion in the request (${input.HealthCheckVersion}) doesn't match the health check's (${check.version}).`);
    }
    const next: Record<string, unknown> = { ...check.config };
    for (const element of input.ResetElements ?? []) {
      if (!RESETTABLE.includes(element)) r53Fail(ctx, 'InvalidInput', `Invalid request: ${String(element)} cannot be reset`);
      delete next[element];
    }
    for (const member of UPDATABLE) if (input[member] !== undefined) next[member] = input[member];
    check.config = validConfig(ctx, next as unknown as HealthCheckConfig);
    check.version += 1;
    return { HealthCheck: render(check) };
  },

  DeleteHealthCheck(input: DeleteHealthCheckCommandInput, ctx: R53Ctx): Out<DeleteHealthCheckCommandOutput> {
    const check = find(ctx, input.HealthCheckId);
    delete ctx.state.healthChecks[check.id];
    delete ctx.state.tags.healthcheck[check.id];
    return {};
  },

  ListHealthChecks(input: ListHealthChecksCommandInput, ctx: R53Ctx): Out<ListHealthChecksCommandOutput> {
    const max = input.MaxItems === undefined ? DEFAULT_PER_PAGE : maxItems(ctx, input.MaxItems, MAX_PER_PAGE);
    const checks = Object.values(ctx.state.healthChecks)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .filter((h) => input.Marker === undefined || h.id >= input.Marker);
    const next = checks[max];
    return {
      HealthChecks: checks.slice(0, max).map(render),
      Marker: input.Marker ?? '',
      IsTruncated: next !== undefined,
      ...(next !== undefined && { NextMarker: next.id }),
      MaxItems: max,
    };
  },
} satisfies OperationTable<Route53State>;
