/**
 * What the full-stack builder's parts share: sandbox-backed SDK clients (retries without
 * real backoff), the sandbox's ManualClock, the outputs of the resources made so far
 * (`vpc` -> vpc-..., `media.arn` -> arn:aws:s3:::...), the blogctl tags every resource
 * gets, and blog.spec.yaml's own values (user data, policy documents) with their
 * ${...} references filled in from those outputs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tag as Ec2Tag, ResourceType } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { parse } from 'yaml';
import { AwsClients } from '../../src/aws/clients.ts';
import { ManualClock, type Sandbox } from '../../src/sandbox/index.ts';

export const STACK = 'blog';
export const DOMAIN = 'example.com';
export const HOST = `www.${DOMAIN}`;

interface SpecFile {
  params: Record<string, { default: unknown }>;
  resources: Record<string, { properties: Record<string, unknown> }>;
}

const spec = parse(readFileSync(join(import.meta.dirname, '..', '..', 'blog.spec.yaml'), 'utf8')) as SpecFile;

export class Stack {
  readonly sandbox: Sandbox;
  readonly clock: ManualClock;
  readonly clients: AwsClients;
  readonly region: string;
  accountId = '';
  /** Logical ids of blog.spec.yaml made so far, in creation order. */
  readonly created: string[] = [];
  readonly #outputs = new Map<string, string>();

  constructor(sandbox: Sandbox) {
    if (!(sandbox.clock instanceof ManualClock)) throw new TypeError('buildFullStack needs a sandbox on a ManualClock (createSandbox({ clock: new ManualClock() }))');
    this.sandbox = sandbox;
    this.clock = sandbox.clock;
    this.region = sandbox.region;
    this.clients = new AwsClients({ sandbox, retryStrategy: new ConfiguredRetryStrategy(5, () => 1) });
  }

  async init(): Promise<void> {
    this.accountId = (await this.clients.get(STSClient).send(new GetCallerIdentityCommand({}))).Account!;
  }

  /** Records a resource of the spec: its main output and named ones (`arn`, `dnsName`...). */
  made(id: string, main: string, named: Record<string, string> = {}): string {
    this.created.push(id);
    return this.found(id, main, named);
  }

  /** Records what a lookup of the spec found (ubuntuAmi, zone): outputs only, nothing created. */
  found(id: string, main: string, named: Record<string, string> = {}): string {
    this.#outputs.set(id, main);
    for (const [k, v] of Object.entries(named)) this.#outputs.set(`${id}.${k}`, v);
    return main;
  }

  /** An output already known: `vpc`, `media.arn`. */
  out(ref: string): string {
    const v = this.#outputs.get(ref);
    if (v === undefined) throw new Error(`full stack: \${${ref}} is not known yet (build order)`);
    return v;
  }

  outputs(): Record<string, string> {
    return Object.fromEntries(this.#outputs);
  }

  /** blogctl's tags (plus the spec's Name) as most services take them. */
  tags(id: string, name?: string): { Key: string; Value: string }[] {
    return Object.entries(this.tagMap(id, name)).map(([Key, Value]) => ({ Key, Value }));
  }

  tagMap(id: string, name?: string): Record<string, string> {
    return { 'blogctl:stack': STACK, 'blogctl:id': id, ...(name !== undefined && { Name: name }) };
  }

  /** EC2's TagSpecifications for a new resource. */
  tagSpec(type: ResourceType, id: string, name?: string): { ResourceType: ResourceType; Tags: Ec2Tag[] }[] {
    return [{ ResourceType: type, Tags: this.tags(id, name) }];
  }

  /** A property of a resource of blog.spec.yaml with its references resolved. */
  specValue(id: string, property: string): unknown {
    const props = spec.resources[id]?.properties;
    if (props === undefined || !(property in props)) throw new Error(`blog.spec.yaml has no ${id}.${property}`);
    return this.#render(props[property]);
  }

  /** A policy document of the spec, as the JSON text IAM and S3 take. */
  policy(id: string, property: string): string {
    const doc = this.specValue(id, property) as Record<string, unknown>;
    return JSON.stringify({ Version: '2012-10-17', ...doc });
  }

  #resolve(ref: string): string {
    if (ref.startsWith('param.')) return String(spec.params[ref.slice(6)]?.default ?? '');
    if (ref === 'aws.region') return this.region;
    if (ref === 'aws.accountId') return this.accountId;
    if (ref === 'aws.partition') return 'aws';
    return this.out(ref);
  }

  #render(value: unknown): unknown {
    if (typeof value === 'string') {
      return value.replace(/\$(\$?)\{([^}]+)\}/g, (_, escaped: string, ref: string) => (escaped ? `\${${ref}}` : this.#resolve(ref)));
    }
    if (Array.isArray(value)) return value.map((v) => this.#render(v));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.#render(v)]));
    }
    return value;
  }

  /** Advances the clock by `stepMs` until `probe` answers something; fails after `maxSteps`. */
  async until<T>(what: string, probe: () => Promise<T | undefined>, stepMs = 1_000, maxSteps = 1_000): Promise<T> {
    for (let i = 0; i <= maxSteps; i++) {
      const v = await probe();
      if (v !== undefined) return v;
      this.clock.advance(stepMs);
    }
    throw new Error(`full stack: ${what} did not happen within ${(stepMs * maxSteps) / 1000} simulated seconds`);
  }
}

/** Base64 user data, as RunInstances and launch templates take it. */
export function userData(text: string): string {
  return Buffer.from(text).toString('base64');
}
