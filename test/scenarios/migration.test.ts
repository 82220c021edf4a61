// An administrator changes a deadline, publishes a new version and migrates running cases:
// the dry run lists old and new due instants, the real run re-arms the timers and records it,
// and a case that cannot be mapped is refused by name and stays on its version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj, fixture, startScenario, type Scenario } from './helpers';

let s: Scenario;
let caseId: string;
beforeAll(async () => {
  s = await startScenario();
  await s.deploy('report-supervision.bpmn');
  await s.setClock('2026-09-28 15:30');
  const r = await (await s.as('hi-gy-chengban')).post('/api/cases', { process: 'reportSupervision', supervisedCourt: 'hi-hk-zy' });
  expect(r.status).toBe(201);
  caseId = r.body.case.id;
});
afterAll(() => s?.close());

const deployXml = async (xml: string) => {
  const r = await s.admin.post('/api/definitions', { packageId: 'test', xml });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.version as number;
};

describe('changing the report period from 5日 to 10日', () => {
  let v2: number;
  it('publishes version 2; the running case stays on version 1', async () => {
    const xml = fixture('report-supervision.bpmn').replaceAll('>5日<', '>10日<').replace('camunda:dueDate="5日"', 'camunda:dueDate="10日"').replace('届满前2日预警 5日', '届满前2日预警 10日');
    v2 = await deployXml(xml);
    expect(v2).toBe(2);
    expect((await s.caseOf(caseId)).case.definition.version).toBe(1);
  });

  it('the dry run lists the case with its old and new due instants and changes nothing', async () => {
    const r = await s.admin.post('/api/definitions/reportSupervision/migrate', { fromVersion: 1, toVersion: v2, dryRun: true });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const entry = r.body.cases.find((c: any) => c.caseId === caseId);
    expect(entry.status).toBe('would-migrate');
    const overdue = entry.changes.find((c: any) => c.element === 'reportOverdue');
    // 10日 from 2026-09-28: day 10 = 10-08 (a working day) → due 10-09 00:00; 5日 rolled to the same day.
    expect(overdue.before).toBe(bj('2026-10-09 00:00'));
    expect(overdue.after).toBe(bj('2026-10-09 00:00'));
    expect((await s.caseOf(caseId)).case.definition.version).toBe(1);
  });

  it('the real run moves the case, records it, and the timer fires at the new instant', async () => {
    const r = await s.admin.post('/api/definitions/reportSupervision/migrate', { fromVersion: 1, toVersion: v2, dryRun: false });
    expect(r.body.counts).toMatchObject({ migrated: 1 });
    const c = await s.caseOf(caseId);
    expect(c.case.definition.version).toBe(v2);
    expect(c.history.filter((h: any) => h.type === 'migrated')).toHaveLength(1);
    expect(c.tasks.map((t: any) => t.elementId)).toEqual(['reportInWriting']);
    await s.setClock('2026-10-09 00:00');
    expect((await s.caseOf(caseId)).tasks.map((t: any) => t.elementId)).toEqual(['urgeReport']);
  });
});

describe('a case that cannot be mapped', () => {
  it('is refused by name and element, and keeps waiting on its own version', async () => {
    await s.setClock('2026-11-02 09:00');
    const started = await (await s.as('hi-gy-chengban')).post('/api/cases', { process: 'reportSupervision', supervisedCourt: 'hi-hk-zy' });
    const id = started.body.case.id;
    const from = started.body.case.definition.version;
    const renamed = fixture('report-supervision.bpmn').replaceAll('reportInWriting', 'writtenReport');
    const v = await deployXml(renamed);
    const r = await s.admin.post('/api/definitions/reportSupervision/migrate', { fromVersion: from, toVersion: v, dryRun: false });
    const entry = r.body.cases.find((c: any) => c.caseId === id);
    expect(entry.status).toBe('refused');
    expect(JSON.stringify(entry.problems)).toContain('reportInWriting');
    const c = await s.caseOf(id);
    expect(c.case.definition.version).toBe(from);
    expect(c.tasks.map((t: any) => t.elementId)).toEqual(['reportInWriting']);
    // With the mapping given, it migrates.
    const mapped = await s.admin.post('/api/definitions/reportSupervision/migrate', {
      fromVersion: from, toVersion: v, dryRun: false, idMap: { reportInWriting: 'writtenReport' },
    });
    expect(mapped.body.cases.find((c: any) => c.caseId === id).status).toBe('migrated');
    expect((await s.caseOf(id)).tasks.map((t: any) => t.elementId)).toEqual(['writtenReport']);
  });

  it('bad migrate input is a 400 with the fields named; an unknown version a 404', async () => {
    const bad = await s.admin.post('/api/definitions/reportSupervision/migrate', { fromVersion: 'x', toVersion: 2 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('fromVersion');
    const missing = await s.admin.post('/api/definitions/reportSupervision/migrate', { fromVersion: 1, toVersion: 99 });
    expect(missing.status).toBe(404);
    const handler = await s.as('hi-gy-chengban');
    expect((await handler.post('/api/definitions/reportSupervision/migrate', { fromVersion: 1, toVersion: 2 })).status).toBe(403);
  });
});
