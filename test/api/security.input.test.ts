// Bounded inputs (security probe F5 IN-20/21, F6 IN-24/25, F8 IN-26, F13 AZ-81, F15 XS-01,
// F16 IN-06/PK-07b): each probe request again, answered with a Chinese 4xx, never a 500, and
// without stalling the platform.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScenario, type Scenario } from '../scenarios/helpers';
import { edit, sampleFiles, zipOf } from '../unit/packages/fixtures/harness';

let s: Scenario;
beforeAll(async () => {
  s = await startScenario();
  await s.deploy('report-supervision.bpmn');
});
afterAll(() => s?.close());

const chinese = (body: any) => expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);

describe('F5/F16: GET /api/deadline is bounded', () => {
  it.each(['P2000000WD', 'P3000000WD', 'P99999999999D', 'P99999999M', 'PT999999999999999999H', 'P5000D'])('%s → 400 at once', async (period) => {
    const user = await s.as('hi-qs-chengban');
    const started = Date.now();
    const r = await user.get(`/api/deadline?from=2026-12-01T00:00:00%2B08:00&period=${period}`);
    expect(r.status).toBe(400);
    chinese(r.body);
    expect(Date.now() - started).toBeLessThan(2000);
  });
  it('a far future start that overflows the calendar is a 400 too', async () => {
    const r = await (await s.as('hi-qs-chengban')).get('/api/deadline?from=9999-12-01&period=P100D');
    expect(r.status).toBe(400);
  });
  it('an ordinary period still computes', async () => {
    const r = await (await s.as('hi-qs-chengban')).get('/api/deadline?from=2026-12-01T00:00:00%2B08:00&period=P5WD');
    expect(r.status).toBe(200);
  });
});

describe('F6: the client cannot choose the 督办案号 (IN-24, IN-25)', () => {
  it.each([['（2026）督第999号'], [{ $gt: '' }]])('caseNo %j → 400, nothing stored', async (caseNo) => {
    const starter = await s.as('hi-gy-chengban');
    const before = await s.p.db.connection.collection('cases').countDocuments();
    const r = await starter.post('/api/cases', { process: 'reportSupervision', supervisedCourt: 'hi-hk-zy', caseNo });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0]).toMatchObject({ field: 'caseNo' });
    expect(await s.p.db.connection.collection('cases').countDocuments()).toBe(before);
  });
});

describe('F8: case start data is bounded (IN-26, IN-15, IN-16, IN-04)', () => {
  const start = async (data: unknown) => (await s.as('hi-gy-chengban')).post('/api/cases', { process: 'reportSupervision', supervisedCourt: 'hi-hk-zy', data });
  it.each([
    ['a 1.5 MB title', { title: '大'.repeat(500_000) }],
    ['a 201-character title', { title: '大'.repeat(201) }],
    ['a title that is not text', { title: { a: 1 } }],
    ['an RTL override', { parties: 'invoice\u202Efdp.exe.pdf' }],
    ['a $ key', { $where: 1 }],
    ['a dotted key', { 'a.b': 1 }],
    ['100 KB of fields', Object.fromEntries([...Array(400)].map((_, i) => [`f${i}`, 'x'.repeat(250)]))],
  ])('%s → 400 with the field', async (_name, data) => {
    const r = await start(data);
    expect(r.status).toBe(400);
    chinese(r.body);
    expect(r.body.error.details[0].field).toMatch(/^data/);
  });
  it('nesting 10,000 levels → 400 with the field (sent as raw JSON: the client cannot stringify it)', async () => {
    const { agent, csrfToken } = await s.p.login('hi-gy-chengban');
    const raw = `{"process":"reportSupervision","supervisedCourt":"hi-hk-zy","data":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`;
    const r = await agent.post('/api/cases').set('X-CSRF-Token', csrfToken).type('json').send(raw);
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].field).toMatch(/^data/);
  });
  it('ordinary start data is accepted', async () => {
    expect((await start({ title: '关于某案的督办', enforcementCaseNo: '（2026）琼01执1号' })).status).toBe(201);
  });
});

describe('F13: a foreign court’s completed task is 404, not 409 (AZ-81)', () => {
  it('a 河南 user gets 404 for a completed 海南 task; the assignee gets 409', async () => {
    const c = await (await s.as('hi-gy-chengban')).post('/api/cases', { process: 'reportSupervision', supervisedCourt: 'hi-hk-zy' });
    const taskId = c.body.tasks[0].id;
    const handler = await s.as('hi-hk-chengban');
    const done = await handler.post(`/api/tasks/${taskId}/complete`, { data: { result: '已执结' } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const foreign = await (await s.as('ha-kf-chengban')).post(`/api/tasks/${taskId}/complete`, { data: {} });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.message).toBe('待办任务不存在');
    expect((await handler.post(`/api/tasks/${taskId}/complete`, { data: {} })).status).toBe(409);
  });
});

describe('F16: a task submission nested 10,000 levels (IN-06)', () => {
  it('→ 422, not 500', async () => {
    const c = await (await s.as('hi-gy-chengban')).post('/api/cases', { process: 'reportSupervision', supervisedCourt: 'hi-hk-zy' });
    const { agent, csrfToken } = await s.p.login('hi-hk-chengban');
    const raw = `{"data":{"result":"已执结","deep":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}}`;
    const r = await agent.post(`/api/tasks/${c.body.tasks[0].id}/complete`).set('X-CSRF-Token', csrfToken).type('json').send(raw);
    expect(r.status).toBe(422);
    chinese(r.body);
  });
});

describe('F15: the form save policy refuses active HTML (XS-01)', () => {
  it.each([
    '<svg/onload=alert(1)>',
    '<img/src=x/onerror=alert(1)>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<form action="https://evil.example/x"><button>提交</button></form>',
    '<p style="x" onclick=alert(1)>x</p>',
  ])('%s → 422', async (html) => {
    const r = await s.admin.post('/api/forms/test%2Fxss/revisions', { schema: { components: [{ type: 'content', key: 'n', input: false, html }] } });
    expect(r.status).toBe(422);
    chinese(r.body);
  });
  it('ordinary content HTML is kept', async () => {
    const r = await s.admin.post('/api/forms/test%2Fxss/revisions', { schema: { components: [{ type: 'content', key: 'n', input: false, html: '<p class="text-muted">依据：海南办法 第三条</p>' }] } });
    expect(r.status).toBe(201);
  });
});

describe('F16: a diagram with 150,000 attributes (PK-07b)', () => {
  it('→ a quick 422 with problems, not 500', async () => {
    const attrs = [...Array(150_000)].map((_, i) => ` a${i}="x"`).join('');
    const files = edit(sampleFiles('bigattrs'), 'processes/report.bpmn', (x) => x.replace(/<bpmn:process /, `<bpmn:process${attrs} `));
    const zip = await zipOf(files);
    for (const url of ['/api/packages', '/api/packages/validate']) {
      const r = await s.p.agent().post(url); // anonymous first: 401, nothing parsed
      expect(r.status).toBe(401);
    }
    const admin = await s.p.login('admin');
    const imported = await admin.agent.post('/api/packages').set('X-CSRF-Token', admin.csrfToken).type('application/zip').send(zip);
    expect(imported.status).toBeLessThan(500);
    expect(imported.status).toBeGreaterThanOrEqual(400);
    const checked = await admin.agent.post('/api/packages/validate').set('X-CSRF-Token', admin.csrfToken).type('application/zip').send(zip);
    expect(checked.status).toBe(200);
  });
});
