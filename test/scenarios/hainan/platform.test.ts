// The 暂行规定's own procedures: 分时督办 of 执行指挥平台 items (第十八条), 挂网交办 and 核销
// (第十六条), the quarterly 通报 (第二十四条) and the yearly assessment with the 评优评先 rule
// (第二十七条、第二十八条；海南办法 第十三条、第十四条). Windows as CALENDAR.md R10 computes them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj, startHainan, type Hainan } from './helpers';

let h: Hainan;
beforeAll(async () => {
  h = await startHainan();
});
afterAll(() => h?.close());

/** An item registered by `upper` against `lower`; the lower court works on it until `doneAt`. */
async function item(tier: '中院' | '高院', dueDate: string, registeredAt: string) {
  const [starter, lower] = tier === '中院' ? ['hi-hk-chengban', 'hi-hk-qs'] : ['hi-gy-chengban', 'hi-hk-zy'];
  await h.setClock(registeredAt);
  const id = await h.open('hainanTimeSharedSupervision', lower, {}, starter);
  await h.complete(id, 'registerItem', { tier, dueDate, itemType: '终本案件' });
  return id;
}

describe('分时督办 windows (海南暂行规定 第十八条)', () => {
  it('中院 → 基层: done 09-30 10:30, checked in the next 8:00–10:00 window, 10-08 08:00 (国庆 in between)', async () => {
    const id = await item('中院', '2026-10-09', '2026-09-28 09:00');
    const t = await h.task(id, 'handleItem');
    expect(t.assignment).toEqual({ court: 'hi-hk-qs', role: '承办人' });
    expect(new Date(t.dueAt!).toISOString()).toBe(bj('2026-10-10 00:00')); // the day 10-09 ends at 24:00
    await h.setClock('2026-09-30 10:30');
    await h.complete(id, 'handleItem');
    expect(await h.timer(id, 'midWindowVerify')).toBe(bj('2026-10-08 08:00'));
    await h.setClock('2026-10-08 07:59');
    await h.expectOpen(id, []);
    await h.setClock('2026-10-08 08:00');
    const verify = await h.task(id, 'verifyItem');
    expect(verify.assignment).toEqual({ court: 'hi-hk-zy', role: '承办人' });
    await h.complete(id, 'verifyItem', { decision: '已完成' });
    expect(await h.status(id)).toBe('completed');
  });

  it('中院: done 10-09 10:20, after the window: the next one is 10-10 08:00 (a 调休 Saturday)', async () => {
    const id = await item('中院', '2026-10-16', '2026-10-09 09:00');
    await h.setClock('2026-10-09 10:20');
    await h.complete(id, 'handleItem');
    expect(await h.timer(id, 'midWindowVerify')).toBe(bj('2026-10-10 08:00'));
  });

  it('高院 → 中院: done 10-10 11:00, checked 10-12 10:00 (Sunday skipped); inside a window, at once', async () => {
    const id = await item('高院', '2026-10-16', '2026-10-10 09:00');
    await h.setClock('2026-10-10 11:00');
    await h.complete(id, 'handleItem');
    expect(await h.timer(id, 'highWindowVerify')).toBe(bj('2026-10-12 10:00'));
    await h.setClock('2026-10-12 10:00');
    // Not done after all: sent back, done again inside the window, checked in the same window.
    await h.complete(id, 'verifyItem', { decision: '退回重办' });
    await h.setClock('2026-10-12 10:30');
    await h.complete(id, 'handleItem');
    expect(await h.timer(id, 'highWindowVerify')).toBe(bj('2026-10-12 10:30'));
    await h.advance('PT1M');
    await h.expectOpen(id, ['verifyItem']);
  });

  it('超期未完成: supervised in the next window (10-10 08:00) by 电话 … 通报, with a new date; the lower court keeps its task (D4)', async () => {
    const id = await item('中院', '2026-10-09', '2026-09-28 09:00');
    await h.setClock('2026-10-10 00:00');
    expect(await h.timer(id, 'midWindowUrge')).toBe(bj('2026-10-10 08:00'));
    await h.expectOpen(id, ['handleItem']);
    await h.setClock('2026-10-10 08:00');
    await h.complete(id, 'urgeItem', { methods: { phone: true, notice: true }, newDueDate: '2026-10-16' });
    await h.complete(id, 'itemNotice', { kind: '通报批评' });
    expect((await h.variables(id)).notices).toEqual([expect.objectContaining({ court: 'hi-hk-qs', kind: '通报批评', by: 'hi-hk-zy' })]);
    await h.expectOpen(id, ['handleItem']);
    // The new date ends 10-16 at 24:00: still not done, supervised again in the next window
    // (10-17 is a Saturday: Monday 10-19 08:00).
    expect(await h.timer(id, 'itemRecheck')).toBe(bj('2026-10-17 00:00'));
    await h.setClock('2026-10-17 00:00');
    expect(await h.timer(id, 'midWindowUrge')).toBe(bj('2026-10-19 08:00'));
    // Done and confirmed in the window: the case ends, the pending supervision with it.
    await h.complete(id, 'handleItem');
    await h.setClock('2026-10-19 08:00');
    await h.complete(id, 'urgeItem', { methods: { phone: true }, newDueDate: '2026-10-23' });
    await h.complete(id, 'verifyItem', { decision: '已完成' });
    expect(await h.status(id)).toBe('completed');
  });
});

