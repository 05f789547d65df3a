/**
 * The EC2 simulator's suites, run in one process: loading the SDK's EC2 client under tsx
 * costs about two seconds per process, more than all these tests together.
 */
import './ec2/vpc.ts';
import './ec2/subnets-gateways.ts';
import './ec2/routing.ts';
import './ec2/security-groups.ts';
import './ec2/tags-paging.ts';
import './ec2/instances.ts';
import './ec2/instance-settings.ts';
