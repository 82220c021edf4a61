// Durable timers with the manual clock: a non-interrupting warning, an interrupting deadline,
// six months and thirty days, all at the instants CALENDAR.md gives, fired only by the clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj, startScenario, type Scenario } from './helpers';

let s: Scenario;
beforeAll(async () => {
  s = await startScenario();
  await s.deploy('report-supervision.bpmn');
  await s.deploy('enforcement-period.bpmn');
});
afterAll(() => s?.close());

async function startReportCase(at: string) {
  await s.setClock(at);
  const starter = await s.as('hi-gy-chengban');
  const r = await starter.post('/api/cases', {
    process: 'reportSupervision',
    supervisedCourt: 'hi-hk-zy',
    data: { enforcementCaseNo: '（2026）琼01执123号', source: '来信' },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.case.id as string;
}

describe('a report deadline: warning, then the deadline itself', () => {
  let id: string;
  it('given a letter on 2026-09-28 15:30, the report task is due 2026-10-09 00:00 (国庆 roll)', async () => {
    id = await startReportCase('2026-09-28 15:30');
    const c = await s.caseOf(id);
    expect(c.tasks).toHaveLength(1);
    expect(c.tasks[0]).toMatchObject({ elementId: 'reportInWriting', basis: '海南办法 第六条' });
    expect(new Date(c.tasks[0].dueAt).toISOString()).toBe(bj('2026-10-09 00:00'));
    expect(c.tasks[0].assignment).toMatchObject({ court: 'hi-hk-zy', role: '承办人' });
    const overdue = c.timers.find((t: any) => t.elementId === 'reportOverdue');
    expect(new Date(overdue.dueAt).toISOString()).toBe(bj('2026-10-09 00:00'));
    expect(c.history.map((h: any) => h.type)).toContain('caseStarted');
  });

  it('the task is in the supervised court handler’s inbox, not the supervising court’s', async () => {
    const lower = await (await s.as('hi-hk-chengban')).get('/api/tasks');
    expect(lower.body.items.map((t: any) => t.case.id)).toContain(id);
    const upper = await (await s.as('hi-gy-chengban')).get('/api/tasks');
    expect(upper.body.items.map((t: any) => t.case.id)).not.toContain(id);
  });

  it('the non-interrupting warning fires on its day and leaves the task open', async () => {
    const c0 = await s.caseOf(id);
    const warning = c0.timers.find((t: any) => t.elementId === 'reportWarning');
    expect(warning).toBeDefined();
    const due = new Date(warning.dueAt);
    await s.setClock(new Date(due.getTime() - 60_000 + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' '));
    expect((await s.caseOf(id)).timers.some((t: any) => t.elementId === 'reportWarning')).toBe(true);
    await s.advance('PT1M');
    const c = await s.caseOf(id);
    expect(c.timers.some((t: any) => t.elementId === 'reportWarning')).toBe(false);
    expect(c.tasks.map((t: any) => t.elementId)).toEqual(['reportInWriting']);
    expect(c.history.filter((h: any) => h.type === 'timerFired' && h.element === 'reportWarning')).toHaveLength(1);
  });

  it('not a minute before the deadline, and at the deadline the task is taken away and 催报 opens', async () => {
    await s.setClock('2026-10-08 23:59');
    expect((await s.caseOf(id)).tasks.map((t: any) => t.elementId)).toEqual(['reportInWriting']);
    const fired = await s.advance('PT1M');
    expect(fired.fired).toBeGreaterThanOrEqual(1);
    const c = await s.caseOf(id);
    expect(c.tasks.map((t: any) => t.elementId)).toEqual(['urgeReport']);
    expect(c.tasks[0].assignment).toMatchObject({ court: 'hi-gy', role: '承办人' });
    // 催报 within 3 days from 2026-10-09: last day 10-12 (a Monday), due 10-13 00:00.
    expect(new Date(c.tasks[0].dueAt).toISOString()).toBe(bj('2026-10-13 00:00'));
    const types = c.history.map((h: any) => `${h.type}:${h.element ?? ''}`);
    expect(types).toContain('timerFired:reportOverdue');
    expect(c.history.map((h: any) => h.seq)).toEqual(c.history.map((_: any, i: number) => i + 1));
  });
});

describe('long timers: six months from 立案, then thirty days', () => {
  it('fire at 2026-10-12 (10-11 is a Sunday) and 30 days later, when the clock gets there', async () => {
    await s.setClock('2026-04-11 09:00');
    const starter = await s.as('hi-gy-chengban');
    const r = await starter.post('/api/cases', {
      process: 'enforcementPeriod', supervisedCourt: 'hi-hk-zy', data: { filedAt: '2026-04-11' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const id = r.body.case.id;
    const t0 = (await s.caseOf(id)).timers;
    expect(t0).toHaveLength(1);
    expect(new Date(t0[0].dueAt).toISOString()).toBe(bj('2026-10-13 00:00'));
    await s.setClock('2026-10-12 23:00');
    expect((await s.caseOf(id)).timers[0].elementId).toBe('sixMonths');
    await s.setClock('2026-10-13 00:00');
    const t1 = (await s.caseOf(id)).timers;
    expect(t1.map((t: any) => t.elementId)).toEqual(['thirtyDays']);
    await s.advance('P31D');
    const c = await s.caseOf(id);
    expect(c.timers).toHaveLength(0);
    expect(c.tasks.map((t: any) => t.elementId)).toEqual(['explainDelay']);
  });
});

describe('completing tasks', () => {
  it('a FEEL condition on the report chooses the path; the case ends', async () => {
    const id = await startReportCase('2026-11-02 10:00');
    const handler = await s.as('hi-hk-chengban');
    const taskId = (await s.caseOf(id)).tasks[0].id;
    const done = await handler.post(`/api/tasks/${taskId}/complete`, { data: { result: '已执结' } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const c = await s.caseOf(id);
    expect(c.case.status).toBe('completed');
    expect(c.timers).toHaveLength(0);
    const again = await handler.post(`/api/tasks/${taskId}/complete`, { data: { result: '已执结' } });
    expect(again.status).toBe(409);
  });

  it('twenty handlers completing the same task at once: one succeeds, the case advances once', async () => {
    const id = await startReportCase('2026-11-03 10:00');
    const handler = await s.as('hi-hk-chengban');
    const taskId = (await s.caseOf(id)).tasks[0].id;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => handler.post(`/api/tasks/${taskId}/complete`, { data: { result: '未执结' } })),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((x) => x === 200)).toHaveLength(1);
    expect(statuses.filter((x) => x === 409)).toHaveLength(19);
    const c = await s.caseOf(id);
    expect(c.tasks.map((t: any) => t.elementId)).toEqual(['reviewReport']);
    expect(c.history.filter((h: any) => h.type === 'taskCompleted' && h.element === 'reportInWriting')).toHaveLength(1);
  });

  it('a handler of another court cannot see or complete the task', async () => {
    const id = await startReportCase('2026-11-04 10:00');
    const taskId = (await s.caseOf(id)).tasks[0].id;
    const stranger = await s.as('ha-gy-chengban'); // 河南高院: another province
    expect((await stranger.get(`/api/cases/${id}`)).status).toBe(404);
    expect((await stranger.post(`/api/tasks/${taskId}/complete`, { data: {} })).status).toBe(404);
    // Same jurisdiction, wrong court: the supervising court's handler may see but not complete.
    const upper = await s.as('hi-gy-chengban');
    expect((await upper.post(`/api/tasks/${taskId}/complete`, { data: {} })).status).toBe(403);
  });
});

describe('a backlog after downtime, fired by several lanes at once', () => {
  it('twelve cases, each warning then deadline: every timer fires exactly once, in due order per case', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await startReportCase('2027-03-01 09:00'));
    const first = await s.caseOf(ids[0]);
    const deadline = first.timers.find((t: any) => t.elementId === 'reportOverdue').dueAt;
    // The platform was down: nothing fired until the clock comes back past both instants.
    const r = await s.setClock(new Date(Date.parse(deadline) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' '));
    expect(r.fired).toBeGreaterThanOrEqual(24);
    for (const id of ids) {
      const c = await s.caseOf(id);
      const fired = c.history.filter((h: any) => h.type === 'timerFired');
      expect(fired.map((h: any) => h.element)).toEqual(['reportWarning', 'reportOverdue']);
      expect(c.tasks.map((t: any) => t.elementId)).toEqual(['urgeReport']);
      expect(c.history.map((h: any) => h.seq)).toEqual(c.history.map((_: any, i: number) => i + 1));
    }
  });
});
