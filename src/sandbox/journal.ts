/**
 * The undo journal of one write transaction. The handler sees the account through
 * proxies that note, before each change, what the changed property held; a call that
 * throws is undone by replaying the notes backwards, one that succeeds keeps its changes.
 * The cost is that of what the call touches, never that of the whole account.
 *
 * Invariant: the account never holds a proxy. A value a handler stores may contain some
 * (a filtered copy of a proxied array holds proxied elements): commit() puts back the
 * objects they stand for. After commit or undo the proxies refuse changes, so a
 * reference a handler kept cannot change the account outside a call.
 *
 * It also says where the call changed the account (`touched`): the paths, cut at
 * TOUCH_DEPTH keys (`services.ec2.subnets.<id>`), under which something changed, so the
 * file store re-serialises only those records (state-text.ts).
 */

type Obj = Record<PropertyKey, unknown>;

interface Note {
  readonly target: Obj;
  readonly key: PropertyKey;
  readonly had: boolean;
  readonly value: unknown;
}

/** Plain objects and arrays: what a JSON account is made of (and all that gets a proxy). */
function isPlain(v: unknown): v is Obj {
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) return true;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

const isIndex = (key: PropertyKey) => typeof key === 'string' && /^(0|[1-9]\d*)$/.test(key);

/** How deep `touched` paths go: account > services > service > collection > record. */
export const TOUCH_DEPTH = 4;

export type Path = readonly string[];

export class Journal {
  readonly #notes: Note[] = [];
  readonly #proxies = new WeakMap<object, Obj>();
  readonly #targets = new WeakMap<object, Obj>();
  /** Where each object was first reached from the root, cut at TOUCH_DEPTH. */
  readonly #paths = new WeakMap<object, Path>();
  #open = true;
  readonly #handler: ProxyHandler<Obj> = {
    get: (target, key) => this.#view(Reflect.get(target, key), target, key),
    set: (target, key, value) => {
      this.#before(target, key);
      if (Array.isArray(target) && key === 'length') this.#beforeTruncate(target, Number(value));
      return Reflect.set(target, key, this.#raw(value));
    },
    deleteProperty: (target, key) => {
      this.#before(target, key);
      return Reflect.deleteProperty(target, key);
    },
    defineProperty: (target, key, descriptor) => {
      this.#before(target, key);
      return Reflect.defineProperty(target, key, 'value' in descriptor ? { ...descriptor, value: this.#raw(descriptor.value) } : descriptor);
    },
  };

  /** `root` as the handler may see and change it. */
  wrap<T extends object>(root: T): T {
    return this.#view(root, undefined, '') as T;
  }

  /** How many changes were noted (0: the call changed nothing). */
  get changes(): number {
    return this.#notes.length;
  }

  /** The paths under which something changed (each once, cut at TOUCH_DEPTH). */
  touched(): Path[] {
    const seen = new Map<string, Path>();
    for (const { target, key } of this.#notes) {
      const path = this.#childPath(target, key);
      seen.set(path.join('\u0000'), path);
    }
    return [...seen.values()];
  }

  /** Keeps the changes: replaces proxies stored anywhere in the changed values by their objects. */
  commit(): void {
    this.#close();
    const seen = new WeakSet<object>();
    for (const { target, key } of this.#notes) {
      if (Object.hasOwn(target, key)) target[key] = this.#deepRaw(target[key], seen);
    }
  }

  /** Puts every changed property back as it was, latest change first. */
  undo(): void {
    this.#close();
    for (let i = this.#notes.length - 1; i >= 0; i--) {
      const { target, key, had, value } = this.#notes[i]!;
      if (had) target[key] = value;
      else delete target[key];
    }
  }

  #close(): void {
    if (!this.#open) throw new Error('blogctl sandbox: a journal was closed twice');
    this.#open = false;
  }

  #childPath(parent: object, key: PropertyKey): Path {
    const path = this.#paths.get(parent) ?? [];
    return path.length >= TOUCH_DEPTH ? path : [...path, String(key)];
  }

  /** The proxy of `v` (reached as `parent[key]`), made on first sight; v itself when not plain data. */
  #view(v: unknown, parent: object | undefined, key: PropertyKey): unknown {
    if (!isPlain(v) || this.#targets.has(v)) return v;
    let proxy = this.#proxies.get(v);
    if (proxy === undefined) {
      proxy = new Proxy(v, this.#handler);
      this.#proxies.set(v, proxy);
      this.#targets.set(proxy, v);
      this.#paths.set(v, parent === undefined ? [] : this.#childPath(parent, key));
    }
    return proxy;
  }

  #raw(v: unknown): unknown {
    return (typeof v === 'object' && v !== null && this.#targets.get(v)) || v;
  }

  #before(target: Obj, key: PropertyKey): void {
    if (!this.#open) throw new Error('blogctl sandbox: the account was changed outside a call (a handler kept a reference into it)');
    // Writing an index past the end grows an array without a trap for `length`: note it first.
    if (Array.isArray(target) && isIndex(key)) this.#note(target, 'length');
    this.#note(target, key);
  }

  /** Shrinking an array's length deletes its tail without a trap per element. */
  #beforeTruncate(target: unknown[], length: number): void {
    for (let i = target.length - 1; i >= length; i--) this.#note(target as unknown as Obj, String(i));
  }

  #note(target: Obj, key: PropertyKey): void {
    this.#notes.push({ target, key, had: Object.hasOwn(target, key), value: target[key] });
  }

  #deepRaw(v: unknown, seen: WeakSet<object>): unknown {
    if (typeof v !== 'object' || v === null) return v;
    const target = this.#targets.get(v);
    if (target !== undefined) return target;
    if (seen.has(v) || !isPlain(v)) return v;
    seen.add(v);
    for (const key of Object.keys(v)) {
      const child = v[key];
      if (typeof child === 'object' && child !== null) {
        const raw = this.#deepRaw(child, seen);
        if (raw !== child) v[key] = raw;
      }
    }
    return v;
  }
}

/** Runs fn on `root` through a journal: its changes stay if it returns (and where they are), are undone if it throws. */
export async function journaled<S extends object, T>(root: S, fn: (root: S) => T | Promise<T>): Promise<{ result: T; changed: boolean; touched: Path[] }> {
  const journal = new Journal();
  try {
    const result = await fn(journal.wrap(root));
    journal.commit();
    return { result, changed: journal.changes > 0, touched: journal.touched() };
  } catch (e) {
    journal.undo();
    throw e;
  }
}
