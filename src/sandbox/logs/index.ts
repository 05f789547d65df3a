/**
 * A minimal CloudWatch Logs: log groups with their retention and tags, what blogctl sets
 * for a Lambda function's `/aws/lambda/<name>` group (CreateLogGroup, PutRetentionPolicy,
 * DeleteRetentionPolicy, DescribeLogGroups with prefix paging, DeleteLogGroup). No streams
 * or events: the sandbox's handlers log to the process, not here.
 */
import {
  CloudWatchLogsServiceException,
  type CreateLogGroupCommandInput,
  type CreateLogGroupCommandOutput,
  type DeleteLogGroupCommandInput,
  type DeleteLogGroupCommandOutput,
  type DeleteRetentionPolicyCommandInput,
  type DeleteRetentionPolicyCommandOutput,
  type DescribeLogGroupsCommandInput,
  type DescribeLogGroupsCommandOutput,
  InvalidParameterException,
  type PutRetentionPolicyCommandInput,
  type PutRetentionPolicyCommandOutput,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import { DEFAULT_BUCKET } from '../faults.ts';
import { paginate } from '../paging.ts';
import { type CallContext, type ServiceSimulator, sdkExceptions } from '../service.ts';

export interface LogGroupRec {
  name: string;
  region: string;
  createdAt: number;
  retentionInDays: number | null;
  tags: Record<string, string>;
}

export interface LogsState {
  /** By `<region>:<name>`. */
  groups: Record<string, LogGroupRec>;
}

type Ctx = CallContext<LogsState>;
type Out<T> = Omit<T, '$metadata'>;

/** The retention periods CloudWatch Logs accepts, in days. */
export const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

const keyOf = (ctx: Ctx, name: string) => `${ctx.region}:${name}`;

function groupOf(ctx: Ctx, name: string | undefined): LogGroupRec {
  const g = name === undefined ? undefined : ctx.state.groups[keyOf(ctx, name)];
  if (!g) ctx.fail('ResourceNotFoundException', 'The specified log group does not exist.');
  return g;
}

function checkName(ctx: Ctx, name: string | undefined): string {
  if (name === undefined || !/^[.\-_/#A-Za-z0-9]{1,512}$/.test(name)) {
    ctx.fail('InvalidParameterException', `1 validation error detected: Value '${name ?? 'null'}' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+`);
  }
  return name;
}

export const logsSimulator: ServiceSimulator<LogsState> = {
  name: 'logs',
  clientName: 'CloudWatchLogsClient',
  initialState: () => ({ groups: {} }),
  operations: {
    CreateLogGroup(input: CreateLogGroupCommandInput, ctx: Ctx): Out<CreateLogGroupCommandOutput> {
      const name = checkName(ctx, input.logGroupName);
      if (ctx.state.groups[keyOf(ctx, name)]) ctx.fail('ResourceAlreadyExistsException', 'The specified log group already exists');
      ctx.state.groups[keyOf(ctx, name)] = { name, region: ctx.region, createdAt: ctx.now, retentionInDays: null, tags: { ...input.tags } };
      return {};
    },
    DeleteLogGroup(input: DeleteLogGroupCommandInput, ctx: Ctx): Out<DeleteLogGroupCommandOutput> {
      const g = groupOf(ctx, input.logGroupName);
      delete ctx.state.groups[keyOf(ctx, g.name)];
      return {};
    },
    PutRetentionPolicy(input: PutRetentionPolicyCommandInput, ctx: Ctx): Out<PutRetentionPolicyCommandOutput> {
      const g = groupOf(ctx, input.logGroupName);
      if (input.retentionInDays === undefined || !RETENTION_DAYS.includes(input.retentionInDays)) {
        ctx.fail('InvalidParameterException', `1 validation error detected: Value '${input.retentionInDays}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`);
      }
      g.retentionInDays = input.retentionInDays;
      return {};
    },
    DeleteRetentionPolicy(input: DeleteRetentionPolicyCommandInput, ctx: Ctx): Out<DeleteRetentionPolicyCommandOutput> {
      groupOf(ctx, input.logGroupName).retentionInDays = null;
      return {};
    },
    DescribeLogGroups(input: DescribeLogGroupsCommandInput, ctx: Ctx): Out<DescribeLogGroupsCommandOutput> {
      const prefix = input.logGroupNamePrefix ?? '';
      const groups = Object.values(ctx.state.groups).filter((g) => g.region === ctx.region && g.name.startsWith(prefix));
      const page = paginate(groups, (g) => g.name, {
        size: input.limit, token: input.nextToken, min: 1, max: 50, defaultSize: 50,
        invalid: (_what, message) => ctx.fail('InvalidParameterException', message),
      });
      return {
        logGroups: page.items.map((g) => {
          const arn = ctx.arn(`log-group:${g.name}`);
          return {
            logGroupName: g.name, creationTime: g.createdAt, arn: `${arn}:*`, logGroupArn: arn, storedBytes: 0, metricFilterCount: 0,
            logGroupClass: 'STANDARD', ...(g.retentionInDays !== null && { retentionInDays: g.retentionInDays }),
          };
        }),
        nextToken: page.nextToken,
      };
    },
  },
  errors: {
    throttling: { code: 'ThrottlingException', status: 400 },
    serverError: { code: 'ServiceUnavailableException', status: 500 },
    toException: sdkExceptions(CloudWatchLogsServiceException, { ResourceAlreadyExistsException, ResourceNotFoundException, InvalidParameterException }),
  },
  rateLimit: () => DEFAULT_BUCKET,
};
