/**
 * The lease as a DynamoDB item (one table per account and region, shared by stacks):
 * created on first use, every change a conditional write, so two processes can never
 * both believe they won. The sandbox simulates DynamoDB, so `--sandbox` runs this
 * same code against the account in its file.
 *
 * Table (default `blogctl-leases`, `--lease-table` / BLOGCTL_LEASE_TABLE): partition key
 * `lease` (S), on-demand billing. Item `stack:<stack>`: holder, host, pid, purpose,
 * since, token (N, the fencing token), expiresAt (N, epoch ms).
 * Permissions: dynamodb:DescribeTable, CreateTable, GetItem, UpdateItem on the table.
 */
import {
  type AttributeValue, CreateTableCommand, DescribeTableCommand, DynamoDBClient, GetItemCommand, UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { ClientProvider, Clock } from '../reconciler/types.ts';
import type { AcquireResult, Claimant, LeaseRecord, LeaseStore } from './lease.ts';

const KEY = 'lease';
/** How long a new table may take to become ACTIVE (AWS: seconds). */
const TABLE_TIMEOUT_MS = 120_000;

type Item = Record<string, AttributeValue>;

const s = (v: string): AttributeValue => ({ S: v });
const n = (v: number): AttributeValue => ({ N: String(v) });

function recordOf(item: Item | undefined): LeaseRecord | undefined {
  if (!item?.holder?.S) return undefined;
  return {
    holder: item.holder.S,
    host: item.host?.S ?? '?',
    pid: Number(item.pid?.N ?? 0),
    purpose: item.purpose?.S ?? '?',
    since: Number(item.since?.N ?? 0),
    token: Number(item.token?.N ?? 0),
    expiresAt: Number(item.expiresAt?.N ?? 0),
  };
}

const isCode = (err: unknown, ...codes: string[]) => codes.includes((err as { name?: string }).name ?? '');

export class DynamoLeaseStore implements LeaseStore {
  readonly where: string;
  readonly #key: Item;
  #ready: Promise<void> | undefined;

  constructor(
    private readonly clients: ClientProvider,
    readonly table: string,
    readonly stack: string,
    private readonly clock: Clock,
  ) {
    this.where = `DynamoDB table ${table}, item stack:${stack}`;
    this.#key = { [KEY]: s(`stack:${stack}`) };
  }

  get #ddb(): DynamoDBClient {
    return this.clients.get(DynamoDBClient);
  }

  /** The table, created on first use (a concurrent creator's ResourceInUseException is fine), ACTIVE. */
  prepare(): Promise<void> {
    this.#ready ??= this.#ensure().catch((err: unknown) => {
      this.#ready = undefined;
      throw err;
    });
    return this.#ready;
  }

  async #ensure(): Promise<void> {
    const status = async () => {
      try {
        return (await this.#ddb.send(new DescribeTableCommand({ TableName: this.table }))).Table?.TableStatus;
      } catch (err) {
        if (isCode(err, 'ResourceNotFoundException')) return undefined;
        throw err;
      }
    };
    let now = await status();
    if (now === undefined) {
      try {
        await this.#ddb.send(new CreateTableCommand({
          TableName: this.table,
          AttributeDefinitions: [{ AttributeName: KEY, AttributeType: 'S' }],
          KeySchema: [{ AttributeName: KEY, KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }));
      } catch (err) {
        if (!isCode(err, 'ResourceInUseException')) throw err;
      }
      now = await status();
    }
    const started = this.clock.now();
    for (let delay = 100; now !== 'ACTIVE'; delay = Math.min(delay * 2, 2000)) {
      if (this.clock.now() - started > TABLE_TIMEOUT_MS) throw new Error(`the lease table ${this.table} is still ${now ?? 'missing'} after ${TABLE_TIMEOUT_MS / 1000} s`);
      await this.clock.sleep(delay);
      now = await status();
    }
  }

  async acquire(me: Claimant, now: number, ttlMs: number): Promise<AcquireResult> {
    await this.prepare();
    try {
      const out = await this.#ddb.send(new UpdateItemCommand({
        TableName: this.table,
        Key: this.#key,
        UpdateExpression: 'SET holder = :h, host = :host, pid = :pid, purpose = :p, since = :now, expiresAt = :exp ADD #token :one',
        ConditionExpression: 'attribute_not_exists(holder) OR expiresAt < :now',
        ExpressionAttributeNames: { '#token': 'token' },
        ExpressionAttributeValues: {
          ':h': s(me.holder), ':host': s(me.host), ':pid': n(me.pid), ':p': s(me.purpose), ':now': n(now), ':exp': n(now + ttlMs), ':one': n(1),
        },
        ReturnValues: 'ALL_NEW',
      }));
      return { won: true, record: recordOf(out.Attributes)! };
    } catch (err) {
      if (!isCode(err, 'ConditionalCheckFailedException')) throw err;
      return { won: false, current: await this.read() };
    }
  }

  async renew(me: Claimant, token: number, now: number, ttlMs: number): Promise<boolean> {
    return this.#ours(me, token, 'SET expiresAt = :exp', { ':exp': n(now + ttlMs) });
  }

  async release(me: Claimant, token: number): Promise<void> {
    await this.#ours(me, token, 'SET expiresAt = :zero', { ':zero': n(0) });
  }

  async #ours(me: Claimant, token: number, update: string, values: Item): Promise<boolean> {
    try {
      await this.#ddb.send(new UpdateItemCommand({
        TableName: this.table,
        Key: this.#key,
        UpdateExpression: update,
        ConditionExpression: 'holder = :h AND #token = :t',
        ExpressionAttributeNames: { '#token': 'token' },
        ExpressionAttributeValues: { ...values, ':h': s(me.holder), ':t': n(token) },
      }));
      return true;
    } catch (err) {
      if (isCode(err, 'ConditionalCheckFailedException')) return false;
      throw err;
    }
  }

  async read(): Promise<LeaseRecord | undefined> {
    await this.prepare();
    const out = await this.#ddb.send(new GetItemCommand({ TableName: this.table, Key: this.#key, ConsistentRead: true }));
    return recordOf(out.Item);
  }
}
