// Message catches and sends in the engine adapter: what a case waits for (name + key resolved
// when it starts waiting), what it sent, and delivery by the wait's id, across save/recover.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CaseDriver, bj, courts } from './helpers';

const scenario = (name: string) => readFileSync(new URL(`../../scenarios/fixtures/${name}`, import.meta.url), 'utf8');

describe('messages in the engine', () => {
  it('a receive task waits on name + key, takes the payload under its id, applies its outputs', async () => {
    const c = new CaseDriver(scenario('await-report.bpmn'), { ...courts, enforcementCaseNo: '（2026）琼01执5号' });
    const started = await c.start(bj('2026-03-02T09:00'));
    expect(started.messageWaits).toEqual([
      expect.objectContaining({ elementId: 'receiveReport', name: 'test/执行情况报告', key: '（2026）琼01执5号' }),
    ]);
    expect(started.events.map((e) => e.type)).toContain('messageWaiting');
    expect(started.timers.map((t) => t.elementId)).toEqual(['reportOverdue']);
    // The key is fixed when the wait opened: a later change of the case data does not move it.
    c.variables.enforcementCaseNo = '（2026）琼01执6号';
    const waitId = started.messageWaits[0].id;
    const r = await c.send({
      type: 'deliverMessage', waitId,
      message: { id: 'm1', name: 'test/执行情况报告', key: '（2026）琼01执5号', payload: { result: '已执结' } },
    }, bj('2026-03-05T10:00'));
    expect(r.messageWaits).toEqual([]);
    expect(r.timers).toEqual([]);
    expect(r.openTasks.map((t) => t.elementId)).toEqual(['reviewReport']);
    expect(r.variables.receiveReport).toEqual({ result: '已执结' });
    expect(r.variables.reportResult).toBe('已执结');
    expect(r.events.find((e) => e.type === 'messageReceived')?.data).toMatchObject({ waitId, messageId: 'm1' });
  });

  it('refuses a message for another key, and a wait that is gone', async () => {
    const c = new CaseDriver(scenario('await-report.bpmn'), { ...courts, enforcementCaseNo: 'A' });
    const started = await c.start(bj('2026-03-02T09:00'));
    const waitId = started.messageWaits[0].id;
    await expect(c.send({ type: 'deliverMessage', waitId, message: { id: 'm', name: 'test/执行情况报告', key: 'B' } }, bj('2026-03-03T09:00')))
      .rejects.toThrow(/不符/);
    await c.fire('reportOverdue', bj('2026-03-18T00:00'));
    expect(c.last.messageWaits).toEqual([]);
    await expect(c.send({ type: 'deliverMessage', waitId, message: { id: 'm', name: 'test/执行情况报告', key: 'A' } }, bj('2026-03-19T09:00')))
      .rejects.toThrow(/没有等待消息/);
  });

  it('a send task records the message with its key and payload', async () => {
    const c = new CaseDriver(scenario('lower-report.bpmn'), { ...courts, enforcementCaseNo: 'K-1' });
    await c.start(bj('2026-03-02T09:00'));
    const r = await c.complete('writeReport', { result: '已执结' }, bj('2026-03-04T09:00'));
    expect(r.status).toBe('completed');
    const sent = r.events.filter((e) => e.type === 'messageSent');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ element: 'sendReport', data: { name: 'test/执行情况报告', key: 'K-1', payload: { result: '已执结', court: courts.supervisedCourt } } });
  });

  it('a send whose key has no value fails the command (nothing saved)', async () => {
    const c = new CaseDriver(scenario('lower-report.bpmn'), { ...courts });
    await c.start(bj('2026-03-02T09:00'));
    await expect(c.complete('writeReport', { result: '已执结' }, bj('2026-03-04T09:00'))).rejects.toThrow(/关联键/);
  });
});
