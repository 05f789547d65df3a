/**
 * The engine's vocabulary: kinds, references, the loaded spec, and the adapter contract.
 * Adapters (src/resources/) import this file and their SDK client only; the engine
 * never imports an adapter or the AWS SDK.
 */
import type { z } from 'zod';

/** Every kind blogctl knows, `service.kebab-name`. The registry satisfies Record<Kind, ...>. */
export const KINDS = [
  'ec2.vpc',
  'ec2.subnet',
  'ec2.internet-gateway',
  'ec2.route-table',
  'ec2.vpc-endpoint',
  'ec2.security-group',
  'ec2.instance',
  'ec2.ami',
  'ec2.launch-template',
  'iam.role',
  'iam.instance-profile',
  'autoscaling.group',
  'autoscaling.policy',
  'elbv2.load-balancer',
  'elbv2.target-group',
  'elbv2.listener',
  'acm.certificate',
  'rds.db-subnet-group',
  'rds.db-instance',
  's3.bucket',
  's3.bucket-notification',
  'cloudfront.origin-access-control',
  'cloudfront.distribution',
  'route53.hosted-zone',
  'route53.health-check',
  'route53.record',
  'dynamodb.table',
  'lambda.function',
  'lambda.permission',
] as const;
export type Kind = (typeof KINDS)[number];

/** A resource's key in blog.spec.yaml, e.g. `vpc`, `publicSubnetA`. */
export type LogicalId = string;

