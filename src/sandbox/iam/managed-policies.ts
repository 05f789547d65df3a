/**
 * Managed policies: the AWS managed ones the sandbox knows (attaching an AWS policy it
 * does not list answers NoSuchEntity, as AWS does for a name it does not have), and
 * customer managed ones
 * (CreatePolicy, GetPolicy, GetPolicyVersion, DeletePolicy), which roles attach by ARN.
 */
import type {
  CreatePolicyCommandInput,
  CreatePolicyCommandOutput,
  DeletePolicyCommandInput,
  DeletePolicyCommandOutput,
  GetPolicyCommandInput,
  GetPolicyCommandOutput,
  GetPolicyVersionCommandInput,
  GetPolicyVersionCommandOutput,
  Policy,
} from '@aws-sdk/client-iam';
import type { OperationTable } from '../service.ts';
import { checkPolicyDocument, MANAGED_POLICY_MAX } from './policy-documents.ts';
import type { IamState, ManagedPolicyRec } from './state.ts';
import { checkName, checkPath, checkTags, encodeDocument, type IamCtx, iamArn, iamFail, required, tagList } from './validation.ts';

type Out<T> = Omit<T, '$metadata'>;

export interface AwsManagedPolicy {
  readonly name: string;
  readonly path: string;
  readonly id: string;
}

const LIST: readonly [path: string, name: string, id: string][] = [
  ['/', 'AdministratorAccess', 'ANPAIWMBCKSKIEE64ZLYK'],
  ['/', 'ReadOnlyAccess', 'ANPAILL3HVNFSB6DCOWYQ'],
  ['/', 'AmazonS3FullAccess', 'ANPAIFIR6V6BVTRAHWINE'],
  ['/', 'AmazonS3ReadOnlyAccess', 'ANPAIZTJ4DXE7G6AGAE6M'],
  ['/', 'AmazonDynamoDBFullAccess', 'ANPAINUGF2JSOSUY76KYA'],
  ['/', 'AmazonDynamoDBReadOnlyAccess', 'ANPAIY2XFNA232XJ6J7X2'],
  ['/', 'AmazonSSMManagedInstanceCore', 'ANPAIXSHM2BNB2D3AXXRU'],
  ['/', 'CloudWatchAgentServerPolicy', 'ANPAIGOPKN7KRDAKTLG4I'],
  ['/', 'CloudWatchLogsFullAccess', 'ANPAJFZ4GSVNTGR7OTABA'],
  ['/', 'SecretsManagerReadWrite', 'ANPAJTBHEO5YXVNNTQQT2'],
  ['/', 'AmazonRDSFullAccess', 'ANPAI3R4QMOG6Q5A4VWVG'],
  ['/', 'AmazonEC2ContainerRegistryReadOnly', 'ANPAIFNTUQEQHRWAQZEF4'],
  ['/', 'AWSLambda_FullAccess', 'ANPAZKAPJZG4OCE4PHVW2'],
  ['/service-role/', 'AWSLambdaBasicExecutionRole', 'ANPAJNCQGXC42545SKXIK'],
  ['/service-role/', 'AWSLambdaVPCAccessExecutionRole', 'ANPAJVTME3YLVNL72YR2K'],
  ['/service-role/', 'AWSLambdaDynamoDBExecutionRole', 'ANPAIP7WNAGMIPYNW4WQG'],
  ['/service-role/', 'AWSLambdaRole', 'ANPAJX4DPCRGTC4NFDUXI'],
  ['/service-role/', 'AmazonEC2RoleforSSM', 'ANPAI6TL3SMY22S4KMMX6'],
  ['/service-role/', 'AmazonRDSEnhancedMonitoringRole', 'ANPAJV7BS425S4PTSSVGK'],
];

/** The AWS managed policy behind an ARN, if the sandbox knows it. */
export function awsManagedPolicy(arn: string): AwsManagedPolicy | undefined {
  const m = /^arn:aws[a-z-]*:iam::aws:policy(\/.*\/|\/)([\w+=,.@-]+)$/.exec(arn);
  if (!m) return undefined;
  const found = LIST.find(([path, name]) => path === m[1] && name === m[2]);
  return found && { path: found[0], name: found[1], id: found[2] };
}

/** A policy ARN, customer (account id) or AWS managed ('aws'). */
export function parsePolicyArn(arn: string): { account: string; path: string; name: string } | undefined {
  const m = /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy(\/(?:[\x21-\x7e]*\/)?)([\w+=,.@-]+)$/.exec(arn);
  return m ? { account: m[1]!, path: m[2]!, name: m[3]! } : undefined;
}

export interface PolicyInfo {
  readonly arn: string;
  readonly name: string;
  readonly path: string;
  readonly id: string;
  /** Customer managed policies only. */
  readonly record?: ManagedPolicyRec;
}

