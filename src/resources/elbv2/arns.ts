/**
 * The ARN suffix CloudWatch dimensions use: `app/blog-alb/50dc6c495c0c9188` for a load
 * balancer, `targetgroup/blog-tg/6d0ecf831eec9f09` for a target group.
 */
export function arnSuffix(arn: string): string {
  const lb = arn.indexOf(':loadbalancer/');
  if (lb >= 0) return arn.slice(lb + ':loadbalancer/'.length);
  const tg = arn.indexOf(':targetgroup/');
  return tg >= 0 ? arn.slice(tg + 1) : arn;
}
