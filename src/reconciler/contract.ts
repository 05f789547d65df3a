/**
 * The adapter contract of ../shared/DESIGN.md: Crossplane's ExternalClient (a delete is
 * verified by the next observe), Terraform's RequiresReplace and per-resource timeouts,
 * external-dns's ownership for what AWS cannot tag. Adapters report facts; only the
 * engine decides. Adapters import this (through types.ts) and their SDK client only.
 */
import type { z } from 'zod';
import type { Kind, LogicalId, Resolved } from './types.ts';

/** A kind's properties as adapters get them: the zod schema's output, every reference resolved to a string. */
export type DesiredOf<S extends z.ZodType> = Resolved<z.output<S>>;

/** One field that differs between desired and observed. */
export interface FieldChange {
  /** Dotted property path, e.g. `ingress`, `tags.Name`, `healthCheck.path`. */
  readonly path: string;
  readonly from: unknown;
  readonly to: unknown;
  /**
   * The adapter's diff says a replacement forced by this change must delete the old
   * resource first (a unique name that moves to the new one), whatever the kind's default.
   */
  readonly deleteBeforeReplace?: boolean;
}

/**
 * A difference a diff did not report because the two values are equal after normalising
 * (AWS's own form of the same thing), and why: `blogctl drift --explain` lists them.
 */
export interface Suppressed {
  /** The path a change would have had (`ingress[tcp:443 0.0.0.0/0].protocol`, `tags.aws:cloudformation:stack-name`). */
  readonly path: string;
  readonly desired: unknown;
  readonly observed: unknown;
  /** Why they count as equal: "IPv6 CIDRs are compared in lower case". */
  readonly reason: string;
}

/** Where a diff may report what it suppressed; optional everywhere (plan passes none). */
export type ExplainSink = (s: Suppressed) => void;

/** The tags by which blogctl knows its resources without a state file. */
export const TAG = {
  stack: 'blogctl:stack',
  id: 'blogctl:id',
  /**
   * Hash of the desired spec last applied: tells "spec not applied" from "AWS changed".
   * CREATING while a create of several calls has not finished.
   */
  spec: 'blogctl:spec',
  /** Set from `protect: true`; blocks deletion even after the resource leaves the spec. */
  protect: 'blogctl:protect',
  /** The logical ids this resource referenced when it was last applied: the order of its delete. */
  deps: 'blogctl:deps',
} as const;

/** The blogctl:spec value of a resource whose create has not finished. */
export const CREATING = 'creating';

/** What observe found: one resource of the kind, by the logical id it carries. */
export interface Observation<Observed = unknown> {
  /** Its blogctl:id (or, for an adoption candidate found by name, the id it was asked for). */
  readonly id: LogicalId;
  readonly state: Observed;
  /**
   * Its identity: the tags AWS holds (user and blogctl:*); for kinds AWS cannot tag, the
   * blogctl:stack/id (and spec, where kept) read from its natural key or owner record.
   * Without blogctl:stack it is not ours (an adoption candidate, or another tool's).
   */
  readonly tags: Readonly<Record<string, string>>;
  /** What the plan should tell about it as AWS holds it (a change pending, a deprecated runtime in use). */
  readonly notes?: readonly ObservedNote[];
}

/** A resource the engine asks an adapter to find. */
export interface ObserveRequest<Desired = unknown, Observed = unknown> {
  readonly id: LogicalId;
  /**
   * The desired properties with every reference blogctl can resolve before observing
   * (params, aws builtins, parents already observed); others are KNOWN_AFTER_APPLY.
   * Absent for resources that left the spec (prune, confirming a delete).
   */
  readonly desired?: Desired;
  /** What an earlier observe saw: a resource whose delete or readiness is being confirmed. */
  readonly last?: Observed;
  /** Its ARN, found by the stack's tag discovery, for kinds that cannot filter by tag. */
  readonly arn?: string;
}

/**
 * What a preflight finds in a resource's desired properties that only AWS (or values known
 * once references resolve) can tell: an instance type the region does not offer, a cache
 * policy id no account has, an engine version RDS no longer offers, a retired Lambda
 * runtime, a bucket name another account holds. The engine places it at the spec's
 * position of `path` (or the nearest enclosing property written in the file).
 */
