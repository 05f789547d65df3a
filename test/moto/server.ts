/**
 * A second, independent AWS for the adapter tests: a moto server on a free loopback
 * port, started once per test file, reached through the SDK's standard chain
 * (AWS_ENDPOINT_URL, AWS_REGION, AWS_ACCESS_KEY_ID/SECRET in the environment), exactly
 * as a user points blogctl at LocalStack or moto.
 *
 *   const moto = motoSuite();                  // before/after hooks of this file
 *   describe('x', { skip: moto.unavailable }, () => { ... moto.context() ... });
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { after, before } from 'node:test';
import { AwsClients } from '../../src/aws/clients.ts';
import { fastRetry } from '../sandbox/harness.ts';
import { testContext, type TestContext } from '../resources/contract.ts';

export const MOTO_REGION = 'us-east-1';

/** Why moto runs are skipped here, or undefined when `python3 -c "import moto"` works. */
export function motoUnavailable(): string | undefined {
  const probe = spawnSync('python3', ['-c', 'import moto'], { stdio: 'ignore', timeout: 20_000 });
  return probe.status === 0 ? undefined : 'moto: python3 cannot import moto (pip install "moto[server]" to run these against it)';
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Does anything answer HTTP on the port? */
const answers = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/moto-api/', method: 'GET', timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.once('error', () => resolve(false));
    req.once('timeout', () => req.destroy());
    req.end();
  });

/** Waits until moto answers HTTP, retrying with a growing pause, at most `limitMs`. */
async function waitForHttp(child: ChildProcess, port: number, stderr: () => string, limitMs = 20_000): Promise<void> {
  const started = Date.now();
  let pause = 20;
  while (!(await answers(port))) {
    if (child.exitCode !== null) throw new Error(`moto exited with ${child.exitCode} before answering:\n${stderr()}`);
    if (Date.now() - started > limitMs) throw new Error(`moto did not answer on port ${port} within ${limitMs} ms:\n${stderr()}`);
    await new Promise((r) => setTimeout(r, pause));
    pause = Math.min(pause * 2, 250);
  }
}

export interface MotoServer {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export interface MotoOptions {
  /**
   * Load moto's catalogue of public AMIs when EC2 is first used (seconds of start-up);
   * default false: only kinds that look images up need it.
   */
  readonly loadDefaultAmis?: boolean;
}

export async function startMoto(options: MotoOptions = {}): Promise<MotoServer> {
  const port = await freePort();
  const env = { ...process.env, MOTO_EC2_LOAD_DEFAULT_AMIS: options.loadDefaultAmis ? 'true' : 'false' };
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'], env });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  try {
    await waitForHttp(child, port, () => err);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const CHAIN = ['AWS_ENDPOINT_URL', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE'] as const;

export interface MotoSuite {
  /** The skip reason when moto is not importable. */
  readonly unavailable: string | undefined;
  /** A context with its own stack name, its clients built by the SDK's standard chain. */
  context(): TestContext;
}

/**
 * Registers before/after hooks of the current file: starts moto once (when importable),
 * points the standard chain at it, and stops it and restores the environment after.
 */
export function motoSuite(options: MotoOptions = {}): MotoSuite {
  const unavailable = motoUnavailable();
  let server: MotoServer | undefined;
  let clients: AwsClients | undefined;
  const saved = Object.fromEntries(CHAIN.map((k) => [k, process.env[k]]));
  before(async () => {
    if (unavailable) return;
    server = await startMoto(options);
    process.env.AWS_ENDPOINT_URL = server.endpoint;
    process.env.AWS_REGION = MOTO_REGION;
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
    delete process.env.AWS_PROFILE;
    clients = new AwsClients({ region: MOTO_REGION, retryStrategy: fastRetry() });
  });
  after(async () => {
    clients?.destroy();
    await server?.stop();
    for (const k of CHAIN) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });
  return {
    unavailable,
    context() {
      if (!clients) throw new Error('moto is not running (the before hook did not run or failed)');
      return testContext(clients, MOTO_REGION);
    },
  };
}
