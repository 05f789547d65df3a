/**
 * The ONLY file that lists every kind. Each entry is the kind's schema today; adapters
 * join them here as they are written (issue 4 and after).
 */
import type { KindCatalog } from '../reconciler/types.ts';
import { subnetKind } from './ec2-subnet.ts';
import { vpcKind } from './ec2-vpc.ts';

// Until every kind's schema exists the catalog is partial; the loader reports unknown kinds.
export const kindCatalog = {
  'ec2.vpc': vpcKind,
  'ec2.subnet': subnetKind,
} as Partial<KindCatalog> as KindCatalog;
