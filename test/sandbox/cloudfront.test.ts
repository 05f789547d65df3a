/** The CloudFront suites, run in one process so the SDK clients load once. */
import './cloudfront/distributions.ts';
import './cloudfront/config-rules.ts';
import './cloudfront/origin-access-controls.ts';
import './cloudfront/tags-paging.ts';
import './cloudfront/cache-policies.ts';
