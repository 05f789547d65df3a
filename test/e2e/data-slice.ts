/**
 * The data and events part of blog.spec.yaml, cut out of the real file with the network
 * it stands on: the database and its subnet group, the buckets, the object table, the
 * S3-event function, its permission and the media bucket's notification. Two edits keep
 * it to kinds with adapters: the media bucket's CloudFront statement goes (the
 * distribution is another slice's), and the function's role is a given ARN (iam.role is
 * another adapter's; the test makes the role with the SDK).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { loadSpec } from '../../src/reconciler/spec/load.ts';
import type { Spec } from '../../src/reconciler/types.ts';
import { kindCatalog } from '../../src/resources/registry.ts';

export const DATA_IDS = [
  'vpc', 'privateSubnetA', 'privateSubnetB', 'albSg', 'ec2Sg', 'dbSg', 'dbSubnetGroup', 'db',
  'media', 'failoverBucket', 'objectTable', 's3EventsFunction', 's3InvokePermission', 'mediaNotification',
] as const;

export const REPO = join(import.meta.dirname, '..', '..');

export interface SliceOptions {
  readonly roleArn: string;
  readonly params?: Readonly<Record<string, string>>;
  /** Edits of the YAML document before it is loaded. */
  readonly edit?: (doc: ReturnType<typeof parseDocument>) => void;
}

/** The slice's text (for error positions in it) and its loaded spec, as if it were blog.spec.yaml. */
export function dataSlice(o: SliceOptions): { text: string; spec: Spec } {
  const doc = parseDocument(readFileSync(join(REPO, 'blog.spec.yaml'), 'utf8'));
  const resources = doc.get('resources') as { items: { key: { value: string } }[] };
  resources.items = resources.items.filter((pair) => (DATA_IDS as readonly string[]).includes(pair.key.value));
  doc.deleteIn(['resources', 'media', 'properties', 'policy', 'Statement', 0]);
  doc.setIn(['resources', 's3EventsFunction', 'properties', 'role'], o.roleArn);
  o.edit?.(doc);
  const text = doc.toString();
  return { text, spec: loadSpec(text, 'blog.spec.yaml', { catalog: kindCatalog, env: {}, params: o.params ?? {} }) };
}
