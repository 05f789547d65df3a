/**
 * DNS names as Route 53 handles them: stored lower case with a trailing dot, returned
 * with characters other than a-z 0-9 - _ as octal escapes ('*' -> '\052'), validated
 * label by label, and ordered as ListResourceRecordSets and ListHostedZonesByName order
 * them: by labels read right to left (com.example.www), then type, then set identifier.
 */
import { canonicalName } from './state.ts';

export { canonicalName };

/** A problem with a name, in Route 53's words, or undefined when it is valid. */
export function nameProblem(canonical: string): string | undefined {
  if (canonical.length > 255) return `DomainNameTooLong (Domain name is too long) encountered with '${canonical}'`;
  if (canonical === '.') return undefined;
  const labels = canonical.slice(0, -1).split('.');
  if (labels.some((l) => l.length === 0)) return `DomainLabelEmpty (Domain label is empty) encountered with '${canonical}'`;
  if (labels.some((l) => l.length > 63)) return `DomainLabelTooLong (Domain label is too long) encountered with '${canonical}'`;
  return undefined;
}

/** The name as Route 53 returns it: octal escapes for anything but a-z 0-9 - _ and the dots. */
export function escapeName(canonical: string): string {
  let out = '';
  for (const c of canonical) {
    out += /[a-z0-9\-_.]/.test(c) ? c : `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`;
  }
  return out;
}

/** Is `name` the zone's apex or inside it? (both canonical) */
export function inZone(name: string, zoneName: string): boolean {
  return name === zoneName || name.endsWith(`.${zoneName}`);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders canonical names by their labels right to left: example.com. < a.example.com. < b.example.com. */
export function compareNames(a: string, b: string): number {
  const la = a.slice(0, -1).split('.').reverse();
  const lb = b.slice(0, -1).split('.').reverse();
  for (let i = 0; i < Math.min(la.length, lb.length); i++) {
    const c = compareText(la[i]!, lb[i]!);
    if (c !== 0) return c;
  }
  return la.length - lb.length;
}

export interface RecordKey {
  readonly name: string;
  readonly type: string;
  readonly setIdentifier: string | null;
}

/** ListResourceRecordSets order: name (labels reversed), type, set identifier. */
export function compareRecords(a: RecordKey, b: RecordKey): number {
  return compareNames(a.name, b.name) || compareText(a.type, b.type) || compareText(a.setIdentifier ?? '', b.setIdentifier ?? '');
}

/** How Route 53 names a record set in InvalidChangeBatch messages. */
export function describeRecord(r: RecordKey): string {
  const id = r.setIdentifier === null ? '' : `, set-identifier='${r.setIdentifier}'`;
  return `[name='${escapeName(r.name)}', type='${r.type}'${id}]`;
}

/** The 12-hex-digit-free part of an id the SDK may still carry a prefix on ('/hostedzone/Z1' -> 'Z1'). */
export function bareId(id: string | undefined): string {
  return (id ?? '').replace(/^\/(hostedzone|change|delegationset|healthcheck)\//, '');
}
