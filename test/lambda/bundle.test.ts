/**
 * The deployment bundle runs on its own, as in Lambda: a plain `node` loads handler.js
 * with the AWS SDK found only through NODE_PATH (the runtime provides it), a missing
 * TABLE_NAME fails the cold start with the clear error, and with it set the handler
 * answers S3's test event with one JSON log line.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BUNDLE_FILE_NAME, bundleLambda } from '../../src/lambda/bundle.ts';

const NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));

const SCRIPT = `
const { handler } = require('./${BUNDLE_FILE_NAME}');
handler({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'blog-media' }, { awsRequestId: 'req-1' })
  .then((summary) => console.error(JSON.stringify(summary)));
`;

function run(dir: string, env: Record<string, string>) {
  return spawnSync(process.execPath, ['-e', SCRIPT], {
    cwd: dir,
    encoding: 'utf8',
    // Nothing of this process's environment: no credentials, no tsx loader.
    env: { PATH: process.env['PATH'] ?? '', NODE_PATH: NODE_MODULES, AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x', AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
  });
}

describe('lambda bundle', () => {
  it('is one file that loads without the repo, validates TABLE_NAME at cold start and handles an event', async () => {
    const code = await bundleLambda();
    const text = Buffer.from(code).toString('utf8');
    assert.match(text, /require\("@aws-sdk\/client-dynamodb"\)/, 'the SDK is left to the runtime');
    assert.doesNotMatch(text, /src\/reconciler|src\/resources/);
    const dir = mkdtempSync(join(tmpdir(), 'blogctl-lambda-bundle-'));
    writeFileSync(join(dir, BUNDLE_FILE_NAME), code);

    const cold = run(dir, {});
    assert.equal(cold.status, 1);
    assert.match(cold.stderr, /ConfigError: TABLE_NAME is not set: set the function's environment variable TABLE_NAME/);

    const ok = run(dir, { TABLE_NAME: 'blog-s3-objects' });
    assert.equal(ok.status, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stderr), { written: 0, duplicate: 0, superseded: 0, ignored: 1, malformed: 0, failed: 0 });
    const [line, ...more] = ok.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(more, []);
    assert.deepEqual([line?.['level'], line?.['outcome'], line?.['requestId'], line?.['msg']], ['warn', 'ignored', 'req-1', 'ignored']);
  });
});
