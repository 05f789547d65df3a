/** The rules of route53.record that Route 53 would otherwise report only when changing the zone. */
import { Ref, type CheckContext, type SpecProblem, type SpecResource } from '../../reconciler/types.ts';
import { list, literal, target } from '../cross-checks.ts';
import type { RecordProperties } from './schema.ts';

const CLOUDFRONT_ZONE = 'Z2FDTNDATAQYW2';
const bare = (n: string) => n.replace(/\.$/, '').toLowerCase();
/** Does a name (possibly *.x) cover a host name? */
const covers = (pattern: string, host: string) => {
  const p = bare(pattern);
  const h = bare(host);
  return p === h || (p.startsWith('*.') && h.endsWith(p.slice(1)) && !h.slice(0, -p.length + 1).includes('.'));
};

/**
 * A certificate's validation record (`name: ${cert.validationRecordName}`): a CNAME whose
 * value is the same certificate's validationRecordValue, in a zone that holds the
 * certificate's domain (ACM looks for it there).
 */
function checkValidationRecord(self: SpecResource, ctx: CheckContext, zoneName: string | undefined): SpecProblem[] {
  const p = self.properties as RecordProperties;
  if (!(p.name instanceof Ref) || p.name.attr !== 'validationRecordName') return [];
  const cert = target(p.name, ctx, 'acm.certificate');
  if (!cert) return [];
  const problems: SpecProblem[] = [];
  if (p.type !== 'CNAME') problems.push({ pos: ctx.posOf(self, 'type'), message: `ACM validates with a CNAME, not ${p.type}` });
  const values = p.records ?? [];
  const value = values[0];
  if (values.length !== 1 || !(value instanceof Ref) || value.target !== cert.id || value.attr !== 'validationRecordValue')
    problems.push({ pos: ctx.posOf(self, 'records'), message: `the validation CNAME points at the certificate's value: records: ["\${${cert.id}.validationRecordValue}"]` });
  const domain = literal(cert.properties.domainName);
  const host = domain === undefined ? undefined : bare(domain.replace(/^\*\./, ''));
  if (zoneName !== undefined && host !== undefined && host !== bare(zoneName) && !host.endsWith(`.${bare(zoneName)}`))
    problems.push({ pos: ctx.posOf(self, 'hostedZoneId'), message: `certificate "${cert.id}" is for ${domain}, which zone ${bare(zoneName)} does not hold: ACM looks for the CNAME in the domain's zone` });
  return problems;
}
/** The record's identity in its zone, as text (references as written). */
const identity = (r: SpecResource) => `${String(r.properties.hostedZoneId)} ${bare(String(r.properties.name))} ${String(r.properties.type)}`;

