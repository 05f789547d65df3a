/**
 * Resource ids and ARNs in AWS's formats, deterministic per sandbox.
 *
 * An id is a hash of the sandbox seed and a counter kept in the account state, so ids
 * never repeat within an account (even across processes sharing the state file) and a
 * fresh sandbox with the same seed hands out the same ids in the same order.
 * The hash helpers below are also the sandbox's seeded randomness (fault injection):
 * stateless, so concurrent calls do not disturb each other's draws.
 */
import { createHash } from 'node:crypto';

/** Hex digest of the parts (sha256, 64 hex chars). */
export function hashHex(...parts: readonly (string | number)[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

/** A number in [0, 1) determined by the parts. */
export function seededUnit(...parts: readonly (string | number)[]): number {
  const hex = hashHex(...parts);
  return Number.parseInt(hex.slice(0, 13), 16) / 2 ** 52;
}

/** A UUID-shaped string (version 4 layout) determined by the parts. */
export function seededUuid(...parts: readonly (string | number)[]): string {
  const h = hashHex(...parts);
  const variant = ((Number.parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The part of the account state the generator advances. */
export interface IdCounterHolder {
  seed: string;
  idCounter: number;
}

export interface IdFormat {
  /** Hex characters after `prefix-` (17 for today's EC2 ids, 8 for prefix lists). */
  readonly length?: number;
  /** Long EC2 ids start with 0 in practice (vpc-0abc...); default true when length is 17. */
  readonly leadingZero?: boolean;
}

export class IdGenerator {
  readonly #holder: IdCounterHolder;

  constructor(holder: IdCounterHolder) {
    this.#holder = holder;
  }

  #next(): string {
    const n = this.#holder.idCounter;
    this.#holder.idCounter = n + 1;
    return hashHex(this.#holder.seed, 'id', n);
  }

  /** `vpc-0` + 16 hex, `sg-0...`, `i-0...`, `rtbassoc-0...`: 17 hex characters by default. */
  next(prefix: string, format: IdFormat = {}): string {
    const length = format.length ?? 17;
    const leadingZero = format.leadingZero ?? length === 17;
    const hex = this.#next();
    return `${prefix}-${leadingZero ? `0${hex.slice(0, length - 1)}` : hex.slice(0, length)}`;
  }

  /** Bare hex of the given length (ETags, request ids, resource suffixes). */
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.#next();
    return out.slice(0, length);
  }

  /** A UUID-shaped id (ACM certificates, Lambda revision ids, ...). */
  uuid(): string {
    const n = this.#holder.idCounter;
    this.#holder.idCounter = n + 1;
    return seededUuid(this.#holder.seed, 'uuid', n);
  }

  /** Upper-case alphanumerics as in Route 53 (Z...), CloudFront (E...) ids. */
  upperAlnum(prefix: string, length: number): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const hex = this.hex(length * 2);
    let out = prefix;
    for (let i = 0; out.length < length; i += 2) {
      out += alphabet[Number.parseInt(hex.slice(i, i + 2), 16) % alphabet.length];
    }
    return out;
  }
}

/** The partition a region belongs to. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export interface ArnParts {
  readonly service: string;
  /** '' for global services (IAM, S3 buckets, CloudFront, Route 53). */
  readonly region: string;
  /** '' where AWS leaves it out (S3 buckets). */
  readonly account: string;
  readonly resource: string;
  readonly partition?: string;
}

/** `arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0...` */
export function formatArn(p: ArnParts): string {
  const partition = p.partition ?? partitionOf(p.region || 'us-east-1');
  return `arn:${partition}:${p.service}:${p.region}:${p.account}:${p.resource}`;
}
