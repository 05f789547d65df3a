/** The help text; README.md documents the same commands and flags. */
export const USAGE = `blogctl: keep an AWS deployment of the Django blog equal to blog.spec.yaml

Usage: blogctl <command> [spec] [flags]   (the spec: blog.spec.yaml unless named, here or with -f)

Commands:
  validate                 check the spec: YAML, kinds, fields, references, cycles
  graph                    print the dependency graph in build order
  schema                   print the JSON Schema of the spec (editors use it)
  plan                     show what reconcile would change (exit 2 when something would)
  reconcile --once         apply the plan: create, update, replace, delete in dependency order
  reconcile                the daemon: a pass every --interval, under the stack lease, with /healthz and /metrics
  destroy                  delete every resource of the stack (needs --allow-delete)
  drift                    what differs from the spec and who made it (0 in sync, 2 spec pending, 3 changed outside)
  iam-policy               the IAM policy blogctl itself needs (least privilege)
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
      --concurrency N      AWS requests in flight at once (default 8)
      --output FORMAT      plan/reconcile/destroy/drift: text (default), json, markdown
      --explain            drift: also list differences suppressed (ignoreChanges, normalising)
      --unmanaged          drift: also list untagged resources in the stack's VPC or with its name prefix
      --interval DURATION  daemon: time between passes (default 5m, +-10% jitter)
      --observe-only       daemon: report drift, repair nothing
      --listen HOST:PORT   daemon: serve /healthz and /metrics (e.g. 127.0.0.1:9464)
      --lease-table NAME   the DynamoDB table of stack leases (default blogctl-leases)
      --lease-ttl DURATION how long a lease lasts unrenewed (default 30s)
      --lease-wait DURATION  reconcile --once/destroy: wait this long for another holder (default 60s)
      --format FORMAT      graph: text (default), mermaid, dot, json
      --log-level LEVEL    trace, debug, info (default), warn, error, silent (logs go to stderr)
      --log-format FORMAT  text (default) or json (one pino object per line; the daemon's default)
  -o, --out PATH           schema: write to a file
  -h, --help               this help

Real AWS (or LocalStack, moto) is reached through the SDK's standard chain:
AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL.

Exit codes: 0 ok, 1 error, 2 changes pending, 3 drift outside the spec, 4 blocked by a missing --allow-* permission.
`;
