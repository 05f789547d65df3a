/** route53.health-check: what decides whether the PRIMARY failover record is served. */
export { healthCheckKind, healthCheckProperties, type HealthCheckProperties } from './schema.ts';
export { healthCheckAdapter, type ObservedHealthCheck } from './adapter.ts';
