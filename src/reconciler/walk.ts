/**
 * One graph walker for observe (kinds), apply (resources) and delete (reverse order), as
 * Terraform's dag.Walker: a node is visited once every node it depends on has settled,
 * and it sees how each of them settled, so it decides itself whether to go on or skip.
 * Ready nodes start in the order given (file order), never by microtask timing; a cycle
 * is refused before anything starts.
 */

export type Settled<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: Error };

export class CycleError extends Error {
  constructor(readonly nodes: readonly string[]) {
    super(`dependency cycle among: ${nodes.join(', ')}`);
    this.name = 'CycleError';
  }
}

export interface WalkInput<N> {
  /** Every node, in the order ready nodes start. */
  readonly nodes: readonly N[];
  /** What a node waits for; nodes not in `nodes` are ignored. */
  dependencies(node: N): Iterable<N>;
  /** For messages: a node's name. */
  readonly name?: (node: N) => string;
}

/** Kahn's order of the nodes, or the nodes left in a cycle. */
export function kahn<N>(input: WalkInput<N>): { order: N[]; cyclic: N[] } {
  const known = new Set(input.nodes);
  const pending = new Map<N, number>();
  const dependents = new Map<N, N[]>();
  for (const n of input.nodes) {
    const deps = new Set([...input.dependencies(n)].filter((d) => known.has(d) && d !== n));
    pending.set(n, deps.size);
    for (const d of deps) (dependents.get(d) ?? dependents.set(d, []).get(d)!).push(n);
  }
  const rank = new Map(input.nodes.map((n, i) => [n, i]));
  const ready = new MinHeap<N>((a, b) => rank.get(a)! - rank.get(b)!);
  for (const n of input.nodes) if (pending.get(n) === 0) ready.push(n);
  const order: N[] = [];
  for (let n = ready.pop(); n !== undefined; n = ready.pop()) {
    order.push(n);
    for (const d of dependents.get(n) ?? []) {
      const left = pending.get(d)! - 1;
      pending.set(d, left);
      if (left === 0) ready.push(d);
    }
  }
  return { order, cyclic: input.nodes.filter((n) => pending.get(n)! > 0) };
}

/**
 * Visits every node once its dependencies settled; resolves with how each settled.
 * `visit` gets the settled results of the node's dependencies.
 */
export async function walk<N, R>(
  input: WalkInput<N>,
  visit: (node: N, upstream: ReadonlyMap<N, Settled<R>>) => Promise<R>,
): Promise<Map<N, Settled<R>>> {
  const { cyclic } = kahn(input);
  if (cyclic.length > 0) throw new CycleError(cyclic.map((n) => (input.name ? input.name(n) : String(n))));
  const known = new Set(input.nodes);
  const depsOf = new Map(input.nodes.map((n) => [n, [...new Set([...input.dependencies(n)].filter((d) => known.has(d) && d !== n))]]));
  const dependents = new Map<N, N[]>();
  const pending = new Map<N, number>();
  for (const [n, deps] of depsOf) {
    pending.set(n, deps.length);
    for (const d of deps) (dependents.get(d) ?? dependents.set(d, []).get(d)!).push(n);
  }
  const settled = new Map<N, Settled<R>>();
  return new Promise((resolve) => {
    let running = 0;
    const start = (n: N): void => {
      running += 1;
      const upstream = new Map(depsOf.get(n)!.map((d) => [d, settled.get(d)!]));
      let p: Promise<R>;
      try {
        p = visit(n, upstream);
      } catch (err) {
        p = Promise.reject(err);
      }
      p.then(
        (value) => finish(n, { ok: true, value }),
        (err: unknown) => finish(n, { ok: false, error: err instanceof Error ? err : new Error(String(err)) }),
      );
    };
    const finish = (n: N, s: Settled<R>): void => {
      settled.set(n, s);
      running -= 1;
      for (const d of dependents.get(n) ?? []) {
        const left = pending.get(d)! - 1;
        pending.set(d, left);
        if (left === 0) start(d);
      }
      if (running === 0) resolve(settled);
    };
    const roots = input.nodes.filter((n) => pending.get(n) === 0);
    if (roots.length === 0) resolve(settled);
    for (const n of roots) start(n);
  });
}

/** A binary heap: O(log n) push and pop of the smallest by `less`. */
export class MinHeap<T> {
  readonly #items: T[] = [];
  constructor(private readonly cmp: (a: T, b: T) => number) {}
  get size(): number {
    return this.#items.length;
  }
  push(x: T): void {
    const a = this.#items;
    a.push(x);
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (this.cmp(a[i]!, a[p]!) >= 0) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.#items;
    if (a.length === 0) return undefined;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.cmp(a[l]!, a[m]!) < 0) m = l;
        if (r < a.length && this.cmp(a[r]!, a[m]!) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}
