/**
 * The load balancer, certificate and DNS part of blog.spec.yaml on an in-memory sandbox,
 * through planStack/applyStack on a manual clock (waits are virtual). The app tier and
 * CloudFront are not there: the PRIMARY failover record aliases the ALB instead of the
 * distribution, the SECONDARY is a plain A record instead of the failover bucket's
 * website, and the network is the network kinds' own part of the spec.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { parseDocument } from 'yaml';
import type { Outcome } from '../../src/reconciler/apply.ts';
import { tagDiscovery } from '../../src/aws/discovery.ts';
import { adapterContext, silentLog } from '../../src/reconciler/context.ts';
import { clientTokenFor, identityTagsFor } from '../../src/reconciler/desired.ts';
import { applyExitCode, applyStack, planExitCode, planStack, type Engine, type RunOptions } from '../../src/reconciler/reconcile.ts';
import { RetryCounter } from '../../src/reconciler/retry.ts';
import { loadSpec } from '../../src/reconciler/spec/load.ts';
import type { Log, Spec } from '../../src/reconciler/types.ts';
import { adapters, kindCatalog } from '../../src/resources/registry.ts';
import { engineClock } from '../resources/contract.ts';
import { harness, type Harness } from '../sandbox/harness.ts';

export const DNSCERT_IDS = [
  'vpc', 'publicSubnetA', 'publicSubnetB', 'igw', 'publicRouteTable', 'albSg',
  'alb', 'appTargetGroup', 'httpsListener', 'httpListener', 'zone', 'cert', 'certValidationRecord', 'healthCheck', 'primaryRecord', 'secondaryRecord',
] as const;

const blogSpec = readFileSync(join(import.meta.dirname, '..', '..', 'blog.spec.yaml'), 'utf8');

type Doc = ReturnType<typeof parseDocument>;

/** The slice's text, optionally edited (remove resources, change properties). */
export function sliceText(edit: (doc: Doc) => void = () => undefined): string {
  const doc = parseDocument(blogSpec);
  const resources = doc.get('resources') as { items: { key: { value: string } }[] };
  resources.items = resources.items.filter((pair) => (DNSCERT_IDS as readonly string[]).includes(pair.key.value));
  doc.setIn(['resources', 'primaryRecord', 'properties', 'aliasTarget'], doc.createNode({
    dnsName: '${alb.dnsName}', hostedZoneId: '${alb.canonicalHostedZoneId}', evaluateTargetHealth: false,
  }));
  doc.deleteIn(['resources', 'secondaryRecord', 'properties', 'aliasTarget']);
  doc.setIn(['resources', 'secondaryRecord', 'properties', 'ttl'], 60);
  doc.setIn(['resources', 'secondaryRecord', 'properties', 'records'], doc.createNode(['192.0.2.10']));
  edit(doc);
  return doc.toString();
}

export const sliceSpec = (edit?: (doc: Doc) => void): Spec => loadSpec(sliceText(edit), 'dnscert.spec.yaml', { catalog: kindCatalog, env: {} });

export interface World {
  readonly h: Harness;
  engine(spec: Spec): Engine;
  plan(spec: Spec, o?: Partial<RunOptions>): Promise<Awaited<ReturnType<typeof planStack>> & { exit: number }>;
  reconcile(spec: Spec, o?: Partial<RunOptions>): Promise<{ outcomes: Outcome[]; exit: number; by(id: string): Outcome | undefined }>;
}

export function dnscertWorld(o: { log?: Log; discovery?: boolean; sandbox?: Parameters<typeof harness>[0] } = {}): World {
  const h = harness(o.sandbox);
  const clock = engineClock(h.clock);
  const retries = new RetryCounter();
  const engine = (spec: Spec): Engine => ({
    catalog: kindCatalog,
    adapters: (k) => adapters[k],
    retries,
    ...(o.discovery !== false && { discover: tagDiscovery(h.clients) }),
    accountId: async () => (await h.clients.get(STSClient).send(new GetCallerIdentityCommand({}))).Account ?? '',
    ctx: adapterContext({
      stack: spec.stack, region: spec.region, clients: h.clients, clock, log: o.log ?? silentLog,
      identityTags: identityTagsFor(spec), clientToken: clientTokenFor(spec),
    }),
  });
  const options = (r: Partial<RunOptions> = {}): RunOptions => ({ allowDelete: false, allowReplace: false, adopt: false, destroy: false, ...r });
  return {
    h,
    engine,
    async plan(spec, r) {
      const planned = await planStack(spec, engine(spec), options(r));
      return { ...planned, exit: planExitCode(planned.plan) };
    },
    async reconcile(spec, r) {
      const e = engine(spec);
      const planned = await planStack(spec, e, options(r));
      const outcomes = await applyStack(spec, e, planned);
      return { outcomes, exit: applyExitCode(planned.plan, outcomes), by: (id) => outcomes.find((x) => x.id === id) };
    },
  };
}
