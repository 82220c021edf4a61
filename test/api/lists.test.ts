// The lists a court user works from: GET /api/cases and GET /api/tasks (待办 / 已办) are paged
// on the server with a total, confined in the query to the user's jurisdiction or queues,
// searchable and sortable; bad parameters answer 400 naming the field. The worklists behind the
// inbox, 已办 and the timeliness figures are a read model: rebuilding it from the cases gives
// the live answers, and a case write whose sync was lost (a crash) is caught up at startup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseListQuery } from '../../server/cases/caseQuery';
import { seedReportProcess } from '../e2e/seed';
import { bj, startScenario, type Scenario, type User } from '../scenarios/helpers';
import { planStages } from '../conformance/helpers/harness';

let s: Scenario;
const as = (username: string) => s.as(username);
let upper: User;
let qs: User; // 琼山法院承办人 (hi-hk-qs, below 海口中院)
let hk: User; // 海口中院承办人
const started: { id: string; taskId: string; court: string; no: string }[] = [];
const setClock = (at: string) => s.setClock(at);

beforeAll(async () => {
  s = await startScenario();
  upper = await as('hi-gy-chengban');
  qs = await as('hi-qs-chengban');
  hk = await as('hi-hk-chengban');
  await seedReportProcess(s.admin);
  // 15 cases of 琼山法院 and 10 of 海口中院, one hour apart (the list's default order).
  for (let i = 0; i < 25; i++) {
    await setClock(`2026-09-${String(1 + Math.floor(i / 10)).padStart(2, '0')} ${String(8 + (i % 10)).padStart(2, '0')}:00`);
    const court = i % 5 < 3 ? 'hi-hk-qs' : 'hi-hk-zy';
    const no = `（2026）琼01执${100 + i}号`;
    const r = await upper.post('/api/cases', {
      process: 'reportSupervision', supervisedCourt: court,
      data: { enforcementCaseNo: no, ...(i === 7 ? { parties: '申请人张三丰诉被执行人某建设公司' } : {}) },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    started.push({ id: r.body.case.id, taskId: r.body.tasks[0].id, court, no });
  }
}, 240_000);
afterAll(() => s?.close());

const ids = (body: { items: { id: string }[] }) => body.items.map((c) => c.id);

describe('GET /api/cases', () => {
  it('pages a lower court’s own cases with the total, newest first', async () => {
    const own = started.filter((c) => c.court === 'hi-hk-qs');
    const first = (await qs.get('/api/cases?pageSize=10')).body;
    expect(first).toMatchObject({ total: own.length, page: 1, pageSize: 10 });
    expect(first.items).toHaveLength(10);
    const second = (await qs.get('/api/cases?pageSize=10&page=2')).body;
    expect(second.items).toHaveLength(own.length - 10);
    expect([...ids(first), ...ids(second)]).toEqual(own.map((c) => c.id).reverse());
    expect(first.items.every((c: { supervisedCourt: string }) => c.supervisedCourt === 'hi-hk-qs')).toBe(true);
    expect(first.items[0]).not.toHaveProperty('engineState');
    expect(first.items[0]).not.toHaveProperty('history');
  });

  it('gives the 中院 its own and its lower courts’ cases, narrowed by court; another province’s court gives nothing', async () => {
    expect((await hk.get('/api/cases')).body.total).toBe(25);
    expect((await hk.get('/api/cases?court=hi-hk-qs')).body.total).toBe(15);
    expect((await qs.get('/api/cases?court=hi-hk-zy')).body).toMatchObject({ total: 0, items: [] });
    expect((await (await as('jl-bs-shenpi')).get('/api/cases')).body.total).toBe(0);
  });

  it('searches 执行案号 and 当事人, and sorts oldest first on request', async () => {
    const hit = (await hk.get(`/api/cases?q=${encodeURIComponent('琼01执103')}`)).body;
    expect(ids(hit)).toEqual([started[3].id]);
    const party = (await hk.get(`/api/cases?q=${encodeURIComponent('张三丰')}`)).body;
    expect(ids(party)).toEqual([started[7].id]);
    // Typed text is text, not a pattern.
    expect((await hk.get(`/api/cases?q=${encodeURIComponent('.*')}`)).body.total).toBe(0);
    const oldest = (await hk.get('/api/cases?order=asc&pageSize=3')).body;
    expect(ids(oldest)).toEqual(started.slice(0, 3).map((c) => c.id));
    const day2 = (await hk.get('/api/cases?from=2026-09-02&to=2026-09-02')).body;
    expect(day2.total).toBe(10);
  });

  it('refuses bad parameters with 400 and the field, in Chinese', async () => {
    for (const [query, field] of [
      ['pageSize=1000', 'pageSize'], ['page=0', 'page'], ['sort=engineState', 'sort'], ['order=up', 'order'],
      ['status=open', 'status'], ['due=someday', 'due'], ['from=yesterday', 'from'], ['court=a&court=b', 'court'],
    ]) {
      const r = await hk.get(`/api/cases?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.body.error.details.map((d: { field: string }) => d.field), query).toContain(field);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('is an index range on the embedded store: a page reads no more cases than it shows', async () => {
    const q = caseListQuery({ pageSize: '5' }, ['hi-hk-qs', 'hi-hk-zy', 'hi-sy-zy'], new Date(bj('2026-09-03 12:00')));
    const plan = await s.p.db.connection.collection('cases').find(q.filter).sort(q.sort).limit(q.limit).explain('executionStats');
    expect(planStages(plan)).toContain('IXSCAN');
    if (!process.env.MONGODB_URI) expect(plan.executionStats.totalDocsExamined).toBe(5);
  });
});

describe('GET /api/tasks', () => {
  it('pages the inbox, most urgent first, with the total; another court’s handler sees none of it', async () => {
    const first = (await qs.get('/api/tasks?pageSize=10')).body;
    expect(first).toMatchObject({ total: 15, page: 1, pageSize: 10 });
    const second = (await qs.get('/api/tasks?pageSize=10&page=2')).body;
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((t: { id: string }) => t.id)).size).toBe(15);
    const dues = all.map((t: { dueAt: string }) => Date.parse(t.dueAt));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(all[0].case).toMatchObject({ supervisedCourt: 'hi-hk-qs', supervisingCourt: 'hi-gy' });
    expect((await upper.get('/api/tasks')).body.total).toBe(0);
    expect((await hk.get('/api/tasks')).body.total).toBe(10);
    expect((await qs.get(`/api/tasks?q=${encodeURIComponent('琼01执100')}`)).body.items.map((t: { id: string }) => t.id)).toEqual([started[0].taskId]);
    expect((await qs.get('/api/tasks?due=later')).status).toBe(400);
  });

  it('moves a completed task from 待办 to 已办, latest first', async () => {
    const mine = started.filter((c) => c.court === 'hi-hk-qs').slice(0, 2);
    await setClock('2026-09-04 09:00');
    for (const c of mine) {
      const r = await qs.post(`/api/tasks/${c.taskId}/complete`, { data: { result: '未执结', progress: '已冻结被执行人银行存款。' } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      await setClock('2026-09-04 10:00');
    }
    expect((await qs.get('/api/tasks')).body.total).toBe(13);
    const done = (await qs.get('/api/tasks?status=done')).body;
    expect(done.total).toBe(2);
    expect(done.items.map((t: { taskId: string }) => t.taskId)).toEqual(mine.map((c) => c.taskId).reverse());
    expect(done.items[0]).toMatchObject({ element: 'reportInWriting', by: 'hi-qs-chengban', late: false, case: { id: mine[1].id } });
    expect((await hk.get('/api/tasks?status=done')).body.total).toBe(0);
  }, 120_000);

  it('filters by deadline: due this week, overdue', async () => {
    const weekly = (await qs.get('/api/tasks?due=week&pageSize=100')).body;
    const overdue = (await qs.get('/api/tasks?due=overdue')).body;
    expect(weekly.total + overdue.total).toBeLessThanOrEqual(13);
    const all = (await qs.get('/api/tasks?pageSize=100')).body.items as { dueAt: string }[];
    const now = Date.parse(bj('2026-09-04 10:00'));
    expect(overdue.total).toBe(all.filter((t) => Date.parse(t.dueAt) <= now).length);
    expect(weekly.total).toBe(all.filter((t) => Date.parse(t.dueAt) > now && Date.parse(t.dueAt) < Date.parse(bj('2026-09-07 00:00'))).length);
    // The case list's deadline filter answers the same for the court's cases.
    expect((await qs.get('/api/cases?due=overdue')).body.total).toBe(overdue.total);
  });
});

describe('the worklists read model', () => {
  const snapshot = async () => {
    const leader = await as('hi-gy-lingdao');
    return {
      inbox: (await qs.get('/api/tasks?pageSize=100')).body,
      inboxHk: (await hk.get('/api/tasks?pageSize=100')).body,
      done: (await qs.get('/api/tasks?status=done')).body,
      stats: (await leader.get('/api/stats/overview')).body,
    };
  };

  it('rebuilt from the cases, gives the live answers (inbox, 已办, dashboard)', async () => {
    await setClock('2026-09-12 10:00'); // past some deadlines: timeliness has late tasks too
    const live = await snapshot();
    expect(live.stats.totals.late).toBeGreaterThan(0);
    expect(live.stats.totals.onTime).toBe(2);
    expect(await s.p.platform.services.worklists.rebuild()).toBe(25);
    expect(await snapshot()).toEqual(live);
  }, 120_000);

  it('catches up at startup a case whose write was not followed by its sync', async () => {
    const before = await snapshot();
    // What a crash between a case write and its sync leaves: the flag set, the rows stale.
    const db = s.p.db.connection;
    const rows = await db.collection('inbox').countDocuments({});
    const row = (await db.collection('inbox').findOne({}))!;
    await db.collection('inbox').deleteMany({ caseId: row.caseId });
    await db.collection('cases').updateOne({ _id: row.caseId }, { $set: { syncPending: true } });
    expect(await db.collection('inbox').countDocuments({})).toBeLessThan(rows);
    expect(await s.p.platform.services.worklists.prepare()).toEqual({ built: 0, caughtUp: 1 });
    expect(await snapshot()).toEqual(before);
  }, 120_000);
});
