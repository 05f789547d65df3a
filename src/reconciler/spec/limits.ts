/**
 * What the loader refuses, before it costs time or memory: specs larger than
 * MAX_SPEC_BYTES, nesting deeper than MAX_DEPTH, and YAML aliases that expand to more
 * than MAX_ALIAS_NODES values (an "alias bomb" grows exponentially). README documents them.
 */
import type { SourcePos, SpecProblem } from '../types.ts';

/** 4 MiB: a spec of 5,000 network resources is about 1.4 MiB; blog.spec.yaml is 38 KiB. */
export const MAX_SPEC_BYTES = 4 * 1024 * 1024;

/** Levels of mappings and lists; blog.spec.yaml needs 9. */
export const MAX_DEPTH = 64;

/** Values that aliases (`*name`) may copy in all, counting every value inside each copy. */
export const MAX_ALIAS_NODES = 100_000;

export const tooLarge = (file: string, bytes: number): SpecProblem => ({
  pos: { file, line: 1, col: 1 },
  message: `the spec is ${bytes.toLocaleString('en-US')} bytes; blogctl reads specs of at most 4 MiB (${MAX_SPEC_BYTES.toLocaleString('en-US')} bytes; 5,000 resources take about 1.4 MiB): split the stack into several specs`,
});

export const tooDeep = (pos: SourcePos): SpecProblem => ({
  pos,
  message: `the spec is nested too deep here: more than ${MAX_DEPTH} levels of mappings and lists (blog.spec.yaml needs 9); flatten this value`,
});

export const tooManyAliased = (pos: SourcePos): SpecProblem => ({
  pos,
  message: `YAML aliases (*name) copy more than ${MAX_ALIAS_NODES.toLocaleString('en-US')} values by this one (an alias bomb?); write the repeated parts out, or alias fewer or smaller ones`,
});
