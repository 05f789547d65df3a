/**
 * lambda.function: Lambda cannot list functions by tag, so tag discovery hands observe
 * the stack's function ARNs (and a function the spec names is read by its name). The
 * code is packaged deterministically (package.ts) and compared by CodeSha256. A code
 * update and a configuration update never overlap: each waits for LastUpdateStatus
 * Successful. "The role defined for the function cannot be assumed by Lambda" (a new
 * IAM role not yet visible to Lambda) is retried with backoff.
 */
import {
  CreateFunctionCommand, DeleteFunctionCommand, DeleteFunctionConcurrencyCommand, GetFunctionCommand, GetFunctionConfigurationCommand, LambdaClient,
  PutFunctionConcurrencyCommand, TagResourceCommand, UntagResourceCommand, UpdateFunctionCodeCommand, UpdateFunctionConfigurationCommand,
  type Architecture, type FunctionConfiguration, type Runtime,
} from '@aws-sdk/client-lambda';
import { TAG, type AdapterContext, type DesiredOf, type DesiredProblem, type FieldChange, type ObservedNote, type ResourceAdapter } from '../../reconciler/types.ts';
import { goneIsFine, isNotFound } from '../aws-errors.ts';
import { lookups, readAll } from '../lookup.ts';
import { diffFields } from '../normalize/compare.ts';
import { diffTags,  syncTags } from '../normalize/tags.ts';
import { deleteLogGroup, ensureRetention, readRetention } from './log-group.ts';
import { buildPackage, lastPackage, type CodePackage } from './package.ts';
import { runtimeFindings } from './runtimes.ts';
import { functionProperties } from './schema.ts';

type Desired = DesiredOf<typeof functionProperties>;

export interface ObservedFunction {
  readonly functionName: string;
  readonly arn: string;
  readonly runtime: string;
  readonly handler: string;
  readonly role: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: number;
  readonly architectures: string[];
  readonly environment: Record<string, string>;
  /** Base64 SHA-256 of the deployed zip. */
  readonly codeSha256: string;
  readonly reservedConcurrentExecutions?: number;
  /** Days; null: the group keeps logs for ever; undefined: there is no log group. */
  readonly logRetentionInDays?: number | null;
  /** Pending, Active, Failed... and LastUpdateStatus InProgress, Successful, Failed. */
  readonly state: string;
  readonly lastUpdateStatus: string;
  readonly version: string;
  readonly tags: Record<string, string>;
}

const TIMEOUTS = { create: 10 * 60_000, update: 10 * 60_000, delete: 5 * 60_000, ready: 10 * 60_000 } as const;
/** How long a new role may take to become assumable by Lambda (IAM is eventually consistent). */
const ROLE_PROPAGATION_MS = 90_000;
const lambda = (ctx: AdapterContext) => ctx.clients.get(LambdaClient);
const nameOfArn = (arn: string) => arn.split(':')[6] ?? arn;

function fromConfig(c: FunctionConfiguration): Omit<ObservedFunction, 'tags' | 'reservedConcurrentExecutions' | 'logRetentionInDays'> {
  return {
    functionName: c.FunctionName!, arn: c.FunctionArn!, runtime: c.Runtime ?? '', handler: c.Handler ?? '', role: c.Role ?? '',
    description: c.Description ?? '', memorySize: c.MemorySize ?? 128, timeout: c.Timeout ?? 3, architectures: c.Architectures ?? ['x86_64'],
    environment: { ...(c.Environment?.Variables ?? {}) }, codeSha256: c.CodeSha256 ?? '', state: c.State ?? 'Active',
    lastUpdateStatus: c.LastUpdateStatus ?? 'Successful', version: c.Version ?? '$LATEST',
  };
}

async function read(ctx: AdapterContext, name: string): Promise<{ state: ObservedFunction; tags: Record<string, string> } | undefined> {
  // The log group by the name asked (a function name; from an ARN, its last part), at the same time.
  const [fn, retention] = await Promise.all([
    lambda(ctx).send(new GetFunctionCommand({ FunctionName: name })).catch((err: unknown) => (isNotFound(err) ? undefined : Promise.reject(err))),
    readRetention(ctx, name),
  ]);
  if (!fn) return undefined;
  const base = fromConfig(fn.Configuration!);
  const tags = { ...(fn.Tags ?? {}) };
  const reserved = fn.Concurrency?.ReservedConcurrentExecutions;
  return { state: { ...base, ...(reserved !== undefined && { reservedConcurrentExecutions: reserved }), ...(retention !== undefined && { logRetentionInDays: retention }), tags }, tags };
}

export class RoleNotAssumable extends Error {
  constructor(role: string) {
    super(`Lambda still cannot assume the role ${role} after ${ROLE_PROPAGATION_MS / 1000}s: check that it exists and trusts lambda.amazonaws.com`);
    this.name = 'RoleNotAssumable';
  }
}

