export * from './schema.ts';
export * from './adapter.ts';
