export { dbInstanceAdapter } from './adapter.ts';
export { type ObservedDbInstance } from './read.ts';
export { dbInstanceKind, dbInstanceProperties, type DbInstanceProperties } from './schema.ts';
