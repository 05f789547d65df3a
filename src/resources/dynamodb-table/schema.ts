/** dynamodb.table: the table of S3 object metadata the Lambda writes. */
import { z } from 'zod';
import type { KindSchema, SpecProblem } from '../../reconciler/types.ts';
import { literal } from '../cross-checks.ts';
import { arn, int, oneOf, str, tags } from '../fields.ts';

export const tableProperties = z
  .object({
    tableName: str(),
    /** Only the key attributes are declared; items are schemaless. */
    attributeDefinitions: z
      .array(z.object({ attributeName: z.string().min(1), attributeType: oneOf(['S', 'N', 'B']) }).strict())
      .min(1, { error: 'declare the key attributes' }),
    /** One HASH (partition) key, optionally one RANGE (sort) key. Changing it replaces the table. */
    keySchema: z.array(z.object({ attributeName: z.string().min(1), keyType: oneOf(['HASH', 'RANGE']) }).strict()).min(1).max(2),
    /** PAY_PER_REQUEST: on demand, no capacity to plan. AWS's default is PROVISIONED. */
    billingMode: oneOf(['PROVISIONED', 'PAY_PER_REQUEST']).default('PROVISIONED'),
    provisionedThroughput: z.object({ readCapacityUnits: int(1, 40000), writeCapacityUnits: int(1, 40000) }).strict().optional(),
    /** Continuous backups: restore to any second of the last 35 days. */
    pointInTimeRecovery: z.boolean().default(false),
    deletionProtectionEnabled: z.boolean().default(false),
    /**
     * Encryption at rest: AWS_OWNED (DynamoDB's default, no cost), or KMS with the account's
     * aws/dynamodb key or kmsMasterKeyId.
     */
    sse: z.object({ type: oneOf(['AWS_OWNED', 'KMS']).default('AWS_OWNED'), kmsMasterKeyId: arn().optional() }).strict().prefault({}),
    /** Expire items whose attribute holds an epoch time in seconds. */
    timeToLive: z.object({ attributeName: z.string().min(1), enabled: z.boolean().default(true) }).strict().optional(),
    tags: tags(),
  })
  .strict();

export type TableProperties = z.infer<typeof tableProperties>;

export const tableKind = {
  kind: 'dynamodb.table',
  description: 'A DynamoDB table (on-demand or provisioned), with point-in-time recovery.',
  schema: tableProperties,
  outputs: { name: 'exists', arn: 'exists' },
  defaultOutput: 'name',
  check(self, ctx) {
    const p = self.properties as TableProperties;
    const problems: SpecProblem[] = [];
    const at = (path: string, message: string) => problems.push({ pos: ctx.posOf(self, path), message });
    const name = literal(p.tableName);
    if (name !== undefined && !/^[A-Za-z0-9_.-]{3,255}$/.test(name)) at('tableName', `"${name}" is not a table name: 3-255 letters, digits and _.-`);
    const hashes = p.keySchema.filter((k) => k.keyType === 'HASH');
    if (hashes.length !== 1 || p.keySchema[0]?.keyType !== 'HASH') at('keySchema', 'keySchema starts with exactly one HASH key, then at most one RANGE key');
    const defined = p.attributeDefinitions.map((a) => a.attributeName);
    const keys = p.keySchema.map((k) => k.attributeName);
    p.keySchema.forEach((k, i) => {
      if (!defined.includes(k.attributeName)) at(`keySchema.${i}.attributeName`, `key attribute "${k.attributeName}" is not in attributeDefinitions`);
    });
    p.attributeDefinitions.forEach((a, i) => {
      if (!keys.includes(a.attributeName))
        at(`attributeDefinitions.${i}`, `"${a.attributeName}" is not a key: DynamoDB accepts only key attributes in attributeDefinitions`);
    });
    if (p.billingMode === 'PROVISIONED' && p.provisionedThroughput === undefined)
      at('billingMode', 'PROVISIONED tables need provisionedThroughput (or use billingMode: PAY_PER_REQUEST)');
    if (p.sse.kmsMasterKeyId !== undefined && p.sse.type !== 'KMS') at('sse.kmsMasterKeyId', 'a KMS key needs sse.type: KMS');
    if (p.billingMode === 'PAY_PER_REQUEST' && p.provisionedThroughput !== undefined)
      at('provisionedThroughput', 'an on-demand (PAY_PER_REQUEST) table has no provisionedThroughput');
    return problems;
  },
} satisfies KindSchema<'dynamodb.table'>;
