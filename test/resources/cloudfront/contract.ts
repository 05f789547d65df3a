/** The shared adapter contract of the two CloudFront kinds on the sandbox. */
import { contractSuite, sandboxContext } from '../contract.ts';
import { CLOUDFRONT_CONTRACTS } from './fixtures.ts';

for (const [kind, c] of Object.entries(CLOUDFRONT_CONTRACTS)) contractSuite(`${kind} on the sandbox`, { ...c, makeContext: sandboxContext });
