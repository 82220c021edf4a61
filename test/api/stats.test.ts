// The dashboard figures (server/stats/README.md) on the real store with the manual clock:
// open / due this week / overdue per court, on time versus late, 通报, and jurisdiction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOfBeijingWeek } from '../../server/stats/week';
import { seedReportProcess } from '../e2e/seed';
import { bj, startScenario, type Scenario, type User } from '../scenarios/helpers';

let s: Scenario;
const as = (username: string) => s.as(username);
let upper: User;

beforeAll(async () => {
  s = await startScenario();
  upper = await as('hi-gy-chengban');
  await seedReportProcess(s.admin);
});
afterAll(() => s?.close());

const setClock = (at: string) => s.setClock(at);
async function start(court: string, caseNo: string) {
  const r = await upper.post('/api/cases', { process: 'reportSupervision', supervisedCourt: court, data: { enforcementCaseNo: caseNo } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

describe('week', () => {
  it('ends at next Monday 00:00 Beijing, also from a Sunday evening and a Monday midnight', () => {
    expect(endOfBeijingWeek(new Date(bj('2026-10-07 10:00'))).toISOString()).toBe(bj('2026-10-12 00:00'));
    expect(endOfBeijingWeek(new Date(bj('2026-10-11 23:59'))).toISOString()).toBe(bj('2026-10-12 00:00'));
    expect(endOfBeijingWeek(new Date(bj('2026-10-12 00:00'))).toISOString()).toBe(bj('2026-10-19 00:00'));
  });
});

describe('GET /api/stats/overview', () => {
  it('counts open, due this week, overdue, on time and late per court', async () => {
    await setClock('2026-09-28 15:30'); // report due 2026-10-09 00:00 (国庆)
    await start('hi-hk-zy', '（2026）琼01执1号');
    const late = await start('hi-hk-qs', '（2026）琼0107执2号');
    const onTime = await start('hi-hk-qs', '（2026）琼0107执3号');
    const qs = await as('hi-qs-chengban');
    await setClock('2026-10-05 09:00');
    const done = await qs.post(`/api/tasks/${onTime.tasks[0].id}/complete`, { data: { result: '未执结', progress: '已冻结被执行人银行存款十二万元。' } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    await setClock('2026-10-08 12:00'); // due tomorrow 00:00: this week (Mon 10-12 ends it)

    const leader = await as('hi-gy-lingdao');
    let s = (await leader.get('/api/stats/overview')).body;
    expect(s.load).toEqual(
      expect.arrayContaining([
        { court: 'hi-hk-zy', open: 1, dueThisWeek: 1, overdue: 0 },
        { court: 'hi-hk-qs', open: 2, dueThisWeek: 1, overdue: 0 },
      ]),
    );
    expect(s.timeliness).toEqual([{ court: 'hi-hk-qs', onTime: 1, late: 0 }]);

    // The deadline passes: both remaining reports are taken away by 报告逾期 (late), 催报 opens.
    await setClock('2026-10-09 00:00');
    s = (await leader.get('/api/stats/overview')).body;
    expect(s.timeliness).toEqual(
      expect.arrayContaining([
        { court: 'hi-hk-qs', onTime: 1, late: 1 },
        { court: 'hi-hk-zy', onTime: 0, late: 1 },
      ]),
    );
    expect(s.totals).toMatchObject({ open: 3, onTime: 1, late: 2 });
    // 催报 is due 10-13 00:00: after this week's end (10-12 00:00), so not "this week".
    expect(s.totals.dueThisWeek).toBe(0);

    // Overdue: 催报 itself left open past its due instant (the reported case waits for its
    // review, which has no deadline, so it is open but not overdue).
    await setClock('2026-10-13 08:00');
    s = (await leader.get('/api/stats/overview')).body;
    expect(s.totals).toMatchObject({ open: 3, overdue: 2 });
    expect(s.load.find((c: { court: string }) => c.court === 'hi-hk-qs')).toMatchObject({ open: 2, overdue: 1 });
    const detail = await leader.get(`/api/cases/${late.case.id}`);
    expect(detail.body.tasks.map((t: { elementId: string }) => t.elementId)).toEqual(['urgeReport']);
  });

  it('a 中院 leader sees only its own jurisdiction; handlers may not read stats', async () => {
    const hk = await as('hi-hk-shenpi');
    const s = (await hk.get('/api/stats/overview')).body;
    expect(s.load.map((c: { court: string }) => c.court).sort()).toEqual(['hi-hk-qs', 'hi-hk-zy']);
    const other = await as('jl-bs-shenpi');
    expect((await other.get('/api/stats/overview')).body.totals.open).toBe(0);
    expect((await (await as('hi-qs-chengban')).get('/api/stats/overview')).status).toBe(403);
  });
});

describe('GET /api/definitions/:key/:version', () => {
  it('gives any signed-in user the diagram a case runs on; 404 for an unknown version, 400 for a bad one', async () => {
    const handler = await as('hi-qs-chengban');
    const r = await handler.get('/api/definitions/reportSupervision/1');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ key: 'reportSupervision', version: 1 });
    expect(r.body.xml).toContain('<bpmn:userTask id="reportInWriting"');
    expect((await handler.get('/api/definitions/reportSupervision/99')).status).toBe(404);
    expect((await handler.get('/api/definitions/reportSupervision/abc')).status).toBe(400);
    expect((await s.p.request().get('/api/definitions/reportSupervision/1')).status).toBe(401);
  });
});
