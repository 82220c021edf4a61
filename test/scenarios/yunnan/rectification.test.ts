// A 整改事项 of the 2018 programme walked from the 高院's record to the areas check: distributed to
// two 中院 (昆明, 红河) and through them to four 基层 courts; one 基层 court (个旧) reports late —
// warned before the date, 督办 when it passes, 约谈 when it still has not reported ten days after —
// then the 中院 consolidate and report to the 高院, which checks by area and records 约谈 /
// 派驻工作组 / 严肃处理 in the ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj, startYunnan, type Yunnan } from './helpers';

let y: Yunnan;
let id: string;
beforeAll(async () => {
  y = await startYunnan('2018-02-05 09:00');
}, 180_000);
afterAll(() => y?.close());

// 条文：云南整改方案 三.(一)、三.(三)、四.(一)、四.(二)
describe('整改事项 (云南整改方案 三.(三)、四.(二))', () => {
  it('the 高院 records the item, its requirement and date, and the 中院 it goes to', async () => {
    id = await y.open('yunnanRectification', 'yn-gy-chengban', { area: '二.(三) 执行案件规范化', itemTitle: '案件节点信息录入不完整' });
    expect(await y.openIds(id)).toEqual(['recordItem']);
    // 五日 from Monday 5 February ends on Saturday the 10th, a rest day; Sunday the 11th is a 调休
    // working day (春节 2018), so the last day rolls to it.
    expect((await y.task(id, 'recordItem')).dueAt).toBe(bj('2018-02-12 00:00'));
    await y.complete(id, 'recordItem', { deadline: '2018-03-31', intermediateCourts: ['yn-km-zy', 'yn-hh-zy'] });
    expect((await y.task(id, 'approveItem')).dueAt).toBe(bj('2018-02-09 00:00'));
    await y.complete(id, 'approveItem');
    const deploy = await y.open_(id, 'deployRectification');
    expect(deploy.map((t) => t.assignment.court).sort()).toEqual(['yn-hh-zy', 'yn-km-zy']);
    expect((await y.view(id)).case.supervisedCourts).toEqual(['yn-km-zy', 'yn-hh-zy']);
  });

  it('each 中院 passes it to its 基层 courts; every court then reports in writing by the date', async () => {
    await y.complete(id, 'deployRectification', { lowerCourts: ['yn-km-wh', 'yn-km-pl'] }, { court: 'yn-km-zy' });
    await y.complete(id, 'deployRectification', { lowerCourts: ['yn-hh-mz', 'yn-hh-gj'] }, { court: 'yn-hh-zy' });
    const reports = await y.open_(id, 'reportRectification');
    expect(reports.map((t) => t.assignment.court).sort()).toEqual(['yn-hh-gj', 'yn-hh-mz', 'yn-hh-zy', 'yn-km-pl', 'yn-km-wh', 'yn-km-zy']);
    for (const t of reports) expect(t.dueAt).toBe(bj('2018-04-01 00:00'));
    const v = await y.variables(id);
    expect(v.lateCourts.sort()).toEqual(['yn-hh-gj', 'yn-hh-mz', 'yn-hh-zy', 'yn-km-pl', 'yn-km-wh', 'yn-km-zy']);
    // The 基层 court sees its own task; another court's 承办人 may not complete it.
    const wh = await y.task(id, 'reportRectification', 'yn-km-wh');
    const r = await (await y.s.as('yn-pl-chengban')).post(`/api/tasks/${wh.id}/complete`, { data: { completion: '已整改完毕', measures: 'x', effect: 'x' } });
    expect(r.status).toBe(403);
    for (const court of ['yn-km-zy', 'yn-hh-zy', 'yn-km-wh', 'yn-km-pl', 'yn-hh-mz']) await y.complete(id, 'reportRectification', {}, { court });
    expect((await y.variables(id)).lateCourts).toEqual(['yn-hh-gj']);
  });

  it('five days before the date the late court is warned; when the date passes it is 督办, ten days later 约谈', async () => {
    // 届满前5日: the date's last day is 31 March, so the warning comes at the start of 26 March.
    expect(await y.timer(id, 'reportWarning')).toBe(bj('2018-03-26 00:00'));
    await y.setClock('2018-03-26 08:00');
    const h = await y.history(id);
    expect(h.some((e) => e.type === 'eventReached' && e.element === 'deadlineWarned')).toBe(true);
    // Within three days of the date the late court's 承办人 gets the platform's 临期预警 message.
    await y.setClock('2018-03-29 09:00');
    const messages = async (who: string) => ((await (await y.s.as(who)).get('/api/notifications?pageSize=100')).body.items as { kind: string; caseId?: string }[])
      .filter((m) => m.caseId === id).map((m) => m.kind);
    expect(await messages('yn-gj-chengban')).toContain('临期预警');
    expect(await messages('yn-mz-chengban')).not.toContain('临期预警');
    expect(await y.timer(id, 'reportOverdue')).toBe(bj('2018-04-01 00:00'));
    await y.setClock('2018-04-01 09:00');
    expect(await messages('yn-gj-chengban')).toContain('逾期');
    expect(await y.openIds(id)).toEqual(['reportRectification', 'superviseLate']);
    await y.complete(id, 'superviseLate');
    const supervised = await y.ledger('yn-gy-shenpi', 'kind=督办&year=2018');
    expect(supervised.map((e) => e.court)).toEqual(['yn-hh-gj']);
    expect(supervised[0].issuer).toBe('yn-gy');
    expect(await y.timer(id, 'afterSupervision')).toBe(bj('2018-04-12 00:00'));
    await y.setClock('2018-04-12 09:00');
    await y.complete(id, 'interviewLate');
    const interviews = await y.ledger('yn-gy-shenpi', 'kind=约谈&year=2018');
    expect(interviews.map((e) => e.court)).toEqual(['yn-hh-gj']);
    expect(interviews[0].reason).toContain('督办后仍未书面报告');
  });

  it('the late court reports; each 中院 consolidates and reports to the 高院 (三.(三))', async () => {
    await y.complete(id, 'reportRectification', { completion: '部分完成' }, { court: 'yn-hh-gj' });
    const consolidate = await y.open_(id, 'consolidateReport');
    expect(consolidate.map((t) => t.assignment.court).sort()).toEqual(['yn-hh-zy', 'yn-km-zy']);
    // 2018年3月底前 has passed: the consolidated reports are overdue from the start.
    for (const t of consolidate) expect(t.dueAt).toBe(bj('2018-04-01 00:00'));
    await y.complete(id, 'consolidateReport', {}, { court: 'yn-km-zy' });
    await y.complete(id, 'consolidateReport', { completion: '部分完成', problems: '个旧法院整改迟缓' }, { court: 'yn-hh-zy' });
    expect(await y.openIds(id)).toEqual(['checkByArea']);
  });

  it('the 高院 checks by area: 约谈, 派驻工作组 and 严肃处理 go into the ledger, and the item is closed', async () => {
    await y.complete(id, 'checkByArea', {
      interviewCourts: ['yn-hh-zy'], workTeamCourts: ['yn-hh-gj'], seriousCourts: ['yn-hh-gj'], handlingReason: '整改落实效果不明显，问题仍然突出',
    });
    expect(await y.status(id)).not.toBe('running');
    expect(await y.openIds(id)).toEqual([]);
    const all = await y.ledger('yn-gy-shenpi', 'year=2018');
    const byKind = (k: string) => all.filter((e) => e.kind === k && e.caseId === id).map((e) => e.court).sort();
    expect(byKind('约谈')).toEqual(['yn-hh-gj', 'yn-hh-zy']);
    expect(byKind('派驻工作组')).toEqual(['yn-hh-gj']);
    expect(byKind('严肃处理')).toEqual(['yn-hh-gj']);
    expect(byKind('督办')).toEqual(['yn-hh-gj']);
    // The 中院 sees the entries about its own 基层 court, not those of the other 中院's.
    const hh = await y.ledger('yn-km-shenpi', 'year=2018');
    expect(hh.every((e) => e.court.startsWith('yn-km'))).toBe(true);
  });
});
