/**
 * A function's log group, /aws/lambda/<name>, kept by the lambda.function adapter: its
 * retention is a property of the function (logRetentionInDays). Lambda creates the group
 * only on the first invocation and never sets a retention, so blogctl creates it with the
 * function (tagged like it) and deletes it with the function.
 */
import {
  CloudWatchLogsClient, CreateLogGroupCommand, DeleteLogGroupCommand, DeleteRetentionPolicyCommand, DescribeLogGroupsCommand, PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { AdapterContext } from '../../reconciler/types.ts';
import { goneIsFine } from '../aws-errors.ts';

export const logGroupName = (functionName: string): string => `/aws/lambda/${functionName}`;

const logs = (ctx: AdapterContext) => ctx.clients.get(CloudWatchLogsClient);

/** The group's retention: a number of days, null (never expire), or undefined when there is no group. */
export async function readRetention(ctx: AdapterContext, functionName: string): Promise<number | null | undefined> {
  const name = logGroupName(functionName);
  let token: string | undefined;
  do {
    const page = await logs(ctx).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name, nextToken: token }));
    const group = page.logGroups?.find((g) => g.logGroupName === name);
    if (group) return group.retentionInDays ?? null;
    token = page.nextToken;
  } while (token);
  return undefined;
}

/** Creates the group when missing (tagged), then sets or removes its retention. */
export async function ensureRetention(
  ctx: AdapterContext, functionName: string, days: number | undefined, current: number | null | undefined, tags: Readonly<Record<string, string>>,
): Promise<void> {
  const name = logGroupName(functionName);
  if (current === undefined) {
    try {
      await logs(ctx).send(new CreateLogGroupCommand({ logGroupName: name, tags: { ...tags } }));
    } catch (err) {
      if ((err as { name?: string }).name !== 'ResourceAlreadyExistsException') throw err;
    }
  }
  if (days !== undefined) await logs(ctx).send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: days }));
  else if (current !== undefined && current !== null) await logs(ctx).send(new DeleteRetentionPolicyCommand({ logGroupName: name }));
}

export const deleteLogGroup = (ctx: AdapterContext, functionName: string): Promise<void> =>
  goneIsFine(() => logs(ctx).send(new DeleteLogGroupCommand({ logGroupName: logGroupName(functionName) })));
