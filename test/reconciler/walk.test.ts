import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CycleError, kahn, MinHeap, walk } from '../../src/reconciler/walk.ts';

const deps: Record<string, string[]> = { a: [], b: ['a'], c: ['a'], d: ['b', 'c'], e: [] };
const input = { nodes: Object.keys(deps), dependencies: (n: string) => deps[n]! };

test('kahn: dependencies first, ties in the given order', () => {
  assert.deepEqual(kahn(input).order, ['a', 'b', 'c', 'd', 'e']);
  assert.deepEqual(kahn({ nodes: ['x', 'y', 'z'], dependencies: (n) => (n === 'x' ? ['y'] : n === 'y' ? ['x'] : []) }).cyclic, ['x', 'y']);
});

test('walk: a node starts after its dependencies settle and sees how each settled', async () => {
  const started: string[] = [];
  const seen = new Map<string, string[]>();
  const settled = await walk<string, string>(input, async (n, upstream) => {
    started.push(n);
    seen.set(n, [...upstream].map(([k, s]) => `${k}:${s.ok ? 'ok' : 'failed'}`));
    await new Promise((r) => setImmediate(r));
    if (n === 'b') throw new Error('b broke');
    return n.toUpperCase();
  });
  assert.deepEqual(started.slice(0, 2), ['a', 'e'], 'roots start at once, in order');
  assert.ok(started.indexOf('d') > started.indexOf('b') && started.indexOf('d') > started.indexOf('c'));
  assert.deepEqual(seen.get('d'), ['b:failed', 'c:ok']);
  const c = settled.get('c')!;
  const b = settled.get('b')!;
  assert.equal(c.ok && c.value, 'C');
  assert.equal(!b.ok && b.error.message, 'b broke');
});

test('walk: a cycle is refused before anything runs; an empty graph settles', async () => {
  let ran = 0;
  await assert.rejects(
    walk({ nodes: ['x', 'y'], dependencies: (n) => [n === 'x' ? 'y' : 'x'] }, async () => void ran++),
    (e: unknown) => e instanceof CycleError && /x, y/.test(e.message),
  );
  assert.equal(ran, 0);
  assert.equal((await walk({ nodes: [], dependencies: () => [] }, async () => 1)).size, 0);
});

test('walk: 20,000 nodes in a chain and a fan-out finish without deep stacks', async () => {
  const n = 20_000;
  const nodes = Array.from({ length: n }, (_, i) => i);
  const settled = await walk({ nodes, dependencies: (i) => (i === 0 ? [] : i % 2 ? [i - 1] : [0]) }, async (i) => i);
  assert.equal(settled.size, n);
});

test('MinHeap pops in order', () => {
  const h = new MinHeap<number>((a, b) => a - b);
  for (const x of [5, 3, 9, 1, 7, 1]) h.push(x);
  const out: number[] = [];
  for (let x = h.pop(); x !== undefined; x = h.pop()) out.push(x);
  assert.deepEqual(out, [1, 1, 3, 5, 7, 9]);
});
