// Timer and message start events in the engine adapter and at deploy: the start event has
// already happened when the platform starts the case (server/starts), so it passes through with
// what it carried under its id; the rules refuse what the platform could not start.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../server/engine';
import { CaseDriver, bj, courts } from './helpers';

const scenario = (name: string) => readFileSync(new URL(`../../scenarios/fixtures/${name}`, import.meta.url), 'utf8');

describe('start events in the engine', () => {
  it('a timer start passes through: the occurrence is read from the case data', async () => {
    const c = new CaseDriver(scenario('timer-start-rollcall.bpmn'), { ...courts, rollCallDue: { at: bj('2026-10-08T09:00').toISOString(), count: 1 } });
    const r = await c.start(bj('2026-10-08T09:00'));
    expect(r.timers).toEqual([]);
    expect(r.openTasks.map((t) => t.elementId)).toEqual(['rollCall']);
    expect(r.openTasks[0].due?.lastDay).toBe('2026-10-08');
  });

  it('a message start passes through with the payload under its id', async () => {
    const c = new CaseDriver(scenario('message-start-request.bpmn'), { ...courts, requestReceived: { result: '未执结' } });
    const r = await c.start(bj('2026-03-02T09:00'));
    expect(r.messageWaits).toEqual([]);
    expect(r.openTasks.map((t) => t.elementId)).toEqual(['reviewRequest']);
  });

  it('a message END event sends its message (the api reports the event definition\'s type)', async () => {
    const c = new CaseDriver(scenario('message-start-sender.bpmn'), { ...courts });
    await c.start(bj('2026-03-02T09:00'));
    const r = await c.complete('writeRequest', { result: '未执结', report: '请求督导' }, bj('2026-03-04T09:00'));
    expect(r.status).toBe('completed');
    expect(r.events.filter((e) => e.type === 'messageSent')).toEqual([
      expect.objectContaining({ element: 'sent', data: expect.objectContaining({ name: 'test/请求上级督导', key: courts.supervisedCourt, payload: { result: '未执结', report: '请求督导' } }) }),
    ]);
    expect(r.events.map((e) => e.type)).toContain('eventReached');
  });
});

describe('deploy rules of start events', () => {
  const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"';
  const props = (p: Record<string, string>) => `<bpmn:extensionElements><camunda:properties>${
    Object.entries(p).map(([k, v]) => `<camunda:property name="${k}" value="${v}"/>`).join('')}</camunda:properties></bpmn:extensionElements>`;
  const diagram = (start: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="defs" targetNamespace="http://duban.court/test">
  <bpmn:message id="m" name="test/请求"/><bpmn:message id="anon"/>
  <bpmn:process id="proc" isExecutable="true">
    ${start}${extra}
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end"/><bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>`;
  const timer = (body: string, p: Record<string, string> = {}) =>
    `<bpmn:startEvent id="start">${Object.keys(p).length ? props(p) : ''}<bpmn:timerEventDefinition>${body}</bpmn:timerEventDefinition></bpmn:startEvent>`;

  it('the scenario diagrams pass', async () => {
    for (const f of ['timer-start-rollcall.bpmn', 'timer-start-monthly.bpmn', 'message-start-request.bpmn', 'message-start-sender.bpmn']) {
      expect(await validateDefinition(scenario(f)), f).toEqual([]);
    }
  });

  it.each([
    ['a timer start with a duration', 'START_TIMER', diagram(timer('<bpmn:timeDuration>P1D</bpmn:timeDuration>'))],
    ['a timer start with a cycle the calendar cannot read', 'TIMER_CYCLE', diagram(timer('<bpmn:timeCycle>每逢初一</bpmn:timeCycle>'))],
    ['start.courts that is no level', 'START_COURTS', diagram(timer('<bpmn:timeCycle>每月</bpmn:timeCycle>', { 'start.courts': '下级法院' }))],
    ['an unknown start field', 'START_FIELD', diagram(timer('<bpmn:timeCycle>每月</bpmn:timeCycle>', { 'start.court': '中院' }))],
    ['a second start event beside a timer start', 'START_COUNT', diagram(timer('<bpmn:timeCycle>每月</bpmn:timeCycle>'), '<bpmn:startEvent id="other"/><bpmn:sequenceFlow id="f2" sourceRef="other" targetRef="end"/>')],
    ['a message start without a name', 'MESSAGE_NAME', diagram('<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="anon"/></bpmn:startEvent>')],
    ['a message start court expression with an unknown name', 'START_FEEL', diagram(`<bpmn:startEvent id="start">${props({ 'start.supervisingCourt': 'requester.court' })}<bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent>`)],
  ])('%s is refused', async (_what, code, xml) => {
    const problems = await validateDefinition(xml);
    const p = problems.find((x) => x.code === code);
    expect(p, JSON.stringify(problems)).toBeDefined();
    expect(p!.message).toMatch(/[\u4e00-\u9fff]/);
    expect(p!.line).toBeGreaterThan(1);
  });

  it('a timer start inside an event sub-process is still refused', async () => {
    const xml = diagram('<bpmn:startEvent id="start"/>', `<bpmn:subProcess id="sub" triggeredByEvent="true">
      <bpmn:startEvent id="subStart"><bpmn:timerEventDefinition><bpmn:timeCycle>每月</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
      <bpmn:sequenceFlow id="sf" sourceRef="subStart" targetRef="subEnd"/><bpmn:endEvent id="subEnd"/></bpmn:subProcess>`);
    expect((await validateDefinition(xml)).map((p) => p.code)).toContain('EVENT_SUBPROCESS_TIMER');
  });
});