describe('挂网交办 and 核销 (海南暂行规定 第十六条)', () => {
  async function assignment(relayCourt?: string) {
    await h.setClock('2026-10-12 09:00');
    const id = await h.open('hainanOnlineAssignment', 'hi-hk-qs', {}, 'hi-gy-chengban');
    await h.complete(id, 'registerAssignment', { dueDate: '2026-10-30', ...(relayCourt ? { relayCourt } : {}) });
    expect((await h.task(id, 'assignHandler')).assignment).toEqual({ court: 'hi-hk-qs', role: '审批人' });
    await h.complete(id, 'assignHandler');
    expect(await h.due(id, 'handleAssignment')).toBe(bj('2026-10-31 00:00'));
    return id;
  }

  it('the handler applies, the executing court approves, the 中院 relays, the 交办 court checks: 核销', async () => {
    const id = await assignment('hi-hk-zy');
    await h.complete(id, 'handleAssignment');
    await h.complete(id, 'reviewWriteOff', { decision: '同意' });
    expect((await h.task(id, 'relayWriteOff')).assignment).toEqual({ court: 'hi-hk-zy', role: '承办人' });
    await h.complete(id, 'relayWriteOff');
    expect((await h.task(id, 'checkWriteOff')).assignment).toEqual({ court: 'hi-gy', role: '审查人员' });
    await h.complete(id, 'checkWriteOff', { decision: '符合核销条件' });
    expect(await h.status(id)).toBe('completed');
  });

  it('not approved by the executing court, then 继续督办 by the 交办 court with a new date', async () => {
    const id = await assignment();
    await h.complete(id, 'handleAssignment');
    await h.complete(id, 'reviewWriteOff', { decision: '不同意' });
    await h.complete(id, 'handleAssignment');
    await h.complete(id, 'reviewWriteOff', { decision: '同意' });
    await h.expectOpen(id, ['checkWriteOff']); // no relay court: straight to the 交办 court
    await h.refused(id, 'checkWriteOff', 'hi-gy-shencha', 422, { decision: '继续督办' });
    await h.complete(id, 'checkWriteOff', { decision: '继续督办', newDueDate: '2026-11-20' });
    expect(await h.due(id, 'handleAssignment')).toBe(bj('2026-11-21 00:00'));
  });

  it('超期未办理: the upper court supervises and sets a new date; the lower court keeps its task (D4)', async () => {
    const id = await assignment();
    await h.setClock('2026-10-31 00:00');
    await h.expectOpen(id, ['handleAssignment', 'urgeAssignment']);
    await h.complete(id, 'urgeAssignment', { methods: { video: true, interview: true }, newDueDate: '2026-11-06' });
    await h.expectOpen(id, ['handleAssignment']);
    expect(await h.timer(id, 'assignmentRecheck')).toBe(bj('2026-11-07 00:00'));
    // Still not handled at the new date: supervised again.
    await h.setClock('2026-11-07 00:00');
    await h.expectOpen(id, ['handleAssignment', 'urgeAssignment']);
    // The lower court applies for 核销 meanwhile; after 核销 the pending supervision ends with the case.
    await h.complete(id, 'handleAssignment');
    await h.complete(id, 'reviewWriteOff', { decision: '同意' });
    await h.complete(id, 'checkWriteOff', { decision: '符合核销条件' });
    expect(await h.status(id)).toBe('completed');
  });
});

