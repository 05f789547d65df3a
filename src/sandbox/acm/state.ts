/**
 * The ACM part of the simulated account. Other simulators read it (ELBv2 listeners and
 * CloudFront distributions need ISSUED certificates), so records keep plain names:
 *
 *   state.certificates[arn]
 *     .arn .domainName .subjectAlternativeNames (domainName first, as ACM lists them)
 *     .status          PENDING_VALIDATION | ISSUED | VALIDATION_TIMED_OUT, as of the last ACM
 *                      call; `certificateStatus()` (validation.ts) computes it for any time
 *
 * Validation is derived from the Route 53 state on read: see validation.ts.
 */
import type { CallContext } from '../service.ts';

export type AcmCtx = CallContext<AcmState>;

export type CertStatus = 'PENDING_VALIDATION' | 'ISSUED' | 'VALIDATION_TIMED_OUT';

export interface DomainValidationRec {
  domainName: string;
  /** The CNAME ACM asks for: `_<hash>.<domain>.` -> `_<hash>.<token>.acm-validations.aws.` */
  recordName: string;
  recordValue: string;
}

export interface CertRec {
  arn: string;
  domainName: string;
  subjectAlternativeNames: string[];
  validationMethod: 'DNS' | 'EMAIL';
  keyAlgorithm: string;
  transparencyLogging: 'ENABLED' | 'DISABLED';
  idempotencyToken: string | null;
  createdAt: number;
  validations: DomainValidationRec[];
  status: CertStatus;
  /** Set once ISSUED (and kept: a certificate does not un-issue when its record goes). */
  issuedAt: number | null;
  serial: string;
}

export interface AcmState {
  certificates: Record<string, CertRec>;
  /** ARN -> tag key -> value */
  tags: Record<string, Record<string, string>>;
}

export function emptyAcmState(): AcmState {
  return { certificates: {}, tags: {} };
}
