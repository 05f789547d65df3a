/**
 * S3's event `sequencer`: a hexadecimal string that orders the events of one object key.
 * AWS compares two sequencers after left-padding the shorter with zeros. DynamoDB compares
 * strings lexicographically (by UTF-8 bytes), so the table stores one fixed-width form:
 * upper-case hex, left-padded with zeros to SEQUENCER_WIDTH digits. Two stored sequencers
 * then compare in DynamoDB exactly as AWS says to compare them, inside a condition
 * expression, atomically with the write.
 *
 * 32 digits: S3 sends 16 to 18 today (a 64-bit time-like value plus a counter); 32 leaves
 * room to grow while staying readable. A longer sequencer cannot be stored comparably and
 * is reported as malformed; widening later means re-padding the items already stored.
 */
export const SEQUENCER_WIDTH = 32;

/** The stored, comparable form of an event's sequencer; throws Error with the reason. */
export function normaliseSequencer(raw: unknown): string {
  if (typeof raw !== 'string') throw new Error(`expected a hexadecimal string, got ${raw === undefined ? 'nothing' : JSON.stringify(raw)}`);
  if (!/^[0-9A-Fa-f]+$/.test(raw)) throw new Error(`expected hexadecimal digits, got ${JSON.stringify(raw)}`);
  const digits = raw.replace(/^0+(?=.)/, '').toUpperCase();
  if (digits.length > SEQUENCER_WIDTH) {
    throw new Error(`${JSON.stringify(raw)} has more than ${SEQUENCER_WIDTH} significant digits, the width the table stores (src/lambda/sequencer.ts)`);
  }
  return digits.padStart(SEQUENCER_WIDTH, '0');
}
