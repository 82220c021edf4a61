// Deployed definition versions and form revisions are read once per process: hits come from
// memory, misses are asked again (another process may deploy that version any moment), and a
// cached entry cannot be changed by a careless caller.
import { describe, expect, it } from 'vitest';
import { immutableCache } from '../../../server/db/immutableCache';

describe('immutableCache', () => {
  it('loads a version once, asks again after a miss, and keeps keys apart', async () => {
    const loads: string[] = [];
    const store = new Map([['a@1', { key: 'a', version: 1, forms: { f: 2 } }]]);
    const get = immutableCache(async (key, n) => {
      loads.push(`${key}@${n}`);
      return store.get(`${key}@${n}`) ?? null;
    });
    expect(await get('a', 1)).toMatchObject({ version: 1 });
    expect(await get('a', 1)).toMatchObject({ version: 1 });
    expect(await get('a', 2)).toBeNull();
    store.set('a@2', { key: 'a', version: 2, forms: { f: 3 } });
    expect(await get('a', 2)).toMatchObject({ version: 2 });
    expect(loads).toEqual(['a@1', 'a@2', 'a@2']);
  });

  it('freezes plain data deeply, leaving dates and ids alone', async () => {
    const at = new Date('2026-11-02T01:00:00Z');
    const get = immutableCache(async () => ({ forms: { f: 1 }, list: [{ x: 1 }], at, raw: Buffer.from('x') }));
    const doc = (await get('k', 1))!;
    expect(() => { (doc.forms as Record<string, number>).f = 2; }).toThrow(TypeError);
    expect(() => { doc.list.push({ x: 2 }); }).toThrow(TypeError);
    expect(Object.isFrozen(doc.at)).toBe(false);
    expect(doc.raw.toString()).toBe('x');
  });
});
