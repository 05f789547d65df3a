/** lambda.function: the S3-event handler; its code is a local path that blogctl packages. */
import { z } from 'zod';
import type { KindSchema, SpecProblem } from '../../reconciler/types.ts';
import { checkOutputUse, literal } from '../cross-checks.ts';
import { arn, int, oneOf, str, tags } from '../fields.ts';

/** Variables Lambda sets itself; a function may not set them. */
const RESERVED_ENV = /^(_HANDLER|_X_AMZN_TRACE_ID|AWS_REGION|AWS_EXECUTION_ENV|AWS_LAMBDA_.*|AWS_ACCESS_KEY.*|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|LAMBDA_TASK_ROOT|LAMBDA_RUNTIME_DIR)$/;

const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export const functionProperties = z
  .object({
    functionName: str(),
    description: z.string().max(256).default(''),
    /** Checked at plan time against Lambda's deprecation schedule (runtimes.ts): deprecated warns, blocked is an error. */
    runtime: oneOf(['nodejs20.x', 'nodejs22.x', 'nodejs24.x', 'python3.12', 'python3.13']),
    /** file.export, e.g. handler.handler for src/lambda/handler.ts's `handler`. */
    handler: z.string().regex(/^[A-Za-z0-9_./-]+\.[A-Za-z_$][A-Za-z0-9_$]*$/, { error: 'a handler is file.export, e.g. handler.handler' }),
    /** The execution role's ARN: ${role.arn}. */
    role: arn(),
    /**
     * path: a directory or file of this repo; blogctl bundles it (TypeScript entry points
     * with esbuild) into a zip, and its hash decides whether the code changed.
     */
    code: z.object({ path: z.string().min(1) }).strict(),
    memorySize: int(128, 10240).default(128),
    /** Seconds. */
    timeout: int(1, 900).default(3),
    architectures: z.array(oneOf(['x86_64', 'arm64'])).length(1, { error: 'exactly one architecture' }).default(['x86_64']),
    /** Environment variables; values may hold references (${table}). */
    environment: z.record(z.string(), str()).default({}),
    /** Concurrent executions kept for (and capped to) this function. */
    reservedConcurrentExecutions: int(0, 1000).optional(),
    /**
     * Days its CloudWatch log group (/aws/lambda/<functionName>) keeps logs. blogctl creates
     * the group with the function (Lambda would only on the first invocation) and deletes
     * it with the function. Absent: the group is not managed.
     */
    logRetentionInDays: z
      .number()
      .refine((d) => RETENTION_DAYS.includes(d), { error: `CloudWatch keeps logs for one of: ${RETENTION_DAYS.join(', ')} days` })
      .optional(),
    tags: tags(),
  })
  .strict();

export type FunctionProperties = z.infer<typeof functionProperties>;

export const functionKind = {
  kind: 'lambda.function',
  description: 'A Lambda function packaged from a local path.',
  schema: functionProperties,
  outputs: { name: 'exists', arn: 'exists', version: 'exists' },
  defaultOutput: 'name',
  check(self, ctx) {
    const p = self.properties as FunctionProperties;
    const problems: SpecProblem[] = checkOutputUse(self, ctx, 'role', { kind: 'iam.role', defaultOutput: 'name', outputs: ['arn'] });
    const at = (path: string, message: string) => problems.push({ pos: ctx.posOf(self, path), message });
    const name = literal(p.functionName);
    if (name !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(name)) at('functionName', `"${name}" is not a function name: 1-64 letters, digits, - and _`);
    for (const key of Object.keys(p.environment)) {
      if (!/^[A-Za-z][A-Za-z0-9_]+$/.test(key)) at(`environment.${key}`, `"${key}" is not a Lambda environment variable name (a letter, then at least one letter, digit or _)`);
      else if (RESERVED_ENV.test(key)) at(`environment.${key}`, `Lambda sets ${key} itself; a function cannot override it`);
    }
    if (p.code.path.startsWith('/') || p.code.path.includes('..'))
      at('code.path', 'code.path is relative to the spec file and stays inside the repository');
    if (p.runtime.startsWith('nodejs') && /\.py$/.test(p.code.path)) at('runtime', `${p.runtime} cannot run ${p.code.path}`);
    return problems;
  },
} satisfies KindSchema<'lambda.function'>;
