/**
 * load + validate: YAML text -> a typed Spec, or a SpecError listing every problem
 * with file:line:col. Nothing here talks to AWS.
 */
import { SpecError } from '../errors.ts';
import { findCycles } from '../graph.ts';
import type { KindCatalog, ParamValue, SourcePos, Spec, SpecProblem, SpecResource } from '../types.ts';
import { documentSchema, paramDeclSchema, resourceMetaSchema } from './document.ts';
import { checkResourceIds } from './ids.ts';
import { MAX_SPEC_BYTES, tooLarge } from './limits.ts';
import { isTruthy, renumberPositions, resolveParams, substituteParams, type ParamDecl } from './params.ts';
import { checkCrossResource, type Absence } from './cross-resource.ts';
import { readSpecFile } from './read-file.ts';
import { pathKey, readSource, type SourceDoc } from './source.ts';
import { suggest } from './suggest.ts';
import { issuesToProblems } from './zod-issues.ts';

export interface LoadOptions {
  readonly catalog: KindCatalog;
  /** `--param k=v` values. */
  readonly params?: Readonly<Record<string, string>>;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** A loaded spec and what is worth saying about it without refusing it. */
export interface LoadedSpec extends Spec {
  /** Located like problems; the commands print them to stderr. */
  readonly warnings: readonly SpecProblem[];
}

export function loadSpecFile(file: string, options: LoadOptions): LoadedSpec {
  return loadSpec(readSpecFile(file), file, options);
}

export function loadSpec(text: string, file: string, options: LoadOptions): LoadedSpec {
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_SPEC_BYTES) throw new SpecError([tooLarge(file, bytes)]);
  const src = readSource(text, file);
  const top: SourcePos = { file, line: 1, col: 1 };
  const posOf = (path: readonly (string | number)[]): SourcePos => src.positions.get(pathKey(path)) ?? top;
  const rawResources = (src.value as { resources?: unknown } | undefined)?.resources;
  const ids = checkResourceIds(rawResources, (id) => src.keyPositions.get(pathKey(['resources', id])) ?? posOf(['resources']));
  if (src.problems.length > 0) throw new SpecError([...src.problems, ...ids.problems]);
  const problems: SpecProblem[] = [...ids.problems];
  const ctxFor = (base: (string | number)[], what: string) => ({
    base, positions: src.positions, keyPositions: src.keyPositions, fallback: posOf(base), what,
  });

  // Params first: they are substituted everywhere else before validation.
  const rawDoc = (src.value && typeof src.value === 'object' && !Array.isArray(src.value) ? src.value : {}) as Record<string, unknown>;
  if (src.value === null || typeof src.value !== 'object' || Array.isArray(src.value))
    throw new SpecError([{ pos: top, message: 'the spec must be a mapping with apiVersion, stack, params and resources' }]);
  const decls = new Map<string, ParamDecl>();
  const rawParams = rawDoc.params && typeof rawDoc.params === 'object' ? (rawDoc.params as Record<string, unknown>) : {};
  for (const [name, decl] of Object.entries(rawParams)) {
    const parsed = paramDeclSchema.safeParse(decl);
    if (parsed.success) decls.set(name, { default: parsed.data.default, pos: posOf(['params', name]) });
    else problems.push(...issuesToProblems(parsed.error.issues, paramDeclSchema, decl, ctxFor(['params', name], `param "${name}"`)));
  }
  const paramsPos = src.keyPositions.get('params') ?? top;
  const { values, problems: paramProblems, warnings } = resolveParams(decls, options.params ?? {}, options.env ?? process.env, paramsPos);
  problems.push(...paramProblems);
  const { params: _declared, ...rest } = rawDoc;
  const dropped = new Map<string, number[]>();
  const substituted = substituteParams(rest, values, problems, dropped) as Record<string, unknown>;
  renumberPositions(src.positions, dropped);
  renumberPositions(src.keyPositions, dropped);

  const doc = documentSchema.safeParse({ ...substituted, params: rawParams });
  if (!doc.success) {
    problems.push(...issuesToProblems(doc.error.issues, documentSchema, substituted, ctxFor([], 'the spec')));
    throw new SpecError(problems);
  }
  const region = typeof doc.data.region === 'string' ? doc.data.region : 'us-east-1';
  if (typeof doc.data.region !== 'string')
    problems.push({ pos: posOf(['region']), message: 'region must be a literal or a ${param.x}, not a resource reference' });

