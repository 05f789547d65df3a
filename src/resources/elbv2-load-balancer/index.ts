/** elbv2.load-balancer: the internet-facing Application Load Balancer. */
export { loadBalancerKind, loadBalancerProperties, type LoadBalancerProperties } from './schema.ts';
export { loadBalancerAdapter, type ObservedLoadBalancer } from './adapter.ts';
