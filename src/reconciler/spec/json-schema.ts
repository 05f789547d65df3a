/**
 * `blogctl schema`: the JSON Schema of blog.spec.yaml, derived from the zod schemas, so
 * editors (yaml-language-server) autocomplete and check kinds and fields. References
 * appear as strings matching `${...}`; numbers and booleans also accept `${param.x}`.
 */
import { z } from 'zod';
import type { KindCatalog } from '../types.ts';
import { resourceMetaSchema } from './document.ts';

const REFERENCE_PATTERN = '\\$\\{[^}]+\\}';
const PARAM_PATTERN = '^\\$\\{\\s*param\\.[A-Za-z][A-Za-z0-9_]*\\s*\\}$';

type JsonSchema = Record<string, unknown>;

function toJson(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      const type = (ctx.zodSchema as unknown as { _zod: { def: { type: string } } })._zod.def.type;
      const js = ctx.jsonSchema as JsonSchema;
      if (type === 'custom') {
        for (const k of Object.keys(js)) delete js[k];
        Object.assign(js, { type: 'string', pattern: REFERENCE_PATTERN, description: 'a reference: ${id} or ${id.output}' });
      } else if (type === 'array' && (js.items as JsonSchema | undefined)?.type === 'object') {
        // List items may carry `if: ${param.x}`; the loader strips it before validation.
        const items = js.items as JsonSchema;
        items.properties = { if: { type: ['string', 'boolean'], description: 'keep this item only when the param is truthy' }, ...(items.properties as object) };
      } else if (type === 'number' || type === 'boolean') {
        const literal = { ...js };
        for (const k of Object.keys(js)) delete js[k];
        js.anyOf = [literal, { type: 'string', pattern: PARAM_PATTERN }];
      }
    },
  }) as JsonSchema;
}

export function specJsonSchema(catalog: KindCatalog): JsonSchema {
  const meta = toJson(resourceMetaSchema.omit({ kind: true, properties: true }));
  const metaProps = (meta.properties ?? {}) as Record<string, unknown>;
  const kinds = Object.values(catalog).sort((a, b) => a.kind.localeCompare(b.kind));
  const resourceVariants = kinds.map((k) => {
    const props = toJson(k.schema);
    delete props.$schema;
    return {
      title: k.kind,
      description: k.description,
      type: 'object',
      required: ['kind'],
      additionalProperties: false,
      properties: { ...metaProps, kind: { const: k.kind }, properties: props },
    };
  });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'blogctl spec',
    type: 'object',
    required: ['apiVersion', 'stack', 'resources'],
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      apiVersion: { const: 'blogctl/v1' },
      stack: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,31}$' },
      region: { type: 'string' },
      description: { type: 'string' },
      params: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          required: ['default'],
          additionalProperties: false,
          properties: { default: { type: ['string', 'number', 'boolean'] }, description: { type: 'string' } },
        },
      },
      resources: {
        type: 'object',
        propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_-]*$' },
        additionalProperties: {
          type: 'object',
          required: ['kind'],
          properties: { kind: { enum: kinds.map((k) => k.kind) } },
          oneOf: resourceVariants,
        },
      },
    },
  };
}
