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

export type SpecDocument = ReturnType<typeof parseDocument>;

/** blog.spec.yaml (its text passed through `text`) with only the resources `ids`, edited, written to `dir/name`. */
export function writeSlice(ids: readonly string[], name: string, dir: string, edit: (doc: SpecDocument) => void, text = (t: string) => t): string {
  const doc = parseDocument(text(readFileSync(blogSpec, 'utf8')));
  const resources = doc.get('resources') as { items: { key: { value: string } }[] };
  resources.items = resources.items.filter((pair) => ids.includes(pair.key.value));
  edit(doc);
  const file = join(dir, name);
  writeFileSync(file, doc.toString());
  return file;
}

/** Writes the slice (optionally edited) to a temp file and returns its path. */
export function writeNetworkSpec(edit: (doc: SpecDocument) => void = () => undefined, dir = mkdtempSync(join(tmpdir(), 'blogctl-e2e-'))): string {
  return writeSlice(NETWORK_IDS, 'network.spec.yaml', dir, edit);
}
