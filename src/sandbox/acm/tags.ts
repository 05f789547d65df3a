/**
 * AddTagsToCertificate, RemoveTagsFromCertificate (a key, or a key with its value),
 * ListTagsForCertificate. 50 tags per certificate; `aws:` keys are reserved.
 */
import type {
  AddTagsToCertificateCommandInput,
  AddTagsToCertificateCommandOutput,
  ListTagsForCertificateCommandInput,
  ListTagsForCertificateCommandOutput,
  RemoveTagsFromCertificateCommandInput,
  RemoveTagsFromCertificateCommandOutput,
  Tag,
} from '@aws-sdk/client-acm';
import type { OperationTable } from '../service.ts';
import { certificateOf, settle } from './certificate-rules.ts';
import type { AcmCtx, AcmState } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

export function tagsOf(ctx: AcmCtx, arn: string): Tag[] {
  return Object.entries(ctx.state.tags[arn] ?? {}).map(([Key, Value]) => (Value === '' ? { Key } : { Key, Value }));
}

const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Validates and merges tags onto a certificate. */
export function addTags(ctx: AcmCtx, arn: string, tags: readonly Tag[]): void {
  const merged = { ...ctx.state.tags[arn] };
  for (const t of tags) {
    const key = t.Key ?? '';
    // ACM's Tag pattern: letters, digits, spaces and _ . : / = + - @ (no commas).
    if (key === '' || key.length > 128 || (t.Value ?? '').length > 256 || !TAG_TEXT.test(key) || !TAG_TEXT.test(t.Value ?? '')) {
      ctx.fail('InvalidTagException', `Tag key or value is not valid: ${key}`);
    }
    if (key.toLowerCase().startsWith('aws:')) ctx.fail('InvalidTagException', 'Tags beginning with aws: are reserved for AWS use.');
    merged[key] = t.Value ?? '';
  }
  if (Object.keys(merged).length > 50) ctx.fail('TooManyTagsException', `The request contains too many tags. Certificate ${arn} can have at most 50 tags.`);
  ctx.state.tags[arn] = merged;
}

export const tagOperations = {
  AddTagsToCertificate(input: AddTagsToCertificateCommandInput, ctx: AcmCtx): Out<AddTagsToCertificateCommandOutput> {
    settle(ctx);
    const c = certificateOf(ctx, input.CertificateArn);
    if (!input.Tags || input.Tags.length === 0) ctx.fail('ValidationException', "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1");
    addTags(ctx, c.arn, input.Tags);
    return {};
  },

  RemoveTagsFromCertificate(input: RemoveTagsFromCertificateCommandInput, ctx: AcmCtx): Out<RemoveTagsFromCertificateCommandOutput> {
    settle(ctx);
    const c = certificateOf(ctx, input.CertificateArn);
    const tags = { ...ctx.state.tags[c.arn] };
    for (const t of input.Tags ?? []) {
      const key = t.Key ?? '';
      if (key.toLowerCase().startsWith('aws:')) ctx.fail('InvalidTagException', 'Tags beginning with aws: are reserved for AWS use.');
      if (key in tags && (t.Value === undefined || tags[key] === t.Value)) delete tags[key];
    }
    ctx.state.tags[c.arn] = tags;
    return {};
  },

  ListTagsForCertificate(input: ListTagsForCertificateCommandInput, ctx: AcmCtx): Out<ListTagsForCertificateCommandOutput> {
    settle(ctx);
    const c = certificateOf(ctx, input.CertificateArn);
    return { Tags: tagsOf(ctx, c.arn) };
  },
} satisfies OperationTable<AcmState>;
