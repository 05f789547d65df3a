/**
 * What can change on a running instance besides its attributes: the instance metadata
 * service options (ModifyInstanceMetadataOptions), detailed monitoring (Monitor/
 * UnmonitorInstances) and the CPU credits of burstable types
 * (Modify/DescribeInstanceCreditSpecifications).
 */
import type {
  DescribeInstanceCreditSpecificationsCommandInput,
  DescribeInstanceCreditSpecificationsCommandOutput,
  InstanceMetadataOptionsResponse,
  InstanceMetadataOptionsRequest,
  ModifyInstanceCreditSpecificationCommandInput,
  ModifyInstanceCreditSpecificationCommandOutput,
  ModifyInstanceMetadataOptionsCommandInput,
  ModifyInstanceMetadataOptionsCommandOutput,
  MonitorInstancesCommandInput,
  MonitorInstancesCommandOutput,
  UnmonitorInstancesCommandInput,
  UnmonitorInstancesCommandOutput,
} from '@aws-sdk/client-ec2';
import type { OperationTable } from '../service.ts';
import { isVisible, stateAt } from './instance-views.ts';
import { checkIds, type Ec2Ctx, requireParam } from './resources.ts';
import type { Ec2State, InstanceRec, MetadataOptionsRec } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

/** A launch that names none of them gets these (IMDSv1 and v2, one hop). */
export const DEFAULT_METADATA: MetadataOptionsRec = { httpTokens: 'optional', httpEndpoint: 'enabled', hopLimit: 1, instanceMetadataTags: 'disabled' };

/** The options of a request over `base`, checked as EC2 does. */
export function metadataOptionsFrom(ctx: Ec2Ctx, input: InstanceMetadataOptionsRequest | undefined, base: MetadataOptionsRec = DEFAULT_METADATA): MetadataOptionsRec {
  const out = {
    httpTokens: input?.HttpTokens ?? base.httpTokens,
    httpEndpoint: input?.HttpEndpoint ?? base.httpEndpoint,
    hopLimit: input?.HttpPutResponseHopLimit ?? base.hopLimit,
    instanceMetadataTags: input?.InstanceMetadataTags ?? base.instanceMetadataTags,
  };
  if (!['optional', 'required'].includes(out.httpTokens)) ctx.fail('InvalidParameterValue', `The HttpTokens '${out.httpTokens}' is invalid.`);
  if (!['enabled', 'disabled'].includes(out.httpEndpoint)) ctx.fail('InvalidParameterValue', `The HttpEndpoint '${out.httpEndpoint}' is invalid.`);
  if (!Number.isInteger(out.hopLimit) || out.hopLimit < 1 || out.hopLimit > 64) ctx.fail('InvalidParameterValue', 'The HttpPutResponseHopLimit must be between 1 and 64.');
  return out;
}

export function renderMetadataOptions(m: MetadataOptionsRec | undefined): InstanceMetadataOptionsResponse {
  const o = m ?? DEFAULT_METADATA;
  return {
    State: 'applied', HttpTokens: o.httpTokens as 'optional', HttpPutResponseHopLimit: o.hopLimit, HttpEndpoint: o.httpEndpoint as 'enabled',
    HttpProtocolIpv6: 'disabled', InstanceMetadataTags: o.instanceMetadataTags as 'disabled',
  };
}

/** Live (not shutting down or terminated) instances by id, or the error AWS gives. */
function live(ctx: Ec2Ctx, ids: readonly string[] | undefined, param: string): InstanceRec[] {
  const list = requireParam(ctx, ids, param);
  checkIds(ctx, 'instance', list, (id) => ctx.state.instances[id] !== undefined && isVisible(ctx, ctx.state.instances[id]!));
  const instances = [...new Set(list)].map((id) => ctx.state.instances[id]!);
  const gone = instances.find((i) => ['shutting-down', 'terminated'].includes(stateAt(i, ctx.now)));
  if (gone) ctx.fail('IncorrectInstanceState', `The instance '${gone.id}' is not in a state from which it can be modified.`);
  return instances;
}

