// A form value drives a deadline, end to end through HTTP with the manual clock: the 督办函
// (uploaded as an attachment) names the report period and its service date; the report task's
// deadline and the overdue timer are `{issueSupervisionLetter.reportPeriod} 自 letterReceivedAt`
// (server/calendar/NOTATION.md 表单给定的期间).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj, startScenario, type Scenario } from './helpers';
import type { SignedIn } from '../api/helpers/testPlatform';
import { pdf } from '../api/helpers/sampleFiles';

let s: Scenario;
let upper: SignedIn; // 海南高院 承办人: writes the 督办函
let lower: SignedIn; // 海口中院 承办人: reports

beforeAll(async () => {
  s = await startScenario();
  await s.setClock('2026-09-15 09:00');
  await s.deploy('form-period.bpmn');
  upper = await s.p.login('hi-gy-chengban');
  lower = await s.p.login('hi-hk-chengban');
});
afterAll(() => s?.close());

const post = (who: SignedIn, url: string, body: object) => who.agent.post(url).set('X-CSRF-Token', who.csrfToken).send(body);

async function issueLetter(caseNo: string, period: string, receivedAt: string) {
  const started = await post(upper, '/api/cases', { process: 'formPeriod', supervisedCourt: 'hi-hk-zy', data: { enforcementCaseNo: caseNo } });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const caseId = started.body.case.id as string;
  const taskId = started.body.tasks[0].id as string;

  const view = await upper.agent.get(`/api/tasks/${taskId}`);
  expect(view.body.form).toMatchObject({ key: 'test/letter', revision: 1 });
  expect(view.body.prefill).toEqual({ caseNo, supervisedCourtName: '海口市中级人民法院' });

  const letter = await upper.agent.post(`/api/attachments?task=${taskId}`).set('X-CSRF-Token', upper.csrfToken)
    .attach('file', pdf(), { filename: '督办函.pdf', contentType: 'application/pdf' });
  expect(letter.status, JSON.stringify(letter.body)).toBe(201);
  const data = {
    caseNo: '（被改动的案号）',
    letterNo: '琼高法执督〔2026〕1号',
    letter: [{ storage: 'url', name: '督办函.pdf', url: letter.body.url, size: letter.body.size, type: 'application/pdf', data: letter.body }],
    reportPeriod: period,
    receivedAt, // as the browser's date picker sends it
    submit: true,
  };
  return { caseId, taskId, data };
}

describe('the report period written in a 督办函 sets the report deadline', () => {
  it('a letter with a date that does not exist is refused and the case does not move', async () => {
    const { caseId, taskId, data } = await issueLetter('（2026）琼01执301号', '15日', '2026-02-30');
    const r = await post(upper, `/api/tasks/${taskId}/complete`, { data });
    expect(r.status).toBe(422);
    expect(r.body.error.details).toEqual([{ field: 'receivedAt', label: '督办函送达日期', message: '督办函送达日期的日期 2026-02-30 不存在' }]);
    const c = await s.caseOf(caseId);
    expect(c.tasks.map((t: any) => t.elementId)).toEqual(['issueSupervisionLetter']);
    const notListed = await post(upper, `/api/tasks/${taskId}/complete`, { data: { ...data, receivedAt: '2026-09-15', reportPeriod: '3日' } });
    expect(notListed.body.error.details.map((d: any) => d.field)).toEqual(['reportPeriod']);
  });

  it('十五日 from a letter served on 2026-09-15: the report is due 2026-10-01 00:00, and the overdue timer fires then', async () => {
    const { caseId, taskId, data } = await issueLetter('（2026）琼01执302号', '15日', '2026-09-14T16:00:00.000Z');
    const done = await post(upper, `/api/tasks/${taskId}/complete`, { data });
    expect(done.status, JSON.stringify(done.body)).toBe(200);

    const c = await s.caseOf(caseId);
    expect(c.case.variables.issueSupervisionLetter).toMatchObject({ reportPeriod: '15日', receivedAt: '2026-09-15', letterNo: '琼高法执督〔2026〕1号' });
    expect(c.case.variables.issueSupervisionLetter.caseNo).toBeUndefined(); // prefilled: never taken from the client
    expect(c.case.variables.issueSupervisionLetter.letter).toEqual([{ id: expect.any(String), name: '督办函.pdf', size: 2048, type: 'application/pdf' }]);
    expect(c.case.variables.letterReceivedAt).toBe('2026-09-15');
    const report = c.tasks.find((t: any) => t.elementId === 'reportInWriting');
    expect(report.dueAt).toBe(bj('2026-10-01 00:00'));
    expect(c.timers.map((t: any) => [t.elementId, t.dueAt])).toEqual([['reportOverdue', bj('2026-10-01 00:00')]]);

    // The report form shows the deadline being answered.
    const view = await lower.agent.get(`/api/tasks/${report.id}`);
    expect(view.body.prefill.dueAt).toBe(bj('2026-10-01 00:00'));

    expect((await s.setClock('2026-09-30 23:59')).fired).toBe(0);
    expect((await s.caseOf(caseId)).case.status).toBe('running');
    expect((await s.setClock('2026-10-01 00:00')).fired).toBeGreaterThanOrEqual(1);
    const after = await s.caseOf(caseId);
    expect(after.case.status).toBe('completed');
    expect(after.history.filter((h: any) => h.type === 'timerFired').map((h: any) => h.element)).toEqual(['reportOverdue']);
    const late = await post(lower, `/api/tasks/${report.id}/complete`, { data: { result: '未执结' } });
    expect(late.status).toBe(409); // the deadline took the task away
  });

  it('一个月 from a letter served on 2026-10-08: a different period, a different deadline; a report in time ends the case normally', async () => {
    await s.setClock('2026-10-08 09:00');
    const { caseId, taskId, data } = await issueLetter('（2026）琼01执303号', '1个月', '2026-10-08');
    expect((await post(upper, `/api/tasks/${taskId}/complete`, { data })).status).toBe(200);
    const c = await s.caseOf(caseId);
    const report = c.tasks.find((t: any) => t.elementId === 'reportInWriting');
    expect(report.dueAt).toBe(bj('2026-11-10 00:00')); // the last day 11-08 is a Sunday: it rolls to Monday 11-09, due at its end
    const reported = await post(lower, `/api/tasks/${report.id}/complete`, { data: { result: '未执结', report: '正在执行' } });
    expect(reported.status, JSON.stringify(reported.body)).toBe(200);
    expect(reported.body.case.status).toBe('completed');
    expect((await s.caseOf(caseId)).history.some((h: any) => h.type === 'timerFired')).toBe(false);
  });
});
