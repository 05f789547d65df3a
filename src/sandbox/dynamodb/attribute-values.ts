/**
 * AttributeValues: checked and normalised on the way in (one type member, numbers in
 * canonical form, sets without duplicates), stored as JSON (binary in base64), turned back
 * into the SDK's shapes on the way out; equality, ordering (UTF-8 bytes, exact decimals),
 * item size, and primary keys.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { CallContext } from '../service.ts';
import { canonicalNumber, compareNumbers } from './numbers.ts';
import type { DynamoDbState, Item, TableRec, Value } from './state.ts';

export type DdbCtx = CallContext<DynamoDbState>;

export const MAX_ITEM_SIZE = 400 * 1024;

export function ddbFail(ctx: DdbCtx, code: string, message: string, fields?: Record<string, unknown>): never {
  return ctx.fail(code, message, { status: code === 'InternalServerError' ? 500 : 400, ...(fields && { fields }) });
}

export function validation(ctx: DdbCtx, message: string): never {
  return ddbFail(ctx, 'ValidationException', message);
}

const TYPES = ['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL'] as const;

function base64(ctx: DdbCtx, b: unknown): string {
  if (b instanceof Uint8Array) return Buffer.from(b).toString('base64');
  if (typeof b === 'string') return b; // JSON input (blogctl sandbox tamper): already base64
  return validation(ctx, 'One or more parameter values were invalid: Binary values must be bytes');
}

function number(ctx: DdbCtx, n: unknown): string {
  const canonical = typeof n === 'string' ? canonicalNumber(n) : undefined;
  if (canonical === undefined) validation(ctx, 'A value provided cannot be converted into a number');
  return canonical;
}

function uniqueSet(ctx: DdbCtx, values: string[], kind: string): string[] {
  if (values.length === 0) validation(ctx, `One or more parameter values were invalid: An ${kind} set  may not be empty`);
  if (new Set(values).size !== values.length) validation(ctx, `One or more parameter values were invalid: Input collection [${values.join(', ')}] contains duplicates.`);
  return values;
}

/** Checks and normalises one AttributeValue from a request. */
export function toValue(ctx: DdbCtx, av: AttributeValue | undefined): Value {
  const raw = (av ?? {}) as unknown as Record<string, unknown>;
  const present = TYPES.filter((t) => raw[t] !== undefined);
  if (present.length === 0) validation(ctx, 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  if (present.length > 1) validation(ctx, 'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
  switch (present[0]!) {
    case 'S':
      return { S: String(raw['S']) };
    case 'N':
      return { N: number(ctx, raw['N']) };
    case 'B':
      return { B: base64(ctx, raw['B']) };
    case 'SS':
      return { SS: uniqueSet(ctx, (raw['SS'] as string[]).map(String), 'string') };
    case 'NS':
      return { NS: uniqueSet(ctx, (raw['NS'] as unknown[]).map((n) => number(ctx, n)), 'number') };
    case 'BS':
      return { BS: uniqueSet(ctx, (raw['BS'] as unknown[]).map((b) => base64(ctx, b)), 'binary') };
    case 'M':
      return { M: toItem(ctx, raw['M'] as Record<string, AttributeValue>) };
    case 'L':
      return { L: (raw['L'] as AttributeValue[]).map((v) => toValue(ctx, v)) };
    case 'NULL':
      if (raw['NULL'] !== true) validation(ctx, 'One or more parameter values were invalid: Null attribute value types must have the value of true');
      return { NULL: true };
    case 'BOOL':
      return { BOOL: Boolean(raw['BOOL']) };
  }
}

export function toItem(ctx: DdbCtx, item: Record<string, AttributeValue> | undefined): Item {
  const out: Item = {};
  for (const [k, v] of Object.entries(item ?? {})) out[k] = toValue(ctx, v);
  return out;
}

export function fromValue(v: Value): AttributeValue {
  if ('B' in v) return { B: Buffer.from(v.B, 'base64') };
  if ('BS' in v) return { BS: v.BS.map((b) => Buffer.from(b, 'base64')) };
  if ('M' in v) return { M: fromItem(v.M) };
  if ('L' in v) return { L: v.L.map(fromValue) };
  if ('SS' in v) return { SS: [...v.SS] };
  if ('NS' in v) return { NS: [...v.NS] };
  return { ...v } as AttributeValue;
}

export function fromItem(item: Item): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, fromValue(v)]));
}

export function typeOf(v: Value): string {
  return Object.keys(v)[0]!;
}

/** What the value is, as DynamoDB names it in messages ({S: abc}). */
export function show(v: Value): string {
  const t = typeOf(v);
  return `{${t}: ${JSON.stringify((v as Record<string, unknown>)[t])}}`;
}

