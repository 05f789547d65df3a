/**
 * Wiring: the middleware that lets a real SDK v3 client talk to the sandbox.
 *
 * It sits in the finalizeRequest step right after the SDK's retryMiddleware, so the
 * SDK's own serialisation, endpoint resolution, retry strategy and pagination helpers all
 * run; only the HTTP round trip (signing, transport, deserialisation) is replaced. It
 * answers without calling `next`: `{ output: { ...result, $metadata }, response }`, or
 * throws the service's SDK exception, which the retry middleware classifies exactly as it
 * would a real one (throttling and 5xx are retried, other client errors are not).
 * DynamoDB clients are answered from the deserializer's place (see attachSandbox) so the
 * DynamoDBDocumentClient's unmarshalling still runs.
 */
import { addPerAttempt } from '../aws/call-counter.ts';
import type { PluggableClient } from '../aws/plugin.ts';
import type { Sandbox } from './sandbox.ts';
import { SimulatedError } from './service.ts';

export const SANDBOX_MIDDLEWARE = 'blogctlSandbox';

/** The little of an SDK v3 client the sandbox needs. */
export type SandboxableClient = PluggableClient;

interface HandlerContext {
  readonly clientName?: string;
  readonly commandName?: string;
}

interface HandlerArgs {
  readonly input: object;
}

async function regionOf(client: SandboxableClient): Promise<string | undefined> {
  const region = client.config.region;
  const value: unknown = typeof region === 'function' ? await (region as () => unknown)() : region;
  return typeof value === 'string' ? value : undefined;
}

/** Makes `client` answer every command from `sandbox` instead of AWS. */
export function attachSandbox(client: SandboxableClient, sandbox: Sandbox): void {
  let region: Promise<string | undefined> | undefined;
  const middleware =
    (_next: unknown, context: HandlerContext) =>
    async (args: HandlerArgs): Promise<{ output: object; response: object }> => {
      const clientName = context.clientName ?? '';
      const operation = (context.commandName ?? '').replace(/Command$/, '');
      region ??= regionOf(client);
      try {
        const result = await sandbox.call(clientName, operation, args.input, await region);
        const requestId = sandbox.nextRequestId();
        return {
          output: { ...result, $metadata: { httpStatusCode: 200, requestId } },
          response: { statusCode: 200, reason: 'OK', headers: { 'x-amzn-requestid': requestId }, body: undefined },
        };
      } catch (e) {
        const sim = sandbox.simulatorFor(clientName);
        if (!(e instanceof SimulatedError) || sim === undefined) throw e;
        throw sim.errors.toException(e, { httpStatusCode: e.status, requestId: sandbox.nextRequestId(), attempts: 1, totalRetryDelay: 0 });
      }
    };
  if (client.config.serviceId === 'DynamoDB') {
    // DynamoDB is answered from the deserializer's place instead, so lib-dynamodb's
    // DocumentUnmarshall (added per command 'before deserializerMiddleware') still turns the
    // output into native values for a DynamoDBDocumentClient. Relative 'before' entries run
    // in the order added, client entries first: the answer hangs 'after' a no-op of that
    // name, which a DocumentClient command replaces (override) with its own.
    client.middlewareStack.addRelativeTo(((next: unknown) => next) as never, {
      relation: 'before',
      toMiddleware: 'deserializerMiddleware',
      name: 'DocumentUnmarshall',
      override: true,
    });
    client.middlewareStack.addRelativeTo(middleware as never, {
      relation: 'after',
      toMiddleware: 'DocumentUnmarshall',
      name: SANDBOX_MIDDLEWARE,
      override: true,
    });
    return;
  }
  addPerAttempt(client, SANDBOX_MIDDLEWARE, middleware);
}
