// Canonical strings for hashing values by MongoDB equality: two values get the same string
// exactly when compareValues() says they are equal. Used for the _id map, $in de-duplication
// and distinct(). Field order is part of an embedded document's key (as in MongoDB).
import { canonicalNumber } from './numbers';
import { Rank, typeRank } from './values';

type Any = { [k: string]: unknown };

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
    case Rank.ObjectId: return 'i' + (o.toHexString as () => string)();
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
