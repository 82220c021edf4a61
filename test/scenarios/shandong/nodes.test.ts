// 一.2(2) and 一.3 on the 执行案件 data, with the manual clock: the package's three monitoring rules
// start their processes at the exact instant — 查控期限届满前10日 (预警并督办), 立案后1个月 without
// 财产调查 (通报, in the ledger), 法定期限届满前10日 (预警提示并督办) — and not a second before; after
// the 法定期限 the executing court explains in writing, and 消极执行 goes to 纪检监察 (ledger).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj, startShandong, type Shandong } from './helpers';

const A = '（2026）鲁0102执11号'; // no 财产调查 at all
const B = '（2026）鲁0102执12号'; // 线上、线下 查控 done within the month
let h: Shandong;
const caseOfRecord = async (process: string, caseNo: string) => {
  const all = await h.casesOf(process);
  const full = await Promise.all(all.map((c) => h.view(c.id)));
  return full.filter((c) => c.case.variables.enforcementCaseNo === caseNo);
};

beforeAll(async () => {
  h = await startShandong();
  await h.setClock('2026-03-02 10:00');
  const fed = await h.feed([
    { caseNo: A, court: 'sd-jn-lx', handler: '张三', filedAt: '2026-03-02' },
    { caseNo: B, court: 'sd-jn-lx', handler: '李四', filedAt: '2026-03-02', nodes: [{ type: '总对总查控', date: '2026-03-02' }, { type: '传统查控', date: '2026-03-02' }] },
  ]);
  expect(fed.created).toBe(2);
}, 180_000);
afterAll(() => h?.close());

// 条文：山东意见 一.3(1)、一.3(2)
describe('一.3(2) 查控期限届满前10日 预警并督办', () => {
  it('starts at 3月23日 0时 (届满前10日预警 1个月 自 立案), not a second before, only for the record without both 查控', async () => {
    await h.setClock('2026-03-22 23:59');
    expect(await h.casesOf('sdPropertyWarning')).toHaveLength(0);
    await h.setClock('2026-03-23 00:00');
    const cases = await h.casesOf('sdPropertyWarning');
    expect(cases).toHaveLength(1);
    const c = await h.view(cases[0].id);
    expect(new Date(c.case.createdAt).toISOString()).toBe(bj('2026-03-23 00:00'));
    expect(c.case.variables.enforcementCaseNo).toBe(A);
    expect(c.case.supervisingCourt).toBe('sd-jn-zy');
    await h.expectOpen(cases[0].id, ['warnPropertyControl']);
    await h.complete(cases[0].id, 'warnPropertyControl');
    // 承办人签收后1个月内完成查控: 4月2日 24时.
    expect(await h.due(cases[0].id, 'propertyControlReport')).toBe(bj('2026-04-03 00:00'));
    await h.complete(cases[0].id, 'propertyControlReport', { online: true, offline: false, outcome: '查控中' });
    expect(await h.status(cases[0].id)).toBe('completed');
  });
});

// 条文：山东意见 一.3(4)
describe('一.3(4) 立案后1个月内不进行财产调查 → 节点期限届满后通报', () => {
  it('starts at 4月2日 24时 for the record without any 财产调查 node; the 通报 and the 纪检监察 referral are in the ledger', async () => {
    await h.setClock('2026-04-02 23:59');
    expect(await h.casesOf('sdNodeNotice')).toHaveLength(0);
    await h.setClock('2026-04-03 00:00');
    const [c] = await caseOfRecord('sdNodeNotice', A);
    expect(new Date(c.case.createdAt).toISOString()).toBe(bj('2026-04-03 00:00'));
    expect(await caseOfRecord('sdNodeNotice', B)).toHaveLength(0);
    await h.complete(c.case.id, 'issueNodeNotice', { consequence: '造成执行不能后果' });
    await h.complete(c.case.id, 'propertyDiscipline');
    expect(await h.status(c.case.id)).toBe('completed');
    const notices = await h.ledger('情况通报', 'sd-jn-lx');
    expect(notices.filter((e) => e.caseId === c.case.id)).toHaveLength(1);
    expect((await h.ledger('移送纪检监察', 'sd-jn-lx')).filter((e) => e.caseId === c.case.id)).toHaveLength(1);
  });
});

// 条文：山东意见 一.2(2)、一.2
describe('一.2(2) 法定期限届满前10日 预警提示、上级法院督办、届满后逐案书面说明', () => {
  let a: string;
  let b: string;
  it('starts at 8月21日 0时 for both unclosed records (届满前10日预警 6个月 自 立案), not a second before', async () => {
    await h.setClock('2026-08-20 23:59');
    expect(await h.casesOf('sdNodeWarning')).toHaveLength(0);
    await h.setClock('2026-08-21 00:00');
    const [ca] = await caseOfRecord('sdNodeWarning', A);
    const [cb] = await caseOfRecord('sdNodeWarning', B);
    a = ca.case.id;
    b = cb.case.id;
    for (const c of [ca, cb]) {
      expect(new Date(c.case.createdAt).toISOString()).toBe(bj('2026-08-21 00:00'));
      expect(c.tasks.map((t: { elementId: string }) => t.elementId)).toEqual(['warnAndSupervise']);
      expect(c.tasks[0].assignment).toMatchObject({ court: 'sd-jn-zy', role: '承办人' });
    }
  });

  it('the executing court reports by the 法定期限 (9月2日 24时); a case closed in time ends there', async () => {
    for (const id of [a, b]) await h.complete(id, 'warnAndSupervise');
    expect(await h.due(a, 'progressReport')).toBe(bj('2026-09-03 00:00'));
    await h.complete(b, 'progressReport', { status: '已结案' });
    expect(await h.status(b)).toBe('completed');
  });

  it('not closed: after the 法定期限 the written explanation opens, at the instant', async () => {
    await h.complete(a, 'progressReport', { status: '未结案' });
    expect(await h.timer(a, 'statutoryLimitExpired')).toBe(bj('2026-09-03 00:00'));
    await h.setClock('2026-09-02 23:59');
    await h.expectOpen(a, []);
    await h.setClock('2026-09-03 00:00');
    await h.expectOpen(a, ['explainInWriting']);
  });

  it('消极执行 found on review → 移送纪检监察, recorded against the executing court', async () => {
    await h.complete(a, 'explainInWriting');
    await h.complete(a, 'reviewExplanation', { negligence: '存在' });
    const t = await h.task(a, 'disciplineReferral');
    expect(t.assignment).toMatchObject({ court: 'sd-jn-zy', role: '院领导' });
    await h.complete(a, 'disciplineReferral');
    expect(await h.status(a)).toBe('completed');
    expect((await h.ledger('移送纪检监察', 'sd-jn-lx')).filter((e) => e.caseId === a)).toHaveLength(1);
  });
});
