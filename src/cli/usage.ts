/** The help text; README.md documents the same commands and flags. */
export const USAGE = `blogctl: keep an AWS deployment of the Django blog equal to blog.spec.yaml

Usage: blogctl <command> [flags]

Commands:
  validate                 check the spec: YAML, kinds, fields, references, cycles
  graph                    print the dependency graph in build order
  schema                   print the JSON Schema of the spec (editors use it)

Flags:
  -f, --file PATH          the spec (default: blog.spec.yaml)
  -p, --param NAME=VALUE   set a param (repeatable); env BLOGCTL_PARAM_<NAME> also sets it
      --format FORMAT      graph: text (default), mermaid, dot, json
  -o, --out PATH           schema: write to a file instead of standard output
  -h, --help               this help

Exit codes: 0 ok, 1 error, 2 changes pending, 3 drift outside the spec, 4 blocked by a missing --allow-* permission.
`;
