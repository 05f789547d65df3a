/**
 * Pagination shared by simulators: NextToken/MaxResults (EC2, most JSON services) and
 * Marker/MaxItems (IAM, RDS, Route 53, CloudFront) are the same thing here. Items are
 * ordered by a stable key and a token remembers the last key returned, so a page
 * sequence survives items being created or deleted between pages, as AWS's does.
 */

export interface PageOptions {
  /** Page size asked for; undefined returns everything (or `defaultSize`). */
  readonly size: number | undefined;
  /** The token from the previous page. */
  readonly token: string | undefined;
  /** Allowed page sizes (EC2: usually 5..1000). */
  readonly min?: number;
  readonly max?: number;
  /** Page size when none is asked for; default: all items. */
  readonly defaultSize?: number;
  /** Throws the service's error for a bad size or token (it must not return). */
  readonly invalid: (what: 'size' | 'token', message: string) => never;
}

export interface Page<T> {
  readonly items: T[];
  /** undefined on the last page. */
  readonly nextToken: string | undefined;
}

function encode(afterKey: string): string {
  return Buffer.from(JSON.stringify({ v: 1, after: afterKey }), 'utf8').toString('base64url');
}

function decode(token: string): string | undefined {
  try {
    const data: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof data === 'object' && data !== null && (data as { v?: unknown }).v === 1) {
      const after = (data as { after?: unknown }).after;
      if (typeof after === 'string') return after;
    }
  } catch {
    // fall through
  }
  return undefined;
}

/** One page of `items` (already filtered), ordered by `key`. */
export function paginate<T>(items: readonly T[], key: (item: T) => string, o: PageOptions): Page<T> {
  const min = o.min ?? 1;
  const max = o.max ?? Number.MAX_SAFE_INTEGER;
  if (o.size !== undefined && (!Number.isInteger(o.size) || o.size < min || o.size > max)) {
    o.invalid('size', `Value ( ${o.size} ) for parameter maxResults is invalid. Parameter must be between ${min} and ${max}.`);
  }
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  let start = 0;
  if (o.token !== undefined && o.token !== '') {
    const after = decode(o.token);
    if (after === undefined) o.invalid('token', `Invalid pagination token: '${o.token}'`);
    start = sorted.findIndex((item) => key(item) > after);
    if (start < 0) start = sorted.length;
  }
  const size = o.size ?? o.defaultSize;
  if (size === undefined) return { items: sorted.slice(start), nextToken: undefined };
  const pageItems = sorted.slice(start, start + size);
  const more = start + size < sorted.length;
  const last = pageItems[pageItems.length - 1];
  return { items: pageItems, nextToken: more && last !== undefined ? encode(key(last)) : undefined };
}
