/** The Route 53 suites, run in one process so the SDK clients load once. */
import './route53/zones.ts';
import './route53/records.ts';
import './route53/routing.ts';
import './route53/listing.ts';
import './route53/health-checks.ts';
