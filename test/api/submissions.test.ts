// Reading a case (issue 11, D6/D8/D15): the documents submitted on it (GET /api/cases/:id/submissions)
// for everyone who may see the case, people named 姓名（法院）, the 表单预览 routes for
// 流程管理员, the signed-out session probe, and prefilled instants as a court reads them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePrefill } from '../../server/forms';
import { startScenario, type Scenario } from '../scenarios/helpers';

let s: Scenario;
let caseId = '';

beforeAll(async () => {
  s = await startScenario();
  await s.setClock('2026-09-28 09:00');
  await s.deploy('report-supervision.bpmn');
  const starter = await s.as('hi-gy-chengban');
  const r = await starter.post('/api/cases', { process: 'reportSupervision', supervisedCourt: 'hi-hk-zy', data: { enforcementCaseNo: '（2026）琼01执200号' } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  caseId = r.body.case.id;
  await s.setClock('2026-09-30 10:00');
  const handler = await s.as('hi-hk-chengban');
  const done = await handler.post(`/api/tasks/${r.body.tasks[0].id}/complete`, { data: { result: '已执结', report: '执行款已发放。' } });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
});
afterAll(() => s?.close());

describe('GET /api/cases/:id/submissions', () => {
  it('lists each submitted form in order with its revision, its prefilled case data, who (姓名（法院）) and when', async () => {
    const upper = await s.as('hi-gy-chengban');
    const r = await upper.get(`/api/cases/${caseId}/submissions`);
    expect(r.status).toBe(200);
    expect(r.body.documents).toHaveLength(1);
    const [doc] = r.body.documents;
    expect(doc).toMatchObject({ element: 'reportInWriting', form: { key: 'test/report', revision: 1 }, by: 'hi-hk-chengban' });
    expect(doc.data).toMatchObject({ result: '已执结', report: '执行款已发放。', enforcementCaseNo: '（2026）琼01执200号' });
    expect(new Date(doc.at).toISOString()).toBe('2026-09-30T02:00:00.000Z');
    // The deadline the report answered (a date component keeps the instant).
    expect(doc.data.dueAt).toMatch(/^2026-\d\d-\d\dT16:00:00.000Z$/);
    expect(r.body.forms['test/report@1'].schema.components.length).toBeGreaterThan(3);
    expect(r.body.people['hi-hk-chengban']).toMatchObject({ name: '海口中院承办人', courtName: '海口市中级人民法院', label: '海口中院承办人（海口市中级人民法院）' });
  });

  it('is as private as the case: another court and an unknown id get 404', async () => {
    const stranger = await s.as('hi-qs-chengban');
    expect((await stranger.get(`/api/cases/${caseId}/submissions`)).status).toBe(404);
    expect((await stranger.get('/api/cases/000000000000000000000000/submissions')).status).toBe(404);
    expect((await stranger.get('/api/cases/nope/submissions')).status).toBe(404);
  });

  it('the case names every account of its record: 姓名（法院）, the system as 系统', async () => {
    const c = await s.caseOf(caseId);
    const actors = new Set(c.history.map((h: { actor: string }) => h.actor));
    for (const a of actors) expect(c.people[a as string]?.label, String(a)).toBeTruthy();
    expect(c.people['hi-gy-chengban'].label).toBe('海南高院承办人（海南省高级人民法院）');
  });
});

describe('表单预览 routes', () => {
  it('give a 流程管理员 the form with example prefill, a deadline as 2026年…日 24:00', async () => {
    const r = await s.admin.get('/api/forms/hainan/designateHandler/preview');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.form).toMatchObject({ key: 'hainan/designateHandler' });
    expect(r.body.prefill.caseNo).toBe('（2026）示例督1号');
    expect(r.body.prefill.taskDueAt).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 24:00$/);
  });

  it('check typed data as a completion would, storing nothing: 12ab is no phone number (D11)', async () => {
    const bad = await s.admin.post('/api/forms/hainan/designateHandler/preview', { data: { handlerName: '王五', handlerPhone: '12ab', route: '书面报告' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'handlerPhone' })]);
    for (const phone of ['13800138000', '0898-66666666', '089866666666', '0898-6666666-123']) {
      const ok = await s.admin.post('/api/forms/hainan/designateHandler/preview', { data: { handlerName: '王五', handlerPhone: phone, route: '书面报告' } });
      expect(ok.status, `${phone}: ${JSON.stringify(ok.body)}`).toBe(200);
    }
  });

  it('are refused to other roles', async () => {
    const handler = await s.as('hi-hk-chengban');
    expect((await handler.get('/api/forms/hainan/designateHandler/preview')).status).toBe(403);
    expect((await handler.post('/api/forms/hainan/designateHandler/preview', { data: {} })).status).toBe(403);
    expect((await s.admin.get('/api/forms/hainan/nope/preview')).status).toBe(404);
  });
});

describe('GET /api/session', () => {
  it('answers {user: null} when signed out (no 401 for the login page to log), the user when signed in', async () => {
    const anonymous = await s.p.request().get('/api/session');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ user: null });
    const signedIn = await s.p.login('hi-hk-chengban');
    const me = await signedIn.agent.get('/api/session');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('hi-hk-chengban');
    expect(typeof me.body.csrfToken).toBe('string');
  });
});

describe('prefilled instants (D8)', () => {
  const schema = {
    components: [
      { type: 'textfield', key: 'due', properties: { prefill: 'task.dueAt' } },
      { type: 'textfield', key: 'opened', properties: { prefill: 'task.openedAt' } },
      { type: 'datetime', key: 'dueDate', properties: { prefill: 'task.dueAt' } },
    ],
  };
  it('a text field reads the deadline as its last day 24:00 (Beijing), a date field keeps the instant', async () => {
    const out = await resolvePrefill(schema, {}, { dueAt: new Date('2026-12-17T16:00:00.000Z'), openedAt: new Date('2026-12-07T07:05:00.000Z') });
    expect(out).toEqual({ due: '2026年12月17日 24:00', opened: '2026年12月7日 15:05', dueDate: '2026-12-17T16:00:00.000Z' });
  });
});
