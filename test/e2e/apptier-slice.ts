/**
 * The application tier of blog.spec.yaml, cut out of the real file: the network, the S3
 * endpoint, the AMI lookup and NAT instance, the IAM roles and instance profile, the
 * launch template, the Auto Scaling group and its policy. References to kinds other
 * engineers build (database, buckets, table, target group) become literal values, as if
 * those existed; the target group is made in the sandbox by the test.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NETWORK_IDS, writeSlice, type SpecDocument } from './network-slice.ts';

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

/**
 * Writes the slice to a temp file and returns its path. `targetGroupArn` stands for
 * ${appTargetGroup}; `edit` changes the document (a user data edit, a param).
 */
export function writeAppTierSpec(targetGroupArn: string, edit: (doc: SpecDocument) => void = () => undefined, dir = mkdtempSync(join(tmpdir(), 'blogctl-apptier-'))): string {
  const literals = (text: string) =>
    Object.entries({ ...LITERALS, '${appTargetGroup}': targetGroupArn }).reduce((t, [ref, value]) => t.replaceAll(ref, value), text);
  return writeSlice(APPTIER_IDS, 'apptier.spec.yaml', dir, edit, literals);
}

/** The spec's user data of the app servers with one line changed (what a new release does). */
export function withNewUserData(doc: SpecDocument, from: string, to: string): void {
  const path = ['resources', 'appLaunchTemplate', 'properties', 'userData'];
  const text = String(doc.getIn(path));
  if (!text.includes(from)) throw new Error(`the user data has no "${from}"`);
  doc.setIn(path, text.replace(from, to));
}
