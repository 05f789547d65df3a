/**
 * The undo journal of write calls: every kind of change is undone exactly, the account
 * never keeps a proxy, and a reference kept past the call cannot change it; the paths
 * it reports are enough to remake the state file's text from the changed records.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Journal, journaled } from '../../src/sandbox/journal.ts';
import { StateText } from '../../src/sandbox/state-text.ts';

const account = () => ({
  list: [1, 2, 3],
  records: { a: { id: 'a', tags: ['x'] }, b: { id: 'b', tags: [] as string[] } } as Record<string, { id: string; tags: string[] }>,
  rules: [{ n: 3 }, { n: 1 }, { n: 2 }],
  counter: 0,
});

describe('journal', () => {
  it('undoes sets, deletes, array growth, splices, truncation and sorts', () => {
    const root = account();
    const before = structuredClone(root);
    const j = new Journal();
    const view = j.wrap(root);
    view.list.push(4, 5);
    view.list.splice(1, 1);
    view.list.length = 1;
    view.list[6] = 9;
    view.records['c'] = { id: 'c', tags: [] };
    delete view.records['a'];
    view.records['b']!.tags.unshift('y');
    view.rules.sort((x, y) => x.n - y.n);
    view.counter += 1;
    Object.defineProperty(view, 'extra', { value: 1, enumerable: true, configurable: true, writable: true });
    assert.ok(j.changes > 0);
    j.undo();
    assert.deepEqual(root, before);
    assert.equal(root.list.length, 3);
  });

  it('keeps changes on commit, with no proxy left in the account', () => {
    const root = account();
    const j = new Journal();
    const view = j.wrap(root);
    // A filtered copy of a proxied array holds proxies; so does a fresh object built from them.
    view.rules = view.rules.filter((r) => r.n > 1);
    view.records['c'] = { id: 'c', tags: view.records['a']!.tags };
    const fresh = { id: 'd', tags: [] as string[], nested: {} as Record<string, unknown> };
    view.records['d'] = fresh;
    fresh.nested['b'] = view.records['b']; // a raw object changed after it was attached
    j.commit();
    assert.deepEqual(root.rules, [{ n: 3 }, { n: 2 }]);
    assert.doesNotThrow(() => structuredClone(root), 'structuredClone refuses proxies: none is left');
    assert.equal(root.records['c']!.tags, root.records['a']!.tags);
    assert.equal((root.records['d'] as unknown as typeof fresh).nested['b'], root.records['b']);
  });

  it('refuses changes through a reference kept after the call', () => {
    const root = account();
    const j = new Journal();
    const kept = j.wrap(root).records['a']!;
    j.commit();
    assert.throws(() => kept.tags.push('late'), /changed outside a call/);
    assert.equal(kept.tags.length, 1, 'still readable');
    assert.throws(() => j.undo(), /closed twice/);
  });

  it('journaled() commits what returns and undoes what throws', async () => {
    const root = account();
    const kept = await journaled(root, (v) => {
      v.counter = 5;
      return v.counter;
    });
    assert.deepEqual(kept, { result: 5, changed: true, touched: [['counter']] });
    assert.deepEqual(await journaled(root, (v) => v.list.length), { result: 3, changed: false, touched: [] });
    await assert.rejects(
      journaled(root, async (v) => {
        v.list.push(7);
        await Promise.resolve();
        throw new Error('after a change');
      }),
      /after a change/,
    );
    assert.deepEqual(root.list, [1, 2, 3]);
    assert.equal(root.counter, 5);
  });
});

describe('state text from touched paths', () => {
  it('equals a full serialisation after every kind of change', async () => {
    type Rec = { id: string; tags: Record<string, string>; rules?: { n: number }[] };
    const root = {
      schemaVersion: 1, idCounter: 0,
      services: {
        ec2: { vpcs: { 'vpc-1': { id: 'vpc-1', tags: {} } } as Record<string, Rec>, refreshes: [{ n: 1 }], defaultVpcId: 'vpc-1' as string | null },
      } as Record<string, Record<string, unknown>>,
    };
    const text = new StateText();
    assert.equal(text.text(root), JSON.stringify(root));
    const steps: ((r: typeof root) => void)[] = [
      (r) => void (r.idCounter += 1),
      (r) => void ((r.services['ec2']!['vpcs'] as Record<string, Rec>)['vpc-2'] = { id: 'vpc-2', tags: { a: 'b' }, rules: [{ n: 2 }] }),
      (r) => void ((r.services['ec2']!['vpcs'] as Record<string, Rec>)['vpc-2']!.rules!.push({ n: 3 })),
      (r) => void ((r.services['ec2']!['vpcs'] as Record<string, Rec>)['vpc-1']!.tags['k'] = 'v'),
      (r) => void delete (r.services['ec2']!['vpcs'] as Record<string, Rec>)['vpc-1'],
      (r) => void (r.services['ec2']!['refreshes'] as { n: number }[]).push({ n: 4 }),
      (r) => void (r.services['ec2']!['defaultVpcId'] = null),
      (r) => void (r.services['s3'] = { buckets: { b: { name: 'b' } } }),
      (r) => void (r.services['ec2']!['vpcs'] = { 'vpc-3': { id: 'vpc-3', tags: {} } }),
      (r) => void ((r.services['s3']!['buckets'] as Record<string, { name: string; gone?: boolean }>)['b']!.gone = undefined),
    ];
    for (const [i, step] of steps.entries()) {
      const { touched } = await journaled(root, (r) => step(r));
      text.invalidate(root, touched);
      assert.equal(text.text(root), JSON.stringify(root), `after step ${i}`);
    }
  });
});