/**
 * Runs a call Lambda refuses while IAM has not yet shown it the new role, until it is
 * accepted; past the propagation limit the role is wrong, not late: a plain error.
 */
async function withRole<T>(ctx: AdapterContext, role: string, call: () => Promise<T>): Promise<T> {
  let refused = false;
  try {
    return await ctx.waitFor(async () => {
      try {
        return await call();
      } catch (err) {
        const e = err as { name?: string; message?: string };
        if (e.name === 'InvalidParameterValueException' && /cannot be assumed/.test(e.message ?? '')) {
          refused = true;
          ctx.log.info({ code: e.name }, 'the role cannot be assumed by Lambda yet (IAM propagation); retrying');
          return undefined;
        }
        throw err;
      }
    }, { what: 'waiting for Lambda to accept the role', timeoutMs: ROLE_PROPAGATION_MS });
  } catch (err) {
    if (refused && (err as Error).name === 'TimeoutError') throw new RoleNotAssumable(role);
    throw err;
  }
}

/** Waits until the function is Active with no update in progress; a failed update is an error. */
async function untilSettled(ctx: AdapterContext, name: string, what: string, timeoutMs: number): Promise<void> {
  await ctx.waitFor(async () => {
    const c = await lambda(ctx).send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    if (c.State === 'Failed' || c.LastUpdateStatus === 'Failed') throw new Error(`function ${name} failed: ${c.StateReason ?? c.LastUpdateStatusReason ?? 'no reason given'}`);
    return c.State === 'Active' && (c.LastUpdateStatus ?? 'Successful') === 'Successful' ? true : undefined;
  }, { what, timeoutMs });
}

const pkgOf = (ctx: AdapterContext, d: Desired): Promise<CodePackage> => buildPackage(d.code.path, d.handler, d.runtime, ctx.specDir ?? process.cwd());

const configuration = (d: Desired) => ({
  Runtime: d.runtime as Runtime, Handler: d.handler, Role: d.role, Description: d.description, MemorySize: d.memorySize, Timeout: d.timeout,
  Environment: { Variables: { ...d.environment } },
});

const CONFIG_FIELDS = ['runtime', 'handler', 'role', 'description', 'memorySize', 'timeout', 'environment'] as const;

function diffFunction(desired: Desired, observed: ObservedFunction): FieldChange[] {
  const pkg = lastPackage(desired.code.path, desired.handler, desired.runtime);
  const retention = desired.logRetentionInDays !== undefined && desired.logRetentionInDays !== observed.logRetentionInDays
    ? [{ path: 'logRetentionInDays', from: observed.logRetentionInDays ?? undefined, to: desired.logRetentionInDays }] : [];
  return [
    ...diffFields(desired, observed, ['functionName', ...CONFIG_FIELDS, 'architectures', 'reservedConcurrentExecutions']),
    ...(pkg && pkg.sha256 !== observed.codeSha256 ? [{ path: 'code', from: observed.codeSha256, to: pkg.sha256 }] : []),
    ...retention,
    ...diffTags(desired.tags, observed.tags),
  ];
}

async function readBack(ctx: AdapterContext, name: string): Promise<ObservedFunction> {
  const now = await read(ctx, name);
  if (!now) throw new Error(`function ${name} vanished while blogctl was changing it`);
  return now.state;
}