/** Where a value came from: 1-based line and column. */
export interface SourcePos {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** `${id}` or `${id.attr}`: a value another resource outputs, known after it exists (or is ready). */
export class Ref {
  constructor(
    readonly target: LogicalId,
    /** undefined means the kind's default output (its id). */
    readonly attr: string | undefined,
    readonly pos: SourcePos,
  ) {}
  toString(): string {
    return this.attr === undefined ? `\${${this.target}}` : `\${${this.target}.${this.attr}}`;
  }
}

/** A string with references inside it, e.g. user data: `DB_HOST=${db.endpoint}`. */
export class Template {
  constructor(
    readonly parts: readonly (string | Ref)[],
    readonly pos: SourcePos,
  ) {}
  get refs(): Ref[] {
    return this.parts.filter((p): p is Ref => p instanceof Ref);
  }
  toString(): string {
    return this.parts.map((p) => (typeof p === 'string' ? p.replaceAll('${', '$${') : p.toString())).join('');
  }
}

/** The spec's values with every reference replaced by the string it resolved to. */
export type Resolved<T> = T extends Ref | Template
  ? string
  : T extends readonly (infer E)[]
    ? Resolved<E>[]
    : T extends object
      ? { [P in keyof T]: Resolved<T[P]> }
      : T;

/** When an output is known: as soon as the resource exists, or only once it is ready. */
export type OutputAvailability = 'exists' | 'ready';

/** A finding about the spec, anchored to a place in a file. */
export interface SpecProblem {
  readonly pos: SourcePos;
  readonly message: string;
}

/** One resource of the loaded spec; `properties` is validated and still holds Ref/Template values. */
export interface SpecResource {
  readonly id: LogicalId;
  readonly kind: Kind;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly protect: boolean;
  readonly dependsOn: readonly LogicalId[];
  readonly ignoreChanges: readonly string[];
  readonly pos: SourcePos;
  /** Position of each path inside the resource ('properties.a.0.b', 'dependsOn.1'). */
  readonly positions: ReadonlyMap<string, SourcePos>;
}

export type ParamValue = string | number | boolean;

export interface Spec {
  readonly file: string;
  readonly stack: string;
  readonly region: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** In file order. */
  readonly resources: readonly SpecResource[];
}

/** What a kind-level check may look at: other resources, by id or by kind. */
export interface CheckContext {
  /** The spec's region (params substituted). */
  readonly region: string;
  resource(id: LogicalId): SpecResource | undefined;
  ofKind(kind: Kind): readonly SpecResource[];
  /** The position of a property path of a resource, falling back to the resource. */
  posOf(resource: SpecResource, path: string): SourcePos;
}

/** The static part of a kind: its schema and the outputs others may reference. */
export interface KindSchema<K extends Kind = Kind, S extends z.ZodType = z.ZodType> {
  readonly kind: K;
  readonly description: string;
  /** Validates `properties`; string fields that accept references take Ref/Template. */
  readonly schema: S;
  /** Output name -> when it is known. `${id}` alone means `defaultOutput`. */
  readonly outputs: Readonly<Record<string, OutputAvailability>>;
  readonly defaultOutput: string;
  /** A lookup (AMI, existing hosted zone) is observed, never created, updated or deleted. */
  readonly lookup?: boolean;
  /** Checks across resources (subnet inside its VPC's CIDR, ...). */
  readonly check?: (self: SpecResource, ctx: CheckContext) => SpecProblem[];
}

export type KindCatalog = Readonly<Record<Kind, KindSchema>>;

/** One field that differs between desired and observed. */
export interface FieldChange {
  /** Dotted property path, e.g. `ingress`, `tags.Name`, `healthCheck.path`. */
  readonly path: string;
  readonly from: unknown;
  readonly to: unknown;
}

/** The tags by which blogctl knows its resources without a state file. */
export const TAG = {
  stack: 'blogctl:stack',
  id: 'blogctl:id',
  /** Hash of the desired spec last applied: tells "spec not applied" from "AWS changed". */
  spec: 'blogctl:spec',
  /** Set from `protect: true`; blocks deletion even after the resource leaves the spec. */
  protect: 'blogctl:protect',
} as const;

/** What observe found for one logical id. */
export interface Observation<Observed> {
  readonly state: Observed;
  /**
   * The tags AWS holds (user and blogctl:*), or undefined for kinds AWS cannot tag
   * (routes, records, permissions, notifications), which are known by parent + natural key.
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A resource the engine asks an adapter to find. */
export interface ObserveRequest<Desired = unknown> {
  readonly id: LogicalId;
  /**
   * The desired properties with every reference blogctl can resolve before observing
   * (params, aws builtins); other references are KNOWN_AFTER_APPLY. Adapters use the
   * natural key (a group name, a bucket name) to find untagged resources to adopt, or to
   * identify kinds that cannot carry tags.
   */
  readonly desired: Desired;
}

/** The value of a reference whose target does not exist yet (plan time only). */
export const KNOWN_AFTER_APPLY = '(known after apply)';

/** How adapters get their AWS clients without the engine knowing the SDK. */
export interface ClientProvider {
  get<T extends object>(ctor: new (config: never) => T): T;
}

export interface AdapterContext {
  readonly stack: string;
  readonly region: string;
  readonly clients: ClientProvider;
  /** Tags every managed resource carries: blogctl:stack, blogctl:id, blogctl:spec (+ protect). */
  identityTags(id: LogicalId): Readonly<Record<string, string>>;
  /**
   * An idempotency token (ClientToken, CallerReference, IdempotencyToken) derived from
   * stack + id + spec hash: a retried or crashed create finds its first attempt.
   */
  clientToken(id: LogicalId): string;
}

export type Readiness = 'pending' | 'ready' | 'failed';

/**
 * The adapter contract of ../shared/DESIGN.md: Crossplane's ExternalClient plus
 * Terraform's RequiresReplace. Adapters report facts; only the engine decides.
 */
export interface ResourceAdapter<K extends Kind = Kind, Desired = any, Observed = any> {
  readonly kind: K;
  /** Fields whose change forces a replacement. */
  readonly replaceOn: readonly string[];
  readonly replaceOrder: 'create-before-delete' | 'delete-before-create';
  /**
   * True for kinds found by parent + natural key (they cannot carry tags): the engine
   * observes them after the kinds they reference, so `desired` holds real parent ids.
   */
  readonly observeAfterParents?: boolean;
  /**
   * Read-only, batched: one call per kind where AWS allows. Returns the requested ids
   * found (by blogctl:id tag, or by natural key for untaggable kinds and for adoption
   * candidates, whose tags then lack blogctl:stack), plus every other resource of the
   * kind carrying this stack's tag (keyed by its blogctl:id), so prune can find them.
   */
  observe(requests: readonly ObserveRequest<Desired>[], ctx: AdapterContext): Promise<ReadonlyMap<LogicalId, Observation<Observed>>>;
  /** Pure. [] means in sync. Ignores blogctl:* tags (the engine handles identity). */
  diff(desired: Desired, observed: Observed): readonly FieldChange[];
  /** Idempotent: tags at create (ctx.identityTags), client tokens where AWS takes them. */
  create(id: LogicalId, desired: Desired, ctx: AdapterContext): Promise<Observed>;
  /** Also (re)writes ctx.identityTags(id), so adoption and a new spec hash land here. */
  update(id: LogicalId, desired: Desired, observed: Observed, changes: readonly FieldChange[], ctx: AdapterContext): Promise<Observed>;
  /** Idempotent: deleting what is already gone succeeds. */
  delete(observed: Observed, ctx: AdapterContext): Promise<void>;
  /** Values other resources may reference: id, arn, endpoint, dnsName, ... */
  outputs(observed: Observed): Readonly<Record<string, string>>;
  /** When it is usable by dependents that need it ready; absent means ready once it exists. */
  readonly readiness?: (observed: Observed) => Readiness;
}
