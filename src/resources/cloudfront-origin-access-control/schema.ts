/**
 * cloudfront.origin-access-control: lets a distribution sign its requests to a private
 * S3 bucket (the bucket policy then allows only that distribution). OACs carry no tags:
 * blogctl finds its own by name.
 */
import { z } from 'zod';
import type { KindSchema } from '../reconciler/types.ts';
import { literal } from './cross-checks.ts';
import { oneOf, str } from './fields.ts';

export const originAccessControlProperties = z
  .object({
    /** Unique in the account; blogctl identifies the OAC by it. */
    name: str(),
    description: z.string().max(256).default(''),
    originAccessControlOriginType: oneOf(['s3', 'mediastore', 'mediapackagev2', 'lambda']).default('s3'),
    /** always: sign every request (and replace any viewer Authorization header). */
    signingBehavior: oneOf(['always', 'never', 'no-override']).default('always'),
    signingProtocol: oneOf(['sigv4']).default('sigv4'),
  })
  .strict();

export type OriginAccessControlProperties = z.infer<typeof originAccessControlProperties>;

export const originAccessControlKind = {
  kind: 'cloudfront.origin-access-control',
  description: 'A CloudFront origin access control (signed requests to a private S3 origin).',
  schema: originAccessControlProperties,
  outputs: { id: 'exists' },
  defaultOutput: 'id',
  check(self, ctx) {
    const name = literal(self.properties.name);
    return name !== undefined && (name.length === 0 || name.length > 64)
      ? [{ pos: ctx.posOf(self, 'name'), message: 'an origin access control name is 1-64 characters' }]
      : [];
  },
} satisfies KindSchema<'cloudfront.origin-access-control'>;
