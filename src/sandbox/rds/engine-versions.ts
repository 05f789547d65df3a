/**
 * The engine versions RDS offers, as of late 2026: DescribeDBEngineVersions and the
 * version checks of CreateDBInstance/ModifyDBInstance.
 *
 * RDS retires minor versions: MySQL 8.0.28 and the other early 8.0 minors are deprecated
 * (listed only with IncludeAll, and refused by CreateDBInstance with "Cannot find version
 * 8.0.28 for mysql"); 8.0.3x/8.0.4x (under RDS Extended Support since 8.0's end of
 * standard support) and 8.4 are offered.
 */
import type {
  DBEngineVersion,
  DescribeDBEngineVersionsCommandInput,
  DescribeDBEngineVersionsCommandOutput,
} from '@aws-sdk/client-rds';
import type { OperationTable } from '../service.ts';
import { rdsFail } from './errors.ts';
import { applyRdsFilters, rdsPage } from './query.ts';
import type { RdsCtx, RdsState } from './state.ts';

interface Major {
  readonly engine: string;
  readonly major: string;
  readonly family: string;
  readonly description: string;
  readonly logs: readonly string[];
  readonly available: readonly string[];
  readonly deprecated: readonly string[];
  /** The minor RDS picks when only the major (or nothing) is given. */
  readonly defaultMinor: string;
}

const MYSQL_LOGS = ['audit', 'error', 'general', 'iam-db-auth-error', 'slowquery'];
const MARIADB_LOGS = ['audit', 'error', 'general', 'iam-db-auth-error', 'slowquery'];
const POSTGRES_LOGS = ['iam-db-auth-error', 'postgresql', 'upgrade'];

const MAJORS: readonly Major[] = [
  { engine: 'mysql', major: '8.0', family: 'mysql8.0', description: 'MySQL Community Edition', logs: MYSQL_LOGS,
    available: ['8.0.36', '8.0.37', '8.0.39', '8.0.40', '8.0.41', '8.0.42', '8.0.43'],
    deprecated: ['8.0.28', '8.0.32', '8.0.33', '8.0.34', '8.0.35'], defaultMinor: '8.0.42' },
  { engine: 'mysql', major: '8.4', family: 'mysql8.4', description: 'MySQL Community Edition', logs: MYSQL_LOGS,
    available: ['8.4.3', '8.4.4', '8.4.5', '8.4.6', '8.4.7'], deprecated: [], defaultMinor: '8.4.6' },
  { engine: 'mariadb', major: '10.11', family: 'mariadb10.11', description: 'MariaDb Community Edition', logs: MARIADB_LOGS,
    available: ['10.11.11', '10.11.13', '10.11.14'], deprecated: ['10.11.6', '10.11.7'], defaultMinor: '10.11.14' },
  { engine: 'mariadb', major: '11.4', family: 'mariadb11.4', description: 'MariaDb Community Edition', logs: MARIADB_LOGS,
    available: ['11.4.5', '11.4.7', '11.4.8'], deprecated: ['11.4.3'], defaultMinor: '11.4.8' },
  { engine: 'postgres', major: '16', family: 'postgres16', description: 'PostgreSQL', logs: POSTGRES_LOGS,
    available: ['16.8', '16.9', '16.10'], deprecated: ['16.1', '16.2'], defaultMinor: '16.10' },
  { engine: 'postgres', major: '17', family: 'postgres17', description: 'PostgreSQL', logs: POSTGRES_LOGS,
    available: ['17.4', '17.5', '17.6'], deprecated: [], defaultMinor: '17.6' },
];

/** The major an engine uses when CreateDBInstance names no version. */
const ENGINE_DEFAULT: Readonly<Record<string, string>> = { mysql: '8.4', mariadb: '11.4', postgres: '17' };

export const ENGINES = [...new Set(MAJORS.map((m) => m.engine))];

