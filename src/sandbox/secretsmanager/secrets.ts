/**
 * Secrets Manager's part of the account, as far as blogctl's stack needs it: the secrets
 * RDS creates for a DB instance whose master password it manages (ManageMasterUserPassword),
 * read back with GetSecretValue/DescribeSecret. RDS writes them (createManagedSecret) and
 * removes them when the instance is gone (deleteManagedSecret).
 */
import type { IdGenerator } from '../ids.ts';
import { seededUuid } from '../ids.ts';

export interface SecretRec {
  arn: string;
  name: string;
  description: string;
  kmsKeyId: string;
  createdAt: number;
  versionId: string;
  secretString: string;
  owningService: string | null;
  tags: Record<string, string>;
  /** When the secret is deleted (RDS deletes its secret with the instance); null while it lives. */
  deletedAt: number | null;
}

export interface SecretsState {
  /** ARN -> secret */
  secrets: Record<string, SecretRec>;
}

export function emptySecretsState(): SecretsState {
  return { secrets: {} };
}

/** The account's AWS managed key of a service (aws/secretsmanager, aws/rds): one per account and region. */
export function awsManagedKeyArn(accountId: string, region: string, alias: string): string {
  return `arn:aws:kms:${region}:${accountId}:key/${seededUuid('aws-managed-key', accountId, region, alias)}`;
}

/** What AWS generates: no characters that break connection strings (/ @ " and space). */
export function generatePassword(ids: IdGenerator, length = 28): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&()*+,-.:;<=>?[]^_{|}~';
  const hex = ids.hex(length * 2);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16) % alphabet.length];
  return out;
}

export interface ManagedSecretRequest {
  readonly state: SecretsState;
  readonly ids: IdGenerator;
  readonly accountId: string;
  readonly region: string;
  readonly now: number;
  readonly instanceArn: string;
  readonly username: string;
  readonly kmsKeyId: string | undefined;
}

/** The secret RDS creates for a DB instance: `rds!db-<uuid>`, {"username","password"}. */
export function createManagedSecret(r: ManagedSecretRequest): SecretRec {
  purgeDeleted(r.state, r.now);
  const name = `rds!db-${r.ids.uuid()}`;
  const suffix = r.ids.upperAlnum('', 6);
  const secret: SecretRec = {
    arn: `arn:aws:secretsmanager:${r.region}:${r.accountId}:secret:${name}-${suffix}`,
    name,
    description: `Secret associated with primary RDS DB instance: ${r.instanceArn}`,
    kmsKeyId: r.kmsKeyId ?? awsManagedKeyArn(r.accountId, r.region, 'aws/secretsmanager'),
    createdAt: r.now,
    versionId: r.ids.uuid(),
    secretString: JSON.stringify({ username: r.username, password: generatePassword(r.ids) }),
    owningService: 'rds',
    tags: { 'aws:rds:primaryDBInstanceArn': r.instanceArn, 'aws:secretsmanager:owningService': 'rds' },
    deletedAt: null,
  };
  r.state.secrets[secret.arn] = secret;
  return secret;
}

/** Deletes the secret at `at` (now, or when the DB instance owning it is gone). */
export function deleteManagedSecret(state: SecretsState, arn: string, at: number): void {
  const s = state.secrets[arn];
  if (s) s.deletedAt = s.deletedAt === null ? at : Math.min(s.deletedAt, at);
}

const isDeleted = (s: SecretRec, now: number) => s.deletedAt !== null && s.deletedAt <= now;

/** A live secret by ARN or name (partial ARNs without the random suffix are not supported). Only reads. */
export function findSecret(state: SecretsState, id: string, now: number): SecretRec | undefined {
  const byArn = state.secrets[id];
  if (byArn !== undefined) return isDeleted(byArn, now) ? undefined : byArn;
  return Object.values(state.secrets).find((s) => s.name === id && !isDeleted(s, now));
}

/** Forgets the secrets whose deletion is done (writes do this; reads skip them). */
function purgeDeleted(state: SecretsState, now: number): void {
  for (const s of Object.values(state.secrets)) if (isDeleted(s, now)) delete state.secrets[s.arn];
}

/** A new AWSCURRENT version with a new password (RDS's RotateMasterUserPassword). */
export function rotateManagedSecret(state: SecretsState, arn: string, ids: IdGenerator): void {
  const s = state.secrets[arn];
  if (!s) return;
  const value = JSON.parse(s.secretString) as Record<string, unknown>;
  s.secretString = JSON.stringify({ ...value, password: generatePassword(ids) });
  s.versionId = ids.uuid();
}
