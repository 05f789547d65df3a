/** ec2.route-table: a route table, its routes, and the subnets associated with it. */
export { ROUTE_TARGETS, routeTableKind, routeTableProperties, type RouteTableProperties } from './schema.ts';
export { routeTableAdapter, type ObservedRouteTable } from './adapter.ts';
