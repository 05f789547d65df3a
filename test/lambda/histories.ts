/**
 * Seeded random histories of one bucket's objects, delivered as S3 delivers them: each
 * event at least once (duplicates are exact copies), in any order, a few records per
 * invocation. The ground truth is each key's event with the greatest sequencer.
 * Sequencers cross a hex-digit boundary and carry random leading zeros, so comparing the
 * raw strings would get the order wrong.
 */
import { seededUnit } from '../../src/sandbox/ids.ts';
import type { EventSpec } from './fixtures.ts';

export const KEYS = ['media/a.jpg', 'media/my photo.jpg', 'media/été/ü+1.png', 'media/100% real.txt'];

const CREATED = ['ObjectCreated:Put', 'ObjectCreated:Post', 'ObjectCreated:Copy', 'ObjectCreated:CompleteMultipartUpload'];

/** A stream of numbers in [0, 1) from a seed. */
export class Draws {
  #n = 0;
  constructor(readonly seed: string) {}
  next(): number {
    return seededUnit(this.seed, this.#n++);
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

/** A random history of `bucket`: creates, overwrites, deletes and delete markers, in sequencer order. */
export function history(d: Draws, bucket: string): EventSpec[] {
  const events: EventSpec[] = [];
  // Starts just below 16^15: later sequencers have one more hex digit than earlier ones.
  let seq = 0xfffffffffffff00n + BigInt(d.int(0x80));
  const count = 3 + d.int(8);
  for (let i = 0; i < count; i++) {
    seq += 1n + BigInt(d.int(0x40));
    const hex = seq.toString(16).toUpperCase();
    const sequencer = '0'.repeat(d.int(4)) + hex;
    const key = d.pick(KEYS);
    const time = new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString();
    const roll = d.next();
    const versionId = d.next() < 0.5 ? `v${i}-${d.int(1e6)}` : undefined;
    if (roll < 0.6) {
      events.push({ bucket, key, sequencer, time, name: d.pick(CREATED), size: d.int(1e6), eTag: seededHex(d), ...(versionId && { versionId }) });
    } else {
      events.push({ bucket, key, sequencer, time, name: roll < 0.85 ? 'ObjectRemoved:Delete' : 'ObjectRemoved:DeleteMarkerCreated', ...(versionId && { versionId }) });
    }
  }
  return events;
}

function seededHex(d: Draws): string {
  return Array.from({ length: 32 }, () => d.int(16).toString(16)).join('');
}

/** The events as invocations: each delivered once, a third of them twice or more, shuffled, 1-3 records per invocation. */
export function deliveries(d: Draws, events: readonly EventSpec[]): EventSpec[][] {
  const times = () => (d.next() < 0.65 ? 1 : 2 + d.int(2));
  const copies = d.shuffle(events.flatMap((e) => Array.from({ length: times() }, () => e)));
  const out: EventSpec[][] = [];
  for (let i = 0; i < copies.length; ) {
    const n = 1 + d.int(3);
    out.push(copies.slice(i, i + n));
    i += n;
  }
  return out;
}

/** Each key's newest event: what the table must end with. */
export function groundTruth(events: readonly EventSpec[]): Map<string, EventSpec> {
  const last = new Map<string, EventSpec>();
  for (const e of events) {
    const seen = last.get(e.key);
    if (seen === undefined || BigInt(`0x${e.sequencer}`) > BigInt(`0x${seen.sequencer}`)) last.set(e.key, e);
  }
  return last;
}
