/**
 * Files of the blogctl package itself (src/lambda/handler.ts, ...), found from wherever
 * the running code is: the sources under tsx, or the bundle in dist/. The package root is
 * the nearest directory up with blogctl's package.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (root !== undefined) return root;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'blogctl') return (root = dir);
    if (dirname(dir) === dir) throw new Error(`cannot find blogctl's package.json above ${fileURLToPath(import.meta.url)}`);
  }
}

/** A path inside the package: packagePath('src', 'lambda', 'handler.ts'). */
export const packagePath = (...parts: string[]): string => join(packageRoot(), ...parts);

/**
 * Imports a module of the package that may be TypeScript: directly where TypeScript is
 * loadable (tests and sources run under tsx), else after registering tsx once (the
 * bundled CLI running the sandbox's in-process Lambda handler).
 */
export async function importSource(href: string): Promise<Record<string, unknown>> {
  try {
    return (await import(href)) as Record<string, unknown>;
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw err;
    const { register } = await import('tsx/esm/api');
    register();
    return (await import(href)) as Record<string, unknown>;
  }
}
