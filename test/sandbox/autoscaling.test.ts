/** The Auto Scaling suites, run in one process so the SDK clients load once. */
import './autoscaling/groups.ts';
import './autoscaling/tags-policies.ts';
import './autoscaling/iam-propagation.ts';
