// A fixed-date deadline in a running case (Yunnan: 2018年3月底前 整改完毕; Shandong: 6月10日前
// 报送自查报告, a date without a year read in the year the timer starts), with its warning.
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../server/engine';
import { CaseDriver, bj } from './helpers';

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"';
const xml = (deadline: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="defs" targetNamespace="http://duban.court/test">
  <bpmn:process id="selfInspection" isExecutable="true">
    <bpmn:startEvent id="start"/><bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="report"/>
    <bpmn:userTask id="report" name="报送自查报告" camunda:formKey="test/report" camunda:candidateGroups="{court: supervisedCourt, role: &quot;承办人&quot;}"/>
    <bpmn:boundaryEvent id="reportWarning" attachedToRef="report" cancelActivity="false">
      <bpmn:timerEventDefinition><bpmn:timeDuration>届满前10日预警 ${deadline}</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="reportWarning" targetRef="warned"/><bpmn:endEvent id="warned"/>
    <bpmn:boundaryEvent id="reportOverdue" attachedToRef="report">
      <bpmn:timerEventDefinition><bpmn:timeDate>${deadline}</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="reportOverdue" targetRef="late"/><bpmn:endEvent id="late"/>
    <bpmn:sequenceFlow id="f3" sourceRef="report" targetRef="done"/><bpmn:endEvent id="done"/>
  </bpmn:process>
</bpmn:definitions>`;

describe('fixed-date deadlines', () => {
  it('6月10日前 in a case started in 2026: warned on 05-29 (05-31 is a Sunday), overdue from 06-11 00:00', async () => {
    expect(await validateDefinition(xml('6月10日前'), { knownForms: ['test/report'] })).toEqual([]);
    const c = new CaseDriver(xml('6月10日前'));
    await c.start(bj('2026-05-06T09:00'));
    const due = Object.fromEntries(c.last.timers.map((t) => [t.elementId, t.dueAt]));
    expect(due.reportWarning).toBe(bj('2026-05-29T00:00').toISOString());
    expect(due.reportOverdue).toBe(bj('2026-06-11T00:00').toISOString());
  });

  it('2018年3月底前: the last day 03-31 ends at 24:00', async () => {
    const c = new CaseDriver(xml('2018年3月底前'));
    await c.start(bj('2018-01-15T09:00'));
    expect(c.last.timers.find((t) => t.elementId === 'reportOverdue')?.dueAt).toBe(bj('2018-04-01T00:00').toISOString());
  });
});