export interface DesiredProblem {
  readonly id: LogicalId;
  /** The property path, dotted as the spec nests it: `instanceType`, `cacheBehaviors.0.cachePolicyId`. */
  readonly path: string;
  readonly message: string;
  /** 'error' (the default): the run stops before anything is written. 'warning': shown with the plan, which goes on. */
  readonly severity?: 'error' | 'warning';
}

/**
 * What observe has to say about a resource as AWS holds it, for the plan's readers: a
 * change RDS keeps pending for the maintenance window, a deprecated runtime a function
 * runs, notifications of other tools on a bucket. Shown with the plan at `path`.
 */
export interface ObservedNote {
  /** The property it is about, dotted as the spec nests it ('' for the resource). */
  readonly path: string;
  readonly message: string;
  readonly severity: 'warning' | 'note';
}

/** The value of a reference whose target does not exist yet (plan time only). */
export const KNOWN_AFTER_APPLY = '(known after apply)';

/** How adapters get their AWS clients without the engine knowing the SDK. */
export interface ClientProvider {
  get<T extends object>(ctor: new (config: never) => T): T;
}

/** The engine's logger as adapters see it (pino's Logger satisfies it). */
export interface Log {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Log;
}

/** Time as the engine keeps it: virtual in tests, so waits never sleep there. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** In [0, 1): the jitter. */
  random(): number;
}

export interface WaitOptions {
  /** What is awaited, for messages: "creating", "destroying", "refreshing instances". */
  readonly what: string;
  readonly timeoutMs: number;
}

export interface AdapterContext {
  readonly stack: string;
  readonly region: string;
  /** The spec file's directory: relative paths in the spec (a Lambda function's code.path) start here. Default: the working directory. */
  readonly specDir?: string;
  readonly clients: ClientProvider;
  /**
   * In observe: the ARNs of the stack's resources of a type (`lambda:function`, `s3`) that
   * this run's tag discovery found, so an adapter need not ask again; undefined when the
   * run discovered nothing of that type (--target, or no kind of it declares `discovery`).
   */
  discovered?(resourceType: string): readonly string[] | undefined;
  readonly clock: Clock;
  /** A child logger per resource when the engine calls for one resource. */
  readonly log: Log;
  /**
   * Tags every managed resource carries: blogctl:stack, blogctl:id, blogctl:spec (+ protect,
   * deps). With `creating`, blogctl:spec is CREATING: a create of several calls tags with
   * these first and writes the final ones last, so a crash half-way reads "not applied yet".
   */
  identityTags(id: LogicalId, phase?: 'creating'): Readonly<Record<string, string>>;
  /**
   * An idempotency token (ClientToken, CallerReference, IdempotencyToken) derived from
   * stack + id + spec hash: a retried or crashed create finds its first attempt.
   */
  clientToken(id: LogicalId): string;
  /**
   * Polls `check` with backoff on the engine's clock until it returns a value, logging
   * "Still <what>... [1m20s elapsed]"; throws a timeout error naming `what` past the limit.
   */
  waitFor<T>(check: () => Promise<T | undefined>, opts: WaitOptions): Promise<T>;
}

export type Readiness = 'pending' | 'ready' | 'failed';

/** How long a kind's operations may take, waits included (Terraform's Timeouts), in ms. */
export interface KindTimeouts {
  readonly create?: number;
  readonly update?: number;
  readonly delete?: number;
  readonly ready?: number;
}

export type ReplaceOrder = 'create-before-delete' | 'delete-before-create';

/**
 * A delete's answer: gone now, or accepted by AWS and going (RDS, CloudFront, ALBs):
 * the engine then observes until it is absent before deleting what it depended on.
 */
export type DeleteResult = 'deleted' | 'deleting';

/**
 * The adapter contract. `Desired` is the kind's schema output with references
 * resolved (DesiredOf<typeof schema>), so `replaceOn` is checked against its fields.
 */
