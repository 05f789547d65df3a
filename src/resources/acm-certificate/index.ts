/** acm.certificate: a public certificate validated through DNS, ready once ISSUED. */
export { certificateKind, certificateProperties, type CertificateProperties } from './schema.ts';
export { certificateAdapter, IN_USE_GRACE_MS } from './adapter.ts';
export type { ObservedCertificate } from './state.ts';
