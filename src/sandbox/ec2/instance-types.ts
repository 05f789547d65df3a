/**
 * Which instance types a region offers: DescribeInstanceTypeOfferings over a catalogue of
 * current families (every zone of a region offers them all), so a plan can refuse a
 * type the region does not have before launching anything, as it must against AWS.
 */
import type {
  DescribeInstanceTypeOfferingsCommandInput,
  DescribeInstanceTypeOfferingsCommandOutput,
  InstanceTypeOffering,
} from '@aws-sdk/client-ec2';
import type { OperationTable } from '../service.ts';
import { applyFilters, ec2Page } from './query.ts';
import { availabilityZones } from './region.ts';
import type { Ec2Ctx } from './resources.ts';
import type { Ec2State } from './state.ts';

const BURSTABLE_SIZES = ['nano', 'micro', 'small', 'medium', 'large', 'xlarge', '2xlarge'];
const SIZES = ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'];

/** Families with their sizes; `m1.small` stays for launches that name no type (AWS's old default). */
export const INSTANCE_TYPES: readonly string[] = [
  ...['t2', 't3', 't3a', 't4g'].flatMap((f) => BURSTABLE_SIZES.map((s) => `${f}.${s}`)),
  ...['m5', 'm6i', 'm6g', 'm7i', 'm7g', 'c5', 'c6i', 'c6g', 'c7i', 'c7g', 'r5', 'r6i', 'r6g', 'r7i'].flatMap((f) => SIZES.map((s) => `${f}.${s}`)),
  'm1.small',
];

const OFFERED = new Set(INSTANCE_TYPES);

/** Does the region offer this instance type? */
export const isOffered = (type: string): boolean => OFFERED.has(type);

/** Burstable types earn CPU credits: t2 launches 'standard', later families 'unlimited'. */
export function defaultCpuCredits(type: string): string | null {
  if (!/^t\d/.test(type)) return null;
  return type.startsWith('t2.') ? 'standard' : 'unlimited';
}

interface Offering {
  readonly type: string;
  readonly location: string;
}

export const instanceTypeOperations = {
  DescribeInstanceTypeOfferings(input: DescribeInstanceTypeOfferingsCommandInput, ctx: Ec2Ctx): Omit<DescribeInstanceTypeOfferingsCommandOutput, '$metadata'> {
    const locationType = input.LocationType ?? 'region';
    if (!['region', 'availability-zone', 'availability-zone-id'].includes(locationType)) {
      ctx.fail('InvalidParameterValue', `Invalid value '${locationType}' for LocationType.`);
    }
    const zones = availabilityZones(ctx.region);
    const locations = locationType === 'region' ? [ctx.region] : zones.map((z) => (locationType === 'availability-zone' ? z.name : z.id));
    const all: Offering[] = locations.flatMap((location) => INSTANCE_TYPES.map((type) => ({ type, location })));
    const matched = applyFilters(ctx, all, input.Filters, { 'instance-type': (o) => o.type, location: (o) => o.location }, (o) => o.type);
    const page = ec2Page(ctx, matched, (o) => `${o.location}/${o.type}`, input, [5, 1000]);
    const offerings: InstanceTypeOffering[] = page.items.map((o) => ({ InstanceType: o.type as InstanceTypeOffering['InstanceType'], LocationType: locationType, Location: o.location }));
    return { InstanceTypeOfferings: offerings, NextToken: page.NextToken };
  },
} satisfies OperationTable<Ec2State>;