export interface ResourceAdapter<K extends Kind = Kind, Desired = any, Observed = any> {
  readonly kind: K;
  /** Fields whose change forces a replacement. */
  readonly replaceOn: readonly (keyof Desired & string)[];
  /** The default order of a replacement; a change may ask for delete-first (FieldChange.deleteBeforeReplace). */
  readonly replaceOrder: ReplaceOrder;
  /**
   * How the kind is identified: 'tags' (blogctl:* tags on the resource), or 'natural-key'
   * for kinds AWS cannot tag (records, permissions, notifications): their stack and id
   * live in the key (a statement id `blogctl-<stack>-<id>`, an owner record), so one
   * that is not ours is never overwritten without --adopt, and ours that left the spec
   * is pruned. Natural-key kinds are observed after the kinds they reference.
   */
  readonly identifiedBy?: 'tags' | 'natural-key';
  /**
   * For kinds that cannot list their resources by tag (buckets, functions, tables,
   * distributions): the service and resource type of their ARNs, so the engine finds
   * the stack's ones with one tag-discovery call and passes their ARNs in the requests.
   */
  readonly discovery?: { readonly service: string; readonly resourceType?: string };
  readonly timeouts?: KindTimeouts;
  /**
   * Read-only, batched: one call per kind where AWS allows. Returns the requested ids
   * found (by blogctl:id tag, or by natural key; adoption candidates without our
   * blogctl:stack), plus every other resource of the kind carrying this stack's tag,
   * each once, so prune finds them and two carrying one id are seen as duplicates.
   */
  observe(requests: readonly ObserveRequest<Desired, Observed>[], ctx: AdapterContext): Promise<readonly Observation<Observed>[]>;
  /**
   * Pure. [] means in sync. Leaves blogctl:* tags to the engine (identity is compared there).
   * `explain`, when given, hears of each difference suppressed by normalising (optional:
   * an adapter that never calls it is still correct; its normalisers pass it on).
   */
  diff(desired: Desired, observed: Observed, explain?: ExplainSink): readonly FieldChange[];
  /** Idempotent: tags at create (ctx.identityTags), client tokens where AWS takes them. */
  create(id: LogicalId, desired: Desired, ctx: AdapterContext): Promise<Observed>;
  /** Also (re)writes ctx.identityTags(id), so adoption and a new spec hash land here. */
  update(id: LogicalId, desired: Desired, observed: Observed, changes: readonly FieldChange[], ctx: AdapterContext): Promise<Observed>;
  /** Idempotent: deleting what is already gone succeeds. 'deleting' when AWS is still removing it. */
  delete(observed: Observed, ctx: AdapterContext): Promise<DeleteResult | void>;
  /** Values other resources may reference: id, arn, endpoint, dnsName, ... */
  outputs(observed: Observed): Readonly<Record<string, string>>;
  /** When it is usable by dependents that need it ready; absent means ready once it exists. */
  readonly readiness?: (observed: Observed) => Readiness;
  /**
   * Read-only checks at plan time, after observe, of the resources the plan would create,
   * update or replace (never for destroy, deletes or resources in sync), batched for the
   * kind: `desired` as the plan resolved it (skip values still KNOWN_AFTER_APPLY), `last`
   * what observe found (absent for a create). May read AWS, never writes. An error stops
   * the run before anything is written, at the property's file:line:col; a warning goes
   * with the plan.
   */
  preflight?(requests: readonly ObserveRequest<Desired, Observed>[], ctx: AdapterContext): Promise<readonly DesiredProblem[]>;
  /** Lookups: what it looks for, in words, for the plan when nothing matches (`no image named "x-*" owned by ...`). */
  describeLookup?(desired: Desired): string;
  /**
   * The outputs once `update` has made `changes`, where they are predictable (a launch
   * template's next version number), so references to them resolve at plan time and the
   * dependents' changes show in the plan. Absent: an update keeps the outputs.
   */
  outputsAfterUpdate?(desired: Desired, observed: Observed, changes: readonly FieldChange[]): Readonly<Record<string, string>>;
}
