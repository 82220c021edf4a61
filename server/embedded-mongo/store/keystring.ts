// Canonical strings for hashing values by MongoDB equality: two values get the same string
// exactly when compareValues() says they are equal. Used for the _id map, $in de-duplication
// and distinct(). Field order is part of an embedded document's key (as in MongoDB).
import { canonicalNumber } from './numbers';
import { Rank, typeRank } from './values';

type Any = { [k: string]: unknown };

/**
 * 'i' + the 12 bytes as six UTF-16 units: a flat 7-character string. The hex form is a rope of
 * 25 concatenations in V8 (~270 bytes per _id kept as a Map key); this one is ~40 bytes.
 */
function objectIdKey(o: Any): string {
  const { i0, i1, i2, i3 } = o as { i0?: number; i1: number; i2: number; i3: number };
  if (i0 === undefined) return 'i' + (o.toHexString as () => string)();
  return String.fromCharCode(0x69, i0 >>> 8, ((i0 & 0xff) << 8) | (i1 >>> 16), i1 & 0xffff,
    i2 >>> 8, ((i2 & 0xff) << 8) | (i3 >>> 16), i3 & 0xffff);
}

export function keyString(v: unknown): string {
  switch (typeof v) {
    case 'string': return 's' + v;
    case 'number': return 'n' + canonicalNumber(v);
    case 'boolean': return v ? 't' : 'f';
    case 'undefined': return 'z';
  }
  if (v === null) return 'z';
  const r = typeRank(v);
  const o = v as Any;
  switch (r) {
    case Rank.ObjectId: return objectIdKey(o);
    case Rank.Number: return 'n' + canonicalNumber(v);
    case Rank.String: return 's' + String(v);
    case Rank.Date: return 'd' + (v as Date).getTime();
    case Rank.Array: return 'a' + JSON.stringify((v as unknown[]).map(keyString));
    case Rank.Object: return 'o' + JSON.stringify(Object.keys(o).map((k) => [k, keyString(o[k])]));
    case Rank.BinData: {
      const bytes = v instanceof Uint8Array ? v : (o.buffer as Uint8Array);
      return `b${(o.sub_type as number) ?? 0}:${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
    }
    case Rank.Timestamp: return `T${o.t}:${o.i}`;
    case Rank.Regex: return 'r' + JSON.stringify(v instanceof RegExp ? [v.source, v.flags] : [o.pattern, o.options]);
    case Rank.Code: return 'c' + String(o.code);
    case Rank.MinKey: return '-';
    case Rank.MaxKey: return '+';
  }
  return 'x' + String(v);
}
