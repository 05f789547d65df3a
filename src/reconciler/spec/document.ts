/**
 * The shape of blog.spec.yaml around the resources' properties: apiVersion, stack,
 * region, params, and each resource's meta fields (kind, protect, dependsOn, ...).
 */
import { z } from 'zod';
import { Ref, Template } from '../types.ts';

const RESOURCE_ID = /^[A-Za-z][A-Za-z0-9_-]*$/;
export const RESERVED_IDS = ['param', 'aws'] as const;

const paramValue = z.union([z.string(), z.number(), z.boolean()]);

export const paramDeclSchema = z
  .object({
    default: paramValue,
    description: z.string().optional(),
  })
  .strict();

const refOrString = z.union([z.string(), z.instanceof(Ref), z.instanceof(Template)]);

export const resourceMetaSchema = z
  .object({
    kind: z.string({ error: 'expected a kind such as ec2.vpc' }),
    description: z.string().optional(),
    protect: z.boolean().default(false),
    dependsOn: z.array(z.string()).default([]),
    ignoreChanges: z.array(z.string()).default([]),
    if: paramValue.optional(),
    properties: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

export const documentSchema = z
  .object({
    $schema: z.string().optional(),
    apiVersion: z.literal('blogctl/v1', { error: 'must be "blogctl/v1"; this blogctl reads blogctl/v1 specs' }),
    stack: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,31}$/, { error: 'stack must be lowercase letters, digits and dashes (at most 32), starting with a letter' }),
    region: refOrString.default('us-east-1'),
    description: z.string().optional(),
    params: z.record(z.string(), z.unknown()).default({}),
    /** Ids are checked by ids.ts, on the raw document. */
    resources: z.record(z.string(), z.unknown()),
  })
  .strict();

export const isResourceId = (id: string): boolean => RESOURCE_ID.test(id);
