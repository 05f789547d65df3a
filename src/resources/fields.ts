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

/** A whole number in [min, max], with the range in the message. */
export const int = (min: number, max: number) =>
  z
    .number({ error: 'expected a number' })
    .int({ error: 'expected a whole number' })
    .min(min, { error: `must be between ${min} and ${max}` })
    .max(max, { error: `must be between ${min} and ${max}` });

/** A list of ids of other resources (`${sg}`, `${subnetA}`, or literal ids). */
export const idRefs = () => z.array(idRef());

const DNS_NAME = /^(\*\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.?$/;
/** A DNS name (`www.example.com`, `*.example.com`), a reference, or a string with references. */
export const domainName = () =>
  z.union([
    z.string().superRefine((v, ctx) => {
      if (v.length > 253 || !DNS_NAME.test(v))
        ctx.addIssue({
          code: 'custom',
          message: `"${v}" is not a DNS name (lowercase labels of letters, digits and "-", separated by dots, e.g. www.example.com)`,
        });
    }),
    refSchema,
    templateSchema,
  ]);

/** An EC2 instance type such as t3.micro (RDS classes are db.*, a different field). */
export const instanceType = () =>
  z.string().superRefine((v, ctx) => {
    if (v.startsWith('db.'))
      ctx.addIssue({ code: 'custom', message: `"${v}" is an RDS instance class; an EC2 instance type has no "db." prefix (e.g. t3.micro)` });
    else if (!/^[a-z][a-z0-9-]*\.[a-z0-9-]+$/.test(v))
      ctx.addIssue({ code: 'custom', message: `"${v}" is not an EC2 instance type (family.size, e.g. t3.micro)` });
  });

/**
 * Instance metadata service options (ec2.instance, ec2.launch-template). The defaults
 * are AWS's; the spec asks for `httpTokens: required` (IMDSv2 only) explicitly.
 */
export const metadataOptions = () =>
  z
    .object({
      httpTokens: oneOf(['optional', 'required']).default('optional'),
      httpEndpoint: oneOf(['enabled', 'disabled']).default('enabled'),
      httpPutResponseHopLimit: int(1, 64).default(1),
      instanceMetadataTags: oneOf(['enabled', 'disabled']).default('disabled'),
    })
    .strict()
    .prefault({});

/** EBS volumes of an instance or launch template; AWS keeps the AMI's mapping for devices left out. */
export const blockDeviceMappings = () =>
  z
    .array(
      z
        .object({
          /** e.g. /dev/sda1 (Ubuntu's root) or ${ami.rootDeviceName}. */
          deviceName: str(),
          ebs: z
            .object({
              volumeSize: int(1, 16384).optional(),
              volumeType: oneOf(['gp3', 'gp2', 'io1', 'io2', 'st1', 'sc1', 'standard']).default('gp3'),
              iops: int(100, 256000).optional(),
              encrypted: z.boolean().default(false),
              deleteOnTermination: z.boolean().default(true),
            })
            .strict(),
        })
        .strict(),
    )
    .default([]);
