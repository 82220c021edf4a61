// Walking an update path ('a.b', 'arr.$.x', 'arr.$[].y', 'arr.$[e].z', 'arr.2') to the
// container(s) holding the target field, creating objects on the way where the operator may
// (not for $unset/$pull/$pop), with MongoDB's errors for paths that cannot be created.
import { MongoError, Codes } from '../errors';
import { formatValue } from './format';
import { isPlainObject } from './values';

export type Container = Record<string, unknown> | unknown[];

export interface PathCtx {
  /** Whether missing intermediate fields are created (else the update is a no-op there). */
  create: boolean;
  /** The array index the query matched, for '$'. */
  positional(arrayPath: string): number;
  /** arrayFilters by identifier; `used` records which were referenced. */
  filters: Map<string, (elem: unknown) => boolean>;
  used: Set<string>;
}

const bad = (msg: string) => new MongoError(Codes.BadValue, msg);
const notViable = (field: string, name: string, v: unknown) =>
  new MongoError(Codes.PathNotViable, `Cannot create field '${field}' in element {${name}: ${formatValue(v)}}`);

export function setChild(c: Container, key: string | number, v: unknown): void {
  if (Array.isArray(c)) {
    const i = Number(key);
    while (c.length < i) c.push(null); // MongoDB pads with nulls
    c[i] = v;
  } else {
    c[key] = v;
  }
}

/** Calls visit(container, key) for every field the path designates. */
export function forEachTarget(
  root: Record<string, unknown>, path: string, ctx: PathCtx,
  visit: (c: Container, key: string | number) => void,
): void {
  const segs = path.split('.');
  if (segs.some((s) => s === '')) throw bad(`The update path '${path}' contains an empty field name, which is not allowed.`);
  walk(root, 0, '');

  function walk(node: Container, i: number, name: string): void {
    const seg = segs[i];
    if (!Array.isArray(node)) {
      if (seg === '$') throw bad('The positional operator did not find the match needed from the query.');
      if (seg.startsWith('$[')) throw bad(`Cannot apply array updates to non-array element ${name}: ${formatValue(node)}`);
      return step(node, seg, i);
    }
    if (seg === '$') return step(node, ctx.positional(segs.slice(0, i).join('.')), i);
    if (seg === '$[]') return node.forEach((_, j) => step(node, j, i));
    if (seg.startsWith('$[') && seg.endsWith(']')) {
      const id = seg.slice(2, -1);
      const f = ctx.filters.get(id);
      if (!f) throw bad(`No array filter found for identifier '${id}' in path '${path}'`);
      ctx.used.add(id);
      const hits = node.flatMap((e, j) => (f(e) ? [j] : []));
      return hits.forEach((j) => step(node, j, i));
    }
    if (/^\d+$/.test(seg)) return step(node, Number(seg), i);
    if (ctx.create) throw notViable(seg, name, node);
  }

  function step(c: Container, key: string | number, i: number): void {
    if (i === segs.length - 1) return visit(c, key);
    // Own properties only: an inherited one (Object.prototype's) is never a field.
    let child = Object.hasOwn(c, key) ? (c as Record<string, unknown>)[key as string] : undefined;
    if (child === undefined) {
      if (!ctx.create) return;
      if (segs[i + 1].startsWith('$')) {
        throw bad(`The path '${segs.slice(0, i + 1).join('.')}' must exist in the document in order to apply array updates.`);
      }
      child = {};
      setChild(c, key, child);
    } else if (!isPlainObject(child) && !Array.isArray(child)) {
      if (!ctx.create) return;
      throw notViable(segs[i + 1], String(key), child);
    }
    walk(child as Container, i + 1, String(key));
  }
}
