/** The ELBv2 suites, run in one process so the SDK clients load once. */
import './elbv2/load-balancers.ts';
import './elbv2/target-groups.ts';
import './elbv2/listeners.ts';