export function checkRecord(self: SpecResource, ctx: CheckContext): SpecProblem[] {
  const p = self.properties as RecordProperties;
  const problems: SpecProblem[] = [];
  const at = (path: string, message: string) => problems.push({ pos: ctx.posOf(self, path), message });
  const alias = p.aliasTarget;

  if ((p.records === undefined) === (alias === undefined)) at('type', 'a record has either records (with a ttl) or an aliasTarget, exactly one');
  if (p.records !== undefined && p.ttl === undefined) at('records', 'records need a ttl (seconds), e.g. ttl: 300');
  if (alias !== undefined && p.ttl !== undefined) at('ttl', 'an alias has no ttl: Route 53 uses the target\'s');
  if (p.type === 'CNAME' && (p.records?.length ?? 0) > 1) at('records', 'a CNAME has exactly one value');
  if (p.failover !== undefined && p.weight !== undefined) at('weight', 'a record is either failover or weighted, not both');
  if ((p.failover !== undefined || p.weight !== undefined) && p.setIdentifier === undefined)
    at(p.failover !== undefined ? 'failover' : 'weight', 'failover and weighted records need a setIdentifier');
  if (p.setIdentifier !== undefined && p.failover === undefined && p.weight === undefined)
    at('setIdentifier', 'setIdentifier is for failover or weighted records: add failover (PRIMARY/SECONDARY) or weight');
  if (p.failover === 'PRIMARY' && p.healthCheckId === undefined && !alias?.evaluateTargetHealth)
    at('failover', 'a PRIMARY with no healthCheckId (nor aliasTarget.evaluateTargetHealth) is never considered down: failover would never happen');

  // The name must be inside the zone, and a CNAME cannot sit at the zone apex.
  const zone = target(p.hostedZoneId, ctx, 'route53.hosted-zone');
  const zoneName = zone && literal(zone.properties.name);
  const name = literal(p.name);
  if (zoneName !== undefined && name !== undefined) {
    const z = bare(zoneName);
    const n = bare(name);
    if (n !== z && !n.endsWith(`.${z}`)) at('name', `${name} is not inside the hosted zone "${zone!.id}" (${zoneName})`);
    if (n === z && p.type === 'CNAME') at('type', `a CNAME cannot be at the zone apex ${zoneName}: use an A alias`);
  }

  problems.push(...checkValidationRecord(self, ctx, zone && literal(zone.properties.name)));

  // Aliases to resources of the spec: the zone id and the name rules of each target.
  if (alias && alias.dnsName instanceof Ref) {
    const to = target(alias.dnsName, ctx);
    const zoneId = literal(alias.hostedZoneId);
    if (to?.kind === 'cloudfront.distribution' && zoneId !== undefined && zoneId !== CLOUDFRONT_ZONE)
      at('aliasTarget.hostedZoneId', `a CloudFront alias uses hosted zone ${CLOUDFRONT_ZONE}, not ${zoneId}`);
    if (to?.kind === 'cloudfront.distribution' && name !== undefined) {
      const aliases = list(to.properties.aliases).map(literal);
      if (aliases.every((x) => x !== undefined) && !aliases.some((x) => covers(x!, name)))
        at('name', `distribution "${to.id}" answers only for its aliases (${aliases.join(', ') || 'none'}): add ${bare(name)} to its aliases, or Route 53 refuses the alias`);
    }
    if (to?.kind === 's3.bucket') {
      const bucketName = literal(to.properties.bucketName);
      if (alias.dnsName.attr !== 'websiteDomain' && alias.dnsName.attr !== 'websiteEndpoint')
        at('aliasTarget.dnsName', `an alias to a bucket points at its website endpoint: \${${to.id}.websiteDomain}`);
      if (to.properties.website === undefined) at('aliasTarget.dnsName', `bucket "${to.id}" has no website configuration to alias to`);
      if (bucketName !== undefined && name !== undefined && bare(bucketName) !== bare(name))
        at('aliasTarget.dnsName', `S3 serves a website alias only from a bucket named exactly like the record: bucket "${to.id}" is ${bucketName}, the record is ${name}`);
    }
  }

  // Records of one name and type: no duplicates, no mixing simple with failover, one PRIMARY and one SECONDARY.
  const all = ctx.ofKind('route53.record');
  const mine = identity(self);
  for (const other of all.slice(0, all.findIndex((r) => r.id === self.id))) {
    if (identity(other) !== mine) continue;
    const o = other.properties as RecordProperties;
    if (o.setIdentifier === undefined || p.setIdentifier === undefined)
      at('name', `record "${other.id}" already defines ${String(p.name)} ${p.type}; two records of one name and type need setIdentifier and a routing policy`);
    else if (String(o.setIdentifier) === String(p.setIdentifier)) at('setIdentifier', `record "${other.id}" already uses setIdentifier ${String(p.setIdentifier)}`);
    else if (o.failover !== undefined && o.failover === p.failover) at('failover', `record "${other.id}" is already the ${p.failover} of ${String(p.name)} ${p.type}`);
    else if ((o.failover === undefined) !== (p.failover === undefined)) at('failover', `record "${other.id}" of the same name and type uses a different routing policy`);
  }
  return problems;
}
