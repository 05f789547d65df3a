/**
 * The real engine, kinds and adapters on a sandbox with a manual clock, for adapter tests
 * that need a plan or an apply (replacement order, ignoreChanges, what reaches a plan):
 * a spec from a YAML fragment, plan and reconcile helpers, and a logger that keeps lines.
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Outcome } from '../../src/reconciler/apply.ts';
import { adapterContext } from '../../src/reconciler/context.ts';
import { clientTokenFor, identityTagsFor } from '../../src/reconciler/desired.ts';
import { applyExitCode, applyStack, planExitCode, planStack, type Engine, type RunOptions } from '../../src/reconciler/reconcile.ts';
import { loadSpec } from '../../src/reconciler/spec/load.ts';
import type { Log, Spec } from '../../src/reconciler/types.ts';
import { adapters, kindCatalog } from '../../src/resources/registry.ts';
import type { Harness } from '../sandbox/harness.ts';
import { waitFor } from '../../src/reconciler/wait.ts';
import type { AdapterContext } from '../../src/reconciler/types.ts';
import { engineClock } from './contract.ts';

/** A logger that keeps every line as `<resource>: <message>`. */
export function captureLog(lines: string[] = [], prefix = ''): Log & { readonly lines: string[] } {
  const put = (_o: object, msg?: string) => void lines.push(`${prefix}${msg ?? ''}`);
  return { lines, debug: () => undefined, info: put, warn: put, error: put, child: (b) => captureLog(lines, b.resource ? `${String(b.resource)}: ` : prefix) };
}

/** The same adapter context, logging (waits included) to `log`. */
export const withLog = <C extends AdapterContext>(ctx: C, log: Log): C => ({ ...ctx, log, waitFor: (check, opts) => waitFor(check, opts, ctx.clock, log) });

export const specOf = (resources: string, stack = 'blog'): Spec =>
  loadSpec(`apiVersion: blogctl/v1\nstack: ${stack}\nregion: us-east-1\nresources:\n${resources}`, 't.yaml', { catalog: kindCatalog, env: {} });

const defaults: RunOptions = { allowDelete: false, allowReplace: false, adopt: false, destroy: false };

export function sandboxEngine(h: Harness, log: Log = captureLog()) {
  const engine = (spec: Spec): Engine => ({
    catalog: kindCatalog,
    adapters: (k) => adapters[k],
    accountId: async () => (await h.clients.get(STSClient).send(new GetCallerIdentityCommand({}))).Account!,
    ctx: adapterContext({
      stack: spec.stack, region: spec.region, clients: h.clients, clock: engineClock(h.clock), log,
      identityTags: identityTagsFor(spec), clientToken: clientTokenFor(spec),
    }),
  });
  const plan = async (spec: Spec, o: Partial<RunOptions> = {}) => {
    const planned = await planStack(spec, engine(spec), { ...defaults, ...o });
    return { ...planned, action: (id: string) => planned.plan.actions.find((a) => a.id === id)!, exit: planExitCode(planned.plan) };
  };
  const reconcile = async (spec: Spec, o: Partial<RunOptions> = {}) => {
    const e = engine(spec);
    const planned = await planStack(spec, e, { ...defaults, ...o });
    const outcomes = await applyStack(spec, e, planned);
    return { planned, outcomes, by: (id: string) => outcomes.find((x) => x.id === id) as Outcome, exit: applyExitCode(planned.plan, outcomes) };
  };
  return { engine, plan, reconcile };
}
