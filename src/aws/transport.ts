/**
 * The HTTP side of the clients: connection and request timeouts (an endpoint that accepts
 * and never answers fails the attempt, which is retried like a 5xx), and errors that name
 * the endpoint they came from.
 */
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { addPerAttempt, type MiddlewareHost } from './call-counter.ts';

export { type EndpointError, isEndpointError } from './errors.ts';

export interface Timeouts {
  /** Establishing the connection (TCP + TLS). */
  readonly connectMs: number;
  /** The whole request, from sending to the last byte of the response. */
  readonly requestMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 5_000, requestMs: 30_000 };

export function httpHandler(t: Timeouts): NodeHttpHandler {
  return new NodeHttpHandler({ connectionTimeout: t.connectMs, requestTimeout: t.requestMs, throwOnRequestTimeout: true });
}

/** Node's and the SDK's names for "the network did not get an answer". */
const TRANSPORT_ERRORS = new Set([
  'TimeoutError', 'ETIMEDOUT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
]);

interface HttpRequestLike {
  readonly protocol?: string;
  readonly hostname?: string;
  readonly port?: number;
}

export const ENDPOINT_ERRORS_MIDDLEWARE = 'blogctlEndpointErrors';

/** Adds to each attempt's transport error the endpoint it was sent to (in `endpoint` and the message). */
export function attachEndpointErrors(client: MiddlewareHost): void {
  const middleware =
    (next: (args: { request?: HttpRequestLike }) => Promise<unknown>) =>
    async (args: { request?: HttpRequestLike }): Promise<unknown> => {
      try {
        return await next(args);
      } catch (e) {
        const err = e as Error & { code?: string };
        const r = args.request;
        if (err instanceof Error && r?.hostname && (TRANSPORT_ERRORS.has(err.name) || TRANSPORT_ERRORS.has(err.code ?? ''))) {
          const endpoint = `${r.protocol ?? 'https:'}//${r.hostname}${r.port ? `:${r.port}` : ''}`;
          Object.assign(err, { endpoint, message: `${err.message} (endpoint ${endpoint})` });
        }
        throw e;
      }
    };
  addPerAttempt(client, ENDPOINT_ERRORS_MIDDLEWARE, middleware);
}
