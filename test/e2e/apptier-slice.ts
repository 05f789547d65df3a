/**
 * The application tier of blog.spec.yaml, cut out of the real file: the network, the S3
 * endpoint, the AMI lookup and NAT instance, the IAM roles and instance profile, the
 * launch template, the Auto Scaling group and its policy. References to kinds other
 * engineers build (database, buckets, table, target group) become literal values, as if
 * those existed; the target group is made in the sandbox by the test.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { NETWORK_IDS } from './network-slice.ts';

export const APPTIER_IDS = [
  ...NETWORK_IDS, 'privateRouteTable', 's3Endpoint', 'ubuntuAmi', 'natInstance', 'appRole', 'appInstanceProfile', 'lambdaRole',
  'appLaunchTemplate', 'appAsg', 'cpuPolicy',
] as const;

/** What the slice writes instead of references to resources outside it. */
export const LITERALS = {
  '${media.arn}': 'arn:aws:s3:::blog-media-e2e',
  '${media}': 'blog-media-e2e',
  '${db.masterUserSecretArn}': 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-e2e-AbCdEf',
  '${db.dbName}': 'database1',
  '${db.endpoint}': 'blog-db.c0ffee.us-east-1.rds.amazonaws.com',
  '${db.port}': '3306',
  '${objectTable.arn}': 'arn:aws:dynamodb:us-east-1:123456789012:table/blog-s3-objects',
} as const;

const blogSpec = join(import.meta.dirname, '..', '..', 'blog.spec.yaml');

/**
 * Writes the slice to a temp file and returns its path. `targetGroupArn` stands for
 * ${appTargetGroup}; `edit` changes the document (a user data edit, a param).
 */
export function writeAppTierSpec(targetGroupArn: string, edit: (doc: ReturnType<typeof parseDocument>) => void = () => undefined, dir = mkdtempSync(join(tmpdir(), 'blogctl-apptier-'))): string {
  let text = readFileSync(blogSpec, 'utf8');
  for (const [ref, value] of Object.entries({ ...LITERALS, '${appTargetGroup}': targetGroupArn })) text = text.replaceAll(ref, value);
  const doc = parseDocument(text);
  const resources = doc.get('resources') as { items: { key: { value: string } }[] };
  resources.items = resources.items.filter((pair) => (APPTIER_IDS as readonly string[]).includes(pair.key.value));
  edit(doc);
  const file = join(dir, 'apptier.spec.yaml');
  writeFileSync(file, doc.toString());
  return file;
}

/** The spec's user data of the app servers with one line changed (what a new release does). */
export function withNewUserData(doc: ReturnType<typeof parseDocument>, from: string, to: string): void {
  const path = ['resources', 'appLaunchTemplate', 'properties', 'userData'];
  const text = String(doc.getIn(path));
  if (!text.includes(from)) throw new Error(`the user data has no "${from}"`);
  doc.setIn(path, text.replace(from, to));
}