export function valuesEqual(a: Value, b: Value): boolean {
  const t = typeOf(a);
  if (t !== typeOf(b)) return false;
  const x = (a as Record<string, unknown>)[t];
  const y = (b as Record<string, unknown>)[t];
  switch (t) {
    case 'N':
      return compareNumbers(x as string, y as string) === 0;
    case 'SS':
    case 'BS':
    case 'NS': {
      const xs = x as string[];
      const ys = y as string[];
      return xs.length === ys.length && xs.every((e) => ys.some((f) => (t === 'NS' ? compareNumbers(e, f) === 0 : e === f)));
    }
    case 'M': {
      const xm = x as Record<string, Value>;
      const ym = y as Record<string, Value>;
      const keys = Object.keys(xm);
      return keys.length === Object.keys(ym).length && keys.every((k) => ym[k] !== undefined && valuesEqual(xm[k]!, ym[k]!));
    }
    case 'L': {
      const xl = x as Value[];
      const yl = y as Value[];
      return xl.length === yl.length && xl.every((e, i) => valuesEqual(e, yl[i]!));
    }
    default:
      return x === y;
  }
}

/** Orders two scalars of one type (S by UTF-8 bytes, N exactly, B bytewise); undefined otherwise. */
export function compareValues(a: Value, b: Value): number | undefined {
  if ('N' in a && 'N' in b) return compareNumbers(a.N, b.N);
  if ('S' in a && 'S' in b) return Buffer.compare(Buffer.from(a.S, 'utf8'), Buffer.from(b.S, 'utf8'));
  if ('B' in a && 'B' in b) return Buffer.compare(Buffer.from(a.B, 'base64'), Buffer.from(b.B, 'base64'));
  return undefined;
}

function valueSize(v: Value): number {
  if ('S' in v) return Buffer.byteLength(v.S, 'utf8');
  if ('N' in v) return Math.ceil(v.N.replace(/[-.]/g, '').length / 2) + 1;
  if ('B' in v) return Buffer.from(v.B, 'base64').length;
  if ('SS' in v) return v.SS.reduce((n, s) => n + Buffer.byteLength(s, 'utf8'), 0);
  if ('NS' in v) return v.NS.reduce((n, s) => n + Math.ceil(s.length / 2) + 1, 0);
  if ('BS' in v) return v.BS.reduce((n, s) => n + Buffer.from(s, 'base64').length, 0);
  if ('M' in v) return 3 + itemSize(v.M);
  if ('L' in v) return 3 + v.L.reduce((n, e) => n + 1 + valueSize(e), 0);
  return 1;
}

/** The item's size as DynamoDB counts it (names plus values, in bytes). */
export function itemSize(item: Item): number {
  return Object.entries(item).reduce((n, [k, v]) => n + Buffer.byteLength(k, 'utf8') + valueSize(v), 0);
}

/** The primary key's attributes of an item. */
export function keyOf(table: TableRec, item: Item): Item {
  const key: Item = { [table.hash.name]: item[table.hash.name]! };
  if (table.range) key[table.range.name] = item[table.range.name]!;
  return key;
}

/** The map key of an item in the table (its primary key values). */
export function keyString(table: TableRec, item: Item): string {
  const part = (name: string) => JSON.stringify(item[name]);
  return table.range ? `${part(table.hash.name)}|${part(table.range.name)}` : part(table.hash.name);
}

function checkKeyAttribute(ctx: DdbCtx, name: string, type: string, value: Value | undefined, inItem: boolean): void {
  if (value === undefined) {
    validation(ctx, inItem ? `One or more parameter values were invalid: Missing the key ${name} in the item` : 'The provided key element does not match the schema');
  }
  if (typeOf(value) !== type) {
    validation(ctx, inItem ? `One or more parameter values were invalid: Type mismatch for key ${name} expected: ${type} actual: ${typeOf(value)}` : 'The provided key element does not match the schema');
  }
  if (('S' in value && value.S === '') || ('B' in value && value.B === '')) {
    validation(ctx, `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${'S' in value ? 'string' : 'binary'} value. Key: ${name}`);
  }
}

/** A Key parameter: exactly the table's key attributes, of the right types. */
export function checkKey(ctx: DdbCtx, table: TableRec, key: Item): void {
  const expected = table.range ? 2 : 1;
  if (Object.keys(key).length !== expected) validation(ctx, 'The provided key element does not match the schema');
  checkKeyAttribute(ctx, table.hash.name, table.hash.type, key[table.hash.name], false);
  if (table.range) checkKeyAttribute(ctx, table.range.name, table.range.type, key[table.range.name], false);
}

/** A PutItem Item: it holds the key attributes with the right types. */
export function checkItem(ctx: DdbCtx, table: TableRec, item: Item): void {
  checkKeyAttribute(ctx, table.hash.name, table.hash.type, item[table.hash.name], true);
  if (table.range) checkKeyAttribute(ctx, table.range.name, table.range.type, item[table.range.name], true);
  if (itemSize(item) > MAX_ITEM_SIZE) validation(ctx, 'Item size has exceeded the maximum allowed size');
}
