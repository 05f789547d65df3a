/**
 * s3.bucket-notification: the bucket's whole event notification configuration (S3 keeps
 * one per bucket), owned by blogctl: each configuration's S3 Id is
 * `blogctl-<stack>_<id>.<configuration id>`; configurations other tools wrote are shown
 * in the plan (and warned about) before an apply replaces them. S3 tests the destination
 * when it is set, so the Lambda permission for s3.amazonaws.com must exist first: list it
 * in dependsOn.
 */
import { z } from 'zod';
import type { KindSchema, SpecProblem } from '../../reconciler/types.ts';
import { checkOutputUse, checkUnique, list, target } from '../cross-checks.ts';
import { arn, idRef, str } from '../fields.ts';

export const S3_EVENTS = [
  's3:ObjectCreated:*',
  's3:ObjectCreated:Put',
  's3:ObjectCreated:Post',
  's3:ObjectCreated:Copy',
  's3:ObjectCreated:CompleteMultipartUpload',
  's3:ObjectRemoved:*',
  's3:ObjectRemoved:Delete',
  's3:ObjectRemoved:DeleteMarkerCreated',
  's3:ObjectRestore:*',
  's3:ObjectTagging:*',
  's3:LifecycleExpiration:*',
  's3:Replication:*',
] as const;

const lambdaConfiguration = z
  .object({
    /** The configuration's id (unique in the list; letters, digits, -, _ and /); default its position, 0, 1, ... */
    id: z.string().regex(/^[A-Za-z0-9/_-]{1,200}$/, { error: 'a configuration id is 1-200 letters, digits, -, _ and /' }).optional(),
    lambdaFunctionArn: arn(),
    events: z
      .array(z.enum(S3_EVENTS, { error: `an S3 event such as s3:ObjectCreated:* (known: ${S3_EVENTS.join(', ')})` }))
      .min(1, { error: 'list at least one event' }),
    /** Object key filters, e.g. prefix media/. */
    filter: z.object({ prefix: str().optional(), suffix: str().optional() }).strict().optional(),
  })
  .strict();

export const bucketNotificationProperties = z
  .object({
    /** The bucket's name: ${media}. */
    bucket: idRef(),
    lambdaFunctionConfigurations: z.array(lambdaConfiguration).min(1, { error: 'list at least one Lambda configuration' }),
    /** Also send every event to EventBridge. */
    eventBridgeEnabled: z.boolean().default(false),
  })
  .strict();

export type BucketNotificationProperties = z.infer<typeof bucketNotificationProperties>;

export const bucketNotificationKind = {
  kind: 's3.bucket-notification',
  description: "A bucket's event notifications to Lambda functions.",
  schema: bucketNotificationProperties,
  outputs: { id: 'exists' },
  defaultOutput: 'id',
  check(self, ctx) {
    const problems: SpecProblem[] = [];
    const bucket = self.properties.bucket;
    const all = ctx.ofKind('s3.bucket-notification');
    const earlier = all.slice(0, all.findIndex((o) => o.id === self.id)).find((o) => String(o.properties.bucket) === String(bucket));
    if (earlier)
      problems.push({ pos: ctx.posOf(self, 'bucket'), message: `S3 keeps one notification configuration per bucket, and "${earlier.id}" already sets it for ${String(bucket)}: merge them` });
    problems.push(...checkUnique(self, ctx, 'lambdaFunctionConfigurations', (c) => (c as { id?: string }).id, 'the configuration id'));
    list(self.properties.lambdaFunctionConfigurations).forEach((c, i) => {
      const fnRef = (c as { lambdaFunctionArn: unknown }).lambdaFunctionArn;
      const fn = target(fnRef, ctx, 'lambda.function');
      if (!fn) return;
      // The permission that lets S3 invoke this function, which must exist before the notification.
      const permission = ctx
        .ofKind('lambda.permission')
        .find((p) => target(p.properties.functionName, ctx)?.id === fn.id && p.properties.principal === 's3.amazonaws.com');
      const arnPath = `lambdaFunctionConfigurations.${i}.lambdaFunctionArn`;
      const pos = ctx.posOf(self, arnPath);
      problems.push(...checkOutputUse(self, ctx, arnPath, { kind: 'lambda.function', defaultOutput: 'name', outputs: ['arn'] }));
      if (!permission)
        problems.push({ pos, message: `S3 may not invoke "${fn.id}": add a lambda.permission for principal s3.amazonaws.com` });
      else if (!self.dependsOn.includes(permission.id))
        problems.push({ pos, message: `S3 checks its permission on "${fn.id}" when the notification is set: add dependsOn: [${permission.id}]` });
    });
    return problems;
  },
} satisfies KindSchema<'s3.bucket-notification'>;
