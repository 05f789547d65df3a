/**
 * The CloudFront part of blog.spec.yaml (mediaOac and cdn), cut out of the real file,
 * with what other kinds would give it written in: the ALB's DNS name as a literal origin
 * and the certificate's ARN (made through the SDK in the sandbox's ACM, validated by its
 * CNAME in the sandbox's Route 53). And engines on a sandbox whose clock the test moves.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { ACMClient, DescribeCertificateCommand, RequestCertificateCommand } from '@aws-sdk/client-acm';
import { ChangeResourceRecordSetsCommand, ListHostedZonesByNameCommand, Route53Client } from '@aws-sdk/client-route-53';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { parseDocument } from 'yaml';
import { tagDiscovery } from '../../src/aws/discovery.ts';
import { adapterContext } from '../../src/reconciler/context.ts';
import { clientTokenFor, identityTagsFor } from '../../src/reconciler/desired.ts';
import type { Engine } from '../../src/reconciler/reconcile.ts';
import { RetryCounter } from '../../src/reconciler/retry.ts';
import { loadSpecFile } from '../../src/reconciler/spec/load.ts';
import type { Spec } from '../../src/reconciler/types.ts';
import { adapters, kindCatalog } from '../../src/resources/registry.ts';
import type { SandboxOptions } from '../../src/sandbox/sandbox.ts';
import { keepingLog } from '../resources/cloudfront/world.ts';
import { engineClock } from '../resources/contract.ts';
import { harness, type Harness } from '../sandbox/harness.ts';

export const CDN_IDS = ['mediaOac', 'cdn'] as const;
export const ALB_DNS = 'blog-alb-1234567890.us-east-1.elb.amazonaws.com';

const blogSpec = join(import.meta.dirname, '..', '..', 'blog.spec.yaml');

type Doc = ReturnType<typeof parseDocument>;

/** Writes the slice (with the certificate's ARN, optionally edited) to a temp file and returns its path. */
export function writeCdnSpec(certificateArn: string, edit: (doc: Doc) => void = () => undefined, dir = mkdtempSync(join(tmpdir(), 'blogctl-cdn-'))): string {
  const doc = parseDocument(readFileSync(blogSpec, 'utf8'));
  const resources = doc.get('resources') as { items: { key: { value: string } }[] };
  resources.items = resources.items.filter((pair) => (CDN_IDS as readonly string[]).includes(pair.key.value));
  doc.setIn(['resources', 'cdn', 'properties', 'origins', 0, 'domainName'], ALB_DNS);
  doc.setIn(['resources', 'cdn', 'properties', 'viewerCertificate', 'acmCertificateArn'], certificateArn);
  edit(doc);
  const file = join(dir, 'cdn.spec.yaml');
  writeFileSync(file, doc.toString());
  return file;
}

export const loadCdnSpec = (file: string): Spec => loadSpecFile(file, { catalog: kindCatalog, env: {} });

export interface CdnWorld {
  readonly h: Harness;
  readonly cf: CloudFrontClient;
  readonly certificateArn: string;
  readonly lines: ReturnType<typeof keepingLog>['lines'];
  engine(spec: Spec): Engine;
  /** CloudFront calls of these operations so far. */
  calls(...operations: string[]): number;
}

/**
 * A certificate for `domain` requested through the SDK, validated by its CNAME in the
 * account's example.com zone, the clock moved (in steps, whatever the profile) until ACM
 * says ISSUED.
 */
export async function issuedCertificate(h: Pick<Harness, 'clients' | 'clock'>, domain: string): Promise<string> {
  const acm = h.clients.get(ACMClient);
  const r53 = h.clients.get(Route53Client);
  const { CertificateArn } = await acm.send(new RequestCertificateCommand({ DomainName: domain, ValidationMethod: 'DNS' }));
  const describe = async () => (await acm.send(new DescribeCertificateCommand({ CertificateArn }))).Certificate!;
  const until = async <T>(check: () => Promise<T | undefined>): Promise<T> => {
    for (let i = 0; i < 100; i++, h.clock.advance(5_000)) {
      const v = await check();
      if (v !== undefined) return v;
    }
    throw new Error('the certificate was not issued');
  };
  const record = await until(async () => (await describe()).DomainValidationOptions?.[0]?.ResourceRecord);
  const zone = (await r53.send(new ListHostedZonesByNameCommand({ DNSName: 'example.com' }))).HostedZones![0]!.Id!;
  await r53.send(new ChangeResourceRecordSetsCommand({
    HostedZoneId: zone.replace('/hostedzone/', ''),
    ChangeBatch: { Changes: [{ Action: 'UPSERT', ResourceRecordSet: { Name: record.Name, Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: record.Value }] } }] },
  }));
  await until(async () => ((await describe()).Status === 'ISSUED' ? true : undefined));
  return CertificateArn!;
}

/** A sandbox account with an ISSUED certificate for www.example.com, and engines on it. */
export async function cdnWorld(options: Partial<SandboxOptions> & { maxAttempts?: number } = {}): Promise<CdnWorld> {
  const h = harness(options);
  const cf = h.clients.get(CloudFrontClient);
  const certificateArn = await issuedCertificate(h, 'www.example.com');
  const log = keepingLog();
  const retries = new RetryCounter();
  const engine = (spec: Spec): Engine => ({
    catalog: kindCatalog,
    adapters: (kind) => adapters[kind],
    retries,
    // As the CLI wires it: the stack's distributions come to observe as ARNs.
    discover: tagDiscovery(h.clients),
    accountId: async () => (await h.clients.get(STSClient).send(new GetCallerIdentityCommand({}))).Account ?? '',
    ctx: adapterContext({
      stack: spec.stack, region: spec.region, clients: h.clients, clock: engineClock(h.clock), log,
      identityTags: identityTagsFor(spec), clientToken: clientTokenFor(spec),
    }),
  });
  const calls = (...operations: string[]) => operations.reduce((n, op) => n + h.clients.counter.count('cloudfront', op), 0);
  return { h, cf, certificateArn, lines: log.lines, engine, calls };
}
