// Values rendered the way mongod renders them inside error messages, e.g.
// `dup key: { name: "x", _id: ObjectId('65a...') }`, and BSON type names for messages/$type.
import { isNumeric, numericTypeName } from './numbers';
import { Rank, typeRank } from './values';

type Any = { [k: string]: unknown };

export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  const o = v as Any;
  switch (typeRank(v)) {
    case Rank.Number: return String(v);
    case Rank.ObjectId: return `ObjectId('${(o.toHexString as () => string)()}')`;
    case Rank.Date: return `new Date(${(v as Date).getTime()})`;
    case Rank.Array: {
      const a = v as unknown[];
      return a.length ? `[ ${a.map(formatValue).join(', ')} ]` : '[]';
    }
    case Rank.Object: return formatDoc(o);
    case Rank.BinData: {
      const b = v instanceof Uint8Array ? v : (o.buffer as Uint8Array);
      return `BinData(${(o.sub_type as number) ?? 0}, ${Buffer.from(b).toString('hex').toUpperCase()})`;
    }
    case Rank.Timestamp: return `Timestamp(${o.t}, ${o.i})`;
    case Rank.Regex: return v instanceof RegExp ? String(v) : `/${o.pattern}/${o.options}`;
    case Rank.MinKey: return 'MinKey';
    case Rank.MaxKey: return 'MaxKey';
  }
  return String(v);
}

export function formatDoc(doc: Any): string {
  const keys = Object.keys(doc);
  return keys.length ? `{ ${keys.map((k) => `${k}: ${formatValue(doc[k])}`).join(', ')} }` : '{}';
}

/** MongoDB's type alias ($type names, "of type X" in messages). */
export function bsonTypeName(v: unknown): string {
  if (v === undefined) return 'missing';
  if (isNumeric(v)) return numericTypeName(v);
  const t = (v as { _bsontype?: string })?._bsontype;
  switch (typeRank(v)) {
    case Rank.Null: return 'null';
    case Rank.String: return t === 'BSONSymbol' ? 'symbol' : 'string';
    case Rank.Array: return 'array';
    case Rank.BinData: return 'binData';
    case Rank.ObjectId: return 'objectId';
    case Rank.Bool: return 'bool';
    case Rank.Date: return 'date';
    case Rank.Timestamp: return 'timestamp';
    case Rank.Regex: return 'regex';
    case Rank.Code: return 'javascript';
    case Rank.MinKey: return 'minKey';
    case Rank.MaxKey: return 'maxKey';
  }
  return 'object';
}
