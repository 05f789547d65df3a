/**
 * The IAM simulator's suites, run in one process so the IAM client loads once.
 */
import './iam/roles.ts';
import './iam/policies.ts';
import './iam/instance-profiles.ts';
