/**
 * DynamoDB numbers: decimal strings of up to 38 significant digits, exact (no floating
 * point), returned in canonical form ("1.50" -> "1.5", "1E3" -> "1000"). Held as a BigInt
 * mantissa and a power-of-ten exponent to compare and add them exactly.
 */

interface Decimal {
  mantissa: bigint;
  exponent: number;
}

const SYNTAX = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

function parse(text: string): Decimal | undefined {
  const m = SYNTAX.exec(text.trim());
  if (!m) return undefined;
  const [, sign, int = '', frac = '', exp = '0'] = m;
  if (int === '' && frac === '') return undefined;
  let digits = `${int}${frac}`.replace(/^0+/, '');
  let exponent = Number(exp) - frac.length;
  if (digits === '') return { mantissa: 0n, exponent: 0 };
  while (digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    exponent += 1;
  }
  return { mantissa: BigInt(`${sign === '-' ? '-' : ''}${digits}`), exponent };
}

function format(d: Decimal): string {
  if (d.mantissa === 0n) return '0';
  const negative = d.mantissa < 0n;
  const digits = (negative ? -d.mantissa : d.mantissa).toString();
  let out: string;
  if (d.exponent >= 0) out = digits + '0'.repeat(d.exponent);
  else {
    const point = digits.length + d.exponent;
    out = point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${'0'.repeat(-point)}${digits}`;
  }
  return negative ? `-${out}` : out;
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const e = Math.min(a.exponent, b.exponent);
  return [a.mantissa * 10n ** BigInt(a.exponent - e), b.mantissa * 10n ** BigInt(b.exponent - e), e];
}

function significantDigits(d: Decimal): number {
  return d.mantissa === 0n ? 0 : (d.mantissa < 0n ? -d.mantissa : d.mantissa).toString().length;
}

/** The canonical form, or undefined when DynamoDB would refuse the number. */
export function canonicalNumber(text: string): string | undefined {
  const d = parse(text);
  if (!d || significantDigits(d) > 38) return undefined;
  const magnitude = d.exponent + significantDigits(d);
  if (d.mantissa !== 0n && (magnitude > 126 || magnitude < -129)) return undefined;
  return format(d);
}

export function compareNumbers(a: string, b: string): number {
  const [x, y] = align(parse(a)!, parse(b)!);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function addNumbers(a: string, b: string, sign: 1 | -1 = 1): string | undefined {
  const [x, y, e] = align(parse(a)!, parse(b)!);
  return canonicalNumber(format({ mantissa: x + BigInt(sign) * y, exponent: e }));
}
