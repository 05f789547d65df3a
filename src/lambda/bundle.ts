/**
 * The deployment bundle of the S3-event Lambda: handler.ts and what it imports (pino), in
 * one minified CommonJS file `handler.js` (Handler "handler.handler"). The AWS SDK v3 is
 * left out: the Lambda Node.js runtime provides it. Used by the bench and by whatever
 * packages the function's code; not part of the bundle itself.
 */
import { build } from 'esbuild';
import { packagePath } from '../package-files.ts';

export const LAMBDA_ENTRY = packagePath('src', 'lambda', 'handler.ts');
export const BUNDLE_FILE_NAME = 'handler.js';

/** Bundles `entry` (default: this handler) with what it imports into one CommonJS file. */
export async function bundleLambda(entry: string = LAMBDA_ENTRY): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['@aws-sdk/*'],
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const [file] = result.outputFiles;
  if (file === undefined || result.outputFiles.length !== 1) throw new Error(`esbuild produced ${result.outputFiles.length} files for ${entry}, expected 1`);
  return file.contents;
}