describe('季度通报 and the yearly assessment (海南暂行规定 第二十四条、第二十七条；海南办法 第十三条)', () => {
  it('a notice at the end of each quarter, its quarter derived; the approver may send it back; the year-end assessment recommends from the ledger', async () => {
    await h.setClock('2026-09-28 09:00');
    const id = await h.open('hainanPeriodicNotice', 'hi-hk-zy', {}, 'hi-gy-chengban');
    expect(await h.timer(id, 'quarterEnds')).toBe(bj('2026-10-01 00:00'));
    await h.setClock('2026-10-01 00:00');
    await h.complete(id, 'compileQuarterlyNotice');
    // D21: the approver can refuse; the notice comes back to be revised.
    await h.complete(id, 'approveQuarterlyNotice', { decision: '退回修改', opinion: '补充逾期案件。' });
    await h.expectOpen(id, ['compileQuarterlyNotice']);
    await h.complete(id, 'compileQuarterlyNotice');
    await h.complete(id, 'approveQuarterlyNotice');
    const v = await h.variables(id);
    expect([v.noticeYear, v.noticeQuarter]).toEqual([2026, 3]);
    // The quarterly notice is a ledger entry of the 高院 itself, not of the case's nominal court (D3).
    const q = (await h.history(id)).filter((e) => e.type === 'ledgerEntry');
    expect(q.map((e) => [e.element, e.data.kind, e.data.court, e.data.period])).toEqual([['quarterlyNoticeIssued', '季度通报', 'hi-gy', '2026-Q3']]);
    expect(await h.timer(id, 'quarterEnds')).toBe(bj('2027-01-01 00:00'));
    await h.setClock('2027-01-01 00:00');
    await h.complete(id, 'compileQuarterlyNotice');
    await h.complete(id, 'approveQuarterlyNotice');
    expect((await h.variables(id)).noticeQuarter).toBe(4);
    // The answer comes from the ledger, not from what is typed (issue 15): this platform has the
    // diagrams without the published package's rule, so no consequence and no recommendation. The
    // shipped package's path (有 → 建议取消评优评先资格) is in notifications.test.ts.
    await h.complete(id, 'annualAssessment', { exclusions: '有' });
    expect((await h.variables(id)).annualAssessment).toMatchObject({ exclusions: '无', exclusionList: '2026年无' });
    expect(await h.status(id)).toBe('completed');
  });

  it('no exclusion in the ledger: no recommendation', async () => {
    await h.setClock('2026-12-15 09:00');
    const id = await h.open('hainanPeriodicNotice', 'hi-hk-zy', {}, 'hi-gy-chengban');
    await h.setClock('2027-01-01 00:00');
    await h.complete(id, 'compileQuarterlyNotice');
    await h.complete(id, 'approveQuarterlyNotice');
    await h.complete(id, 'annualAssessment', { exclusions: '无' });
    expect(await h.status(id)).toBe('completed');
  });
});
