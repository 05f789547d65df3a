// Preloaded into a measured process (node --import): on exit, writes its peak resident
// set size in KiB to the file named by BLOGCTL_BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.BLOGCTL_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
