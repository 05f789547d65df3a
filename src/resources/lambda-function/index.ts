export { functionAdapter, type ObservedFunction } from './adapter.ts';
export { functionKind, functionProperties, type FunctionProperties } from './schema.ts';
