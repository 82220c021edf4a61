// A task's form: the revision pinned by its case's definition version (kept until the case is
// migrated), the case data shown read-only, and server-side validation at completion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startScenario, type Scenario } from '../scenarios/helpers';

let s: Scenario;
let handler: Awaited<ReturnType<Scenario['as']>>;
beforeAll(async () => {
  s = await startScenario();
  await s.setClock('2026-09-28 09:00');
  await s.deploy('report-supervision.bpmn'); // v1 pins test/report revision 1
  handler = await s.as('hi-hk-chengban');
});
afterAll(() => s?.close());

async function startCase(caseNo = '（2026）琼01执100号') {
  const starter = await s.as('hi-gy-chengban');
  const r = await starter.post('/api/cases', { process: 'reportSupervision', supervisedCourt: 'hi-hk-zy', data: { enforcementCaseNo: caseNo } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { caseId: r.body.case.id as string, taskId: r.body.tasks[0].id as string };
}

const reportV2 = () => {
  const schema = JSON.parse(fixture('forms/test/report.json'));
  schema.components.splice(3, 0, { type: 'datetime', key: 'reportedAt', label: '报告日期', input: true, enableTime: false, validate: { required: true } });
  return schema;
};

describe('GET /api/tasks/:id', () => {
  it('returns the task, its pinned form, the prefilled case data and whether the user may complete it', async () => {
    const { taskId } = await startCase();
    const r = await handler.get(`/api/tasks/${taskId}`);
    expect(r.status).toBe(200);
    expect(r.body.form).toMatchObject({ key: 'test/report', revision: 1 });
    expect(r.body.form.schema.components.map((c: any) => c.key)).toContain('result');
    expect(r.body.prefill).toEqual({ enforcementCaseNo: '（2026）琼01执100号', dueAt: r.body.task.dueAt });
    expect(r.body.mayComplete).toBe(true);
    const upper = await s.as('hi-gy-chengban');
    expect((await upper.get(`/api/tasks/${taskId}`)).body.mayComplete).toBe(false);
  });
});

describe('a task no longer open', () => {
  it('GET says it is done (404 已办结), a second completion 409, an unknown id 404 不存在', async () => {
    const { taskId } = await startCase('（2026）琼01执101号');
    const done = await handler.post(`/api/tasks/${taskId}/complete`, { data: { result: '已执结' } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const view = await handler.get(`/api/tasks/${taskId}`);
    expect(view.status).toBe(404);
    expect(view.body.error.message).toBe('该任务已办结');
    const again = await handler.post(`/api/tasks/${taskId}/complete`, { data: { result: '已执结' } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('该任务已办结，不能再次提交');
    const unknown = await handler.get('/api/tasks/nope_123');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('待办任务不存在');
  });
});

describe('completing a task', () => {
  it('refuses invalid data with 422, one Chinese entry per field with its label, and changes nothing', async () => {
    const { caseId, taskId } = await startCase('（2026）琼01执101号');
    const r = await handler.post(`/api/tasks/${taskId}/complete`, { data: { result: '大概执结了', report: { html: '<b>x</b>' } } });
    expect(r.status).toBe(422);
    expect(r.body.error.details).toEqual([
      { field: 'result', label: '执行情况', message: '执行情况的值不在可选项中' },
      { field: 'report', label: '报告内容', message: '报告内容应为文字' },
    ]);
    const missing = await handler.post(`/api/tasks/${taskId}/complete`, { data: {} });
    expect(missing.body.error.details).toEqual([{ field: 'result', label: '执行情况', message: '执行情况为必填项' }]);
    const c = await s.caseOf(caseId);
    expect(c.tasks.map((t: any) => t.id)).toEqual([taskId]);
    expect(c.history.some((h: any) => h.type === 'taskCompleted')).toBe(false);
  });

  it('hands the CLEANED data to the engine (FEEL sees it), drops prefilled and unknown fields, records the submission once', async () => {
    const { caseId, taskId } = await startCase('（2026）琼01执102号');
    const data = { result: '已执结', report: '已全部执行完毕', enforcementCaseNo: '（伪造）', dueAt: '2099-01-01', isAdmin: true, submit: true };
    const r = await handler.post(`/api/tasks/${taskId}/complete`, { data });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.case.status).toBe('completed'); // the gateway read reportInWriting.result
    const c = await s.caseOf(caseId);
    expect(c.case.variables.reportInWriting).toEqual({ result: '已执结', report: '已全部执行完毕', materials: [] });
    expect(c.case.subject.enforcementCaseNo).toBe('（2026）琼01执102号');

    const subs = await s.p.db.connection.collection('submissions').find({ taskId }).toArray();
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({ taskId, form: { key: 'test/report', revision: 1 }, data: { result: '已执结', report: '已全部执行完毕' }, by: 'hi-hk-chengban' });
    expect(String(subs[0].caseId)).toBe(caseId);
    expect((await handler.post(`/api/tasks/${taskId}/complete`, { data })).status).toBe(409);
    expect(await s.p.db.connection.collection('submissions').countDocuments({ taskId })).toBe(1);
  });
});

describe('a case keeps the forms it started with unless migrated', () => {
  it('a new revision pins into a new version; running cases keep revision 1 until migrated, then use revision 2', async () => {
    const old = await startCase('（2026）琼01执103号');
    const saved = await s.admin.post('/api/forms/test/report/revisions', { schema: reportV2() });
    expect(saved.body).toMatchObject({ revision: 2, unchanged: false });
    const v2 = await s.admin.post('/api/definitions', { packageId: 'test', xml: fixture('report-supervision.bpmn') });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ version: 2, forms: { 'test/report': 2 } });

    // The running case still answers revision 1 (no 报告日期).
    expect((await handler.get(`/api/tasks/${old.taskId}`)).body.form.revision).toBe(1);
    // A case started now uses revision 2, whose new field is required.
    const fresh = await startCase('（2026）琼01执104号');
    expect((await handler.get(`/api/tasks/${fresh.taskId}`)).body.form.revision).toBe(2);
    const refused = await handler.post(`/api/tasks/${fresh.taskId}/complete`, { data: { result: '未执结' } });
    expect(refused.body.error.details.map((d: any) => d.field)).toEqual(['reportedAt']);

    const migrated = await s.admin.post('/api/definitions/reportSupervision/migrate', { fromVersion: 1, toVersion: 2, dryRun: false });
    expect(migrated.status, JSON.stringify(migrated.body)).toBe(200);
    expect((await handler.get(`/api/tasks/${old.taskId}`)).body.form.revision).toBe(2);
    const done = await handler.post(`/api/tasks/${old.taskId}/complete`, { data: { result: '未执结', reportedAt: '2026-09-29' } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const sub = await s.p.db.connection.collection('submissions').findOne({ taskId: old.taskId });
    expect(sub).toMatchObject({ form: { key: 'test/report', revision: 2 }, data: { result: '未执结', reportedAt: '2026-09-29' } });
  });
});
