// The deadline calculator and the holiday calendar over HTTP, and what entering a year's
// notice does to pending deadlines (CALENDAR.md R11).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj, startScenario, type Scenario } from '../scenarios/helpers';

let s: Scenario;
beforeAll(async () => {
  s = await startScenario();
});
afterAll(() => s?.close());

describe('GET /api/deadline', () => {
  it('answers the worked example 五日内 from 2026-09-28 15:30', async () => {
    const r = await s.admin.get(`/api/deadline?from=${encodeURIComponent('2026-09-28T15:30:00+08:00')}&period=P5D`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ due: bj('2026-10-09 00:00'), lastDay: '2026-10-08', provisional: false });
    expect(r.body.rule).toMatch(/日/);
  });
  it('marks a result in an unpublished year as provisional', async () => {
    const r = await s.admin.get(`/api/deadline?from=2026-12-28&period=P5WD`);
    expect(r.body).toMatchObject({ lastDay: '2027-01-05', provisional: true });
  });
  it('refuses a bad period with a Chinese message', async () => {
    const r = await s.admin.get('/api/deadline?from=2026-09-28&period=P5X');
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });
  it('needs a signed-in user', async () => {
    expect((await s.p.request().get('/api/deadline?period=P5D')).status).toBe(401);
  });
});

describe('GET/PUT /api/calendar/:year', () => {
  it('shows 2026 with its 国庆 holidays and 调休 working days', async () => {
    const r = await s.admin.get('/api/calendar/2026');
    expect(r.body.published).toBe(true);
    expect(r.body.weekdayHolidays).toContain('2026-10-01');
    expect(r.body.makeUpWorkdays).toEqual(expect.arrayContaining(['2026-10-10', '2026-02-14']));
  });

  it('refuses bad entries, naming each, and saves nothing', async () => {
    const r = await s.admin.put('/api/calendar/2027', {
      entries: [{ date: '2027-02-30', kind: 'rest' }, { date: '2026-05-01', kind: 'rest' }, { date: '2027-03-03', kind: 'work' }],
    });
    expect(r.status).toBe(422);
    expect(r.body.error.details.map((d: any) => d.field)).toEqual(['entries[0]', 'entries[1]', 'entries[2]']);
    expect((await s.admin.get('/api/calendar/2027')).body.published).toBe(false);
  });

  it('a handler may read but not change the calendar', async () => {
    const handler = await s.as('hi-hk-chengban');
    expect((await handler.get('/api/calendar/2027')).status).toBe(200);
    expect((await handler.put('/api/calendar/2027', { entries: [] })).status).toBe(403);
  });

  it('entering the 2027 notice recomputes a provisional deadline, re-arms it and records it', async () => {
    await s.deploy('enforcement-period.bpmn');
    await s.setClock('2026-08-05 10:00');
    const started = await (await s.as('hi-gy-chengban')).post('/api/cases', {
      process: 'enforcementPeriod', supervisedCourt: 'hi-hk-zy', data: { filedAt: '2026-08-05' },
    });
    const id = started.body.case.id;
    const before = (await s.caseOf(id)).timers[0];
    // 2027-02-05 is 除夕 → projected rest through 02-08 → 2027-02-09, provisional.
    expect(new Date(before.dueAt).toISOString()).toBe(bj('2027-02-10 00:00'));
    expect(before.deadline.provisional).toBe(true);

    // A notice that rests 02-05 … 02-11 moves the last day to Friday 02-12.
    const rest = ['05', '06', '07', '08', '09', '10', '11'].map((d) => ({ date: `2027-02-${d}`, kind: 'rest', name: '春节' }));
    const put = await s.admin.put('/api/calendar/2027', { entries: [{ date: '2027-01-01', kind: 'rest' }, ...rest] });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.recomputed.changed.map((c: any) => c.caseId)).toContain(id);

    const after = await s.caseOf(id);
    expect(new Date(after.timers[0].dueAt).toISOString()).toBe(bj('2027-02-13 00:00'));
    expect(after.timers[0].deadline.provisional).toBe(false);
    expect(after.history.map((h: any) => h.type)).toContain('deadlineChanged');
    // The timer fires at its new instant, not the old one.
    await s.setClock('2027-02-12 12:00');
    expect((await s.caseOf(id)).timers[0].elementId).toBe('sixMonths');
    await s.setClock('2027-02-13 00:00');
    expect((await s.caseOf(id)).timers[0].elementId).toBe('thirtyDays');
  });
});
