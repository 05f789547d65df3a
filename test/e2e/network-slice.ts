/**
 * The network part of blog.spec.yaml, cut out of the real file: the VPC, its subnets,
 * the internet gateway, the public route table and the security groups. Resources that
 * need kinds without adapters yet (the NAT instance and what routes through it) stay out.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

export const NETWORK_IDS = [
  'vpc', 'publicSubnetA', 'publicSubnetB', 'privateSubnetA', 'privateSubnetB', 'igw', 'publicRouteTable', 'albSg', 'natSg', 'ec2Sg', 'dbSg',
] as const;

const blogSpec = join(import.meta.dirname, '..', '..', 'blog.spec.yaml');

/** Writes the slice (optionally edited) to a temp file and returns its path. */
export function writeNetworkSpec(edit: (doc: ReturnType<typeof parseDocument>) => void = () => undefined, dir = mkdtempSync(join(tmpdir(), 'blogctl-e2e-'))): string {
  const doc = parseDocument(readFileSync(blogSpec, 'utf8'));
  const resources = doc.get('resources') as { items: { key: { value: string } }[] };
  resources.items = resources.items.filter((pair) => (NETWORK_IDS as readonly string[]).includes(pair.key.value));
  edit(doc);
  const file = join(dir, 'network.spec.yaml');
  writeFileSync(file, doc.toString());
  return file;
}
