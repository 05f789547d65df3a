/**
 * Trust policies and a role factory shared by the IAM, Lambda and S3 suites.
 */
import { CreateRoleCommand, type IAMClient } from '@aws-sdk/client-iam';

export function trustPolicy(service: string): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
}

export const EC2_TRUST = trustPolicy('ec2.amazonaws.com');
export const LAMBDA_TRUST = trustPolicy('lambda.amazonaws.com');

/** A role Lambda can assume; returns its ARN. */
export async function lambdaRole(iam: IAMClient, name = 'fn-role'): Promise<string> {
  const { Role } = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: LAMBDA_TRUST }));
  return Role!.Arn!;
}

export function identityPolicy(resource = 'arn:aws:s3:::media/*'): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: resource }] });
}
