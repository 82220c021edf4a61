// A period a form sets (the report period written in a 督办函) drives the report deadline:
// `{issueSupervisionLetter.reportPeriod} 自 letterReceivedAt` in the diagram.
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../server/engine';
import { bj, CaseDriver, fixture } from './helpers';

describe('a deadline whose period a form sets', () => {
  it('deploys, and a missing FEEL name in the placeholder is reported', async () => {
    expect(await validateDefinition(fixture('form-period.bpmn'))).toEqual([]);
    const broken = fixture('form-period.bpmn').replaceAll('{issueSupervisionLetter.reportPeriod}', '{reportPeriod +}');
    const problems = await validateDefinition(broken);
    expect(problems.map((p) => p.element)).toContain('reportOverdue');
  });

  it.each([
    ['15日', '2026-09-15', '2026-10-01'], // day 15 = 09-30, a working day: no roll
    [10, '2026-09-28', '2026-10-09'], // a number means days: 10-08 is the last day
    ['1个月', '2026-01-15', '2026-02-25'], // 02-15 is 春节 → last day 02-24
  ])('the letter says %s, received %s: the report is due at %s 00:00', async (period, received, due) => {
    const c = new CaseDriver(fixture('form-period.bpmn'));
    await c.start(bj(`${received}T09:00`));
    const r = await c.complete('issueSupervisionLetter', { reportPeriod: period, receivedAt: received }, bj(`${received}T10:00`));
    expect(r.timers[0].dueAt).toBe(bj(`${due}T00:00`).toISOString());
    expect(new Date(r.openTasks[0].due!.due).toISOString()).toBe(bj(`${due}T00:00`).toISOString());
  });

  it('an empty report period stops the completion with a Chinese message', async () => {
    const c = new CaseDriver(fixture('form-period.bpmn'));
    await c.start(bj('2026-09-28T09:00'));
    await expect(c.complete('issueSupervisionLetter', { receivedAt: '2026-09-28' }, bj('2026-09-28T10:00'))).rejects.toThrow(/期间|期限/);
  });
});
