/**
 * A function's deployment package, made the same way every time so the same source
 * gives the same CodeSha256 (no false drift, no needless update):
 * - a Node.js entry (TypeScript or JavaScript) is bundled with esbuild (bundleLambda:
 *   one minified CommonJS file named after the Handler's module, AWS SDK external);
 * - a directory of another runtime (Python) is zipped as it is, files in sorted order;
 * - a .zip file is taken as it is.
 * The zip is written with fflate (zero dependencies, a deflate that gives the same bytes
 * for the same input) with every entry's time fixed at 1980-01-01 00:00 (the first DOS
 * time; given in local time because zip stores local times), Unix mode 0644, sorted names.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { bundleLambda } from '../../lambda/bundle.ts';
import { packageRoot } from '../../package-files.ts';

export interface CodePackage {
  readonly zip: Uint8Array;
  /** Base64 SHA-256 of the zip: what Lambda reports as CodeSha256. */
  readonly sha256: string;
  /** Where it came from, for messages. */
  readonly source: string;
}

const FILE_MODE = 0o100644;
const SCRIPT = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/** A zip of `files` (name -> bytes) that depends on nothing but the names and bytes. */
export function deterministicZip(files: Readonly<Record<string, Uint8Array>>): Uint8Array {
  // Built now from local parts: zip keeps local time, so the stored fields are 1980-01-01 00:00 in any time zone.
  const mtime = new Date(1980, 0, 1, 0, 0, 0);
  const entries: Zippable = {};
  for (const name of Object.keys(files).sort()) entries[name] = [files[name]!, { mtime, os: 3, attrs: FILE_MODE << 16, level: 9 }];
  return zipSync(entries);
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('base64');

/** Every file under `dir` (relative names with `/`), sorted; caches and dot files left out. */
function filesUnder(dir: string): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.') || name === '__pycache__' || name === 'node_modules') continue;
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full).split(sep).join('/')] = readFileSync(full);
    }
  };
  walk(dir);
  return out;
}

/** The module file of a Handler (`handler.handler` -> handler.ts) in `dir`. */
function entryIn(dir: string, handler: string): string | undefined {
  const module = handler.slice(0, handler.lastIndexOf('.'));
  return SCRIPT.map((ext) => join(dir, `${module}${ext}`)).find((f) => statSync(f, { throwIfNoEntry: false })?.isFile());
}

/**
 * Builds the package of `codePath` for `handler` on `runtime`. The path is relative to the
 * spec's directory (`baseDir`); not found there, to blogctl's own package, whose
 * src/lambda is the blog's S3-event function: a spec kept outside the repository still
 * deploys it.
 */
export async function packageCode(codePath: string, handler: string, runtime: string, baseDir: string): Promise<CodePackage> {
  const path = [resolve(baseDir, codePath), resolve(packageRoot(), codePath)].find((p) => existsSync(p));
  const stat = path === undefined ? undefined : statSync(path);
  if (!path || !stat) throw new Error(`code.path ${codePath}: no such file or directory (looked in ${baseDir} and in blogctl's package, ${packageRoot()})`);
  const module = handler.slice(0, handler.lastIndexOf('.'));
  let zip: Uint8Array;
  if (stat.isFile() && extname(path) === '.zip') zip = readFileSync(path);
  else if (runtime.startsWith('nodejs')) {
    const entry = stat.isDirectory() ? entryIn(path, handler) : path;
    if (!entry || !SCRIPT.includes(extname(entry)))
      throw new Error(`code.path ${codePath}: no ${module}.ts or ${module}.js for Handler ${handler}`);
    zip = deterministicZip({ [`${module}.js`]: await bundleLambda(entry) });
  } else zip = deterministicZip(stat.isDirectory() ? filesUnder(path) : { [basename(path)]: readFileSync(path) });
  return { zip, sha256: sha256(zip), source: path };
}

/**
 * The last package built for each code path and Handler in this process: observe builds
 * it (every plan, so a changed source is seen), diff compares its hash with Lambda's.
 */
const built = new Map<string, CodePackage>();
export const packageKey = (codePath: string, handler: string, runtime: string): string => `${codePath}\u0000${handler}\u0000${runtime}`;

export async function buildPackage(codePath: string, handler: string, runtime: string, baseDir: string): Promise<CodePackage> {
  const key = packageKey(codePath, handler, runtime);
  try {
    const pkg = await packageCode(codePath, handler, runtime, baseDir);
    built.set(key, pkg);
    return pkg;
  } catch (err) {
    built.delete(key); // an older package of a source that no longer builds must not stand in for it
    throw err;
  }
}

export const lastPackage = (codePath: string, handler: string, runtime: string): CodePackage | undefined => built.get(packageKey(codePath, handler, runtime));