const monitoring = (enabled: boolean) => (input: MonitorInstancesCommandInput, ctx: Ec2Ctx) => ({
  InstanceMonitorings: live(ctx, input.InstanceIds, 'InstanceId').map((i) => {
    i.monitoring = enabled;
    return { InstanceId: i.id, Monitoring: { State: enabled ? ('pending' as const) : ('disabling' as const) } };
  }),
});

export const instanceSettingOperations = {
  ModifyInstanceMetadataOptions(input: ModifyInstanceMetadataOptionsCommandInput, ctx: Ec2Ctx): Out<ModifyInstanceMetadataOptionsCommandOutput> {
    const [inst] = live(ctx, [requireParam(ctx, input.InstanceId, 'InstanceId')], 'InstanceId');
    inst!.metadataOptions = metadataOptionsFrom(ctx, input, inst!.metadataOptions);
    return { InstanceId: inst!.id, InstanceMetadataOptions: { ...renderMetadataOptions(inst!.metadataOptions), State: 'pending' } };
  },

  MonitorInstances: (input: MonitorInstancesCommandInput, ctx: Ec2Ctx): Out<MonitorInstancesCommandOutput> => monitoring(true)(input, ctx),
  UnmonitorInstances: (input: UnmonitorInstancesCommandInput, ctx: Ec2Ctx): Out<UnmonitorInstancesCommandOutput> => monitoring(false)(input, ctx),

  ModifyInstanceCreditSpecification(input: ModifyInstanceCreditSpecificationCommandInput, ctx: Ec2Ctx): Out<ModifyInstanceCreditSpecificationCommandOutput> {
    const specs = requireParam(ctx, input.InstanceCreditSpecifications, 'InstanceCreditSpecification');
    const ok: { InstanceId: string }[] = [];
    const failed: NonNullable<ModifyInstanceCreditSpecificationCommandOutput['UnsuccessfulInstanceCreditSpecifications']> = [];
    for (const s of specs) {
      const inst = s.InstanceId !== undefined ? ctx.state.instances[s.InstanceId] : undefined;
      const credits = s.CpuCredits ?? '';
      if (!inst || !isVisible(ctx, inst)) failed.push({ InstanceId: s.InstanceId ?? '', Error: { Code: 'InvalidInstanceID.NotFound', Message: `The instance ID '${s.InstanceId}' does not exist` } });
      else if (!/^t\d/.test(inst.instanceType)) failed.push({ InstanceId: inst.id, Error: { Code: 'InstanceCreditSpecification.NotSupported', Message: `The instance ${inst.id} is not a burstable performance instance.` } });
      else if (!['standard', 'unlimited'].includes(credits)) ctx.fail('InvalidParameterValue', `The CpuCredits '${credits}' is invalid: use standard or unlimited.`);
      else {
        inst.cpuCredits = credits;
        ok.push({ InstanceId: inst.id });
      }
    }
    return { SuccessfulInstanceCreditSpecifications: ok, UnsuccessfulInstanceCreditSpecifications: failed };
  },

  DescribeInstanceCreditSpecifications(input: DescribeInstanceCreditSpecificationsCommandInput, ctx: Ec2Ctx): Out<DescribeInstanceCreditSpecificationsCommandOutput> {
    const all = Object.values(ctx.state.instances).filter((i) => isVisible(ctx, i) && stateAt(i, ctx.now) !== 'terminated' && /^t\d/.test(i.instanceType));
    const ids = input.InstanceIds ?? [];
    if (ids.length > 0) checkIds(ctx, 'instance', ids, (id) => ctx.state.instances[id] !== undefined);
    const chosen = ids.length > 0 ? all.filter((i) => ids.includes(i.id)) : all;
    return { InstanceCreditSpecifications: chosen.map((i) => ({ InstanceId: i.id, CpuCredits: i.cpuCredits ?? (i.instanceType.startsWith('t2.') ? 'standard' : 'unlimited') })) };
  },
} satisfies OperationTable<Ec2State>;