interface VersionRow {
  readonly m: Major;
  readonly version: string;
  readonly status: 'available' | 'deprecated';
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const ROWS: readonly VersionRow[] = MAJORS.flatMap((m) => [
  ...m.deprecated.map((version) => ({ m, version, status: 'deprecated' as const })),
  ...m.available.map((version) => ({ m, version, status: 'available' as const })),
]);

/** A stable paging key: engine, then version in numeric order. */
const rowKey = (r: VersionRow) => `${r.m.engine}\u0000${r.version.split('.').map((p) => p.padStart(5, '0')).join('.')}`;

export function majorOf(engine: string, version: string): Major | undefined {
  return MAJORS.find((m) => m.engine === engine && (version === m.major || version.startsWith(`${m.major}.`)));
}

/** The offered version CreateDBInstance/ModifyDBInstance would use, or InvalidParameterCombination. */
export function resolveVersion(ctx: RdsCtx, engine: string, requested: string | undefined): string {
  if (!ENGINES.includes(engine)) rdsFail(ctx, 'InvalidParameterValue', `Invalid DB engine: ${engine}`);
  const wanted = requested ?? ENGINE_DEFAULT[engine]!;
  const major = MAJORS.find((m) => m.engine === engine && m.major === wanted);
  if (major) return major.defaultMinor;
  const row = ROWS.find((r) => r.m.engine === engine && r.version === wanted && r.status === 'available');
  if (!row) rdsFail(ctx, 'InvalidParameterCombination', `Cannot find version ${wanted} for ${engine}`);
  return row.version;
}

export function parameterGroupFamily(engine: string, version: string): string {
  return majorOf(engine, version)?.family ?? `${engine}${version}`;
}

/** The CloudWatch log types an engine version exports. */
export function exportableLogs(engine: string, version: string): readonly string[] {
  return majorOf(engine, version)?.logs ?? [];
}

/** Checks an upgrade the way ModifyDBInstance does. */
export function checkUpgrade(ctx: RdsCtx, engine: string, from: string, to: string, allowMajor: boolean): void {
  if (compareVersions(to, from) < 0) rdsFail(ctx, 'InvalidParameterCombination', `Cannot upgrade ${engine} from ${from} to ${to}`);
  if (majorOf(engine, from) !== majorOf(engine, to) && !allowMajor) {
    rdsFail(ctx, 'InvalidParameterCombination', 'The AllowMajorVersionUpgrade flag must be present when upgrading to a new major version.');
  }
}

function render(r: VersionRow): DBEngineVersion {
  const later = ROWS.filter((t) => t.m.engine === r.m.engine && t.status === 'available' && compareVersions(t.version, r.version) > 0);
  return {
    Engine: r.m.engine,
    EngineVersion: r.version,
    DBParameterGroupFamily: r.m.family,
    DBEngineDescription: r.m.description,
    DBEngineVersionDescription: `${r.m.description.split(' ')[0]} ${r.version}`,
    ValidUpgradeTarget: later.map((t) => ({
      Engine: t.m.engine,
      EngineVersion: t.version,
      Description: `${t.m.description.split(' ')[0]} ${t.version}`,
      AutoUpgrade: false,
      IsMajorVersionUpgrade: t.m !== r.m,
    })),
    ExportableLogTypes: [...r.m.logs],
    SupportsLogExportsToCloudwatchLogs: true,
    SupportsReadReplica: true,
    SupportedFeatureNames: [],
    Status: r.status,
    SupportsParallelQuery: false,
    SupportsGlobalDatabases: false,
    SupportsBabelfish: false,
    SupportsCertificateRotationWithoutRestart: true,
    SupportedCACertificateIdentifiers: ['rds-ca-ecc384-g1', 'rds-ca-rsa2048-g1', 'rds-ca-rsa4096-g1'],
    SupportsLocalWriteForwarding: false,
    SupportsIntegrations: false,
  };
}

export const engineVersionOperations = {
  DescribeDBEngineVersions(input: DescribeDBEngineVersionsCommandInput, ctx: RdsCtx): Omit<DescribeDBEngineVersionsCommandOutput, '$metadata'> {
    let rows = ROWS.filter((r) => input.IncludeAll === true || r.status === 'available');
    if (input.Engine !== undefined) rows = rows.filter((r) => r.m.engine === input.Engine);
    if (input.EngineVersion !== undefined) {
      const v = input.EngineVersion;
      rows = rows.filter((r) => r.version === v || r.m.major === v);
    }
    if (input.DBParameterGroupFamily !== undefined) rows = rows.filter((r) => r.m.family === input.DBParameterGroupFamily);
    if (input.DefaultOnly === true) {
      rows = rows.filter((r) => r.version === (input.EngineVersion !== undefined ? r.m.defaultMinor : MAJORS.find((m) => m.engine === r.m.engine && m.major === ENGINE_DEFAULT[m.engine])!.defaultMinor));
    }
    rows = applyRdsFilters(ctx, rows, input.Filters, {
      engine: (r) => [r.m.engine],
      'engine-version': (r) => [r.version],
      'db-parameter-group-family': (r) => [r.m.family],
      status: (r) => [r.status],
      'engine-mode': () => ['provisioned'],
    });
    const page = rdsPage(ctx, rows, rowKey, input);
    return { DBEngineVersions: page.items.map(render), Marker: page.Marker };
  },
} satisfies OperationTable<RdsState>;
