// The ledger's rules, pure (server/ledger/rules.ts): subjects, Beijing windows, counting, decisions.
import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../../server/ledger/entry';
import { beijingYear, periodOf, quarterBounds } from '../../../server/ledger/kinds';
import { countFor, decide, ruleCounts, subjectsOf, windowOf } from '../../../server/ledger/rules';
import { ledgerSectionSchema, type LedgerRule } from '../../../server/ledger/rules.schema';

const hainan: LedgerRule = {
  id: 'excellenceExclusion', title: '通报批评两次以上', basis: '海南办法 第十三条', kinds: ['通报批评'], issuerLevel: '高院',
  per: ['court', 'person'], window: 'year', threshold: 2, consequence: '取消当年评优评先资格',
};
const baishan: LedgerRule = { ...hainan, id: 'baishan', issuerLevel: '中院', per: ['bureau', 'role:执行局长', 'role:直接责任人'] };

let n = 0;
function entry(over: Partial<LedgerEntry> = {}): LedgerEntry {
  const at = over.at ?? new Date('2026-05-01T02:00:00Z');
  return {
    _id: `e${++n}`, kind: '通报批评', issuer: 'hi-gy', issuerLevel: '高院', province: '海南省', court: 'hi-hk-zy', unit: '法院',
    persons: [], year: beijingYear(at), period: periodOf(at), at, source: 'process', recordedBy: 'u', recordedAt: at, ...over,
  };
}

describe('Beijing windows', () => {
  it('31 December 23:30 +08:00 is that year; 1 January 00:10 +08:00 the next (whatever the server zone)', () => {
    expect(beijingYear(new Date('2026-12-31T23:30:00+08:00'))).toBe(2026);
    expect(beijingYear(new Date('2027-01-01T00:10:00+08:00'))).toBe(2027);
    expect(periodOf(new Date('2026-09-30T23:59:00+08:00'))).toBe('2026-Q3');
    expect(periodOf(new Date('2026-10-01T00:00:00+08:00'))).toBe('2026-Q4');
    expect(quarterBounds(2026, 4)).toEqual({ from: new Date('2026-10-01T00:00:00+08:00'), to: new Date('2027-01-01T00:00:00+08:00') });
  });
});

describe('subjects', () => {
  it('a court and each named person count apart; a person named twice counts once', () => {
    const e = entry({ persons: [{ name: '李四', court: 'hi-hk-zy' }, { name: '李四', court: 'hi-hk-zy' }, { name: '王五', court: 'hi-hk-xy' }] });
    expect(subjectsOf(hainan, e).map((s) => s.key)).toEqual(['court:hi-hk-zy', 'person:hi-hk-zy:李四', 'person:hi-hk-xy:王五']);
  });
  it('Baishan: the 执行局 and the role holders, not the court', () => {
    const e = entry({ unit: '执行局', persons: [{ name: '甲', court: 'c', role: '执行局长' }, { name: '乙', court: 'c', role: '承办人' }] });
    expect(subjectsOf(baishan, e).map((s) => s.key)).toEqual(['bureau:hi-hk-zy', 'person:c:甲']);
    expect(subjectsOf(baishan, entry()).map((s) => s.key)).toEqual([]);
  });
});

describe('counting', () => {
  it('only the kinds, the issuer level and the province of the rule; never a consequence', () => {
    expect(ruleCounts(hainan, '海南省', entry())).toBe(true);
    expect(ruleCounts(hainan, '海南省', entry({ kind: '情况通报' }))).toBe(false);
    expect(ruleCounts(hainan, '海南省', entry({ issuer: 'hi-hk-zy', issuerLevel: '中院' }))).toBe(false);
    expect(ruleCounts(hainan, '吉林省', entry())).toBe(false);
    expect(ruleCounts(hainan, '海南省', entry({ source: 'rule' }))).toBe(false);
  });
  it('per window, reversed entries excluded', () => {
    const a = entry({ at: new Date('2026-03-01T01:00:00Z') });
    const b = entry({ at: new Date('2026-12-31T15:30:00Z') }); // 31 Dec 23:30 Beijing
    const c = entry({ at: new Date('2026-12-31T16:10:00Z') }); // 1 Jan 00:10 Beijing: next year
    const all = [a, b, c];
    expect(windowOf(hainan, b)).toBe('2026');
    expect(countFor(hainan, '海南省', 'court:hi-hk-zy', '2026', all, new Set())).toBe(2);
    expect(countFor(hainan, '海南省', 'court:hi-hk-zy', '2027', all, new Set())).toBe(1);
    expect(countFor(hainan, '海南省', 'court:hi-hk-zy', '2026', all, new Set([b._id]))).toBe(1);
  });
  it('raises at the threshold, once; lifts below it', () => {
    expect(decide(1, 2, false)).toBe(null);
    expect(decide(2, 2, false)).toBe('raise');
    expect(decide(3, 2, true)).toBe(null);
    expect(decide(1, 2, true)).toBe('lift');
  });
});

describe('the manifest section', () => {
  it('accepts Hainan’s and Baishan’s rules and refuses an unknown kind or subject in Chinese', () => {
    expect(ledgerSectionSchema.parse({ rules: [hainan, baishan], noticeRecipients: ['党委', '人大', '政法委'] }).rules).toHaveLength(2);
    const bad = ledgerSectionSchema.safeParse({ rules: [{ ...hainan, kinds: ['批评'], per: ['everyone'] }] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message).join('；')).toMatch(/类别应为.*计数对象应为/);
  });
});
