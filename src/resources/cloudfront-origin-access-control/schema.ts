/**
 * cloudfront.origin-access-control's schema: lets a distribution sign its requests to a
 * private S3 bucket (the bucket policy then allows only that distribution). OACs carry no
 * tags: blogctl keeps its owner mark at the end of the description (owner-mark.ts), so
 * the description the spec may write is shorter than AWS's 256 characters.
 */
import { z } from 'zod';
import type { KindSchema, SpecProblem } from '../../reconciler/types.ts';
import { literal } from '../cross-checks.ts';
import { oneOf, str } from '../fields.ts';
import { MAX_DESCRIPTION, MAX_LOGICAL_ID } from './owner-mark.ts';

export const originAccessControlProperties = z
  .object({
    /** Unique in the account; an existing OAC of this name without blogctl's mark is adopted with --adopt. */
    name: str(),
    /** At most 128 characters: the rest of AWS's 256 holds blogctl's owner mark. */
    description: z.string().max(MAX_DESCRIPTION).default(''),
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
    const problems: SpecProblem[] = [];
    const name = literal(self.properties.name);
    if (name !== undefined && (name.length === 0 || name.length > 64))
      problems.push({ pos: ctx.posOf(self, 'name'), message: 'an origin access control name is 1-64 characters' });
    if (self.id.length > MAX_LOGICAL_ID)
      problems.push({ pos: self.pos, message: `the id of an origin access control is at most ${MAX_LOGICAL_ID} characters (blogctl keeps it in the OAC's description)` });
    return problems;
  },
} satisfies KindSchema<'cloudfront.origin-access-control'>;
