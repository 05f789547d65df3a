/** The ACM suites, run in one process so the SDK clients load once. */
import './acm/certificates.ts';
import './acm/listing-tags.ts';
import './acm/options.ts';
