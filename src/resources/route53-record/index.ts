/** route53.record: a record set, owned through a companion TXT (external-dns's registry). */
export { RECORD_TYPES, recordKind, recordProperties, type RecordProperties } from './schema.ts';
export { recordAdapter, type ObservedRecord } from './adapter.ts';
export { OWNER_PREFIX, ownerName, parseOwner, serializeOwner } from './owner.ts';