  const { resources, invalid, absent } = validateResources(doc.data.resources, ids.refused, src, options.catalog, problems, ctxFor);
  const spec: Spec = { file, stack: doc.data.stack, region, params: values as Record<string, ParamValue>, resources };
  const { references, rules } = checkCrossResource(spec, options.catalog, invalid, absent);
  problems.push(...references, ...rules);
  if (references.length === 0) problems.push(...findCycles(spec, options.catalog));
  if (problems.length > 0) throw new SpecError(problems);
  return { ...spec, warnings };
}

function validateResources(
  raw: Record<string, unknown>,
  refused: ReadonlySet<string>,
  src: SourceDoc,
  catalog: KindCatalog,
  problems: SpecProblem[],
  ctxFor: (base: (string | number)[], what: string) => Parameters<typeof issuesToProblems>[3],
): { resources: SpecResource[]; invalid: SpecResource[]; absent: Map<string, Absence> } {
  const absent = new Map<string, Absence>();
  const out: SpecResource[] = [];
  /** Resources whose properties failed validation: their references are still checked. */
  const invalid: SpecResource[] = [];
  const kinds = Object.keys(catalog);
  const positionsOf = positionsByResource(src.positions);
  for (const [id, body] of Object.entries(raw)) {
    const base = ['resources', id];
    const pos = src.keyPositions.get(pathKey(base)) ?? ctxFor(base, id).fallback;
    if (refused.has(id)) {
      absent.set(id, 'broken'); // its id is reported
      continue;
    }
    const meta = resourceMetaSchema.safeParse(body);
    if (!meta.success) {
      problems.push(...issuesToProblems(meta.error.issues, resourceMetaSchema, body, ctxFor(base, `resource "${id}"`)));
      absent.set(id, 'broken');
      continue;
    }
    if (meta.data.if !== undefined && !isTruthy(meta.data.if)) {
      absent.set(id, 'if');
      continue;
    }
    const kindSchema = catalog[meta.data.kind as keyof KindCatalog];
    if (!kindSchema) {
      const near = suggest(meta.data.kind, kinds);
      problems.push({
        pos: src.positions.get(pathKey([...base, 'kind'])) ?? pos,
        message: `unknown kind "${meta.data.kind}"${near ? `; did you mean "${near}"?` : ''} (\`blogctl schema\` lists the kinds)`,
      });
      absent.set(id, 'broken');
      continue;
    }
    const propsBase = [...base, 'properties'];
    const parsed = kindSchema.schema.safeParse(meta.data.properties);
    const positions = positionsOf.get(id) ?? new Map<string, SourcePos>();
    const resource: SpecResource = {
      id,
      kind: kindSchema.kind,
      properties: (parsed.success ? parsed.data : meta.data.properties) as Record<string, unknown>,
      protect: meta.data.protect,
      dependsOn: meta.data.dependsOn,
      ignoreChanges: meta.data.ignoreChanges,
      pos,
      positions,
    };
    if (parsed.success) out.push(resource);
    else {
      invalid.push(resource);
      problems.push(
        ...issuesToProblems(parsed.error.issues, kindSchema.schema, meta.data.properties, ctxFor(propsBase, `${kindSchema.kind} properties`)),
      );
    }
  }
  return { resources: out, invalid, absent };
}

/**
 * Every resource's positions, keyed by the path inside it ('properties.cidrBlock'), in
 * one pass over the document's positions. Resource ids hold no '.', so the id is the
 * second segment of a 'resources.<id>.<path>' key.
 */
function positionsByResource(positions: ReadonlyMap<string, SourcePos>): Map<string, Map<string, SourcePos>> {
  const byId = new Map<string, Map<string, SourcePos>>();
  const prefix = 'resources.';
  for (const [key, pos] of positions) {
    if (!key.startsWith(prefix)) continue;
    const dot = key.indexOf('.', prefix.length);
    if (dot < 0) continue;
    const id = key.slice(prefix.length, dot);
    let own = byId.get(id);
    if (!own) byId.set(id, (own = new Map()));
    own.set(key.slice(dot + 1), pos);
  }
  return byId;
}
