/** elbv2.listener: a port of the load balancer and its default action (forward, redirect, fixed response). */
export { DEFAULT_TLS_POLICY, listenerKind, listenerProperties, type ListenerProperties } from './schema.ts';
export { listenerAdapter, sslPolicyOf, type ObservedListener } from './adapter.ts';
