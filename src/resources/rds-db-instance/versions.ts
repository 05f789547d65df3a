/**
 * The engine version checked at plan time against what RDS offers now
 * (DescribeDBEngineVersions lists only versions one can still create). RDS retires old
 * minor versions; a spec naming one fails the plan at engineVersion, with the versions
 * offered, before anything is written. An instance already running a version RDS no
 * longer offers gets a warning instead: it runs until RDS upgrades it.
 */
import { DescribeDBEngineVersionsCommand } from '@aws-sdk/client-rds';
import type { AdapterContext, DesiredProblem } from '../../reconciler/types.ts';
import { rds } from '../rds/tags.ts';

const order = (a: string, b: string): number => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
};

/** The versions of `engine` RDS offers today, in version order. */
export async function offeredVersions(ctx: AdapterContext, engine: string): Promise<string[]> {
  const versions: string[] = [];
  let marker: string | undefined;
  do {
    const page = await rds(ctx).send(new DescribeDBEngineVersionsCommand({ Engine: engine, Marker: marker }));
    for (const v of page.DBEngineVersions ?? []) if (v.EngineVersion && (v.Status ?? 'available') === 'available') versions.push(v.EngineVersion);
    marker = page.Marker;
  } while (marker);
  return [...new Set(versions)].sort(order);
}

/** "8.0: 8.0.36, 8.0.37; 8.4: 8.4.6, 8.4.7": the offered versions by major. */
function byMajor(versions: readonly string[]): string {
  const groups = new Map<string, string[]>();
  for (const v of versions) {
    const major = v.split('.').slice(0, v.split('.').length > 2 ? 2 : 1).join('.');
    (groups.get(major) ?? groups.set(major, []).get(major)!).push(v);
  }
  return [...groups].map(([major, vs]) => `${major}: ${vs.join(', ')}`).join('; ');
}

export async function engineVersionFindings(ctx: AdapterContext, engine: string, version: string, running?: string): Promise<Omit<DesiredProblem, 'id'>[]> {
  let offered: string[];
  try {
    offered = await offeredVersions(ctx, engine);
  } catch (err) {
    const e = err as { $retryable?: unknown; $fault?: string };
    if (e.$retryable !== undefined || e.$fault === 'server') throw err; // throttled or failing: the engine retries
    // An endpoint without the call (moto): say so, and go on.
    return [{ path: 'engineVersion', severity: 'warning', message: `could not check ${engine} ${version} against what RDS offers (${(err as Error).name}: ${(err as Error).message})` }];
  }
  if (offered.includes(version)) return [];
  const list = offered.length > 0 ? `; RDS offers ${byMajor(offered)}` : '';
  if (running === version)
    return [{ path: 'engineVersion', severity: 'warning', message: `RDS no longer offers ${engine} ${version}, which this instance runs: it will be upgraded by RDS${list}` }];
  return [{
    path: 'engineVersion', severity: 'error',
    message: `RDS no longer offers ${engine} ${version} (retired minor versions cannot be created or upgraded to)${list}: set engineVersion to one of them`,
  }];
}
