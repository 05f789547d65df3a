/** The CloudFront adapters' suites on the sandbox, run in one process so the SDK clients load once. */
import './cloudfront/contract.ts';
import './cloudfront/distribution.ts';
import './cloudfront/distribution-writes.ts';
import './cloudfront/find.ts';
import './cloudfront/origin-access-control.ts';
import './cloudfront/cache-policies.ts';
