/** The CLI: argv -> wiring -> run -> exit code. Nothing else lives here. */
import { writeFileSync } from 'node:fs';
import { parseCli, UsageError, type CliArgs } from './cli/args.ts';
import { USAGE } from './cli/usage.ts';
import { SpecError } from './reconciler/errors.ts';
import { ExitCode } from './reconciler/exit-codes.ts';
import { buildGraph } from './reconciler/graph.ts';
import { GRAPH_FORMATS, renderGraph, type GraphFormat } from './reconciler/render/graph.ts';
import { specJsonSchema } from './reconciler/spec/json-schema.ts';
import { loadSpecFile } from './reconciler/spec/load.ts';
import type { Spec } from './reconciler/types.ts';
import { kindCatalog } from './resources/registry.ts';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const stdio: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

const load = (args: CliArgs): Spec => loadSpecFile(args.file, { catalog: kindCatalog, params: args.params });

type Command = (args: CliArgs, io: Io) => Promise<number> | number;

const commands: Record<string, Command> = {
  validate(args, io) {
    const spec = load(args);
    io.out(`${args.file}: valid: ${spec.resources.length} resources, stack "${spec.stack}" in ${spec.region}`);
    return ExitCode.Ok;
  },
  graph(args, io) {
    const format = (args.format ?? 'text') as GraphFormat;
    if (!GRAPH_FORMATS.includes(format)) throw new UsageError(`--format ${format}: use one of ${GRAPH_FORMATS.join(', ')}`);
    const spec = load(args);
    io.out(renderGraph(spec, buildGraph(spec, kindCatalog), format));
    return ExitCode.Ok;
  },
  schema(args, io) {
    const text = `${JSON.stringify(specJsonSchema(kindCatalog), null, 2)}\n`;
    if (args.out) writeFileSync(args.out, text);
    else io.out(text);
    return ExitCode.Ok;
  },
};

export async function main(argv: readonly string[], io: Io = stdio): Promise<number> {
  try {
    const args = parseCli(argv);
    if (args.help || !args.command) {
      io.out(USAGE);
      return args.command || args.help ? ExitCode.Ok : ExitCode.Error;
    }
    const command = commands[args.command];
    if (!command) throw new UsageError(`unknown command "${args.command}"; run blogctl --help`);
    return await command(args, io);
  } catch (err) {
    if (err instanceof SpecError) {
      io.err(err.message);
      io.err(`${err.problems.length} problem${err.problems.length === 1 ? '' : 's'} in the spec; nothing was sent to AWS.`);
      return ExitCode.Error;
    }
    if (err instanceof UsageError) {
      io.err(`blogctl: ${err.message}`);
      return ExitCode.Error;
    }
    io.err(`blogctl: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return ExitCode.Error;
  }
}
