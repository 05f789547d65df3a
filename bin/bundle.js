// The CLI as shipped JavaScript: an esbuild bundle of src/index.ts (and of the commands
// it loads lazily, as separate chunks) in dist/cli-<hash>/, where <hash> fingerprints the
// sources and the installed dependencies. It is made on the first run after a change
// (about a second) and reused after that, so a start costs no TypeScript transform.
// Plain JavaScript on purpose: it runs before anything can be transformed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(root, 'dist');

/** Every source file's path, size and mtime, and the lock file's: what the bundle is made of. */
function fingerprint() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) {
        const s = statSync(p);
        hash.update(`${p}\0${s.size}\0${s.mtimeMs}\n`);
      }
    }
  };
  walk(join(root, 'src'));
  for (const f of ['package.json', 'package-lock.json', 'bin/bundle.js']) {
    const p = join(root, f);
    if (existsSync(p)) hash.update(`${f}\0${statSync(p).mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

async function build(outdir) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: { index: join(root, 'src', 'index.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // esbuild and tsx run as themselves (the Lambda package build; the sandbox's in-process
    // TypeScript handler); everything else is bundled, so a start resolves no packages.
    external: ['esbuild', 'tsx', 'tsx/*'],
    // CommonJS packages inside an ESM bundle may use require(), __filename and __dirname.
    banner: {
      js: [
        "import { createRequire as __blogctlRequire } from 'node:module';",
        "import { fileURLToPath as __blogctlPath } from 'node:url';",
        'const require = __blogctlRequire(import.meta.url);',
        'const __filename = __blogctlPath(import.meta.url);',
        "const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));",
      ].join(' '),
    },
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'silent',
  });
}

/**
 * The bundle's entry for the current sources, built first when missing. Concurrent first
 * runs each build into a private directory and the first to rename it into place wins.
 */
export async function bundledEntry() {
  const dir = join(DIST, `cli-${fingerprint()}`);
  const entry = join(dir, 'index.js');
  if (existsSync(join(dir, 'complete'))) return entry;
  mkdirSync(DIST, { recursive: true });
  const tmp = join(DIST, `.build-${process.pid}-${Date.now()}`);
  try {
    await build(tmp);
    writeFileSync(join(tmp, 'complete'), '');
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another run put the same bundle in place
  }
  // Older bundles of this checkout are of no use any more.
  for (const old of readdirSync(DIST)) if (old.startsWith('cli-') && join(DIST, old) !== dir) rmSync(join(DIST, old), { recursive: true, force: true });
  return entry;
}
