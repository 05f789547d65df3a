/**
 * What CreateAutoScalingGroup and UpdateAutoScalingGroup check against the rest of the
 * account: the launch template and version (EC2), the subnets (EC2), the target groups
 * (ELBv2), and the sizes.
 */
import type { LaunchTemplateSpecification } from '@aws-sdk/client-auto-scaling';
import type { Ec2State } from '../ec2/state.ts';
import type { ElbState } from '../elbv2/state.ts';
import { instanceProfileVisibility } from '../iam/propagation.ts';
import type { IamState } from '../iam/state.ts';
import type { AsgCtx, LaunchTemplateRef } from './state.ts';

const ec2 = (ctx: AsgCtx) => ctx.serviceState<Ec2State>('ec2');

export function launchTemplateRef(ctx: AsgCtx, spec: LaunchTemplateSpecification): LaunchTemplateRef {
  const byId = spec.LaunchTemplateId;
  const byName = spec.LaunchTemplateName;
  if ((byId === undefined) === (byName === undefined)) ctx.fail('ValidationError', 'Valid requests must contain either launchTemplateId or LaunchTemplateName');
  const templates = Object.values(ec2(ctx).launchTemplates);
  const t = byId !== undefined ? templates.find((x) => x.id === byId) : templates.find((x) => x.name === byName);
  if (!t) {
    ctx.fail('ValidationError', byId !== undefined
      ? `You must use a valid fully-formed launch template. The specified launch template, with template ID ${byId}, does not exist.`
      : `You must use a valid fully-formed launch template. The specified launch template, with template name ${byName}, does not exist.`);
  }
  const ref: LaunchTemplateRef = { id: t.id, name: t.name, version: spec.Version ?? null };
  checkInstanceProfile(ctx, resolveLaunchTemplate(ctx, ref).profile);
  return ref;
}

/** The template's instance profile must exist and be known to Auto Scaling yet (IAM's eventual consistency). */
function checkInstanceProfile(ctx: AsgCtx, profile: { Arn?: string; Name?: string } | undefined): void {
  if (!profile || (profile.Arn === undefined && profile.Name === undefined)) return;
  if (instanceProfileVisibility(ctx.serviceState<IamState>('iam'), { arn: profile.Arn, name: profile.Name }, ctx.now) === 'ready') return;
  const [field, value, what] = profile.Arn !== undefined ? ['arn', profile.Arn, 'ARN'] : ['name', profile.Name, 'name'];
  ctx.fail('ValidationError', `You must use a valid fully-formed launch template. Value (${value}) for parameter iamInstanceProfile.${field} is invalid. Invalid IAM Instance Profile ${what}`);
}

/** The template version a launch uses now, with the instance type it gives. */
export function resolveLaunchTemplate(ctx: AsgCtx, ref: LaunchTemplateRef): { version: number; instanceType: string; profile?: { Arn?: string; Name?: string } } {
  const t = ec2(ctx).launchTemplates[ref.id];
  if (!t) ctx.fail('ValidationError', `You must use a valid fully-formed launch template. The specified launch template, with template ID ${ref.id}, does not exist.`);
  const spec = ref.version ?? '$Default';
  const n = spec === '$Default' ? t.defaultVersion : spec === '$Latest' ? t.latestVersion : /^\d+$/.test(spec) ? Number(spec) : Number.NaN;
  const v = t.versions.find((x) => x.number === n);
  if (!v) ctx.fail('ValidationError', `You must use a valid fully-formed launch template. The specified launch template version ${spec} for template ${t.id} does not exist.`);
  const data = v.data as { ImageId?: string; InstanceType?: string; IamInstanceProfile?: { Arn?: string; Name?: string } };
  if (data.ImageId === undefined) ctx.fail('ValidationError', `You must use a valid fully-formed launch template. The launch template ${t.id} version ${n} does not specify an image ID.`);
  return { version: n, instanceType: data.InstanceType ?? 'm1.small', ...(data.IamInstanceProfile && { profile: data.IamInstanceProfile }) };
}

/** The subnets of VPCZoneIdentifier ("subnet-a,subnet-b"), each existing in one VPC. */
export function resolveSubnets(ctx: AsgCtx, vpcZoneIdentifier: string | undefined, zones: readonly string[] | undefined): { id: string; az: string }[] {
  const ids = (vpcZoneIdentifier ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (ids.length === 0) {
    if (zones?.length) ctx.fail('ValidationError', 'blogctl sandbox: groups without VPCZoneIdentifier (EC2-Classic zones) are not simulated');
    ctx.fail('ValidationError', 'At least one Availability Zone or VPC Subnet is required.');
  }
  const state = ec2(ctx);
  const subnets = [...new Set(ids)].map((id) => {
    const s = state.subnets[id];
    if (!s) ctx.fail('ValidationError', `The subnet ID '${id}' does not exist`);
    return s;
  });
  if (new Set(subnets.map((s) => s.vpcId)).size > 1) ctx.fail('ValidationError', 'The subnets in VPCZoneIdentifier must all be in the same VPC.');
  if (zones?.length && [...new Set(subnets.map((s) => s.az))].sort().join() !== [...new Set(zones)].sort().join()) {
    ctx.fail('ValidationError', 'The availability zones of the specified subnets and the Auto Scaling group do not match');
  }
  return subnets.map((s) => ({ id: s.id, az: s.az }));
}

export function checkTargetGroups(ctx: AsgCtx, arns: readonly string[]): string[] {
  let elb: ElbState | undefined;
  try {
    elb = ctx.serviceState<ElbState>('elbv2');
  } catch {
    elb = undefined;
  }
  if (arns.some((a) => elb?.targetGroups[a] === undefined)) {
    ctx.fail('ValidationError', 'Provided Target Groups may not be valid. Please ensure they exist and try again.');
  }
  return [...new Set(arns)];
}

export function checkSizes(ctx: AsgCtx, min: number, max: number, desired: number): void {
  if (min > max) ctx.fail('ValidationError', `Max bound, ${max}, must be greater than or equal to min bound, ${min}`);
  if (desired < min || desired > max) {
    ctx.fail('ValidationError', `Desired capacity:${desired} must be between the specified min size:${min} and max size:${max}`);
  }
}
