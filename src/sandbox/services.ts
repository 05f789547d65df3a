/**
 * Every service the sandbox simulates, and the ways to get a sandbox answering for all of
 * them. Adding a service: write src/sandbox/<service>/ exporting a ServiceSimulator (see
 * service.ts) and add it to SIMULATORS.
 *
 * Each is lazy: its module (and so its SDK client's exception classes) is imported when a
 * command of its service is first answered, or when another service first needs its
 * state. A run that talks only to EC2 never loads CloudFront.
 */
import { DEFAULT_SANDBOX_FILE, sandboxSettingsFromEnv } from './env.ts';
import { Sandbox, type SandboxOptions } from './sandbox.ts';
import type { LazySimulator, SimulatorSource } from './service.ts';

export const SIMULATORS: readonly LazySimulator[] = [
  { name: 'ec2', clientName: 'EC2Client', load: async () => (await import('./ec2/index.ts')).ec2Simulator },
  { name: 'rds', clientName: 'RDSClient', load: async () => (await import('./rds/index.ts')).rdsSimulator },
  { name: 'secretsmanager', clientName: 'SecretsManagerClient', load: async () => (await import('./secretsmanager/index.ts')).secretsManagerSimulator },
  { name: 'cloudfront', clientName: 'CloudFrontClient', load: async () => (await import('./cloudfront/index.ts')).cloudFrontSimulator },
  { name: 'route53', clientName: 'Route53Client', load: async () => (await import('./route53/index.ts')).route53Simulator },
  { name: 'acm', clientName: 'ACMClient', load: async () => (await import('./acm/index.ts')).acmSimulator },
  { name: 'elbv2', clientName: 'ElasticLoadBalancingV2Client', load: async () => (await import('./elbv2/index.ts')).elbv2Simulator },
  { name: 'autoscaling', clientName: 'AutoScalingClient', load: async () => (await import('./autoscaling/index.ts')).autoScalingSimulator },
  { name: 'sts', clientName: 'STSClient', load: async () => (await import('./sts/index.ts')).stsSimulator },
  { name: 's3', clientName: 'S3Client', load: async () => (await import('./s3/index.ts')).s3Simulator },
  { name: 'dynamodb', clientName: 'DynamoDBClient', load: async () => (await import('./dynamodb/index.ts')).dynamodbSimulator },
  { name: 'lambda', clientName: 'LambdaClient', load: async () => (await import('./lambda/index.ts')).lambdaSimulator },
  { name: 'iam', clientName: 'IAMClient', load: async () => (await import('./iam/index.ts')).iamSimulator },
  { name: 'logs', clientName: 'CloudWatchLogsClient', load: async () => (await import('./logs/index.ts')).logsSimulator },
  { name: 'tagging', clientName: 'ResourceGroupsTaggingAPIClient', load: async () => (await import('./tagging/index.ts')).taggingSimulator },
];

export type CreateSandboxOptions = Omit<SandboxOptions, 'services'> & { readonly services?: readonly SimulatorSource[] };

/** A sandbox answering for every simulated service (in memory unless `file` is given). */
export function createSandbox(options: CreateSandboxOptions = {}): Sandbox {
  return new Sandbox({ ...options, services: options.services ?? SIMULATORS });
}

/**
 * The sandbox the CLI uses: BLOGCTL_SANDBOX_* settings under the explicit options (flags),
 * kept in `.blogctl/sandbox.json` unless a file is named.
 */
export function openSandbox(options: CreateSandboxOptions = {}, env: Readonly<Record<string, string | undefined>> = process.env): Sandbox {
  const fromEnv = sandboxSettingsFromEnv(env);
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as CreateSandboxOptions;
  return createSandbox({
    ...(fromEnv.seed !== undefined && { seed: fromEnv.seed }),
    ...(fromEnv.profile !== undefined && { profile: fromEnv.profile }),
    ...(fromEnv.timeScale !== undefined && { timeScale: fromEnv.timeScale }),
    ...(fromEnv.rateLimits !== undefined && { rateLimits: fromEnv.rateLimits }),
    ...defined,
    file: options.file ?? fromEnv.file ?? DEFAULT_SANDBOX_FILE,
    faults: { ...fromEnv.faults, ...options.faults },
  });
}
