// Deployed definition versions and form revisions never change once stored, so every process
// may keep them in memory by (key, number): no invalidation is ever needed. Misses are not
// cached (another process may store that version a moment later). Entries are frozen, so a
// caller that tried to change a shared copy fails loudly instead of corrupting the cache.
import { LRUCache } from 'lru-cache';

export function immutableCache<T extends object>(load: (key: string, n: number) => Promise<T | null>, max = 256) {
  const cache = new LRUCache<string, T>({ max });
  return async (key: string, n: number): Promise<T | null> => {
    const id = `${n}\u0000${key}`;
    const hit = cache.get(id);
    if (hit) return hit;
    const doc = await load(key, n);
    if (doc) cache.set(id, deepFreeze(doc));
    return doc;
  };
}

/** Plain objects and arrays only: ObjectIds, Dates and Buffers keep their own semantics. */
function deepFreeze<T>(value: T): T {
  const plain = Array.isArray(value) || (value && Object.getPrototypeOf(value) === Object.prototype);
  if (plain && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
