/**
 * Put/GetBucketNotificationConfiguration. S3 tests Lambda destinations when the
 * configuration is set: the function must exist and its policy must let s3.amazonaws.com
 * invoke it for this bucket, else InvalidArgument "Unable to validate the following
 * destination configurations". SNS and SQS are not simulated, so their destinations never
 * validate.
 */
import type {
  FilterRuleName,
  GetBucketNotificationConfigurationCommandInput,
  GetBucketNotificationConfigurationCommandOutput,
  LambdaFunctionConfiguration,
  NotificationConfiguration,
  PutBucketNotificationConfigurationCommandInput,
  PutBucketNotificationConfigurationCommandOutput,
} from '@aws-sdk/client-s3';
import { grantsInvoke } from '../lambda/permissions.ts';
import type { LambdaState } from '../lambda/state.ts';
import type { OperationTable } from '../service.ts';
import { bucketArn, findBucket, required, type S3Ctx, s3Fail } from './bucket-lookup.ts';
import { eventMatches, EVENT_TYPES, filterOf } from './events.ts';
import type { BucketRec, S3State } from './state.ts';
import { copyJson } from '../json.ts';

type Out<T> = Omit<T, '$metadata'>;

function checkFilter(ctx: S3Ctx, c: LambdaFunctionConfiguration): void {
  const rules = c.Filter?.Key?.FilterRules ?? [];
  for (const name of ['prefix', 'suffix']) {
    if (rules.filter((r) => r.Name?.toLowerCase() === name).length > 1) s3Fail(ctx, 'InvalidArgument', `Cannot specify more than one ${name} rule in a filter.`);
  }
  if (rules.some((r) => !['prefix', 'suffix'].includes(r.Name?.toLowerCase() ?? ''))) s3Fail(ctx, 'InvalidArgument', 'filter rule name must be either prefix or suffix');
}

function overlap(a: LambdaFunctionConfiguration, b: LambdaFunctionConfiguration): boolean {
  const sharesEvent = (a.Events ?? []).some((e) => (b.Events ?? []).some((f) => eventMatches(e, f.replace(/^s3:/, '')) || eventMatches(f, e.replace(/^s3:/, ''))));
  const fa = filterOf(a);
  const fb = filterOf(b);
  const prefixes = fa.prefix.startsWith(fb.prefix) || fb.prefix.startsWith(fa.prefix);
  const suffixes = fa.suffix.endsWith(fb.suffix) || fb.suffix.endsWith(fa.suffix);
  return sharesEvent && prefixes && suffixes;
}

/** Why S3 could not validate a Lambda destination, or undefined when it can invoke it. */
function destinationProblem(ctx: S3Ctx, bucket: BucketRec, arn: string): string | undefined {
  const m = /^(arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+)(:[A-Za-z0-9_$-]+)?$/.exec(arn);
  if (!m) return `The destination function [${arn}] is not a Lambda function ARN`;
  const fn = ctx.serviceState<LambdaState>('lambda').functions[m[1]!];
  if (!fn) return `The destination function [${arn}] does not exist`;
  if (!grantsInvoke(fn, 's3.amazonaws.com', { arn: bucketArn(ctx, bucket.name), account: ctx.accountId }, arn)) return `Not authorized to invoke function [${arn}]`;
  return undefined;
}

export const notificationOperations = {
  PutBucketNotificationConfiguration(input: PutBucketNotificationConfigurationCommandInput, ctx: S3Ctx): Out<PutBucketNotificationConfigurationCommandOutput> {
    const bucket = findBucket(ctx, input.Bucket);
    const config = required(ctx, input.NotificationConfiguration, 'NotificationConfiguration');
    const lambdas = (config.LambdaFunctionConfigurations ?? []).map((c) => {
      const arn = required(ctx, c.LambdaFunctionArn, 'CloudFunction');
      if (!c.Events?.length) s3Fail(ctx, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
      for (const e of c.Events) if (!EVENT_TYPES.includes(e)) s3Fail(ctx, 'InvalidArgument', 'The event is not supported for notifications', { ArgumentName: 'Event', ArgumentValue: e });
      checkFilter(ctx, c);
      // S3 names an unnamed configuration, and answers filter rule names capitalised.
      const rules = c.Filter?.Key?.FilterRules?.map((r) => ({ Name: (r.Name?.toLowerCase() === 'prefix' ? 'Prefix' : 'Suffix') as FilterRuleName, Value: r.Value ?? '' }));
      return {
        ...copyJson(c),
        Id: c.Id ?? Buffer.from(ctx.ids.uuid()).toString('base64'),
        LambdaFunctionArn: arn,
        ...(rules && { Filter: { Key: { FilterRules: rules } } }),
      };
    });
    lambdas.forEach((a, i) => {
      if (lambdas.slice(0, i).some((b) => overlap(a, b))) {
        s3Fail(ctx, 'InvalidArgument', 'Configurations overlap. Configurations on the same bucket cannot share a common event type.', { ArgumentName: 'Event', ArgumentValue: a.Events!.join(', ') });
      }
    });
    const problems: [string, string][] = [];
    for (const c of [...(config.TopicConfigurations ?? []), ...(config.QueueConfigurations ?? [])]) {
      const arn = 'TopicArn' in c ? c.TopicArn : c.QueueArn;
      problems.push([arn ?? '', 'blogctl sandbox: SNS and SQS destinations are not simulated']);
    }
    if (!input.SkipDestinationValidation) {
      for (const c of lambdas) {
        const problem = destinationProblem(ctx, bucket, c.LambdaFunctionArn);
        if (problem) problems.push([c.LambdaFunctionArn, problem]);
      }
    }
    if (problems.length > 0) {
      const fields = Object.fromEntries(problems.flatMap(([name, value], i) => [[`ArgumentName${i + 1}`, name], [`ArgumentValue${i + 1}`, value]]));
      s3Fail(ctx, 'InvalidArgument', 'Unable to validate the following destination configurations', fields);
    }
    const stored: NotificationConfiguration = {};
    if (lambdas.length > 0) stored.LambdaFunctionConfigurations = lambdas;
    if (config.EventBridgeConfiguration) stored.EventBridgeConfiguration = {};
    bucket.notification = stored;
    return {};
  },

  GetBucketNotificationConfiguration(input: GetBucketNotificationConfigurationCommandInput, ctx: S3Ctx): Out<GetBucketNotificationConfigurationCommandOutput> {
    return copyJson(findBucket(ctx, input.Bucket).notification);
  },
} satisfies OperationTable<S3State>;
