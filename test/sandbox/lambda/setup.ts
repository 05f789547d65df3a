/**
 * Lambda test setup: a sandbox whose Lambda runs the given JS handlers, deployment
 * packages (real zip archives: an end-of-central-directory record whose comment varies),
 * and a function ready to call.
 */
import { createHash } from 'node:crypto';
import { IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, type CreateFunctionCommandInput, LambdaClient } from '@aws-sdk/client-lambda';
import { createLambdaSimulator, type LambdaSimulatorOptions } from '../../../src/sandbox/lambda/index.ts';
import { SIMULATORS } from '../../../src/sandbox/services.ts';
import { harness } from '../harness.ts';
import { lambdaRole } from '../iam/fixtures.ts';

/** An empty zip archive with `comment` in its end record: a valid package whose bytes vary. */
export function zip(comment = ''): Uint8Array {
  const text = Buffer.from(comment);
  const end = Buffer.alloc(22);
  end.write('PK\u0005\u0006', 0, 'latin1');
  end.writeUInt16LE(text.length, 20);
  return new Uint8Array(Buffer.concat([end, text]));
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64');
}

/** A harness whose Lambda simulator has these options (handlers, module root). */
export function lambdaHarness(options: LambdaSimulatorOptions = { moduleRoot: null }) {
  const services = SIMULATORS.map((s) => (s.name === 'lambda' ? createLambdaSimulator(options) : s));
  const h = harness({ services });
  return { ...h, lambda: h.clients.get(LambdaClient), iam: h.clients.get(IAMClient) };
}

export type LambdaHarness = ReturnType<typeof lambdaHarness>;

/** Creates a function with a role Lambda can assume; `active` advances the clock past Pending. */
export async function createFunction(h: LambdaHarness, input: Partial<CreateFunctionCommandInput> = {}, active = true) {
  const role = await lambdaRole(h.iam, `${input.FunctionName ?? 'fn'}-role`);
  const out = await h.lambda.send(
    new CreateFunctionCommand({ FunctionName: 'fn', Runtime: 'nodejs20.x', Handler: 'handler.handler', Role: role, Code: { ZipFile: zip('v1') }, ...input }),
  );
  if (active) h.clock.advance(1_000);
  return out;
}
