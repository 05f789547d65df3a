#!/usr/bin/env node
// Runs the CLI from its bundle (bin/bundle.js: built on the first run after the sources
// change, then reused), so a start transforms no TypeScript. BLOGCTL_FROM_SOURCE=1 runs
// the sources through tsx instead (what the tests do).

// The SDK warns once per process that releases after January 2027 need Node 22; the
// versions in package-lock.json support Node 20, so the CLI's output stays clean.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function fromSource() {
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('../src/index.ts')).main;
}

let main;
if (process.env.BLOGCTL_FROM_SOURCE) main = await fromSource();
else {
  const { bundledEntry } = await import('./bundle.js');
  // A package directory this user may not write (a system-wide install) cannot hold the
  // bundle: the sources run as they are, a little slower to start.
  const entry = await bundledEntry().catch(() => undefined);
  main = entry ? (await import(entry)).main : await fromSource();
}
process.exitCode = await main(process.argv.slice(2));
