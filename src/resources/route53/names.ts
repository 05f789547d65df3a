/**
 * DNS names as the Route 53 kinds compare them: lower case, without the trailing dot,
 * with Route 53's octal escapes undone (it returns `*.example.com` as `\052.example.com`).
 * Zone ids without their `/hostedzone/` prefix.
 */

export function dnsName(name: string): string {
  return name
    .replace(/\\(\d{3})/g, (_m, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)))
    .toLowerCase()
    .replace(/\.$/, '');
}

/** The form Route 53 is sent: fully qualified, with the trailing dot. */
export const absolute = (name: string): string => `${dnsName(name)}.`;

/** 'Z0123' of '/hostedzone/Z0123'. */
export const bareZoneId = (id: string): string => id.replace(/^\/?hostedzone\//, '');

/** Is `name` the zone's apex or inside it? */
export function inZone(name: string, zone: string): boolean {
  const n = dnsName(name);
  const z = dnsName(zone);
  return n === z || n.endsWith(`.${z}`);
}