export const functionAdapter: ResourceAdapter<'lambda.function', Desired, ObservedFunction> = {
  kind: 'lambda.function',
  replaceOn: ['functionName'],
  replaceOrder: 'create-before-delete',
  discovery: { service: 'lambda', resourceType: 'function' },
  timeouts: TIMEOUTS,

  async observe(requests, ctx) {
    // Package each function's code now (every plan: a changed source is seen), for diff.
    const failed = new Map<string, string>();
    await Promise.all(requests.map(async (r) => {
      if (r.desired) await pkgOf(ctx, r.desired).catch((err: unknown) => failed.set(r.id, (err as Error).message));
    }));
    const found = await readAll(ctx, lookups(requests, { desired: (d) => d.functionName, observed: (o) => o.functionName, arn: nameOfArn }), (l) => read(ctx, l.name));
    return found.map((o) => {
      // What it runs, whatever the spec says: a deprecated runtime is worth a word on every plan.
      const notes: ObservedNote[] = runtimeFindings(o.state.runtime, ctx.clock.now(), true, false).map((f) => ({ path: 'runtime', message: `it runs ${f.message.replace(' is deprecated', ', deprecated')}`, severity: 'warning' }));
      const why = failed.get(o.id);
      if (why) notes.push({ path: 'code.path', severity: 'warning', message: `${why}: its code is not compared with the deployed one` });
      return notes.length > 0 ? { ...o, notes } : o;
    });
  },

  diff: diffFunction,

  async preflight(requests, ctx) {
    const out: DesiredProblem[] = [];
    for (const r of requests) {
      const d = r.desired;
      if (!d) continue;
      try {
        // Built by observe this plan; built here only when that failed (to say why) or did not run.
        if (!lastPackage(d.code.path, d.handler, d.runtime)) await pkgOf(ctx, d);
      } catch (err) {
        out.push({ id: r.id, path: 'code.path', message: (err as Error).message });
      }
      // A function that keeps its runtime hears of its deprecation from observe's note.
      const keeps = r.last !== undefined && r.last.runtime === d.runtime;
      for (const f of runtimeFindings(d.runtime, ctx.clock.now(), r.last !== undefined, true))
        if (!(keeps && f.severity === 'warning')) out.push({ ...f, id: r.id });
    }
    return out;
  },

  async create(id, desired, ctx) {
    const pkg = await pkgOf(ctx, desired);
    const more = desired.reservedConcurrentExecutions !== undefined || desired.logRetentionInDays !== undefined;
    const identity = ctx.identityTags(id);
    const name = desired.functionName;
    await withRole(ctx, desired.role, () => lambda(ctx).send(new CreateFunctionCommand({
      FunctionName: name, ...configuration(desired), Architectures: desired.architectures as Architecture[], Code: { ZipFile: pkg.zip },
      Tags: { ...(desired.tags ?? {}), ...(more ? ctx.identityTags(id, 'creating') : identity) },
    })));
    await untilSettled(ctx, name, 'creating', TIMEOUTS.create);
    if (desired.reservedConcurrentExecutions !== undefined)
      await lambda(ctx).send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: desired.reservedConcurrentExecutions }));
    if (desired.logRetentionInDays !== undefined) await ensureRetention(ctx, name, desired.logRetentionInDays, await readRetention(ctx, name), identity);
    const made = await readBack(ctx, name);
    if (more) await lambda(ctx).send(new TagResourceCommand({ Resource: made.arn, Tags: { [TAG.spec]: identity[TAG.spec] ?? '' } }));
    return { ...made, tags: { ...made.tags, [TAG.spec]: identity[TAG.spec] ?? '' } };
  },

  async update(id, desired, observed, changes, ctx) {
    const at = (...paths: string[]) => changes.some((c) => paths.some((p) => c.path === p || c.path.startsWith(`${p}.`)));
    const name = observed.functionName;
    if (at('code', 'architectures')) {
      const pkg = await pkgOf(ctx, desired);
      await untilSettled(ctx, name, 'waiting for the last update', TIMEOUTS.update);
      await lambda(ctx).send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: pkg.zip, Architectures: desired.architectures as Architecture[] }));
    }
    if (at(...CONFIG_FIELDS)) {
      await untilSettled(ctx, name, 'updating code', TIMEOUTS.update);
      await withRole(ctx, desired.role, () => lambda(ctx).send(new UpdateFunctionConfigurationCommand({ FunctionName: name, ...configuration(desired) })));
    }
    const reserved = desired.reservedConcurrentExecutions;
    if (at('reservedConcurrentExecutions') && reserved === undefined) await lambda(ctx).send(new DeleteFunctionConcurrencyCommand({ FunctionName: name }));
    else if (at('reservedConcurrentExecutions')) await lambda(ctx).send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: reserved }));
    const identity = ctx.identityTags(id);
    if (at('logRetentionInDays')) await ensureRetention(ctx, name, desired.logRetentionInDays, observed.logRetentionInDays, identity);
    await syncTags(desired.tags, observed.tags, identity, {
      add: (set) => lambda(ctx).send(new TagResourceCommand({ Resource: observed.arn, Tags: set })),
      remove: (remove) => lambda(ctx).send(new UntagResourceCommand({ Resource: observed.arn, TagKeys: remove })),
    });
    await untilSettled(ctx, name, 'updating', TIMEOUTS.update);
    return readBack(ctx, name);
  },

  async delete(observed, ctx) {
    await goneIsFine(() => lambda(ctx).send(new DeleteFunctionCommand({ FunctionName: observed.functionName })));
    if (observed.logRetentionInDays !== undefined) await deleteLogGroup(ctx, observed.functionName);
    return 'deleted';
  },

  outputs: (o) => ({ id: o.functionName, name: o.functionName, arn: o.arn, version: o.version }),

  readiness: (o) =>
    o.state === 'Failed' || o.lastUpdateStatus === 'Failed' ? 'failed' : o.state === 'Active' && o.lastUpdateStatus !== 'InProgress' ? 'ready' : 'pending',
};
