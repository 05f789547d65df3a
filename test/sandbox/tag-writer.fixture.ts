/**
 * Child process for persistence.test.ts: another process using the same state file
 * through the file store (only the store: loading the SDK would cost seconds).
 * Prints 'ready', waits for a line on stdin, then tags VPC_ID N times.
 * Usage: tag-writer.fixture.ts FILE VPC_ID PREFIX N
 */
import { once } from 'node:events';
import { FileStore } from '../../src/sandbox/store.ts';

const [file, vpcId, prefix, n] = process.argv.slice(2);
const store = new FileStore(file!, {
  init: () => {
    throw new Error('the parent creates the account');
  },
  fsync: false,
});
process.stdout.write('ready\n');
await once(process.stdin, 'data');
for (let i = 0; i < Number(n); i++) {
  await store.transact((account) => {
    const ec2 = account.services['ec2'] as { tags: Record<string, Record<string, string>> };
    ec2.tags[vpcId!] = { ...ec2.tags[vpcId!], [`${prefix}${i}`]: 'x' };
  });
}
process.stdin.destroy();
