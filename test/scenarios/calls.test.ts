// Call activities with the manual clock: the 高院's supervision hands a check to the 中院 as a
// case of its own (another process of the same package), waits for it, takes its report back,
// and takes the error path when the child ends in failure. A child whose start a crash lost is
// started by the next scheduler pass after a restart.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScenario, type Scenario } from './helpers';

let dataDir: string;
let s: Scenario;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'duban-calls-'));
  s = await startScenario({ dataDir, env: { LOG_LEVEL: process.env.TEST_LOG ?? 'silent' } });
  await s.setClock('2026-03-02 09:00');
  await s.deploy('call-child.bpmn');
  await s.deploy('call-parent.bpmn');
}, 60_000);
afterAll(async () => {
  await s?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const cases = () => s.p.db.connection.collection('cases');
const childOf = (parentId: string) => cases().findOne({ 'variables.parentCase.caseId': parentId });

async function startParent(enforcementCaseNo: string) {
  const r = await (await s.as('hi-gy-chengban')).post('/api/cases', { process: 'superviseWithCheck', supervisedCourt: 'hi-hk-zy', data: { enforcementCaseNo } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.case.id as string;
}

async function report(childId: string, result: string) {
  const task = (await s.caseOf(childId)).tasks.find((t: any) => t.elementId === 'checkReport');
  const r = await (await s.as('hi-hk-chengban')).post(`/api/tasks/${task.id}/complete`, { data: { result, report: '核查情况' } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

describe('a call activity to another process of the package', () => {
  it('starts the child as a linked case under the parent\'s courts, with the mapped inputs', async () => {
    const parentId = await startParent('（2026）琼01执11号');
    const child = await childOf(parentId);
    expect(child).toMatchObject({ supervisingCourt: 'hi-gy', supervisedCourt: 'hi-hk-zy', status: 'running', definition: { key: 'lowerCourtCheck' } });
    expect(child!.variables).toMatchObject({ enforcementCaseNo: '（2026）琼01执11号', instruction: '请于十日内核查', parentCase: { caseId: parentId, element: 'lowerCheck' } });
    const links = await (await s.as('hi-gy-chengban')).get(`/api/cases/${parentId}/calls`);
    expect(links.status).toBe(200);
    expect(links.body.children).toEqual([expect.objectContaining({ id: String(child!._id), caseNo: child!.caseNo, process: 'lowerCourtCheck', status: 'running', element: 'lowerCheck' })]);
    const up = await (await s.as('hi-hk-chengban')).get(`/api/cases/${child!._id}/calls`);
    expect(up.body.parent).toMatchObject({ caseId: parentId });
    // The 中院's user does not see the 高院's parent case list of calls unless it may see the case.
    expect((await (await s.as('hi-qs-chengban')).get(`/api/cases/${parentId}/calls`)).status).toBe(404);

    await report(String(child!._id), '已执结');
    const parent = await s.caseOf(parentId);
    expect(parent.tasks.map((t: any) => t.elementId)).toEqual(['reviewCheck']);
    expect(parent.case.variables).toMatchObject({ checkReport: { result: '已执结' }, settled: true, lowerCheck: { caseId: String(child!._id), outcome: 'completed' } });
    expect(parent.history.map((h: any) => h.type)).toContain('childCompleted');
  });

  it('a child that ends at its error end event sends the parent down the error path', async () => {
    const parentId = await startParent('（2026）琼01执12号');
    const child = await childOf(parentId);
    await report(String(child!._id), '未执结');
    const parent = await s.caseOf(parentId);
    expect(parent.tasks.map((t: any) => t.elementId)).toEqual(['superviseDirectly']);
    expect(parent.case.variables.lowerCheck).toMatchObject({ outcome: 'failed', error: { code: 'CANNOT_CHECK', name: '无法核查' } });
    const msg = await s.p.db.connection.collection('messages').findOne({ _id: `call:${child!._id}` } as never);
    expect(msg).toMatchObject({ status: 'consumed', consumed: { caseId: parentId } });
  });

  it('a child lost to a crash is started by the first pass after a restart, once', async () => {
    const parentId = await startParent('（2026）琼01执13号');
    const child = await childOf(parentId);
    // As if the process died right after the parent's write: no child, no trigger.
    await cases().deleteOne({ _id: child!._id });
    await s.p.db.connection.collection('startTriggers').deleteMany({ _id: { $regex: `^call:${parentId}:` } } as never);
    await s.close();
    s = await startScenario({ dataDir, env: { LOG_LEVEL: process.env.TEST_LOG ?? 'silent' } });
    await s.advance('PT1M');
    await s.advance('PT1M');
    const again = await cases().find({ 'variables.parentCase.caseId': parentId }).toArray();
    expect(again).toHaveLength(1);
    await report(String(again[0]._id), '已执结');
    expect((await s.caseOf(parentId)).tasks.map((t: any) => t.elementId)).toEqual(['reviewCheck']);
  });

  it('deploy refuses a call to a process the package does not have', async () => {
    const xml = (await import('./helpers')).fixture('call-parent.bpmn').replace('calledElement="lowerCourtCheck"', 'calledElement="noSuchProcess"');
    const r = await s.admin.post('/api/definitions', { packageId: 'test', xml });
    expect(r.status).toBe(422);
    expect(JSON.stringify(r.body)).toMatch(/不在本程序包中/);
  });
});
