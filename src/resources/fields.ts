/**
 * Field types shared by every kind's schema. A field that accepts a reference says so
 * here (`str`, `cidr`, `arn`...); numbers and booleans take only literals and params.
 * The JSON Schema export (src/reconciler/spec/json-schema.ts) shows references as
 * strings matching REFERENCE_PATTERN.
 */
import { z } from 'zod';
import { parseCidr, formatCidr } from '../net/cidr.ts';
import { Ref, Template } from '../reconciler/types.ts';

/** A whole-value reference `${id}` / `${id.output}`. */
export const refSchema = z.instanceof(Ref, { error: 'expected a reference' });
/** A string with references inside it. */
export const templateSchema = z.instanceof(Template, { error: 'expected a string' });

/** A plain string, a reference, or a string with references inside. */
export const str = () => z.union([z.string(), refSchema, templateSchema]);

/** A non-empty literal string (names, keys) that may not be a reference. */
export const name = (what: string) => z.string().min(1, { error: `${what} must not be empty` });

/** An id of another resource: `${vpc}` or a literal id of something blogctl does not manage. */
export const idRef = () => z.union([z.string().min(1), refSchema]);

export const port = () =>
  z.number({ error: 'expected a port number' }).int({ error: 'a port is a whole number' }).min(0, {
    error: 'a port is between 0 and 65535',
  }).max(65535, { error: 'a port is between 0 and 65535' });

/** An IPv4 CIDR in canonical form (host bits zero), or a reference to one. */
export const cidr = () =>
  z.union([
    z.string().superRefine((v, ctx) => {
      const c = parseCidr(v);
      if (!c) ctx.addIssue({ code: 'custom', message: `"${v}" is not an IPv4 CIDR block (expected a.b.c.d/n, e.g. 10.0.0.0/16)` });
      else if (c.address !== c.base)
        ctx.addIssue({ code: 'custom', message: `"${v}" has host bits set: did you mean ${formatCidr(c)}?` });
    }),
    refSchema,
  ]);

const ARN = /^arn:aws(-[a-z]+)*:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+$/;
export const arn = () =>
  z.union([
    z.string().regex(ARN, { error: 'not an ARN (expected arn:aws:service:region:account:resource)' }),
    refSchema,
  ]);

/** User tags; blogctl adds its own blogctl:* tags, which the spec may not set. */
export const tags = () =>
  z
    .record(z.string(), str())
    .superRefine((t, ctx) => {
      for (const k of Object.keys(t))
        if (k.startsWith('blogctl:'))
          ctx.addIssue({ code: 'custom', path: [k], message: `tag "${k}": the blogctl: prefix is reserved for blogctl's own tags` });
    })
    .optional();

export const availabilityZone = () =>
  z.union([
    z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/, { error: 'not an availability zone (e.g. us-east-1a)' }),
    refSchema,
    templateSchema,
  ]);

/** A closed set of AWS values, with the allowed list in the message. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `expected one of: ${values.join(', ')}` });
