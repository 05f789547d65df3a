#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx: no build step to remember.
import { register } from 'tsx/esm/api';

// The SDK warns once per process that releases after January 2027 need Node 22; the
// versions in package-lock.json support Node 20, so the CLI's output stays clean.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { main } = await import('../src/index.ts');
process.exitCode = await main(process.argv.slice(2));
