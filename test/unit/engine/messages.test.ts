// Message catches and sends in the engine adapter: what a case waits for (name + key resolved
// when it starts waiting), what it sent, and delivery by the wait's id, across save/recover.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../server/engine';
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

describe('deploy rules of messages', () => {
  const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"';
  const props = (p: Record<string, string>) => `<bpmn:extensionElements><camunda:properties>${
    Object.entries(p).map(([k, v]) => `<camunda:property name="${k}" value="${v}"/>`).join('')}</camunda:properties></bpmn:extensionElements>`;
  const diagram = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="defs" targetNamespace="http://duban.court/test">
  <bpmn:message id="m" name="test/报告"/>
  <bpmn:process id="proc" isExecutable="true">
    <bpmn:startEvent id="start"/><bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="el"/>
    ${body}
    <bpmn:sequenceFlow id="f1" sourceRef="el" targetRef="end"/><bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>`;

  it('the shipped-style sender and receiver pass', async () => {
    expect(await validateDefinition(scenario('lower-report.bpmn'))).toEqual([]);
    expect(await validateDefinition(scenario('await-report.bpmn'))).toEqual([]);
  });

  it.each([
    ['a catch without a key', 'MESSAGE_KEY', `<bpmn:receiveTask id="el" messageRef="m"/>`],
    ['a key with an unknown name', 'MESSAGE_FEEL', `<bpmn:receiveTask id="el" messageRef="m">${props({ 'message.key': 'noSuchName' })}</bpmn:receiveTask>`],
    ['a payload on a catch', 'MESSAGE_FIELD', `<bpmn:receiveTask id="el" messageRef="m">${props({ 'message.key': 'enforcementCaseNo', 'message.payload': '1' })}</bpmn:receiveTask>`],
    ['an unknown message field', 'MESSAGE_FIELD', `<bpmn:sendTask id="el" messageRef="m">${props({ 'message.key': 'enforcementCaseNo', 'message.to': 'x' })}</bpmn:sendTask>`],
    ['an expiry the calendar cannot read', 'MESSAGE_EXPIRES', `<bpmn:sendTask id="el" messageRef="m">${props({ 'message.key': 'enforcementCaseNo', 'message.expires': '很久' })}</bpmn:sendTask>`],
    ['a message without a name', 'MESSAGE_NAME', `<bpmn:intermediateThrowEvent id="el">${props({ 'message.key': 'enforcementCaseNo' })}<bpmn:messageEventDefinition/></bpmn:intermediateThrowEvent>`],
    ['a message sent and caught in the same file', 'MESSAGE_SAME_FILE', `<bpmn:receiveTask id="el" messageRef="m">${props({ 'message.key': 'enforcementCaseNo' })}</bpmn:receiveTask>
      <bpmn:intermediateThrowEvent id="again">${props({ 'message.key': 'enforcementCaseNo' })}<bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateThrowEvent>`],
  ])('%s is refused', async (_what, code, body) => {
    const problems = await validateDefinition(diagram(body));
    const p = problems.find((x) => x.code === code);
    expect(p, JSON.stringify(problems)).toBeDefined();
    expect(p!.message).toMatch(/[\u4e00-\u9fff]/);
    expect(p!.line).toBeGreaterThan(1);
  });
});
