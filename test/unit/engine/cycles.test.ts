// Timer cycles in the engine adapter: a non-interrupting boundary cycle fires one occurrence
// per command and is armed again for the next, across save/recover; a 「…日前」 occurrence
// gives the work it opens its last day.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../server/engine';
import { CaseDriver, bj } from './helpers';

const xml = readFileSync(new URL('../../scenarios/fixtures/cycles.bpmn', import.meta.url), 'utf8');
const due = (c: CaseDriver, el: string) => c.last.timers.find((t) => t.elementId === el)?.dueAt;

describe('timer cycles', () => {
  it('the fixture passes deploy validation', async () => {
    expect(await validateDefinition(xml)).toEqual([]);
  });

  it('每个工作日 9:00 and 每季度首月10日前 on a boundary: each occurrence once, then the next', async () => {
    const c = new CaseDriver(xml);
    await c.start(bj('2026-09-30T10:00'));
    expect(due(c, 'dailyRollCall')).toBe(bj('2026-10-08T09:00').toISOString()); // 国庆
    expect(due(c, 'quarterlyNotice')).toBe(bj('2026-10-01T00:00').toISOString());

    await c.fire('quarterlyNotice', bj('2026-10-01T00:00'));
    expect(c.openElements()).toEqual(['quarterlyReport', 'superviseCase']);
    const report = c.last.openTasks.find((t) => t.elementId === 'quarterlyReport')!;
    expect(report.due?.lastDay).toBe('2026-10-10'); // a 调休 working Saturday
    expect(c.variables.quarterlyNotice).toEqual({ at: bj('2026-10-01T00:00').toISOString(), dueBy: '2026-10-10', count: 1 });
    expect(due(c, 'quarterlyNotice')).toBe(bj('2027-01-01T00:00').toISOString());

    await c.fire('dailyRollCall', bj('2026-10-08T09:00'));
    expect(due(c, 'dailyRollCall')).toBe(bj('2026-10-09T09:00').toISOString());
    await c.fire('dailyRollCall', bj('2026-10-09T09:00'));
    expect(due(c, 'dailyRollCall')).toBe(bj('2026-10-10T09:00').toISOString()); // 调休 Saturday
    expect(c.variables.dailyRollCall).toMatchObject({ count: 2 });
    // bpmn-elements runs one execution of an activity at a time: the second day's 点名 opens
    // when the first is done (a token queued in the engine state, not lost).
    expect(c.last.openTasks.filter((t) => t.elementId === 'rollCall')).toHaveLength(1);
    await c.complete('rollCall', { result: '未执结' }, bj('2026-10-09T10:00'));
    expect(c.last.openTasks.filter((t) => t.elementId === 'rollCall')).toHaveLength(1);
    await c.complete('rollCall', { result: '未执结' }, bj('2026-10-09T11:00'));
    expect(c.last.openTasks.filter((t) => t.elementId === 'rollCall')).toHaveLength(0);
    expect(c.history.filter((e) => e.type === 'timerFired' && e.element === 'dailyRollCall')).toHaveLength(2);

    // Firing an occurrence before its instant is refused.
    await expect(c.fire('dailyRollCall', bj('2026-10-10T08:59'))).rejects.toThrow();

    // The supervised work ends: the cycles stop with it.
    await c.complete('superviseCase', {}, bj('2026-10-10T10:00'));
    expect(c.last.timers).toEqual([]);
    expect(c.openElements()).toEqual(['quarterlyReport']);
  });
});

describe('deploy rules of cycles', () => {
  it('refuses a cycle the calendar cannot read, and a cycle on an interrupting boundary', async () => {
    const bad = xml.replace('<bpmn:timeCycle>每个工作日 9:00</bpmn:timeCycle>', '<bpmn:timeCycle>每两周</bpmn:timeCycle>');
    const p1 = await validateDefinition(bad);
    expect(p1).toEqual([expect.objectContaining({ code: 'TIMER_CYCLE', element: 'dailyRollCall' })]);
    expect(p1[0].message).toMatch(/周期「每两周」无法识别/);
    const interrupting = xml.replace('id="quarterlyNotice" name="季度通报" attachedToRef="superviseCase" cancelActivity="false"', 'id="quarterlyNotice" name="季度通报" attachedToRef="superviseCase"');
    const p2 = await validateDefinition(interrupting);
    expect(p2).toEqual([expect.objectContaining({ code: 'TIMER_CYCLE', element: 'quarterlyNotice' })]);
    expect(p2[0].message).toMatch(/中断型/);
  });
});
