/**
 * Benchmarks (npm run bench [-- section...]): numbers for README and the closing notes,
 * never asserted in tests. Each section lives in bench/sections/ and records its figures
 * under dotted keys; the run writes them all to bench/results.json (merged with the
 * figures of sections not run this time).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Results, type BenchSection } from './results.ts';
import { fullStackSection } from './full-stack.ts';
import { daemonSection } from './sections/daemon.ts';
import { cloudFrontSection } from './sections/cloudfront.ts';
import { apptierSection } from './sections/apptier.ts';
import { blogSection } from './sections/blog.ts';
import { dataSection } from './sections/data.ts';
import { dnscertSection } from './sections/dnscert.ts';
import { lambdaSection } from './sections/lambda.ts';
import { networkSection } from './sections/network.ts';
import { scaleSection } from './sections/scale.ts';
import { scaleApplySection } from './sections/scale-apply.ts';
import { startupSection } from './sections/startup.ts';
import { sandboxSection } from './sections/sandbox.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** In the order they run. Add a section here and in its own file under bench/sections/. */
const SECTIONS: readonly BenchSection[] = [startupSection, blogSection, networkSection, sandboxSection, apptierSection, fullStackSection, lambdaSection, daemonSection, cloudFrontSection, dataSection, scaleSection, scaleApplySection, dnscertSection];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !SECTIONS.some((s) => s.name === w));
if (unknown.length > 0) {
  console.error(`unknown bench section(s): ${unknown.join(', ')}; sections: ${SECTIONS.map((s) => s.name).join(', ')}`);
  process.exit(1);
}
const results = new Results();
for (const section of SECTIONS) {
  if (wanted.length > 0 && !wanted.includes(section.name)) continue;
  console.log(`\n== ${section.name}`);
  await section.run(mkdtempSync(join(tmpdir(), `blogctl-bench-${section.name}-`)), results.record);
}
const out = new URL('./results.json', import.meta.url);
const previous = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
writeFileSync(out, `${JSON.stringify({ ...previous, ...results.figures }, Object.keys({ ...previous, ...results.figures }).sort(), 2)}\n`);
console.log(`\nwrote ${Object.keys(results.figures).length} figures to bench/results.json`);
