/**
 * s3.bucket's plan-time checks (its preflight), on values known only once references resolve (a name
 * built from ${aws.accountId}, ARNs built from params) and on what S3 says: the name is
 * valid DNS and free, the policy's ARNs are ARNs of this bucket, versioning never goes
 * back to Disabled. Each finding names the property, so the plan error points at it.
 */
import { KNOWN_AFTER_APPLY, type AdapterContext, type DesiredOf, type DesiredProblem } from '../../reconciler/types.ts';

type Finding = Omit<DesiredProblem, 'id'>;
import { headBucket, type ObservedBucket } from './read.ts';
import { nameProblems, type bucketProperties } from './schema.ts';

type Desired = DesiredOf<typeof bucketProperties>;

const ARN = /^arn:aws(-[a-z]+)*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}|aws)?:.+$/;
const known = (v: unknown): v is string => typeof v === 'string' && !v.includes(KNOWN_AFTER_APPLY);

/** Each value of a string-or-list field with its path (`Resource` or `Resource.1`). */
const valuesAt = (path: string, v: unknown): [string, unknown][] =>
  Array.isArray(v) ? v.map((x, i): [string, unknown] => [`${path}.${i}`, x]) : v === undefined ? [] : [[path, v]];

/** Is `arn` (any partition) the bucket or an object pattern under it? */
function ofBucket(arn: string, bucketArn: string): boolean {
  const plain = arn.replace(/^arn:aws(-[a-z]+)*:/, 'arn:aws:');
  return plain === bucketArn || plain.startsWith(`${bucketArn}/`);
}

function policyFindings(d: Desired): Finding[] {
  const out: Finding[] = [];
  const error = (path: string, message: string) => out.push({ path: `policy.${path}`, severity: 'error', message });
  const bucketArn = `arn:aws:s3:::${d.bucketName}`;
  (d.policy?.Statement ?? []).forEach((s, i) => {
    for (const field of ['Resource', 'NotResource'] as const)
      for (const [path, r] of valuesAt(`Statement.${i}.${field}`, s[field])) {
        if (!known(r) || r === '*') continue;
        if (!ARN.test(r)) error(path, `"${r}" is not an ARN (a bucket policy names ${bucketArn} or ${bucketArn}/<key pattern>)`);
        else if (known(d.bucketName) && !ofBucket(r, bucketArn))
          error(path, `"${r}" is not this bucket: S3 accepts only ${bucketArn} and ${bucketArn}/<key pattern> in its policy`);
      }
    for (const [op, keys] of Object.entries(s.Condition ?? {}))
      for (const [key, value] of Object.entries(keys))
        if (/arn$/i.test(key))
          for (const [path, v] of valuesAt(`Statement.${i}.Condition.${op}.${key}`, value))
            if (known(v) && !ARN.test(v)) error(path, `${key} takes an ARN; "${v}" is not one (arn:partition:service:region:account:resource)`);
    const principal = s.Principal;
    if (principal && principal !== '*')
      for (const [path, p] of valuesAt(`Statement.${i}.Principal.AWS`, principal.AWS))
        if (known(p) && p !== '*' && !/^\d{12}$/.test(p) && !ARN.test(p)) error(path, `"${p}" is not an AWS principal (an account id, an ARN, or "*")`);
  });
  return out;
}

export async function bucketFindings(d: Desired, ctx: AdapterContext, observed?: ObservedBucket): Promise<Finding[]> {
  const out: Finding[] = [];
  const name = d.bucketName;
  const nameBad = known(name) ? nameProblems(name) : [];
  if (nameBad.length > 0) out.push({ path: 'bucketName', severity: 'error', message: `"${name}" is not a valid bucket name (S3 names are DNS names): ${nameBad.join('; ')}` });
  out.push(...policyFindings(d));
  if (observed && observed.versioning !== 'Disabled' && d.versioning === 'Disabled')
    out.push({ path: 'versioning', severity: 'error', message: `versioning is ${observed.versioning} on ${name}; S3 never turns it back off: use Suspended` });
  if (!observed && known(name) && nameBad.length === 0 && (await headBucket(ctx, name)) === 'taken')
    out.push({ path: 'bucketName', severity: 'error', message: `bucket name "${name}" is taken by another AWS account (bucket names are global across all accounts): choose another bucketName` });
  return out;
}
