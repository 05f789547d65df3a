/** The help text; README.md documents the same commands and flags. */
export const USAGE = `blogctl: keep an AWS deployment of the Django blog equal to blog.spec.yaml

Usage: blogctl <command> [spec] [flags]   (the spec: blog.spec.yaml unless named, here or with -f)

Commands:
  validate                 check the spec: YAML, kinds, fields, references, cycles
  graph                    print the dependency graph in build order
  schema                   print the JSON Schema of the spec (editors use it)
  plan                     show what reconcile would change (exit 2 when something would)
  reconcile --once         apply the plan: create, update, replace, delete in dependency order
  destroy                  delete every resource of the stack (needs --allow-delete)
  sandbox show|tamper|reset   look inside, change by hand, or reset the embedded sandbox

Flags:
  -f, --file PATH          the spec (default: blog.spec.yaml; at most 4 MiB)
  -p, --param NAME=VALUE   set a param (repeatable); env BLOGCTL_PARAM_<NAME> also sets it
      --sandbox            use the embedded simulated AWS account (.blogctl/sandbox.json)
      --sandbox-file PATH  ... kept in this file instead (implies --sandbox)
      --sandbox-latency-ms N, --sandbox-throttle-rate R, --sandbox-5xx-rate R,
      --sandbox-seed S, --sandbox-profile quick|realistic
                           sandbox faults and timing (also BLOGCTL_SANDBOX_* variables)
  -t, --target ID          only this resource and what it depends on (repeatable; no prune)
      --allow-delete       let reconcile/destroy delete resources (else: blocked, exit 4)
      --allow-replace      let reconcile replace resources whose immutable fields changed
      --adopt              take over existing untagged resources found by their name
      --concurrency N      AWS calls in flight at once (default 8)
      --output FORMAT      plan/reconcile/destroy: text (default), json, markdown
      --format FORMAT      graph: text (default), mermaid, dot, json
  -o, --out PATH           schema: write to a file
  -h, --help               this help

Real AWS (or LocalStack, moto) is reached through the SDK's standard chain:
AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL.

Exit codes: 0 ok, 1 error, 2 changes pending, 3 drift outside the spec, 4 blocked by a missing --allow-* permission.
`;