/** The policy behind an ARN (InvalidInput when it is not a policy ARN), or undefined. */
export function findPolicy(ctx: IamCtx, arn: string): PolicyInfo | undefined {
  const parsed = parsePolicyArn(arn);
  if (!parsed) iamFail(ctx, 'InvalidInput', `ARN ${arn} is not valid.`);
  if (parsed.account === 'aws') {
    const known = awsManagedPolicy(arn);
    return known && { arn, ...known };
  }
  const record = ctx.state.policies[arn];
  return record && { arn, name: record.name, path: record.path, id: record.id, record };
}

/** How many roles have the policy attached. */
function attachmentCount(ctx: IamCtx, arn: string): number {
  return Object.values(ctx.state.roles).filter((r) => r.attachedPolicies.includes(arn)).length;
}

function renderPolicy(ctx: IamCtx, p: PolicyInfo, withTags: boolean): Policy {
  const at = new Date(p.record?.createdAt ?? Date.UTC(2015, 1, 6, 18, 40, 0));
  return {
    PolicyName: p.name,
    PolicyId: p.id,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: 'v1',
    AttachmentCount: attachmentCount(ctx, p.arn),
    PermissionsBoundaryUsageCount: Object.values(ctx.state.roles).filter((r) => r.permissionsBoundary === p.arn).length,
    IsAttachable: true,
    Description: p.record?.description ?? undefined,
    CreateDate: at,
    UpdateDate: at,
    Tags: withTags && p.record ? tagList(p.record.tags) : undefined,
  };
}

function existing(ctx: IamCtx, arn: string | undefined): PolicyInfo {
  const policyArn = required(ctx, arn, 'policyArn');
  const found = findPolicy(ctx, policyArn);
  if (!found) iamFail(ctx, 'NoSuchEntity', `Policy ${policyArn} was not found.`);
  return found;
}

export const managedPolicyOperations = {
  CreatePolicy(input: CreatePolicyCommandInput, ctx: IamCtx): Out<CreatePolicyCommandOutput> {
    const name = checkName(ctx, input.PolicyName, 'policyName', 128);
    const path = checkPath(ctx, input.Path);
    checkPolicyDocument(ctx, input.PolicyDocument, 'identity', 'policyDocument');
    const document = input.PolicyDocument!;
    if (document.replace(/\s/g, '').length > MANAGED_POLICY_MAX) iamFail(ctx, 'LimitExceeded', `Cannot exceed quota for PolicySize: ${MANAGED_POLICY_MAX}`);
    const tags = checkTags(ctx, input.Tags);
    const arn = iamArn(ctx, `policy${path}${name}`);
    if (Object.values(ctx.state.policies).some((p) => p.name.toLowerCase() === name.toLowerCase())) {
      iamFail(ctx, 'EntityAlreadyExists', `A policy called ${name} already exists. Duplicate names are not allowed.`);
    }
    const record: ManagedPolicyRec = { name, id: ctx.ids.upperAlnum('ANPA', 21), path, arn, description: input.Description ?? null, document, createdAt: ctx.now, tags };
    ctx.state.policies[arn] = record;
    return { Policy: renderPolicy(ctx, { arn, name, path, id: record.id, record }, true) };
  },

  GetPolicy(input: GetPolicyCommandInput, ctx: IamCtx): Out<GetPolicyCommandOutput> {
    return { Policy: renderPolicy(ctx, existing(ctx, input.PolicyArn), true) };
  },

  GetPolicyVersion(input: GetPolicyVersionCommandInput, ctx: IamCtx): Out<GetPolicyVersionCommandOutput> {
    const policy = existing(ctx, input.PolicyArn);
    if (input.VersionId !== 'v1' || !policy.record) {
      iamFail(ctx, 'NoSuchEntity', `Policy ${policy.arn} version ${String(input.VersionId)} does not exist or is not attachable.`);
    }
    return {
      PolicyVersion: { Document: encodeDocument(policy.record.document), VersionId: 'v1', IsDefaultVersion: true, CreateDate: new Date(policy.record.createdAt) },
    };
  },

  DeletePolicy(input: DeletePolicyCommandInput, ctx: IamCtx): Out<DeletePolicyCommandOutput> {
    const policy = existing(ctx, input.PolicyArn);
    if (!policy.record) iamFail(ctx, 'InvalidInput', `Policy ${policy.arn} is an AWS managed policy and cannot be deleted.`);
    if (attachmentCount(ctx, policy.arn) > 0) iamFail(ctx, 'DeleteConflict', 'Cannot delete a policy attached to entities.');
    delete ctx.state.policies[policy.arn];
    return {};
  },
} satisfies OperationTable<IamState>;
