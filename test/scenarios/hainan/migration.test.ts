// Running Hainan cases started on package v1 (the shipped diagrams before the review, kept as
// fixtures in test/scenarios/fixtures/hainan-v1/) move to v2: the dry run lists each case with
// its due instants before and after and changes nothing; the real run moves them, records it,
// and they go on under the corrected rules (D1, D4, D8). No element of v1 was renamed or
// removed, so no idMap is needed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj, startHainan, type Hainan } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const V1 = path.join(import.meta.dirname, '../fixtures/hainan-v1');

let h: Hainan;
let report: string; // waiting for the lower court's written report
let opinion: string; // waiting for a handling opinion to be followed
let online: string; // 挂网交办 waiting for the executing court
beforeAll(async () => {
  h = await startHainan({ diagramsDir: V1 });
  await h.setClock('2026-09-28 10:00');
  report = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-09-28' });
  await h.complete(report, 'reviewComplaint', { decision: '督办', resultRequired: true });
  await h.complete(report, 'issueSupervisionLetter', { reportPeriod: 15 });
  await h.complete(report, 'designateHandler');

  opinion = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-09-28' });
  await h.complete(opinion, 'reviewComplaint', { decision: '督办' });
  await h.complete(opinion, 'issueSupervisionLetter', { reportPeriod: 15 });
  await h.complete(opinion, 'designateHandler');
  await h.complete(opinion, 'reportInWriting');
  await h.complete(opinion, 'reviewReport', { decision: '提出书面意见' });
  await h.complete(opinion, 'issueWrittenOpinion', { implementPeriod: 10 });

  await h.setClock('2026-10-12 09:00');
  online = await h.open('hainanOnlineAssignment', 'hi-hk-qs', {}, 'hi-gy-chengban');
  await h.complete(online, 'registerAssignment', { dueDate: '2026-10-30' });
  await h.complete(online, 'assignHandler');
}, 300_000); // installing v1 and walking three cases is slow on a busy machine
afterAll(() => h?.close());

const deployV2 = async (file: string) => {
  const xml = readFileSync(path.join(ROOT, 'processes/hainan', file), 'utf8');
  const r = await h.s.admin.post('/api/definitions', { packageId: 'hainan', xml });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.version as number;
};
const migrate = (key: string, dryRun: boolean) =>
  h.s.admin.post(`/api/definitions/${key}/migrate`, { fromVersion: 1, toVersion: 2, dryRun });

describe('package v1 → v2 for running cases', () => {
  it('v2 is published next to v1; the running cases stay on v1 until migrated', async () => {
    expect(await deployV2('supervision.bpmn')).toBe(2);
    expect(await deployV2('online-assignment.bpmn')).toBe(2);
    for (const id of [report, opinion, online]) expect((await h.view(id)).case.definition.version).toBe(1);
  });

  it('the dry run lists every running case with its due instants before and after, and changes nothing', async () => {
    await h.setClock('2026-10-12 10:00');
    const r = await migrate('hainanSupervision', true);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.counts).toEqual({ 'would-migrate': 2 });
    const a = r.body.cases.find((c: { caseId: string }) => c.caseId === report);
    expect(a.changes).toEqual(expect.arrayContaining([
      { element: 'reportInWriting', kind: 'task', before: bj('2026-10-14 00:00'), after: bj('2026-10-14 00:00') },
      { element: 'reportOverdue', kind: 'timer', before: bj('2026-10-14 00:00'), after: bj('2026-10-14 00:00') },
    ]));
    const b = r.body.cases.find((c: { caseId: string }) => c.caseId === opinion);
    expect(b.changes).toEqual(expect.arrayContaining([
      { element: 'implementOpinion', kind: 'task', before: bj('2026-10-20 00:00'), after: bj('2026-10-20 00:00') },
    ]));
    const o = await migrate('hainanOnlineAssignment', true);
    expect(o.body.counts).toEqual({ 'would-migrate': 1 });
    for (const id of [report, opinion, online]) {
      const c = await h.view(id);
      expect(c.case.definition.version).toBe(1);
      expect(c.history.some((e: { type: string }) => e.type === 'migrated')).toBe(false);
    }
  });

  it('the real run moves them and records it in each case’s history', async () => {
    expect((await migrate('hainanSupervision', false)).body.counts).toEqual({ migrated: 2 });
    expect((await migrate('hainanOnlineAssignment', false)).body.counts).toEqual({ migrated: 1 });
    for (const id of [report, opinion, online]) {
      const c = await h.view(id);
      expect(c.case.definition.version).toBe(2);
      expect(c.history.filter((e: { type: string }) => e.type === 'migrated')).toHaveLength(1);
    }
  });

  it('D8 on a migrated case: the written report opens the 专报反馈', async () => {
    await h.complete(report, 'reportInWriting');
    await h.expectOpen(report, ['feedbackOnReport', 'reviewReport']);
  });

  it('D1 on a migrated case: the opinion not followed after 催办 must be notified, 说明原因 is not open', async () => {
    await h.until(opinion, 'opinionOverdueTenDays');
    await h.complete(opinion, 'decideUrging', { measure: '催办函' });
    await h.complete(opinion, 'urgingLetter', { compliancePeriod: 5 });
    await h.until(opinion, 'urgingIgnored');
    await h.complete(opinion, 'handleRefusal', { measure: '说明原因', explainPeriod: 5 });
    await h.expectOpen(opinion, ['notice']);
  });

  it('D4 on a migrated case: at the due date the executing court keeps its task while the upper court supervises', async () => {
    await h.setClock('2026-10-31 00:00');
    await h.expectOpen(online, ['handleAssignment', 'urgeAssignment']);
  });
});
