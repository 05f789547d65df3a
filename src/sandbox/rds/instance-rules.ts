/**
 * The parameter checks CreateDBInstance and ModifyDBInstance share (identifier, class,
 * storage, windows, log exports, security groups), and the backup/maintenance windows RDS
 * picks when none is given.
 */
import type { Ec2State } from '../ec2/state.ts';
import { hashHex } from '../ids.ts';
import { rdsFail } from './errors.ts';
import { exportableLogs } from './engine-versions.ts';
import type { RdsCtx } from './state.ts';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEK = 7 * 1440;

export function checkIdentifier(ctx: RdsCtx, id: string, param = 'DBInstanceIdentifier'): string {
  const lower = id.toLowerCase();
  if (!/^[a-z](?!.*--)[a-z0-9-]{0,62}$/.test(lower) || lower.endsWith('-')) {
    rdsFail(ctx, 'InvalidParameterValue', `The parameter ${param} is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens.`);
  }
  return lower;
}

const FAMILIES = 't3|t4g|m5|m5d|m6g|m6gd|m6i|m6id|m7g|m7i|m8g|r5|r5b|r6g|r6gd|r6i|r7g|r7i|r8g|x2g';

export function checkInstanceClass(ctx: RdsCtx, cls: string, engine: string, version: string): void {
  const m = new RegExp(`^db\\.(${FAMILIES})\\.(micro|small|medium|large|xlarge|\\d{1,2}xlarge)$`).exec(cls);
  const ok = m !== null && (!['micro', 'small', 'medium'].includes(m[2]!) || m[1]!.startsWith('t'));
  if (!ok) {
    rdsFail(ctx, 'InvalidParameterCombination', `RDS does not support creating a DB instance with the following combination: DBInstanceClass=${cls}, Engine=${engine}, EngineVersion=${version}, LicenseModel=general-public-license. For supported combinations of instance class and database engine version, see the documentation.`);
  }
}

const STORAGE: Readonly<Record<string, readonly [number, number]>> = {
  gp2: [20, 65536], gp3: [20, 65536], io1: [100, 65536], io2: [100, 65536], standard: [5, 3072],
};

/** Checks size and type; returns the IOPS and throughput RDS reports for them. */
export function checkStorage(
  ctx: RdsCtx,
  engine: string,
  type: string,
  size: number,
  iops: number | undefined,
  throughput: number | undefined,
): { iops: number | null; throughput: number | null } {
  const range = STORAGE[type];
  if (!range) rdsFail(ctx, 'InvalidParameterValue', `Invalid storage type: ${type}`);
  if (!Number.isInteger(size) || size < range[0] || size > range[1]) {
    rdsFail(ctx, 'InvalidParameterCombination', `Invalid storage size for engine name ${engine} and storage type ${type}: ${size}`);
  }
  if (type === 'gp3') {
    const small = size < 400;
    if (small && (iops !== undefined || throughput !== undefined)) {
      rdsFail(ctx, 'InvalidParameterCombination', `You can't specify IOPS or storage throughput for engine ${engine} and a storage size less than 400.`);
    }
    return { iops: iops ?? (small ? 3000 : 12000), throughput: throughput ?? (small ? 125 : 500) };
  }
  if (type === 'io1' || type === 'io2') {
    if (iops === undefined) rdsFail(ctx, 'InvalidParameterCombination', `You must specify Iops for storage type ${type}.`);
    return { iops, throughput: null };
  }
  if (iops !== undefined) rdsFail(ctx, 'InvalidParameterCombination', `You can't specify IOPS for storage type ${type}.`);
  return { iops: null, throughput: null };
}

export function checkMaxStorage(ctx: RdsCtx, max: number | undefined, size: number): void {
  if (max !== undefined && max !== 0 && max <= size) {
    rdsFail(ctx, 'InvalidParameterCombination', 'Max storage size must be greater than storage size');
  }
}

export function checkRetention(ctx: RdsCtx, days: number): void {
  if (!Number.isInteger(days) || days < 0 || days > 35) {
    rdsFail(ctx, 'InvalidParameterValue', `Invalid backup retention period: ${days}. The backup retention period must be between 0 and 35 days.`);
  }
}

/** [start, end) minutes of the week a window covers; the daily backup window repeats each day. */
function spans(window: string, daily: boolean): [number, number][] {
  const parts = window.toLowerCase().split('-').map((p) => p.split(':'));
  const minute = (p: string[]) => (daily ? 0 : DAYS.indexOf(p[0]!) * 1440) + Number(p[daily ? 0 : 1]) * 60 + Number(p[daily ? 1 : 2]);
  const start = minute(parts[0]!);
  let end = minute(parts[1]!);
  const period = daily ? 1440 : WEEK;
  if (end <= start) end += period;
  const one: [number, number][] = [[start, end]];
  return daily ? DAYS.flatMap((_, d) => one.map(([a, b]): [number, number] => [a + d * 1440, b + d * 1440])) : one;
}

