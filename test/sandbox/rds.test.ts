/** The RDS (and RDS-managed Secrets Manager secret) suites, run in one process so the clients load once. */
import './rds/subnet-groups.ts';
import './rds/instances.ts';
import './rds/modify-delete.ts';
