/**
 * A minimal Secrets Manager: the RDS-managed master secrets of the blog's database, read
 * with GetSecretValue (what the app servers do at boot) and DescribeSecret.
 */
import {
  type DescribeSecretCommandInput,
  type DescribeSecretCommandOutput,
  type GetSecretValueCommandInput,
  type GetSecretValueCommandOutput,
  InternalServiceError,
  InvalidParameterException,
  InvalidRequestException,
  ResourceNotFoundException,
  SecretsManagerServiceException,
} from '@aws-sdk/client-secrets-manager';
import { DEFAULT_BUCKET } from '../faults.ts';
import { type CallContext, type ServiceSimulator, sdkExceptions } from '../service.ts';
import { emptySecretsState, findSecret, type SecretRec, type SecretsState } from './secrets.ts';

export type { SecretsState } from './secrets.ts';

type Ctx = CallContext<SecretsState>;
type Out<T> = Omit<T, '$metadata'>;

function secretOf(ctx: Ctx, id: string | undefined): SecretRec {
  if (id === undefined || id === '') ctx.fail('InvalidParameterException', 'You must provide a value for the SecretId parameter.');
  const s = findSecret(ctx.state, id, ctx.now);
  if (!s) ctx.fail('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
  return s;
}

export const secretsManagerSimulator: ServiceSimulator<SecretsState> = {
  name: 'secretsmanager',
  clientName: 'SecretsManagerClient',
  initialState: () => emptySecretsState(),
  operations: {
    GetSecretValue(input: GetSecretValueCommandInput, ctx: Ctx): Out<GetSecretValueCommandOutput> {
      const s = secretOf(ctx, input.SecretId);
      if (input.VersionId !== undefined && input.VersionId !== s.versionId) {
        ctx.fail('ResourceNotFoundException', "Secrets Manager can't find the specified secret value for VersionId: " + input.VersionId);
      }
      if (input.VersionStage !== undefined && input.VersionStage !== 'AWSCURRENT') {
        ctx.fail('ResourceNotFoundException', "Secrets Manager can't find the specified secret value for staging label: " + input.VersionStage);
      }
      return { ARN: s.arn, Name: s.name, VersionId: s.versionId, SecretString: s.secretString, VersionStages: ['AWSCURRENT'], CreatedDate: new Date(s.createdAt) };
    },
    DescribeSecret(input: DescribeSecretCommandInput, ctx: Ctx): Out<DescribeSecretCommandOutput> {
      const s = secretOf(ctx, input.SecretId);
      return {
        ARN: s.arn,
        Name: s.name,
        Description: s.description,
        KmsKeyId: s.kmsKeyId,
        RotationEnabled: s.owningService === 'rds',
        ...(s.owningService === 'rds' && { RotationRules: { AutomaticallyAfterDays: 7 } }),
        LastChangedDate: new Date(s.createdAt),
        Tags: Object.entries(s.tags).map(([Key, Value]) => ({ Key, Value })),
        VersionIdsToStages: { [s.versionId]: ['AWSCURRENT'] },
        ...(s.owningService !== null && { OwningService: s.owningService }),
        CreatedDate: new Date(s.createdAt),
      };
    },
  },
  errors: {
    throttling: { code: 'ThrottlingException', status: 400 },
    serverError: { code: 'InternalServiceError', status: 500 },
    toException: sdkExceptions(SecretsManagerServiceException, {
      ResourceNotFoundException,
      InvalidRequestException,
      InvalidParameterException,
      InternalServiceError,
    }),
  },
  rateLimit: () => DEFAULT_BUCKET,
};
