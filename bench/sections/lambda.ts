/**
 * The S3-event Lambda's deployment bundle: its size (minified, AWS SDK external, as
 * src/lambda/bundle.ts builds it) and its cold-start import time: a fresh `node` loads
 * handler.js as Lambda's init phase would (AWS_EXECUTION_ENV set, so the configuration
 * is read and the clients built; the SDK comes from NODE_PATH, as the runtime provides
 * it). Median of several processes; for scale, the same for requiring only the two SDK
 * clients it uses (what any Node.js function calling DynamoDB and S3 pays).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { BUNDLE_FILE_NAME, bundleLambda } from '../../src/lambda/bundle.ts';
import type { BenchSection } from '../results.ts';

const RUNS = 9;
const NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));
const timed = (body: string) => `const t = performance.now(); ${body}; process.stdout.write(String(performance.now() - t));`;
const IMPORT_BUNDLE = timed(`require('./${BUNDLE_FILE_NAME}')`);
const IMPORT_SDK = timed(`require('@aws-sdk/client-dynamodb'); require('@aws-sdk/client-s3')`);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function coldImportMs(dir: string, script: string): number {
  const out = spawnSync(process.execPath, ['-e', script], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', NODE_PATH: NODE_MODULES, AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x', AWS_REGION: 'us-east-1', TABLE_NAME: 'blog-s3-objects' },
  });
  if (out.status !== 0) throw new Error(`importing failed: ${out.stderr}`);
  return Number(out.stdout);
}

export const lambdaSection: BenchSection = {
  name: 'lambda',
  async run(dir, record) {
    const started = performance.now();
    const code = await bundleLambda();
    const buildMs = performance.now() - started;
    writeFileSync(join(dir, BUNDLE_FILE_NAME), code);
    const gzipped = gzipSync(code).length;
    console.log(`bundle: ${code.length} bytes minified (${gzipped} gzipped), @aws-sdk external, built in ${buildMs.toFixed(0)} ms`);
    record('lambda.bundleBytes', code.length);
    record('lambda.bundleGzipBytes', gzipped);
    record('lambda.bundleBuildMs', buildMs);
    // Interleaved, so a change in the machine's load affects both alike.
    const times: number[] = [];
    const sdkTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      times.push(coldImportMs(dir, IMPORT_BUNDLE));
      sdkTimes.push(coldImportMs(dir, IMPORT_SDK));
    }
    const ms = median(times);
    const sdkMs = median(sdkTimes);
    console.log(`cold import of the bundle (init: config + DynamoDB and S3 clients): median ${ms.toFixed(1)} ms of ${RUNS} fresh processes (${Math.min(...times).toFixed(1)}-${Math.max(...times).toFixed(1)})`);
    console.log(`  of which the two SDK clients alone: median ${sdkMs.toFixed(1)} ms`);
    record('lambda.coldImportMs', ms);
    record('lambda.sdkClientsImportMs', sdkMs);
  },
};
