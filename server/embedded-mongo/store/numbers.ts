// Numbers as MongoDB sees them: int32, int64, double and decimal128 form ONE type that compares
// by value. JS numbers cover int32/double; Long appears for int64 (recovery reads every int64 as
// Long, the driver sends Long only beyond 2^53); Decimal128 stays Decimal128. Comparisons that
// cannot be done exactly in doubles go through BigInt rationals (m * 2^p2 * 10^p10).
import { Decimal128, Long } from 'bson';

type Tagged = { _bsontype?: string; value?: unknown };
const tag = (v: unknown): string | undefined =>
  typeof v === 'object' && v !== null ? (v as Tagged)._bsontype : undefined;

export function isNumeric(v: unknown): boolean {
  if (typeof v === 'number' || typeof v === 'bigint') return true;
  const t = tag(v);
  return t === 'Long' || t === 'Decimal128' || t === 'Int32' || t === 'Double';
}

/** The BSON type name MongoDB would report ($type, error messages). */
export function numericTypeName(v: unknown): 'int' | 'long' | 'double' | 'decimal' {
  if (typeof v === 'bigint') return 'long';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) <= 0x7fffffff ? 'int' : 'double';
  const t = tag(v);
  return t === 'Long' ? 'long' : t === 'Decimal128' ? 'decimal' : t === 'Int32' ? 'int' : 'double';
}

type Exact = { k: 'nan' } | { k: 'inf'; s: 1 | -1 } | { k: 'fin'; m: bigint; p2: number; p10: number };

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer); // little-endian: [low, high]

function exactDouble(x: number): Exact {
  if (Number.isNaN(x)) return { k: 'nan' };
  if (!Number.isFinite(x)) return { k: 'inf', s: x > 0 ? 1 : -1 };
  if (Number.isSafeInteger(x)) return { k: 'fin', m: BigInt(x), p2: 0, p10: 0 };
  f64[0] = x;
  const hi = u32[1], lo = u32[0];
  const exp = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (exp !== 0) m |= 1n << 52n;
  if (hi >>> 31) m = -m;
  return { k: 'fin', m, p2: (exp === 0 ? 1 : exp) - 1075, p10: 0 };
}

function exactDecimal(d: Decimal128): Exact {
  const s = d.toString();
  if (s === 'NaN' || s === '-NaN') return { k: 'nan' };
  if (s.endsWith('Infinity')) return { k: 'inf', s: s.startsWith('-') ? -1 : 1 };
  const m = /^(-)?(\d+)(?:\.(\d+))?(?:E([+-]\d+))?$/i.exec(s);
  if (!m) throw new Error(`unparseable Decimal128 ${s}`);
  const frac = m[3] ?? '';
  const coef = BigInt(m[2] + frac);
  return { k: 'fin', m: m[1] ? -coef : coef, p2: 0, p10: Number(m[4] ?? 0) - frac.length };
}

export function exactOf(v: unknown): Exact {
  if (typeof v === 'number') return exactDouble(v);
  if (typeof v === 'bigint') return { k: 'fin', m: v, p2: 0, p10: 0 };
  const t = tag(v);
  if (t === 'Long') return { k: 'fin', m: BigInt((v as Long).toString()), p2: 0, p10: 0 };
  if (t === 'Decimal128') return exactDecimal(v as Decimal128);
  return exactDouble(Number((v as Tagged).value));
}

const pow = (b: bigint, e: number) => (e === 0 ? 1n : b ** BigInt(e));

function compareExact(a: Exact, b: Exact): number {
  // MongoDB: NaN sorts below every other number and equals NaN.
  if (a.k === 'nan' || b.k === 'nan') return a.k === b.k ? 0 : a.k === 'nan' ? -1 : 1;
  if (a.k === 'inf' || b.k === 'inf') {
    const sa = a.k === 'inf' ? a.s * 2 : 0, sb = b.k === 'inf' ? b.s * 2 : 0;
    if (a.k === 'inf' && b.k === 'inf') return Math.sign(sa - sb);
    return a.k === 'inf' ? a.s : -(b as { s: number }).s;
  }
  const p2 = Math.min(a.p2, b.p2), p10 = Math.min(a.p10, b.p10);
  const x = a.m * pow(2n, a.p2 - p2) * pow(10n, a.p10 - p10);
  const y = b.m * pow(2n, b.p2 - p2) * pow(10n, b.p10 - p10);
  return x < y ? -1 : x > y ? 1 : 0;
}

