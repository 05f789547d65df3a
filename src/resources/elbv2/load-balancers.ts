/**
 * Listing load balancers with their tags: DescribeLoadBalancers (every one of the
 * region, 400 a page) and DescribeTags in batches of 20. The load balancer kind reads
 * its resources this way, the listener kind the load balancers its listeners live on.
 */
import { paginateDescribeLoadBalancers, type ElasticLoadBalancingV2Client, type LoadBalancer } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Listed } from './select.ts';
import { describeTags } from './tags.ts';

export async function listLoadBalancers(elb: ElasticLoadBalancingV2Client): Promise<Listed<LoadBalancer>[]> {
  const lbs: LoadBalancer[] = [];
  for await (const page of paginateDescribeLoadBalancers({ client: elb }, { PageSize: 400 })) lbs.push(...(page.LoadBalancers ?? []));
  const tags = await describeTags(elb, lbs.map((lb) => lb.LoadBalancerArn!));
  return lbs.map((resource) => ({ resource, tags: tags.get(resource.LoadBalancerArn!) ?? {} }));
}
