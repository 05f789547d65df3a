/**
 * The DynamoDB part of the simulated account: tables keyed by ARN (region included), each
 * with its items keyed by their primary key. Values are stored as AttributeValues with
 * binary data in base64 (the state is JSON); statuses are derived from timestamps.
 */

/** A stored AttributeValue: exactly one member; B and BS hold base64. */
export type Value =
  | { S: string }
  | { N: string }
  | { B: string }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }
  | { M: Record<string, Value> }
  | { L: Value[] }
  | { NULL: true }
  | { BOOL: boolean };

export type Item = Record<string, Value>;

export interface KeyElement {
  name: string;
  type: 'S' | 'N' | 'B';
}

export interface TableRec {
  name: string;
  arn: string;
  id: string;
  region: string;
  createdAt: number;
  /** CREATING until then. */
  activeAt: number;
  /** UPDATING until then (a billing mode or throughput change). */
  updateDoneAt: number | null;
  /** Set by DeleteTable: DELETING until then, gone after. */
  deletedAt: number | null;
  hash: KeyElement;
  range: KeyElement | null;
  billingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  read: number;
  write: number;
  /** When the table last switched to PAY_PER_REQUEST. */
  payPerRequestSince: number | null;
  tableClass: string;
  deletionProtection: boolean;
  /** Encryption at rest with a KMS key (SSEType KMS); absent or null: the AWS owned key (DynamoDB's default). */
  sse?: { kmsKeyArn: string } | null;
  pitr: { enabled: boolean; since: number | null; recoveryPeriodInDays: number };
  ttl: { attributeName: string | null; enabled: boolean; changedAt: number | null; settledAt: number | null };
  tags: Record<string, string>;
  /** Primary key (see keyString) -> item. */
  items: Record<string, Item>;
}

export interface DynamoDbState {
  tables: Record<string, TableRec>;
}

export function emptyDynamoDbState(): DynamoDbState {
  return { tables: {} };
}
