/**
 * The state file's text, remade after each batch of writes from what changed. Every
 * record (a value TOUCH_DEPTH keys deep: `services.<service>.<collection>.<id>`) keeps
 * its JSON text until a write touches it, and the file is those texts joined: a batch
 * costs the serialisation of the records it changed and one pass joining strings, not a
 * serialisation of the whole account. The text is exactly JSON.stringify(account).
 */
import { type Path, TOUCH_DEPTH } from './journal.ts';

/** Collections (maps of records) sit one level above the records. */
const COLLECTION_DEPTH = TOUCH_DEPTH - 1;

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null;

export class StateText {
  /** Per collection object: record key -> its `"key":value` text. */
  #records = new WeakMap<object, Map<string, string>>();
  /** Collections that are arrays: kept whole. */
  #arrays = new WeakMap<object, string>();

  /** Forgets the texts that changes at these paths (journal.ts `touched`) made stale. */
  invalidate(root: object, paths: readonly Path[]): void {
    for (const path of paths) {
      if (path.length === TOUCH_DEPTH) {
        const collection = this.#at(root, path.slice(0, COLLECTION_DEPTH));
        if (isObject(collection)) {
          this.#records.get(collection)?.delete(path[COLLECTION_DEPTH]!);
          this.#arrays.delete(collection);
        }
      } else {
        this.#forgetBelow(this.#at(root, path), path.length);
      }
    }
  }

  /** The account as JSON (without the final newline). */
  text(root: object): string {
    return this.#assemble(root, 0) ?? 'null';
  }

  #at(root: object, path: Path): unknown {
    let node: unknown = root;
    for (const key of path) {
      if (!isObject(node)) return undefined;
      node = node[key];
    }
    return node;
  }

  #forgetBelow(node: unknown, depth: number): void {
    if (!isObject(node)) return;
    if (depth >= COLLECTION_DEPTH) {
      this.#records.delete(node);
      this.#arrays.delete(node);
      return;
    }
    for (const key of Object.keys(node)) this.#forgetBelow(node[key], depth + 1);
  }

  #assemble(value: unknown, depth: number): string | undefined {
    if (!isObject(value)) return JSON.stringify(value);
    if (depth === COLLECTION_DEPTH) return this.#collection(value);
    if (Array.isArray(value)) return JSON.stringify(value);
    const parts: string[] = [];
    for (const key of Object.keys(value)) {
      const text = this.#assemble(value[key], depth + 1);
      if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${parts.join(',')}}`;
  }

  #collection(collection: Obj): string {
    if (Array.isArray(collection)) {
      let text = this.#arrays.get(collection);
      if (text === undefined) this.#arrays.set(collection, (text = JSON.stringify(collection)));
      return text;
    }
    let texts = this.#records.get(collection);
    if (texts === undefined) this.#records.set(collection, (texts = new Map()));
    const parts: string[] = [];
    for (const key of Object.keys(collection)) {
      let text = texts.get(key);
      if (text === undefined) {
        const json = JSON.stringify(collection[key]);
        if (json === undefined) continue;
        texts.set(key, (text = `${JSON.stringify(key)}:${json}`));
      }
      parts.push(text);
    }
    return `{${parts.join(',')}}`;
  }
}
