export { permissionAdapter, type ObservedPermission } from './adapter.ts';
export { permissionKind, permissionProperties, type PermissionProperties } from './schema.ts';
