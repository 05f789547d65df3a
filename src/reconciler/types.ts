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

export * from './contract.ts';