const HHMM = '([01]\\d|2[0-3]):[0-5]\\d';

export function checkWindows(ctx: RdsCtx, backup: string, maintenance: string): void {
  if (!new RegExp(`^${HHMM}-${HHMM}$`).test(backup)) {
    rdsFail(ctx, 'InvalidParameterValue', 'The parameter PreferredBackupWindow must be provided and must be in the format hh24:mi-hh24:mi. Valid Values: 00:00 - 23:59');
  }
  if (!new RegExp(`^(${DAYS.join('|')}):${HHMM}-(${DAYS.join('|')}):${HHMM}$`).test(maintenance.toLowerCase())) {
    rdsFail(ctx, 'InvalidParameterValue', 'Invalid maintenance window format: must be ddd:hh24:mi-ddd:hh24:mi.');
  }
  const b = spans(backup, true);
  const m = spans(maintenance, false);
  if (b[0]![1] - b[0]![0] < 30) rdsFail(ctx, 'InvalidParameterValue', 'The backup window must be at least 30 minutes.');
  if (m[0]![1] - m[0]![0] < 30) rdsFail(ctx, 'InvalidParameterValue', 'The maintenance window must be at least 30 minutes.');
  const wrap = (s: [number, number][]) => s.flatMap(([a, c]): [number, number][] => [[a, c], [a - WEEK, c - WEEK], [a + WEEK, c + WEEK]]);
  if (wrap(b).some(([a, c]) => m.some(([x, y]) => a < y && x < c))) {
    rdsFail(ctx, 'InvalidParameterValue', 'The backup window and maintenance window must not overlap.');
  }
}

/** The windows RDS assigns when none is given: 30 minutes within the region's 03:00-09:00 UTC block. */
export function defaultWindows(seed: string): { backup: string; maintenance: string } {
  const h = hashHex('rds-windows', seed);
  const b = Number.parseInt(h.slice(0, 4), 16) % 12;
  const m = (b + 4 + (Number.parseInt(h.slice(4, 8), 16) % 8)) % 12;
  const day = DAYS[Number.parseInt(h.slice(8, 12), 16) % 7]!;
  const at = (slot: number, plus = 0) => {
    const minute = 180 + slot * 30 + plus;
    return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  };
  return { backup: `${at(b)}-${at(b, 30)}`, maintenance: `${day}:${at(m)}-${day}:${at(m, 30)}` };
}

/** When the next maintenance window starts, at or after `now`. */
export function nextWindowStart(window: string, now: number): number {
  const [start] = spans(window, false)[0]!;
  const minuteNow = Math.floor(now / 60_000);
  const weekday = (Math.floor(minuteNow / 1440) + 3) % 7; // 1970-01-01 was a Thursday
  const minuteOfWeek = weekday * 1440 + (minuteNow % 1440);
  const ahead = (start - minuteOfWeek + WEEK) % WEEK;
  return (minuteNow + ahead) * 60_000;
}

export function checkLogExports(ctx: RdsCtx, engine: string, version: string, logs: readonly string[]): void {
  const allowed = exportableLogs(engine, version);
  const bad = logs.filter((l) => !allowed.includes(l));
  if (bad.length > 0) {
    rdsFail(ctx, 'InvalidParameterCombination', `You cannot use the log types '${bad.join(', ')}' with engine version ${engine} ${version}. For supported log types, see the documentation.`);
  }
}

/** VPC security groups must exist in EC2 and be in the instance's VPC. */
export function checkSecurityGroups(ctx: RdsCtx, ids: readonly string[], vpcId: string): string[] {
  const ec2 = ctx.serviceState<Ec2State>('ec2');
  for (const id of ids) {
    const sg = ec2.securityGroups[id];
    if (!sg) rdsFail(ctx, 'InvalidParameterValue', `Invalid security group , groupId= ${id}, groupName=.`);
    if (sg.vpcId !== vpcId) {
      rdsFail(ctx, 'InvalidParameterCombination', `The DB instance and EC2 security group are in different VPCs. The DB instance is in ${vpcId} and the EC2 security group is in ${sg.vpcId}`);
    }
  }
  return [...new Set(ids)];
}

/** The VPC's default security group, which RDS uses when none is given. */
export function defaultSecurityGroup(ctx: RdsCtx, vpcId: string): string[] {
  const vpc = ctx.serviceState<Ec2State>('ec2').vpcs[vpcId];
  return vpc ? [vpc.defaultSecurityGroupId] : [];
}
