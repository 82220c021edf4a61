// 分级督办: who supervises whom, and who sees a case, over the shipped court tree.
import { beforeAll, describe, expect, it } from 'vitest';
import { ancestorChain } from '../../../server/courts/jurisdiction';
import { canSeeCase, computeAncestors, loadSeedCourts, placementProblems, supervises, withinJurisdiction, type Court } from '../../../server/courts';

let courts: Map<string, Court>;
const c = (code: string) => {
  const court = courts.get(code);
  if (!court) throw new Error(`no seed court ${code}`);
  return court;
};

beforeAll(async () => {
  const seed = await loadSeedCourts();
  const ancestors = computeAncestors(seed);
  courts = new Map(seed.map((s) => [s.code, { ...s, ancestors: ancestors.get(s.code)! }]));
});

describe('seed court tree', () => {
  it('places every court validly, with unique codes', () => {
    const seed = [...courts.values()];
    expect(new Set(seed.map((s) => s.code)).size).toBe(seed.length);
    for (const court of seed) {
      const parent = court.parent === null ? null : courts.get(court.parent);
      expect(placementProblems(court, parent), court.code).toEqual([]);
    }
  });

  it('names the courts the regulations name', () => {
    const names = new Set([...courts.values()].map((s) => s.name));
    for (const name of ['海南省高级人民法院', '海口海事法院', '海南省第一中级人民法院', '海南省第二中级人民法院', '兰考县人民法院',
      '开封市中级人民法院', '济南铁路运输中级法院', '青岛海事法院', '昆明铁路运输中级法院', '长白朝鲜族自治县人民法院']) {
      expect(names.has(name), name).toBe(true);
    }
    expect([...courts.values()].filter((s) => s.parent === 'jl-bs-zy')).toHaveLength(6);
  });
});

describe('supervises', () => {
  it('a 高院 supervises every court of its province, including 专门 courts', () => {
    for (const lower of ['hi-hk-zy', 'hi-hk-qs', 'hi-hk-hs', 'hi-zy1', 'hi-qh']) expect(supervises(c('hi-gy'), c(lower))).toBe(true);
    expect(supervises(c('sd-gy'), c('sd-jn-tl'))).toBe(true);
  });
  it('a 中院 supervises its 基层 courts only', () => {
    expect(supervises(c('hi-hk-zy'), c('hi-hk-qs'))).toBe(true);
    expect(supervises(c('hi-hk-zy'), c('hi-qh'))).toBe(false);
    expect(supervises(c('hi-hk-zy'), c('hi-hk-hs'))).toBe(false);
    expect(supervises(c('jl-bs-zy'), c('jl-bs-cb'))).toBe(true);
  });
  it('nobody supervises upwards, sideways, across provinces or itself', () => {
    expect(supervises(c('hi-hk-qs'), c('hi-hk-zy'))).toBe(false);
    expect(supervises(c('hi-hk-zy'), c('hi-gy'))).toBe(false);
    expect(supervises(c('hi-hk-zy'), c('hi-sy-zy'))).toBe(false);
    expect(supervises(c('hi-gy'), c('ha-kf-lk'))).toBe(false);
    expect(supervises(c('hi-gy'), c('hi-gy'))).toBe(false);
  });
  it('a 铁路运输中级法院 supervises its 铁路运输法院s; 最高 supervises all', () => {
    expect(supervises(c('sd-jn-tlzy'), c('sd-qd-tl'))).toBe(true);
    expect(supervises(c('spc'), c('jl-bs-hj'))).toBe(true);
  });
  it('withinJurisdiction includes the court itself', () => {
    expect(withinJurisdiction(c('hi-hk-zy'), c('hi-hk-zy'))).toBe(true);
    expect(withinJurisdiction(c('hi-hk-zy'), c('hi-sy-cj'))).toBe(false);
  });
});

describe('canSeeCase', () => {
  const kase = (sup: string, sub: string) => ({ supervisingCourt: c(sup), supervisedCourt: c(sub) });
  it('the supervising court, the supervised court and their ancestors see the case', () => {
    const k = kase('hi-hk-zy', 'hi-hk-qs');
    for (const court of ['hi-hk-zy', 'hi-hk-qs', 'hi-gy', 'spc']) expect(canSeeCase({ court }, k), court).toBe(true);
  });
  it('sibling, lower and foreign courts do not', () => {
    const k = kase('hi-hk-zy', 'hi-hk-qs');
    for (const court of ['hi-hk-lh', 'hi-sy-zy', 'hi-hk-hs', 'ha-gy', 'jl-bs-zy']) expect(canSeeCase({ court }, k), court).toBe(false);
  });
  it('a 高院 supervising a 海事法院 case', () => {
    expect(canSeeCase({ court: 'hi-hk-hs' }, kase('hi-gy', 'hi-hk-hs'))).toBe(true);
    expect(canSeeCase({ court: 'hi-hk-zy' }, kase('hi-gy', 'hi-hk-hs'))).toBe(false);
  });
});

describe('computeAncestors', () => {
  it('lists ancestors root first', () => {
    expect(c('hi-hk-qs').ancestors).toEqual(['spc', 'hi-gy', 'hi-hk-zy']);
  });
  it('ancestorChain never throws: null on a cycle, stops at a missing parent', () => {
    const tree = new Map([['a', { parent: 'b' }], ['b', { parent: 'a' }], ['c', { parent: 'x' }]]);
    expect(ancestorChain('a', tree)).toBeNull();
    expect(ancestorChain('c', tree)).toEqual(['x']);
  });
  it('refuses a cycle and a missing parent', () => {
    expect(() => computeAncestors([{ code: 'a', parent: 'b' }, { code: 'b', parent: 'a' }])).toThrow(/循环/);
    expect(() => computeAncestors([{ code: 'a', parent: 'x' }])).toThrow(/不存在/);
  });
});

describe('placementProblems', () => {
  const gy = { code: 'hi-gy', level: '高院' as const, province: '海南省' };
  it('refuses a 基层 court directly under a 高院 and a province mismatch', () => {
    expect(placementProblems({ level: '基层', province: '海南省', parent: 'hi-gy' }, gy)[0]).toMatch(/基层法院的上级必须是/);
    expect(placementProblems({ level: '中院', province: '河南省', parent: 'hi-gy' }, gy)[0]).toMatch(/省份/);
    expect(placementProblems({ level: '中院', province: '海南省', parent: 'nope' }, undefined)[0]).toMatch(/不存在/);
    expect(placementProblems({ level: '中院', province: null, parent: 'hi-gy' }, gy)).toContain('省份不能为空');
  });
});
