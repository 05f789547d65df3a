export { tableAdapter, type ObservedTable } from './adapter.ts';
export { tableKind, tableProperties, type TableProperties } from './schema.ts';
