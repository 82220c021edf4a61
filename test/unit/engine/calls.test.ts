// Call activities to another process of the package, in the engine adapter: the call asks for a
// child case with its inputs and waits, across save/recover, for the child's outcome.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../server/engine';
import { CaseDriver, bj, courts } from './helpers';

const scenario = (name: string) => readFileSync(new URL(`../../scenarios/fixtures/${name}`, import.meta.url), 'utf8');

async function called() {
  const c = new CaseDriver(scenario('call-parent.bpmn'), { ...courts, enforcementCaseNo: '（2026）琼01执9号' });
  const r = await c.start(bj('2026-03-02T09:00'));
  return { c, r };
}

describe('call activities in the engine', () => {
  it('asks for the child with its inputs and waits under its own key', async () => {
    const { r } = await called();
    const asked = r.events.find((e) => e.type === 'childRequested')!;
    expect(asked).toMatchObject({ element: 'lowerCheck', data: { process: 'lowerCourtCheck', input: { enforcementCaseNo: '（2026）琼01执9号', instruction: '请于十日内核查' } } });
    expect(r.messageWaits).toEqual([expect.objectContaining({ elementId: 'lowerCheck', name: 'call:lowerCourtCheck', key: asked.data!.callId })]);
    expect(r.openTasks).toEqual([]);
  });

  it('a completed child: outputs mapped, the parent goes on (after a save/recover)', async () => {
    const { c, r } = await called();
    const waitId = r.messageWaits[0].id;
    const done = await c.send({ type: 'deliverMessage', waitId, message: { id: 'call:1', name: 'call:lowerCourtCheck', key: waitId,
      payload: { caseId: 'c1', caseNo: '（2026）琼执督2号', outcome: 'completed', variables: { checkReport: { result: '已执结' } } } } }, bj('2026-03-05T09:00'));
    expect(done.openTasks.map((t) => t.elementId)).toEqual(['reviewCheck']);
    expect(done.variables).toMatchObject({ checkReport: { result: '已执结' }, settled: true, lowerCheck: { caseId: 'c1', caseNo: '（2026）琼执督2号', outcome: 'completed' } });
    expect(done.events.map((e) => e.type)).toContain('childCompleted');
  });

  it('a failed child takes the error boundary', async () => {
    const { c, r } = await called();
    const waitId = r.messageWaits[0].id;
    const done = await c.send({ type: 'deliverMessage', waitId, message: { id: 'call:1', name: 'call:lowerCourtCheck', key: waitId,
      payload: { caseId: 'c1', caseNo: 'X', outcome: 'failed', error: { code: 'CANNOT_CHECK', name: '无法核查' } } } }, bj('2026-03-05T09:00'));
    expect(done.openTasks.map((t) => t.elementId)).toEqual(['superviseDirectly']);
    expect(done.events.map((e) => e.type)).toContain('childFailed');
    expect(done.variables.lowerCheck).toMatchObject({ outcome: 'failed', error: { code: 'CANNOT_CHECK' } });
  });

  it('a child that ends at an error end event says so', async () => {
    const c = new CaseDriver(scenario('call-child.bpmn'), { ...courts });
    await c.start(bj('2026-03-02T09:00'));
    const r = await c.complete('checkReport', { result: '未执结' }, bj('2026-03-04T09:00'));
    expect(r.status).toBe('completed');
    expect(r.events.find((e) => e.type === 'eventReached')).toMatchObject({ element: 'failed', data: { error: { code: 'CANNOT_CHECK', name: '无法核查' } } });
  });
});

describe('deploy rules of call activities', () => {
  it('the scenario diagrams pass; the call names a process of the package', async () => {
    expect(await validateDefinition(scenario('call-parent.bpmn'))).toEqual([]);
    expect(await validateDefinition(scenario('call-child.bpmn'))).toEqual([]);
    expect(await validateDefinition(scenario('call-parent.bpmn'), { knownProcesses: ['lowerCourtCheck'] })).toEqual([]);
    const p = await validateDefinition(scenario('call-parent.bpmn'), { knownProcesses: ['other'] });
    expect(p.map((x) => x.code)).toEqual(['CALL_ACTIVITY_TARGET']);
    expect(p[0].message).toMatch(/不在本程序包中/);
  });

  it.each([
    ['variables="all"', '<camunda:in variables="all"/>'],
    ['a mapping without a source', '<camunda:in target="x"/>'],
    ['an input over an unknown name', '<camunda:in sourceExpression="noSuchName" target="x"/>'],
    ['a JUEL input', '<camunda:in sourceExpression="${a}" target="x"/>'],
  ])('%s is refused', async (_what, mapping) => {
    const xml = scenario('call-parent.bpmn').replace('<camunda:in source="enforcementCaseNo" target="enforcementCaseNo"/>', mapping);
    const problems = await validateDefinition(xml);
    expect(problems.length, JSON.stringify(problems)).toBeGreaterThan(0);
    expect(problems.every((x) => ['CALL_MAPPING', 'DOLLAR_EXPRESSION'].includes(x.code))).toBe(true);
  });
});
