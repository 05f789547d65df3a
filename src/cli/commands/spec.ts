/** Commands that only read the spec: validate, graph, schema. */
import { writeFileSync } from 'node:fs';
import { formatPos } from '../../reconciler/errors.ts';
import { ExitCode } from '../../reconciler/exit-codes.ts';
import { buildGraph } from '../../reconciler/graph.ts';
import { GRAPH_FORMATS, renderGraph, type GraphFormat } from '../../reconciler/render/graph.ts';
import { specJsonSchema } from '../../reconciler/spec/json-schema.ts';
import { loadSpecFile } from '../../reconciler/spec/load.ts';
import type { Spec } from '../../reconciler/types.ts';
import { kindCatalog } from '../../resources/catalog.ts';
import { UsageError, type CliArgs } from '../args.ts';
import { stdio, type Io } from '../io.ts';

/** Loads the spec the arguments name; its warnings go to stderr, located like errors. */
export function loadSpecFor(args: CliArgs, io: Io = stdio): Spec {
  const spec = loadSpecFile(args.file, { catalog: kindCatalog, params: args.params });
  for (const w of spec.warnings) io.err(`${formatPos(w.pos)}: warning: ${w.message}`);
  return spec;
}

export function validateCommand(args: CliArgs, io: Io): number {
  const spec = loadSpecFor(args, io);
  io.out(`${args.file}: valid: ${spec.resources.length} resources, stack "${spec.stack}" in ${spec.region}`);
  return ExitCode.Ok;
}

export function graphCommand(args: CliArgs, io: Io): number {
  const format = (args.format ?? 'text') as GraphFormat;
  if (!GRAPH_FORMATS.includes(format)) throw new UsageError(`--format ${format}: use one of ${GRAPH_FORMATS.join(', ')}`);
  const spec = loadSpecFor(args, io);
  io.out(renderGraph(spec, buildGraph(spec, kindCatalog), format));
  return ExitCode.Ok;
}

export function schemaCommand(args: CliArgs, io: Io): number {
  const text = `${JSON.stringify(specJsonSchema(kindCatalog), null, 2)}\n`;
  if (args.out) writeFileSync(args.out, text);
  else io.out(text);
  return ExitCode.Ok;
}
