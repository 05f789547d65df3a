/**
 * Upload events of blog.spec.yaml: the Lambda function (a tiny deployment package built in
 * memory by a minimal zip writer: one stored, uncompressed file), the permission that lets
 * S3 invoke it for the media bucket, and the media bucket's notification (media/ only).
 */
import { AddPermissionCommand, CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { PutBucketNotificationConfigurationCommand, S3Client } from '@aws-sdk/client-s3';
import { type Stack, STACK } from './context.ts';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip archive of `files` (name -> text), stored without compression, dated 1980-01-01. */
export function zipOf(files: Readonly<Record<string, string>>): Uint8Array {
  const DOS_DATE = (0 << 9) | (1 << 5) | 1;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(text);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** The function's code: logs the keys of the records it gets (the real handler writes them to the table). */
const HANDLER = `export async function handler(event) {
  const keys = (event.Records ?? []).map((r) => r.s3.object.key);
  console.log(JSON.stringify({ table: process.env.TABLE_NAME, keys }));
  return { keys };
}
`;

export async function buildUploadEvents(s: Stack): Promise<void> {
  const lambda = s.clients.get(LambdaClient);
  const FunctionName = `${STACK}-s3-events`;
  const fn = await lambda.send(
    new CreateFunctionCommand({
      FunctionName,
      Description: 'Records S3 object creations and removals under media/ in DynamoDB',
      Runtime: 'nodejs20.x',
      Handler: 'handler.handler',
      Role: s.out('lambdaRole.arn'),
      Code: { ZipFile: zipOf({ 'handler.mjs': HANDLER }) },
      MemorySize: 128,
      Timeout: 30,
      Environment: { Variables: { TABLE_NAME: s.out('objectTable') } },
      Tags: s.tagMap('s3EventsFunction', FunctionName),
    }),
  );
  s.made('s3EventsFunction', FunctionName, { arn: fn.FunctionArn! });
  await lambda.send(
    new AddPermissionCommand({
      FunctionName,
      StatementId: 'AllowS3InvokeFromMediaBucket',
      Action: 'lambda:InvokeFunction',
      Principal: 's3.amazonaws.com',
      SourceArn: s.out('media.arn'),
      SourceAccount: s.accountId,
    }),
  );
  s.made('s3InvokePermission', 'AllowS3InvokeFromMediaBucket');
  await s.clients.get(S3Client).send(
    new PutBucketNotificationConfigurationCommand({
      Bucket: s.out('media'),
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          {
            Id: 'media-objects-to-dynamodb',
            LambdaFunctionArn: s.out('s3EventsFunction.arn'),
            Events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'media/' }] } },
          },
        ],
      },
    }),
  );
  s.made('mediaNotification', s.out('media'));
}
