/**
 * Object bodies: what PutObject may be given (a string, bytes, a Node Readable, a web
 * ReadableStream or a Blob), read into bytes; and what GetObject returns, a Readable with
 * the SDK's stream mixin (transformToString, transformToByteArray, transformToWebStream),
 * as the SDK's own deserialiser builds it.
 */
import { Readable } from 'node:stream';
import { sdkStreamMixin } from '@smithy/core/serde';
import type { StreamingBlobPayloadOutputTypes } from '@smithy/types';

export async function readBody(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (typeof Blob !== 'undefined' && body instanceof Blob) return Buffer.from(await body.arrayBuffer());
  if (typeof (body as ReadableStream).getReader === 'function') {
    const chunks: Uint8Array[] = [];
    const reader = (body as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    return Buffer.concat(chunks);
  }
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<unknown>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }
  throw new TypeError(`blogctl sandbox: cannot read an object body of type ${Object.prototype.toString.call(body)}`);
}

/** The Body member of a GetObject output. */
export function bodyStream(bytes: Buffer): StreamingBlobPayloadOutputTypes {
  const stream = new Readable({ read() {} });
  if (bytes.length > 0) stream.push(bytes);
  stream.push(null);
  return sdkStreamMixin(stream) as StreamingBlobPayloadOutputTypes;
}