const plain = (v: unknown): number | undefined => {
  if (typeof v === 'number') return v;
  const t = tag(v);
  if (t === 'Int32' || t === 'Double') return Number((v as Tagged).value);
  if (t === 'Long' && Math.abs((v as Long).high) < 0x1fffff) return (v as Long).toNumber(); // |v| < 2^52
  return undefined;
};

/** Numeric order, exact across types (Long beyond 2^53, Decimal128 vs double). */
export function compareNumbers(a: unknown, b: unknown): number {
  const x = plain(a), y = plain(b);
  if (x !== undefined && y !== undefined) {
    if (x < y) return -1;
    if (x > y) return 1;
    if (x === y) return 0;
    return compareExact(exactOf(x), exactOf(y)); // NaN involved
  }
  if (tag(a) === 'Long' && tag(b) === 'Long') return (a as Long).compare(b as Long);
  return compareExact(exactOf(a), exactOf(b));
}

/** Canonical text of a numeric value for equality keys: equal numbers give equal strings. */
export function canonicalNumber(v: unknown): string {
  const x = plain(v);
  if (x !== undefined) {
    if (!Number.isInteger(x)) return String(x); // NaN, ±Infinity, fractions: shortest form
    return Number.isSafeInteger(x) ? String(x + 0) : BigInt(x).toString(); // x + 0: -0 -> 0
  }
  const e = exactOf(v);
  if (e.k !== 'fin') return e.k === 'nan' ? 'NaN' : String(e.s * Infinity);
  if (e.p2 === 0 && e.p10 >= 0) return (e.m * pow(10n, e.p10)).toString();
  // A decimal equal to some double must key like that double; other decimals key as m"d"p10.
  const asDouble = Number(`${e.m}e${e.p10}`);
  if (compareExact(exactOf(asDouble), e) === 0) return String(asDouble);
  let m = e.m, p = e.p10;
  while (m % 10n === 0n && m !== 0n) { m /= 10n; p++; }
  return `${m}d${p}`;
}

const LONG_MIN = -(2n ** 63n), LONG_MAX = 2n ** 63n - 1n;

function toNumber(v: unknown): number {
  const x = plain(v);
  return x !== undefined ? x : Number(tag(v) === 'Long' ? (v as Long).toString() : (v as Decimal128).toString());
}

function fromBig(r: bigint, what: string): unknown {
  if (r < LONG_MIN || r > LONG_MAX) throw new RangeError(`${what} overflows a 64-bit integer`);
  return r >= BigInt(Number.MIN_SAFE_INTEGER) && r <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(r) : Long.fromBigInt(r);
}

function decimalOp(a: unknown, b: unknown, op: 'add' | 'mul'): Decimal128 {
  const ex = (v: unknown) => {
    const e = tag(v) === 'Decimal128' ? exactOf(v) : exactOf(Decimal128.fromString(String(toNumber(v))));
    if (e.k !== 'fin') throw new RangeError('arithmetic on a non-finite Decimal128 is not supported');
    return e;
  };
  const x = ex(a) as { m: bigint; p10: number }, y = ex(b) as { m: bigint; p10: number };
  if (op === 'mul') return Decimal128.fromStringWithRounding(`${x.m * y.m}E${x.p10 + y.p10}`);
  const p = Math.min(x.p10, y.p10);
  const sum = x.m * pow(10n, x.p10 - p) + y.m * pow(10n, y.p10 - p);
  return Decimal128.fromStringWithRounding(`${sum}E${p}`);
}

/**
 * $inc / $mul arithmetic. JS numbers stay numbers; a Long operand keeps 64-bit integer
 * arithmetic (results that fit in 2^53 come back as numbers, like the driver reads them);
 * Decimal128 uses exact decimal arithmetic. Throws RangeError on int64 overflow.
 */
export function arith(a: unknown, b: unknown, op: 'add' | 'mul'): unknown {
  if (typeof a === 'number' && typeof b === 'number') return op === 'add' ? a + b : a * b;
  if (tag(a) === 'Decimal128' || tag(b) === 'Decimal128') return decimalOp(a, b, op);
  const x = toNumber(a), y = toNumber(b);
  if (Number.isInteger(x) && Number.isInteger(y) && (tag(a) === 'Long' || tag(b) === 'Long')) {
    const bx = tag(a) === 'Long' ? BigInt((a as Long).toString()) : BigInt(x);
    const by = tag(b) === 'Long' ? BigInt((b as Long).toString()) : BigInt(y);
    return fromBig(op === 'add' ? bx + by : bx * by, `$${op === 'add' ? 'inc' : 'mul'}`);
  }
  return op === 'add' ? x + y : x * y;
}
