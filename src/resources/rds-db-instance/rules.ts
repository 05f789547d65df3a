/** The rules of rds.db-instance that RDS would otherwise report only when creating it. */
import type { CheckContext, SpecProblem, SpecResource } from '../../reconciler/types.ts';
import { list, literal } from '../cross-checks.ts';

const LOGS: Record<string, readonly string[]> = {
  mysql: ['audit', 'error', 'general', 'slowquery'],
  mariadb: ['audit', 'error', 'general', 'slowquery'],
  postgres: ['postgresql', 'upgrade'],
};
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const HHMM = '([01]\\d|2[0-3]):([0-5]\\d)';
const BACKUP = new RegExp(`^${HHMM}-${HHMM}$`);
const MAINTENANCE = new RegExp(`^(${DAYS.join('|')}):${HHMM}-(${DAYS.join('|')}):${HHMM}$`);

/** Minutes of the week: [start, end) intervals, split where they wrap around. */
type Span = readonly [number, number];
const WEEK = 7 * 1440;
const spans = (start: number, end: number, period: number): Span[] =>
  end > start ? [[start, end]] : [[start, period], [0, end]];
const length = (s: readonly Span[]): number => s.reduce((n, [a, b]) => n + b - a, 0);

export function checkDbInstance(self: SpecResource, ctx: CheckContext): SpecProblem[] {
  const p = self.properties;
  const problems: SpecProblem[] = [];
  const at = (path: string, message: string) => problems.push({ pos: ctx.posOf(self, path), message });
  const engine = String(p.engine);

  const id = literal(p.dbInstanceIdentifier);
  if (id !== undefined && (!/^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,62}$/.test(id) || id.endsWith('-')))
    at('dbInstanceIdentifier', `"${id}" is not a DB instance identifier: 1-63 letters, digits and single hyphens, starting with a letter, not ending with a hyphen`);

  const version = String(p.engineVersion);
  const versionOk = engine === 'postgres' ? /^\d+(\.\d+)?$/.test(version) : /^\d+\.\d+\.\d+$/.test(version);
  if (!versionOk)
    at('engineVersion', `"${version}" is not a ${engine} version (${engine === 'postgres' ? 'major.minor, e.g. 16.3' : 'major.minor.patch, e.g. 8.0.28'})`);

  const logs = LOGS[engine] ?? [];
  list(p.enableCloudwatchLogsExports).forEach((l, i) => {
    if (!logs.includes(String(l))) at(`enableCloudwatchLogsExports.${i}`, `${engine} exports these logs: ${logs.join(', ')}; not "${String(l)}"`);
  });

  if (engine === 'mysql' || engine === 'mariadb') {
    const user = String(p.masterUsername);
    if (!/^[A-Za-z][A-Za-z0-9_]{0,15}$/.test(user) || user.toLowerCase() === 'rdsadmin')
      at('masterUsername', `"${user}" is not a ${engine} master user name: 1-16 letters, digits and _, starting with a letter (rdsadmin is reserved)`);
    if (p.dbName !== undefined && !/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(String(p.dbName)))
      at('dbName', `"${String(p.dbName)}" is not a ${engine} database name: 1-64 letters, digits and _, starting with a letter`);
  }

  const max = p.maxAllocatedStorage as number | undefined;
  if (max !== undefined && max <= (p.allocatedStorage as number))
    at('maxAllocatedStorage', `maxAllocatedStorage (${max}) must be larger than allocatedStorage (${String(p.allocatedStorage)}) for storage autoscaling`);

  let backup: Span[] | undefined;
  const bw = p.preferredBackupWindow as string | undefined;
  if (bw !== undefined) {
    const m = BACKUP.exec(bw);
    if (!m) at('preferredBackupWindow', `"${bw}" is not a backup window (hh:mm-hh:mm in UTC, e.g. 03:00-04:00)`);
    else {
      const [h1, m1, h2, m2] = m.slice(1).map(Number) as [number, number, number, number];
      backup = spans(h1 * 60 + m1, h2 * 60 + m2, 1440);
      if (length(backup) < 30) at('preferredBackupWindow', 'the backup window must be at least 30 minutes');
      if (p.backupRetentionPeriod === 0) at('preferredBackupWindow', 'a backup window with backupRetentionPeriod 0 (no backups) does nothing');
    }
  }
  const mw = p.preferredMaintenanceWindow as string | undefined;
  if (mw !== undefined) {
    const m = MAINTENANCE.exec(mw.toLowerCase());
    if (!m) at('preferredMaintenanceWindow', `"${mw}" is not a maintenance window (ddd:hh:mm-ddd:hh:mm in UTC, e.g. mon:05:00-mon:06:00)`);
    else {
      const minute = (d: string, h: string, mm: string) => DAYS.indexOf(d) * 1440 + Number(h) * 60 + Number(mm);
      const maint = spans(minute(m[1]!, m[2]!, m[3]!), minute(m[4]!, m[5]!, m[6]!), WEEK);
      if (length(maint) < 30) at('preferredMaintenanceWindow', 'the maintenance window must be at least 30 minutes');
      // The backup window repeats every day of the week.
      const daily = backup?.flatMap(([a, b]) => DAYS.map((_, d): Span => [a + d * 1440, b + d * 1440])) ?? [];
      if (daily.some(([a, b]) => maint.some(([c, d]) => a < d && c < b)))
        at('preferredMaintenanceWindow', `the maintenance window ${mw} overlaps the daily backup window ${bw}`);
    }
  }
  return problems;
}
