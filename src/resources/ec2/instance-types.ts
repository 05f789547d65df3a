/**
 * Preflight of ec2.instance and ec2.launch-template: the instance types they name must be
 * offered in the region (one DescribeInstanceTypeOfferings call for all of a kind's
 * resources that are about to be written), else the plan stops at `instanceType`.
 */
import { EC2Client, paginateDescribeInstanceTypeOfferings } from '@aws-sdk/client-ec2';
import { KNOWN_AFTER_APPLY, type AdapterContext, type DesiredProblem, type ObserveRequest } from '../../reconciler/types.ts';

/** The instance types of `types` the region offers. */
export async function offeredTypes(ec2: EC2Client, types: readonly string[]): Promise<Set<string>> {
  const offered = new Set<string>();
  const filters = [{ Name: 'instance-type', Values: [...types] }];
  for await (const page of paginateDescribeInstanceTypeOfferings({ client: ec2 }, { LocationType: 'region', Filters: filters }))
    for (const o of page.InstanceTypeOfferings ?? []) if (o.InstanceType) offered.add(o.InstanceType);
  return offered;
}

/** A problem for each request whose instanceType the region does not offer. */
export async function instanceTypeProblems(requests: readonly ObserveRequest<{ instanceType: string }>[], ctx: AdapterContext): Promise<DesiredProblem[]> {
  const wanted = requests.filter((r) => r.desired && !r.desired.instanceType.includes(KNOWN_AFTER_APPLY));
  const types = [...new Set(wanted.map((r) => r.desired!.instanceType))];
  if (types.length === 0) return [];
  const offered = await offeredTypes(ctx.clients.get(EC2Client), types);
  return wanted
    .filter((r) => !offered.has(r.desired!.instanceType))
    .map((r) => ({
      id: r.id,
      path: 'instanceType',
      message: `instance type ${r.desired!.instanceType} is not offered in ${ctx.region} (DescribeInstanceTypeOfferings); pick one the region offers, e.g. t3.micro`,
    }));
}
